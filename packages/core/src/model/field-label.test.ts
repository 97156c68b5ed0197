import { describe, expect, it } from 'vitest';
import { requirementsSchema } from './requirements.schema.ts';
import { TEMPLATES } from '../templates/index.ts';
import { describeField, itemNames, words } from './field-label.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

describe('describeField', () => {
  const names = itemNames(messaging);

  it('names items by their display names and fields by what people call them', () => {
    expect(describeField('/functions/mailbox-access/recovery/site-loss/rtoSeconds', names)).toBe(
      'Mailbox access · site loss · RTO',
    );
    expect(describeField('/support/severities/sev1/responseSeconds', names)).toBe(
      'support · Severity 1 — outage · response',
    );
    expect(describeField('/components/dns/instances', names)).toBe('Internal DNS · instances');
    expect(describeField('/support/coverageCalendarId', names)).toBe('support · support calendar');
    expect(describeField('/recoveryTests', names)).toBe('recovery tests');
    expect(describeField('/functions/mailbox-access/design/scr/replayLagSeconds', names)).toBe(
      'Mailbox access · design · SCR · replay lag',
    );
    expect(describeField('/recoveryTests/restore-test/everyDays', names)).toBe(
      'restore test of Mailbox access · interval',
    );
  });

  it('falls back to the id for items it does not know', () => {
    expect(describeField('/functions/unknown/availability/targetPercent', names)).toBe('unknown · availability target');
  });
});

describe('words', () => {
  it('says an enum value as a sentence starts, acronyms in capitals', () => {
    expect(words('almost-certain')).toBe('Almost certain');
    expect(words('dns')).toBe('DNS');
    expect(words('hub-transport')).toBe('Hub transport');
    expect(words('standby-ccr')).toBe('Standby CCR');
  });
});
