import { deriveSla, type SlaDerivation } from '@accord/core/derive';
import { validateRequirements, type FileProblem, type Requirements } from '@accord/core/model';
import type { RawRecord } from '../../lib/raw.ts';

export type PreviewResult =
  | { readonly ok: true; readonly requirements: Requirements; readonly derivation: SlaDerivation }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** One answer of the engine: the result for the requirements it was given, and how long it took. */
export interface PreviewAnswer {
  readonly result: PreviewResult;
  readonly tookMs: number;
}

/** What the page sends the worker: requirements as plain JSON, numbered so answers find their question. */
export interface PreviewRequest {
  readonly id: number;
  readonly raw: RawRecord;
}

/** What the worker sends back. */
export type PreviewReply = { readonly id: number } & (
  { readonly ok: true; readonly answer: PreviewAnswer } | { readonly ok: false; readonly error: string }
);

/** Validates plain requirements and derives the SLA from them: the same engine the server publishes with. */
export function computePreview(raw: RawRecord): PreviewAnswer {
  const started = performance.now();
  const checked = validateRequirements(raw);
  const result: PreviewResult = checked.ok
    ? { ok: true, requirements: checked.value, derivation: deriveSla(checked.value) }
    : { ok: false, problems: checked.problems };
  return { result, tookMs: performance.now() - started };
}
