import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates/index.ts';
import { changeMeaning, durationWords } from './change-meaning.ts';
import { requirementsSchema } from './index.ts';

const requirements = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

describe('durationWords', () => {
  it('says at most two units, seconds only below a minute', () => {
    expect(durationWords(300)).toBe('5 minutes');
    expect(durationWords(5400)).toBe('1 hour 30 minutes');
    expect(durationWords(86_400 + 60)).toBe('1 day');
    expect(durationWords(3661)).toBe('1 hour 1 minute');
    expect(durationWords(45)).toBe('45 seconds');
    expect(durationWords(0)).toBe('no time');
  });
});

describe('changeMeaning', () => {
  it('says what an RPO of 5 minutes means beside "RPO 0s → 5m"', () => {
    expect(changeMeaning('/functions/mailbox-access/recovery/component-failure/rpoSeconds', 300, requirements)).toBe(
      'Up to 5 minutes of Mailbox access data may be lost after a component failure.',
    );
    expect(changeMeaning('/functions/mailbox-access/recovery/component-failure/rpoSeconds', 0, requirements)).toBe(
      'No Mailbox access data may be lost after a component failure.',
    );
  });

  it('says an RTO as how long the function may be down', () => {
    expect(changeMeaning('/functions/webmail/recovery/component-failure/rtoSeconds', 7200, requirements)).toBe(
      'After a component failure, Webmail (Outlook Web Access) may be down for up to 2 hours before it works again.',
    );
  });

  it('says a target as the whole minutes of downtime an average month allows', () => {
    // 99.9 % of 252.9 h of service hours is 15m 10s: 15 whole minutes.
    const month = (id: string) => (id === 'mailbox-access' ? 910_440 : undefined);
    expect(changeMeaning('/functions/mailbox-access/availability/targetPercent', 99.9, requirements, month)).toBe(
      'Mailbox access may be down for up to 15 minutes in an average month.',
    );
    expect(changeMeaning('/functions/mail-flow/availability/targetPercent', 99.9, requirements, month)).toBeUndefined();
  });

  it("says response and resolution targets by the severity's name, and gives no line for plain text", () => {
    const severity = requirements.support.severities[0];
    expect(changeMeaning(`/support/severities/${severity?.id}/resolutionSeconds`, 14_400, requirements)).toBe(
      `A ${severity?.name} incident is resolved within 4 hours.`,
    );
    expect(changeMeaning('/meta/title', 'Mail SLA', requirements)).toBeUndefined();
  });
});
