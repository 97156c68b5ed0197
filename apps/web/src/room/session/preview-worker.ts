/**
 * The live preview's worker (see `PreviewEngine`): validates the requirements the room sends and derives
 * the SLA from them, one request at a time, answering each with its id.
 */
import { computePreview, type PreviewReply, type PreviewRequest } from './preview-compute.ts';

/** The parts of the worker's global scope used here (the web app compiles against the DOM library). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null;
  postMessage(message: PreviewReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, raw } = event.data;
  try {
    scope.postMessage({ id, ok: true, answer: computePreview(raw) });
  } catch (error) {
    // The engine never throws for bad input; this is a bug, and the page retries on its own thread.
    scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
