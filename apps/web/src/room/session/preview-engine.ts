import type { RawRecord } from '../../lib/raw.ts';
import type { PreviewAnswer, PreviewReply, PreviewRequest } from './preview-compute.ts';

export type { PreviewAnswer, PreviewResult } from './preview-compute.ts';

/** The engine on the page itself, loaded when first needed. */
async function computeOnPage(raw: RawRecord): Promise<PreviewAnswer> {
  const { computePreview } = await import('./preview-compute.ts');
  return computePreview(raw);
}

interface Pending {
  resolve(answer: PreviewAnswer): void;
  reject(error: Error): void;
}

/**
 * Runs the live preview's validation and derivation in a Web Worker, so the room's main thread stays free
 * for typing and for painting the forms (on a slow phone the reference workshop takes a few hundred
 * milliseconds). Where a worker cannot be started, or one fails, the same engine runs on the page.
 */
export class PreviewEngine {
  #worker: Worker | null = null;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();

  constructor() {
    if (typeof Worker === 'undefined') return;
    try {
      this.#worker = new Worker(new URL('./preview-worker.ts', import.meta.url), {
        type: 'module',
        name: 'accord-preview',
      });
    } catch {
      return;
    }
    this.#worker.onmessage = (event: MessageEvent<PreviewReply>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.answer);
      else pending.reject(new Error(reply.error));
    };
    // A worker that cannot load (or dies) is given up: what it was asked, and all later asks, run on the page.
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#abandonWorker();
    };
  }

  /** The preview of these requirements. */
  run(raw: RawRecord): Promise<PreviewAnswer> {
    const worker = this.#worker;
    if (!worker) return computeOnPage(raw);
    const id = ++this.#nextId;
    return new Promise<PreviewAnswer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, raw } satisfies PreviewRequest);
    }).catch(() => computeOnPage(raw));
  }

  destroy(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#pending.clear();
  }

  #abandonWorker(): void {
    this.#worker?.terminate();
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const ask of pending) ask.reject(new Error('the preview worker stopped'));
  }
}
