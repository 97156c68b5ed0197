import { createContext } from 'svelte';
import type { SlaDerivation } from '@accord/core/derive';
import { findingsByField } from '../lib/field-findings.ts';
import { markLoad } from '../lib/load-marks.ts';
import { problemFieldPath, type RawRecord } from '../lib/raw.ts';
import { PreviewEngine, type PreviewAnswer, type PreviewResult } from './session/preview-engine.ts';
import type { WorkshopSession } from './WorkshopSession.svelte.ts';

type Finding = SlaDerivation['findings'][number];

export type { PreviewResult } from './session/preview-engine.ts';

/** Recompute at most this often while people type; derivation of the reference workshop takes ~1–2 ms. */
const DEBOUNCE_MS = 150;

/**
 * The live preview: the same engine the server publishes with (`deriveSla`), run in this browser on the
 * doc's current snapshot — in a worker, off the thread that paints the forms. Half-typed, invalid docs give
 * their validation problems instead of a derivation. One computation runs at a time; changes made meanwhile
 * are computed together when it returns, so the preview follows steady typing without a queue.
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
  private readonly engine = new PreviewEngine();
  private computing = false;
  private stale = false;
  private destroyed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly session: WorkshopSession) {
    this.unsubscribe = session.subscribe(() => this.schedule());
    this.compute();
  }

  destroy(): void {
    this.destroyed = true;
    this.unsubscribe();
    clearTimeout(this.timer);
    this.engine.destroy();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), DEBOUNCE_MS);
  }

  private compute(): void {
    // An empty doc before the first sync is not the workshop: wait for it.
    if (this.destroyed || !this.session.loaded) return;
    if (this.computing) {
      this.stale = true;
      return;
    }
    this.computing = true;
    const raw = this.session.raw;
    void this.engine
      .run(raw)
      .then(
        (answer) => {
          if (!this.destroyed) this.show(answer, raw);
        },
        // The engine's code could not be loaded (offline on a first visit): the next change tries again.
        () => undefined,
      )
      .finally(() => {
        this.computing = false;
        if (!this.stale) return;
        this.stale = false;
        this.compute();
      });
  }

  private show({ result, tookMs }: PreviewAnswer, raw: RawRecord): void {
    this.result = result;
    this.tookMs = tookMs;
    markLoad('preview');
    const problems = new Map<string, string>();
    if (!result.ok) {
      for (const problem of result.problems) {
        const path = problemFieldPath(raw, problem.path);
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
