import { describe, expect, it } from 'vitest';
import { formatFindings } from './findings-report.ts';

describe('formatFindings', () => {
  it('counts in the singular when there is one ("1 note", not "1 notes")', () => {
    const note = { code: 'X', severity: 'info' as const, fields: [], message: 'm', fix: 'f' };
    expect(formatFindings([note])).toContain('0 errors, 0 warnings, 1 note\n');
    expect(formatFindings([note, { ...note, severity: 'error' }])).toContain('1 error, 0 warnings, 1 note\n');
  });
});
