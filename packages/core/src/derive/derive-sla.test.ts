import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { canonicalJson } from '../units/canonical-json.ts';
import { cleanWorkshop } from '../findings/test-fixtures.ts';
import { deriveSla } from './derive-sla.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

describe('deriveSla', () => {
  it('derives the messaging template with budgets for every period of every targeted function', () => {
    const derivation = deriveSla(messaging);
    expect(derivation.functions.map((f) => f.id)).toEqual(['mailbox-access', 'mail-flow', 'webmail', 'mobile-sync']);
    const webmail = derivation.functions.find((f) => f.id === 'webmail');
    // 24×7 less the excluded weekly 4 h window on the mean calendar (365.2425 / 7 weeks a year), at 99.5 %.
    const month = 31_556_952 / 12;
    const measured = month - 4 * 3600 * (month / (7 * 86_400));
    expect(webmail?.target?.budgets.month.seconds).toBeCloseTo(0.005 * measured, 6);
    expect(webmail?.target?.budgets.month.human).toBe('3h 33m 56s');
    expect(webmail?.target?.budgets.month.countedMaintenanceSeconds).toBeGreaterThan(0);
    expect(derivation.counts.error).toBeGreaterThan(0);
    expect(
      derivation.findings.every(
        (f, i, all) =>
          i === 0 ||
          ['error', 'warning', 'info'].indexOf(all[i - 1]!.severity) <=
            ['error', 'warning', 'info'].indexOf(f.severity),
      ),
    ).toBe(true);
  });

  it('is deterministic: the same input gives byte-identical JSON', () => {
    expect(canonicalJson(deriveSla(messaging))).toBe(canonicalJson(deriveSla(structuredClone(messaging))));
    fc.assert(
      fc.property(
        fc.double({ min: 90, max: 99.999, noNaN: true }),
        fc.integer({ min: 0, max: 48 * 3600 }),
        fc.integer({ min: 1, max: 4 }),
        (target, rto, instances) => {
          const input = cleanWorkshop();
          input.functions![0]!.availability!.targetPercent = target;
          input.functions![0]!.recovery!['component-failure']!.rtoSeconds = rto;
          input.components![0]!.instances = instances;
          const a = JSON.stringify(deriveSla(requirementsSchema.parse(input)));
          const b = JSON.stringify(deriveSla(requirementsSchema.parse(structuredClone(input))));
          expect(a).toBe(b);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never shrinks a budget when only the target drops', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 90, max: 99.99, noNaN: true }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        (target, drop) => {
          const at = (percent: number) => {
            const input = cleanWorkshop();
            input.functions![0]!.availability!.targetPercent = percent;
            return deriveSla(requirementsSchema.parse(input)).functions[0]!.target!.budgets.month.seconds;
          };
          expect(at(Math.max(80, target - drop))).toBeGreaterThanOrEqual(at(target));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('derives the blank template without findings', () => {
    const blank = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'blank')?.requirements);
    expect(deriveSla(blank)).toMatchObject({ functions: [], findings: [], counts: { error: 0, warning: 0, info: 0 } });
  });
});
