import { describe, expect, it } from 'vitest';
import { retentionBelowRegulatoryText } from './governance-findings.ts';
import { priorityTargetsMissingText } from './support-findings.ts';

describe('the PRIORITY_MATRIX_INCOMPLETE text for missing targets', () => {
  it('names the one target a severity lacks', () => {
    expect(priorityTargetsMissingText('Severity 2', ['resolution'])).toEqual({
      message: 'Severity 2 has no resolution target.',
      fix: 'State the resolution target of Severity 2.',
    });
  });

  it('asks for both when a severity lacks both', () => {
    expect(priorityTargetsMissingText('Severity 3', ['response', 'resolution'])).toEqual({
      message: 'Severity 3 has no response or resolution target.',
      fix: 'State the response and resolution target of Severity 3.',
    });
  });
});

describe('the RETENTION_BELOW_REGULATORY text', () => {
  const rule = { name: 'Commercial letters', reference: 'HGB §257', retentionDays: 31 };

  it('names the regulation with its reference, and days that are no whole number of years as days only', () => {
    expect(retentionBelowRegulatoryText('Nightly backup', 'Mail', 30, rule)).toEqual({
      message: 'Nightly backup keeps backups of Mail for 30 days, but Commercial letters (HGB §257) requires 31 days.',
      fix: 'Retain backups for at least 31 days, if need be in an archive tier, or document why Commercial letters does not apply.',
    });
  });

  it('leaves out an empty reference, says one day in the singular and adds the years of a whole year', () => {
    const text = retentionBelowRegulatoryText('Nightly backup', 'Mail', 1, {
      ...rule,
      reference: '',
      retentionDays: 365,
    });
    expect(text.message).toBe(
      'Nightly backup keeps backups of Mail for 1 day, but Commercial letters requires 365 days (1 year).',
    );
    expect(text.fix).toContain('at least 365 days (1 year),');
  });
});
