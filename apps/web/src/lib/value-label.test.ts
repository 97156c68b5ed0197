import { describe, expect, it } from 'vitest';
import { describeValue } from './value-label.ts';

const raw = {
  functions: [
    { id: 'mailbox', name: 'Mailbox access' },
    { id: 'webmail', name: 'Webmail' },
  ],
  components: [{ id: 'mbx-servers', name: 'Mailbox servers' }],
  groups: [{ id: 'lb-pair', name: 'Load balancer pair' }],
  calendars: [{ id: 'business-hours', name: 'Business hours' }],
};

describe('describeValue', () => {
  it('names referenced items instead of showing their ids', () => {
    expect(describeValue('/support/coverageCalendarId', 'business-hours', raw)).toBe('Business hours');
    expect(describeValue('/functions/webmail/dependsOn', ['mbx-servers', 'lb-pair', 'mailbox'], raw)).toBe(
      'Mailbox servers, Load balancer pair, Mailbox access',
    );
    expect(describeValue('/maintenance/sunday/appliesTo', [], raw)).toBe('none');
    expect(describeValue('/recoveryTests/drill/functionId', 'gone', raw)).toBe('gone');
  });

  it('says a measurement window in words, naming its calendar', () => {
    expect(describeValue('/functions/mailbox/availability/window', { kind: '24x7' }, raw)).toBe('24×7');
    expect(
      describeValue(
        '/functions/mailbox/availability/window',
        { kind: 'service-hours', calendarId: 'business-hours' },
        raw,
      ),
    ).toBe('Service hours (Business hours)');
  });

  it('says enumerations, protections and yes/no in words', () => {
    expect(describeValue('/functions/mailbox/tier', 'critical', raw)).toBe('Critical');
    expect(describeValue('/risks/uplink/likelihood', 'almost-certain', raw)).toBe('Almost certain');
    expect(describeValue('/recoveryTests/drill/kind', 'failover-drill', raw)).toBe('Failover drill');
    expect(
      describeValue('/functions/mailbox/design', [{ kind: 'ccr' }, { kind: 'scr', replayLagSeconds: 86_400 }], raw),
    ).toBe('CCR — clustered continuous replication, SCR — standby continuous replication');
    expect(describeValue('/maintenance/sunday/counted', false, raw)).toBe('no');
  });

  it('keeps units for durations and percentages, and a dash for nothing', () => {
    expect(describeValue('/functions/mailbox/recovery/site-loss/rtoSeconds', 14_400, raw)).toBe('4h');
    expect(describeValue('/functions/mailbox/availability/targetPercent', 99.9, raw)).toBe('99.9 %');
    expect(describeValue('/meta/title', null, raw)).toBe('—');
    expect(describeValue('/meta/title', 'Payroll SLA', raw)).toBe('Payroll SLA');
  });
});
