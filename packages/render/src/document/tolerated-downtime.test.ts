import { requirementsSchema } from '@accord/core/model';
import { describe, expect, it } from 'vitest';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { renderOpenSlo } from '../openslo/openslo-renderer.ts';
import { buildDocument } from './build-document.ts';

/** The template with Mail flow's target stated as one tolerated hour a month instead. */
function toleratingOneHour() {
  const base = messagingRequirements();
  return requirementsSchema.parse({
    ...base,
    functions: base.functions.map((fn) =>
      fn.id === 'mail-flow' && fn.availability
        ? {
            ...fn,
            availability: {
              ...fn.availability,
              window: { kind: '24x7' as const },
              targetPercent: undefined,
              toleratedDowntime: { downtimeSeconds: 3600, per: 'month' as const },
            },
          }
        : fn,
    ),
  });
}

describe('a target derived from a tolerated downtime in the documents', () => {
  const input = inputFor(toleratingOneHour(), PUBLISHED);
  const text = JSON.stringify(buildDocument(input));

  it('states both the target, rounded up, and the downtime tolerated', () => {
    // 24×7 less the excluded Sunday window: 2 567 133 s a month, so 1h is 99.859765… %, printed rounded up.
    expect(text).toContain('99.8598 % (1h per month tolerated)');
    expect(text).not.toContain('99.8597');
  });

  it('gives back the tolerated hour as the monthly budget', () => {
    const mailFlow = input.record.derivation.functions.find((f) => f.id === 'mail-flow');
    expect(mailFlow?.target?.budgets.month.human).toBe('1h');
    expect(mailFlow?.target?.percent).toBe(
      (1 - 3600 / (31_556_952 / 12 - 4 * 3600 * (31_556_952 / 12 / 604_800))) * 100,
    );
  });

  it('carries both into OpenSLO: the exact ratio as target, the tolerated downtime as an annotation', () => {
    const yaml = renderOpenSlo(input.record, input.hash);
    expect(yaml).toContain('accord.dev/tolerated-downtime: 1h per month (the target is derived from it)');
    expect(yaml).toContain('SLA target 99.8598 % (1h per month tolerated)');
  });
});
