import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Requirements } from '@accord/core/model';
import { hostileRequirements, inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderPrometheusRules } from './prometheus-rules.ts';
import { promtool, promtoolAvailable, writeTemp } from './promtool.ts';

const SERVICE = 'enterprise-messaging-exchange-server-2007';
const HAS_PROMTOOL = promtoolAvailable();

function rulesFor(requirements: Requirements): string {
  const input = inputFor(requirements, PUBLISHED);
  return renderPrometheusRules(input.record, input.hash);
}

/**
 * The messaging template moved to 1970 (promtool 2.42's unit tests start at the Unix epoch), optionally in another
 * zone, with only mailbox access (business hours) and webmail (24x7) and the patch window moved to Friday, so
 * every case fits in the first three days and promtool evaluates few rules.
 */
function at1970(zone?: string, extraHoliday?: string): Requirements {
  const base = messagingRequirements();
  return {
    ...base,
    meta: { ...base.meta, validFrom: '1970-01-01', ...(zone ? { timeZone: zone } : {}) },
    functions: base.functions.filter((f) => f.id === 'mailbox-access' || f.id === 'webmail'),
    calendars: base.calendars.map((c) => ({
      ...c,
      ...(zone ? { timeZone: zone } : {}),
      holidays:
        c.id === 'business-hours' && extraHoliday
          ? [...c.holidays, { date: extraHoliday, name: 'Test holiday' }]
          : c.holidays,
    })),
    maintenance: base.maintenance.map((m) => ({
      ...m,
      ...(zone ? { timeZone: zone } : {}),
      recurrence: m.recurrence.kind === 'weekly' ? { ...m.recurrence, day: 'fri' as const } : m.recurrence,
    })),
  };
}

/** A counter sampled every minute for `minutes`, rising by `perMinute` in the minutes `outages` cover ([from, to) in minutes). */
function counter(minutes: number, perMinute: number, outages: readonly (readonly [number, number])[] = []): string {
  const values: number[] = [];
  let total = 0;
  for (let i = 0; i <= minutes; i += 1) {
    values.push(total);
    if (outages.length === 0 || outages.some(([from, to]) => i >= from && i < to)) total += perMinute;
  }
  return values.join(' ');
}

const H = 60;
const D = 24 * H;
const selector = (fn: string): string => `{accord_service="${SERVICE}",accord_function="${fn}"}`;
const firing = (fn: string, severity: string): string =>
  `count(ALERTS{alertstate="firing",severity="${severity}",accord_slo="${fn}-availability"})`;

describe.skipIf(!HAS_PROMTOOL)('the Prometheus rule file under promtool', () => {
  it('passes promtool check rules, hostile workshop text included', () => {
    for (const requirements of [messagingRequirements(), hostileRequirements()]) {
      const dir = writeTemp({ 'rules.yaml': rulesFor(requirements) });
      const result = promtool(['check', 'rules', 'rules.yaml'], dir);
      expect(result.output, result.output).toContain('SUCCESS');
      expect(result.status).toBe(0);
    }
  });

  it('pages for an outage in service hours and not for one outside them, on a holiday or in excluded maintenance', () => {
    // 1970-01-01 was a Thursday; Europe/Berlin was UTC+1 all year. Times below are UTC minutes from the epoch.
    const mailboxOutages: [number, number][] = [
      [9 * H, 10 * H], // Thu 10:00–11:00 local: inside business hours
      [19 * H, 20 * H], // Thu 20:00–21:00 local: after hours
      [D + 9 * H, D + 10 * H], // Fri 2 January, declared a holiday in this test
      [2 * D + 9 * H, 2 * D + 10 * H], // Saturday
    ];
    const webmailOutages: [number, number][] = [
      [D + H, D + 5 * H], // Fri 02:00–06:00 local: the excluded patch window (moved to Friday here)
      [D + 6 * H, D + 7 * H], // Fri 07:00–08:00 local: measured again
      [2 * D + 9 * H, 2 * D + 10 * H], // Saturday: webmail is measured 24x7
    ];
    const minutes = 2 * D + 11 * H;
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '2m',
      tests: [
        {
          interval: '1m',
          input_series: [
            { series: `accord_availability_checks_total${selector('mailbox-access')}`, values: counter(minutes, 60) },
            {
              series: `accord_availability_check_failures_total${selector('mailbox-access')}`,
              values: counter(minutes, 60, mailboxOutages),
            },
            { series: `accord_availability_checks_total${selector('webmail')}`, values: counter(minutes, 60) },
            {
              series: `accord_availability_check_failures_total${selector('webmail')}`,
              values: counter(minutes, 60, webmailOutages),
            },
          ],
          promql_expr_test: [
            { expr: firing('mailbox-access', 'page'), eval_time: '9h30m', exp_samples: [{ labels: '{}', value: 1 }] },
            // Once the 30m short window holds no failure (the outage ended at 10:00 UTC), the page resolves.
            { expr: firing('mailbox-access', 'page'), eval_time: '10h40m', exp_samples: [] },
            { expr: firing('mailbox-access', 'page'), eval_time: '19h30m', exp_samples: [] },
            { expr: firing('mailbox-access', 'page'), eval_time: '20h00m', exp_samples: [] },
            {
              expr: `accord:measured_time${selector('mailbox-access')}`,
              eval_time: '19h30m',
              exp_samples: [
                {
                  labels: `accord:measured_time{accord_service="${SERVICE}",accord_function="mailbox-access"}`,
                  value: 0,
                },
              ],
            },
            { expr: firing('webmail', 'page'), eval_time: '26h30m', exp_samples: [] },
            { expr: firing('webmail', 'page'), eval_time: '28h30m', exp_samples: [] },
            { expr: firing('webmail', 'page'), eval_time: '30h30m', exp_samples: [{ labels: '{}', value: 1 }] },
            { expr: firing('mailbox-access', 'page'), eval_time: '33h30m', exp_samples: [] },
            { expr: firing('mailbox-access', 'page'), eval_time: '57h30m', exp_samples: [] },
            { expr: firing('webmail', 'page'), eval_time: '57h30m', exp_samples: [{ labels: '{}', value: 1 }] },
          ],
        },
      ],
    };
    const dir = writeTemp({
      'rules.yaml': rulesFor(at1970(undefined, '1970-01-02')),
      'tests.yaml': stringify(tests, { lineWidth: 0 }),
    });
    const result = promtool(['test', 'rules', 'tests.yaml'], dir);
    expect(result.output, result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  }, 120_000);

  it('follows the clock change: service hours start at 07:00 local in winter and in summer time', () => {
    // America/New_York changed to daylight time on 26 April 1970 (07:00 UTC).
    const ny = 'America/New_York';
    const mondayBefore = (31 + 28 + 31 + 19) * 24; // Monday 20 April 1970, hours after the epoch
    const mondayAfter = mondayBefore + 7 * 24; // Monday 27 April
    const measured = (hour: number, value: number): Record<string, unknown> => ({
      expr: `accord:measured_time${selector('mailbox-access')}`,
      eval_time: `${hour}h`,
      exp_samples: [
        { labels: `accord:measured_time{accord_service="${SERVICE}",accord_function="mailbox-access"}`, value },
      ],
    });
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1h',
      tests: [
        {
          interval: '1h',
          input_series: [],
          promql_expr_test: [
            measured(mondayBefore + 11, 0), // 06:00 EST
            measured(mondayBefore + 12, 1), // 07:00 EST
            measured(mondayBefore + 23, 1), // 18:00 EST
            measured(mondayAfter + 11, 1), // 07:00 EDT
            measured(mondayAfter + 22, 1), // 18:00 EDT
            measured(mondayAfter + 23, 0), // 19:00 EDT
            {
              expr: `accord:local_time{accord_zone="${ny}"}`,
              eval_time: `${mondayAfter + 11}h`,
              exp_samples: [
                { labels: `accord:local_time{accord_zone="${ny}"}`, value: (mondayAfter + 11) * 3600 - 4 * 3600 },
              ],
            },
          ],
        },
      ],
    };
    // Only the measured-time group: the hourly steps over four months need nothing else.
    const parsed = parse(rulesFor(at1970(ny))) as { groups: unknown[] };
    const dir = writeTemp({
      'rules.yaml': stringify({ groups: parsed.groups.slice(0, 1) }),
      'tests.yaml': stringify(tests, { lineWidth: 0 }),
    });
    const result = promtool(['test', 'rules', 'tests.yaml'], dir);
    expect(result.output, result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  }, 120_000);
});

describe('renderPrometheusRules', () => {
  const rules = parse(rulesFor(messagingRequirements())) as {
    groups: { name: string; rules: Record<string, unknown>[] }[];
  };
  const all = rules.groups.flatMap((g) => g.rules);

  it('records the error ratio over the standard windows for every commitment', () => {
    const ratios = all.filter((r) => String(r.record).startsWith('accord:availability_error_ratio:rate'));
    expect(new Set(ratios.map((r) => r.record))).toEqual(
      new Set(['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `accord:availability_error_ratio:rate${w}`)),
    );
    expect(ratios).toHaveLength(7 * 4);
  });

  it('scales the workbook burn rates to the budget of the SLA period', () => {
    const page = all.find(
      (r) =>
        r.alert === 'MailboxAccessAvailabilityBudgetBurn' && (r.labels as Record<string, string>).severity === 'page',
    );
    // 2 % of a month of business hours (about 252.8 h measured, 15m 10s of budget) in one hour: burn ≈ 5.06.
    expect(String(page?.expr)).toMatch(/rate1h\{[^}]*\} > \(5\.05\d+ \* 0\.001\)/);
    const webmail = all.find(
      (r) => r.alert === 'WebmailAvailabilityBudgetBurn' && (r.labels as Record<string, string>).severity === 'ticket',
    );
    // 10 % of a mean month (730.5 h) in 3 days: burn ≈ 1.01, as in the workbook.
    expect(String(webmail?.expr)).toMatch(/rate3d\{[^}]*\} > \(1\.01\d* \* 0\.005\)/);
  });

  it('keeps participant text out of queries and escapes Go template actions in annotations', () => {
    const base = messagingRequirements();
    const text = rulesFor({
      ...base,
      functions: base.functions.map((f, i) => (i === 0 ? { ...f, name: 'Mail {{ .Labels.job }}\n---\nkind: x' } : f)),
    });
    const parsed = parse(text) as typeof rules;
    const alert = parsed.groups.flatMap((g) => g.rules).find((r) => r.alert === 'MailboxAccessAvailabilityBudgetBurn');
    expect((alert?.annotations as Record<string, string>).summary).toContain(
      'Mail {{ "{{" }} .Labels.job }} --- kind: x',
    );
    for (const rule of parsed.groups.flatMap((g) => g.rules)) expect(String(rule.expr)).not.toContain('Mail');
  });
});
