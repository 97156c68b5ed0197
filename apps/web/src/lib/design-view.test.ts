import { deriveSla } from '@accord/core/derive';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { describe, expect, it } from 'vitest';
import { designView } from './design-view.ts';

const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
const derivation = deriveSla(requirements);
const raw = JSON.parse(JSON.stringify(requirements)) as Record<string, unknown>;
const names = new Map(requirements.functions.map((f) => [f.id, f.name]));

describe('designView', () => {
  it('gives each cheaper option its reasons and keeps the recommendation apart from what is in place', () => {
    const views = derivation.functions.filter((f) => f.recovery.length > 0).map((f) => designView(f, raw, names));
    const cheaper = views.flatMap((v) => v.scenarios.flatMap((s) => s.cheaper));
    expect(cheaper.length).toBeGreaterThan(0);
    for (const option of cheaper) expect(option.reasons.length).toBeGreaterThan(0);
    for (const view of views) {
      const inPlace = new Set(derivation.functions.find((f) => f.id === view.functionId)?.design.map((d) => d.kind));
      for (const scenario of view.scenarios) {
        if (scenario.recommended)
          expect(scenario.recommendedInPlace).toBe(inPlace.has(scenario.recommended.option as never));
      }
    }
  });

  it('says a missing option has no recorded cost rather than inventing one, and reads a recorded investment', () => {
    const fn = derivation.functions.find((f) =>
      f.recommendation.design.some((d) => !f.design.some((p) => p.kind === d.option)),
    );
    if (!fn) return expect.fail('the template should recommend something it does not have');
    const missing = fn.recommendation.design.find((d) => !fn.design.some((p) => p.kind === d.option));
    const bare = designView(fn, { ...raw, agreement: { investments: [] } }, names);
    expect(bare.cost.every((c) => !c.recorded && c.text === 'cost not recorded')).toBe(true);
    const costed = designView(
      fn,
      {
        ...raw,
        meta: { currency: 'EUR' },
        agreement: { investments: [{ option: missing?.option, cost: 12000, yearlyCost: 1500 }] },
      },
      names,
    );
    expect(costed.cost.find((c) => c.recorded)?.text).toBe('EUR 12 000 once + EUR 1 500 a year');
  });
});
