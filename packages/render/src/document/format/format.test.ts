import { describe, expect, it } from 'vitest';
import { messagingRequirements } from '../../render/test-support/fixtures.ts';
import { summariseRecurrence, summariseSlots } from './calendar-summary.ts';
import { addMonths, instantLabel } from './dates.ts';
import { fieldLabel, fieldValue } from './field-label.ts';
import { percent } from './labels.ts';

const requirements = messagingRequirements();

describe('document formatting', () => {
  it('names field paths as readers do', () => {
    expect(fieldLabel('/functions/mailbox-access/recovery/site-loss/rtoSeconds', requirements)).toBe(
      'Mailbox access: Site loss RTO',
    );
    expect(fieldLabel('/functions/webmail/availability/targetPercent', requirements)).toBe(
      'Webmail (Outlook Web Access): availability target',
    );
    expect(fieldLabel('/support/severities/sev4/resolutionSeconds', requirements)).toBe(
      'Severity 4 — request: resolution target',
    );
    expect(fieldLabel('/support/coverageCalendarId', requirements)).toBe('Support: support desk calendar');
    expect(fieldLabel('/nowhere/x', requirements)).toBe('/nowhere/x');
  });

  it('shows values in the unit of their field', () => {
    expect(fieldValue('/functions/x/recovery/site-loss/rtoSeconds', 1800)).toBe('30m');
    expect(fieldValue('/functions/x/availability/targetPercent', 99.9)).toBe('99.9 %');
    expect(fieldValue('/backups/x/retentionDays', 90)).toBe('90 days');
    expect(fieldValue('/x', null)).toBe('(none)');
  });

  it('groups calendar days with equal hours', () => {
    const onCall = requirements.calendars.find((c) => c.id === 'on-call');
    expect(onCall && summariseSlots(onCall)).toBe('Mon–Fri 19:00–23:00; Sat–Sun 08:00–20:00');
    expect(summariseSlots({ slots: [] })).toBe('no hours');
    expect(
      summariseSlots({
        slots: [
          { day: 'mon', start: '08:00', end: '12:00' },
          { day: 'wed', start: '08:00', end: '12:00' },
        ],
      }),
    ).toBe('Mon 08:00–12:00; Wed 08:00–12:00');
    const [weekly, monthly] = requirements.maintenance;
    expect(weekly && summariseRecurrence(weekly)).toBe('weekly, Sun 02:00 for 4h');
    expect(monthly && summariseRecurrence(monthly)).toBe('monthly, last Sat 20:00 for 2h');
  });

  it('writes dates independent of locale and zone', () => {
    expect(instantLabel('2026-11-21T14:03:00.000Z')).toBe('2026-11-21 14:03 UTC');
    expect(instantLabel('2026-11-21T15:03:00+01:00')).toBe('2026-11-21 14:03 UTC');
    expect(instantLabel('yesterday')).toBe('yesterday');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-01', 12)).toBe('2028-01-01');
  });

  it('prints targets exactly and computed values without floating-point noise', () => {
    expect(percent(99.9)).toBe('99.9 %');
    expect(percent(99.96715797299962, 4)).toBe('99.9672 %');
    expect(percent(99.90000000000001)).toBe('99.9 %');
  });
});
