import { createContext } from 'svelte';
import type { SlaDerivation } from '@accord/core/derive';
import type { FileProblem, Requirements } from '@accord/core/model';
import { readSnapshot } from '@accord/core/ydoc';
import { findingsByField } from '../lib/field-findings.ts';
import { markLoad } from '../lib/load-marks.ts';
import { problemFieldPath } from '../lib/raw.ts';
import type { WorkshopSession } from './WorkshopSession.svelte.ts';

type Finding = SlaDerivation['findings'][number];

export type PreviewResult =
  | { readonly ok: true; readonly requirements: Requirements; readonly derivation: SlaDerivation }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** Recompute at most this often while people type; derivation of the reference workshop takes ~1–2 ms. */
const DEBOUNCE_MS = 150;

/**
 * The live preview: the same engine the server publishes with (`deriveSla`), run in this browser on the
 * doc's current snapshot. The engine is loaded after the room's first paint; half-typed, invalid docs give
 * their validation problems instead of a derivation.
 */
export class Preview {
  result = $state.raw<PreviewResult | null>(null);
  /** Milliseconds the last derivation took, shown for the curious facilitator. */
  tookMs = $state(0);
  /**
   * When each current finding first appeared during this visit (0: it was there when the room opened), so
   * a finding someone just caused can be shown first and marked new.
   */
  appearedAt = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** While the doc is invalid: each problem by the field path of its input, so the input shows it inline. */
  fieldProblems = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** The live errors and warnings by each field they name, so the input shows them where people type. */
  fieldFindings = $state.raw<ReadonlyMap<string, readonly Finding[]>>(new Map());
  private computedOnce = false;
  private derive: ((requirements: Requirements) => SlaDerivation) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly session: WorkshopSession) {
    this.unsubscribe = session.subscribe(() => this.schedule());
    void import('@accord/core/derive').then((module) => {
      this.derive = module.deriveSla;
      this.compute();
    });
  }

  destroy(): void {
    this.unsubscribe();
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), DEBOUNCE_MS);
  }

  private compute(): void {
    // An empty doc before the first sync is not the workshop: wait for it.
    if (!this.derive || !this.session.loaded) return;
    const started = performance.now();
    const snapshot = readSnapshot(this.session.doc);
    this.result = snapshot.ok
      ? { ok: true, requirements: snapshot.value, derivation: this.derive(snapshot.value) }
      : { ok: false, problems: snapshot.problems };
    this.tookMs = performance.now() - started;
    markLoad('preview');
    const problems = new Map<string, string>();
    if (!snapshot.ok) {
      for (const problem of snapshot.problems) {
        const path = problemFieldPath(this.session.raw, problem.path);
        if (path && !problems.has(path)) problems.set(path, problem.message);
      }
    }
    this.fieldProblems = problems;
    // While the doc is invalid there is no derivation, and its problems show on the fields instead.
    this.fieldFindings = this.result.ok ? findingsByField(this.result.derivation.findings) : new Map();
    if (this.result.ok) {
      const now = Date.now();
      const appeared = new Map<string, number>();
      for (const finding of this.result.derivation.findings) {
        const key = findingKey(finding);
        appeared.set(key, this.appearedAt.get(key) ?? (this.computedOnce ? now : 0));
      }
      this.appearedAt = appeared;
      this.computedOnce = true;
    }
  }
}

/** A finding's identity across recomputations: its code and the fields it names (the message holds numbers). */
export function findingKey(finding: Pick<Finding, 'code' | 'fields' | 'functionId' | 'scenario'>): string {
  return `${finding.code}|${finding.functionId ?? ''}|${finding.scenario ?? ''}|${finding.fields.join(',')}`;
}

export const [getPreview, setPreview] = createContext<Preview>();
