import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSla } from '../derive/derive-sla.ts';
import { parseRequirementsText, requirementsSchema, type RequirementsInput } from '../model/index.ts';
import { impliedTarget, impliedTargetText } from './implied-target.ts';
import { PERIOD_SECONDS, PERIODS } from './periods.ts';

const workshop = (
  availability: Record<string, unknown>,
  extra: Partial<RequirementsInput> = {},
): RequirementsInput => ({
  formatVersion: 1,
  meta: { title: 'T', service: 'Mail', timeZone: 'Europe/Berlin' },
  functions: [{ id: 'mail', name: 'Mail', availability }],
  ...extra,
});

describe('a requirement stating a tolerated downtime instead of a target', () => {
  it('"1h per month" on 24×7 gives the exact target, and the monthly budget is that hour to the millisecond', () => {
    const derivation = deriveSla(
      requirementsSchema.parse(workshop({ toleratedDowntime: { downtimeSeconds: '1h', per: 'month' } })),
    );
    const target = derivation.functions[0]?.target;
    expect(target?.percent).toBe((1 - 3600 / PERIOD_SECONDS.month) * 100);
    expect(target?.statedAs).toBe('tolerated-downtime');
    expect(target?.toleratedDowntime).toEqual({ seconds: 3600, per: 'month', human: '1h', targetText: '99.8632' });
    expect(Math.round((target?.budgets.month.seconds ?? 0) * 1000)).toBe(3_600_000);
  });

  it('is measured over service hours less excluded maintenance, like the budget it gives back', () => {
    const office = {
      id: 'office',
      name: 'Office',
      timeZone: 'Europe/Berlin',
      slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' })),
    };
    const input = workshop(
      {
        toleratedDowntime: { downtimeSeconds: '15m', per: 'week' },
        window: { kind: 'service-hours', calendarId: 'office' },
      },
      {
        calendars: [office],
        maintenance: [
          {
            id: 'm',
            name: 'M',
            timeZone: 'Europe/Berlin',
            recurrence: { kind: 'weekly', day: 'tue', start: '17:00' },
            durationSeconds: '2h',
            counted: false,
          },
        ],
      },
    );
    const target = deriveSla(requirementsSchema.parse(input)).functions[0]?.target;
    // 50 h of office hours less the hour of the Tuesday window inside them: 49 h measured.
    expect(target?.percent).toBeCloseTo((1 - 900 / (49 * 3600)) * 100, 12);
    expect(target?.budgets.week.seconds).toBeCloseTo(900, 9);
  });

  it('prints a tolerated downtime that is a whole percentage as it is, not a step above', () => {
    const target = deriveSla(
      requirementsSchema.parse(workshop({ toleratedDowntime: { downtimeSeconds: 55_512, per: 'day' } })),
    ).functions[0]?.target;
    expect(target?.toleratedDowntime?.targetText).toBe('35.75');
  });

  it('gives back the tolerated downtime for any period and amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERIODS), fc.integer({ min: 1, max: 86_400 }), (per, seconds) => {
        fc.pre(seconds < PERIOD_SECONDS[per]);
        const derivation = deriveSla(
          requirementsSchema.parse(workshop({ toleratedDowntime: { downtimeSeconds: seconds, per } })),
        );
        const target = derivation.functions[0]?.target;
        expect(Math.round((target?.budgets[per].seconds ?? 0) * 1000)).toBe(seconds * 1000);
        // The printed target is never below the exact one: it never allows more than was tolerated. "Exact" is
        // up to floating-point noise: 55 512 s a day is 35.75 % to the digit, computed as 35.75000000000001.
        expect(Number(target?.toleratedDowntime?.targetText)).toBeGreaterThanOrEqual(
          (target?.percent ?? Infinity) - 1e-9,
        );
        expect(Number(target?.toleratedDowntime?.targetText)).toBeLessThan(100);
      }),
    );
  });

  it('refuses both a target and a tolerated downtime, neither, none tolerated and all tolerated', () => {
    const problems = (availability: Record<string, unknown>) => {
      const result = requirementsSchema.safeParse(workshop(availability));
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ targetPercent: 99.9, toleratedDowntime: { downtimeSeconds: '1h', per: 'month' } })[0]).toContain(
      'functions.0.availability.toleratedDowntime: state either targetPercent or toleratedDowntime, not both',
    );
    expect(problems({})[0]).toContain('functions.0.availability.targetPercent: state a target');
    expect(problems({ toleratedDowntime: { downtimeSeconds: 0, per: 'month' } })[0]).toContain('a target of 100 %');
    expect(problems({ toleratedDowntime: { downtimeSeconds: '2d', per: 'day' } })[0]).toContain(
      'as much downtime as the day measures',
    );
  });

  it('reads from a file, and a stated target stays as it was', () => {
    const result = parseRequirementsText(
      'formatVersion: 1\nmeta: { title: T, service: S, timeZone: UTC }\nfunctions:\n  - id: a\n    name: A\n    availability: { toleratedDowntime: { downtimeSeconds: 1h, per: month } }\n  - id: b\n    name: B\n    availability: { targetPercent: 99.9 }\n',
    );
    expect(result.ok && result.value.functions.map((f) => f.availability?.targetPercent)).toEqual([
      (1 - 3600 / PERIOD_SECONDS.month) * 100,
      99.9,
    ]);
  });
});

describe('impliedTargetText', () => {
  it('rounds up to four decimals, leaves short values alone, and never reaches 100', () => {
    expect(impliedTargetText(99.86310743)).toBe('99.8632');
    expect(impliedTargetText((1 - 2629.746 / PERIOD_SECONDS.month) * 100)).toBe('99.9');
    expect(impliedTargetText(99.999991)).toBe('99.999991');
    expect(impliedTarget({ downtimeSeconds: 60, per: 'year' }, PERIOD_SECONDS.year)).toEqual({
      ok: true,
      targetPercent: (1 - 60 / PERIOD_SECONDS.year) * 100,
    });
  });
});
