import { describe, expect, it } from 'vitest';
import { describePath, pathAndAncestors, phaseOfPath } from './field-paths.ts';

describe('phaseOfPath', () => {
  it('sends each finding field to the phase whose form edits it', () => {
    expect(phaseOfPath('/functions/mailbox/recovery/site-loss/rtoSeconds')).toBe('recovery');
    expect(phaseOfPath('/functions/mailbox/availability/targetPercent')).toBe('availability');
    expect(phaseOfPath('/functions/mailbox/dependsOn')).toBe('scope');
    expect(phaseOfPath('/functions/mailbox/design')).toBe('recovery');
    expect(phaseOfPath('/support/severities/sev1/responseSeconds')).toBe('support');
    expect(phaseOfPath('/calendars/office/timeZone')).toBe('availability');
    expect(phaseOfPath('/backups/nightly/intervalSeconds')).toBe('recovery');
    expect(phaseOfPath('/recoveryTests')).toBe('recovery');
    expect(phaseOfPath('/risks/uplink/owner')).toBe('risks');
    expect(phaseOfPath('/proposals/p1')).toBe('review');
  });
});

describe('pathAndAncestors', () => {
  it('lists the path, then each parent', () => {
    expect(pathAndAncestors('/functions/m/design')).toEqual(['/functions/m/design', '/functions/m', '/functions']);
  });
});

describe('describePath', () => {
  it('names items by display name and fields in words', () => {
    const names = new Map([
      ['functions/mailbox', 'Mailbox access'],
      ['severities/sev1', 'Severity 1'],
    ]);
    expect(describePath('/functions/mailbox/recovery/site-loss/rtoSeconds', names)).toBe(
      'Mailbox access · site loss · RTO',
    );
    expect(describePath('/support/severities/sev1/responseSeconds', names)).toBe('support · Severity 1 · response');
    expect(describePath('/functions/webmail/availability/targetPercent')).toBe('webmail · availability target');
  });
});
