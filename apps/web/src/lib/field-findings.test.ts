import { describe, expect, it } from 'vitest';
import { findingsByField, findingsSummary, type FieldFinding } from './field-findings.ts';

const RTO = '/functions/webmail/recovery/component-failure/rtoSeconds';
const TARGET = '/functions/webmail/availability/targetPercent';

function finding(code: string, severity: FieldFinding['severity'], fields: string[]): FieldFinding {
  return { code, severity, fields, message: `${code} message`, fix: `${code} fix` };
}

describe('findingsByField', () => {
  it('puts an RTO over budget on both the RTO and the target it is measured against', () => {
    const rto = finding('RTO_EXCEEDS_BUDGET', 'error', [RTO, TARGET]);
    const map = findingsByField([rto]);
    expect(map.get(RTO)).toEqual([rto]);
    expect(map.get(TARGET)).toEqual([rto]);
  });

  it('lists errors before warnings on a field, and leaves info findings to the list', () => {
    const warning = finding('NO_RECOVERY_TEST', 'warning', [RTO]);
    const error = finding('RTO_EXCEEDS_BUDGET', 'error', [RTO]);
    const info = finding('UNRESOLVED_PROPOSAL', 'info', [RTO]);
    expect(
      findingsByField([warning, info, error])
        .get(RTO)
        ?.map((f) => f.code),
    ).toEqual(['RTO_EXCEEDS_BUDGET', 'NO_RECOVERY_TEST']);
    expect(findingsByField([info]).has(RTO)).toBe(false);
  });

  it('names a finding once on a field it lists twice', () => {
    expect(findingsByField([finding('X', 'error', [RTO, RTO])]).get(RTO)).toHaveLength(1);
  });
});

describe('findingsSummary', () => {
  it('counts in words, singular and plural', () => {
    expect(findingsSummary([{ severity: 'error' }])).toBe('1 error');
    expect(findingsSummary([{ severity: 'error' }, { severity: 'error' }, { severity: 'warning' }])).toBe(
      '2 errors, 1 warning',
    );
    expect(findingsSummary([{ severity: 'warning' }, { severity: 'warning' }])).toBe('2 warnings');
  });
});
