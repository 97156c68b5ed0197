import { TEMPLATES } from '@accord/core/templates';
import { createWorkshopDoc, readRaw, readSnapshot } from '@accord/core/ydoc';
import { describe, expect, it } from 'vitest';
import { computePreview } from './preview-compute.ts';
import { PreviewEngine } from './preview-engine.ts';

const messaging = TEMPLATES.find((template) => template.id === 'messaging');
if (!messaging) throw new Error('the messaging template is missing');

describe('computePreview', () => {
  it("gives the same requirements as the doc's own snapshot, and derives the SLA from them", () => {
    const doc = createWorkshopDoc(messaging.requirements);
    const snapshot = readSnapshot(doc);
    const { result, tookMs } = computePreview(readRaw(doc));
    expect(result.ok && snapshot.ok).toBe(true);
    if (!result.ok || !snapshot.ok) return;
    expect(result.requirements).toEqual(snapshot.value);
    expect(result.derivation.functions.map((f) => f.id)).toEqual(snapshot.value.functions.map((f) => f.id));
    expect(tookMs).toBeGreaterThanOrEqual(0);
  });

  it('gives the validation problems of a half-typed doc instead of a derivation', () => {
    const raw = readRaw(createWorkshopDoc(messaging.requirements));
    const { result } = computePreview({ ...raw, meta: { ...(raw.meta as object), title: 7 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((problem) => problem.path.includes('title'))).toBe(true);
  });

  it('answers with values a worker can send back unchanged (structured clone)', () => {
    const { result } = computePreview(readRaw(createWorkshopDoc(messaging.requirements)));
    expect(structuredClone(result)).toStrictEqual(result);
  });
});

describe('PreviewEngine', () => {
  it('computes on the page where no worker can be started', async () => {
    expect(typeof Worker).toBe('undefined');
    const engine = new PreviewEngine();
    const raw = readRaw(createWorkshopDoc(messaging.requirements));
    const { result } = await engine.run(raw);
    expect(result).toEqual(computePreview(raw).result);
    engine.destroy();
  });
});
