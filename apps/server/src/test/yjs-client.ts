import { SavedTracker, type SavedProvider } from '@accord/protocol/saved-state';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface TestClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves once the first sync with the server is done. */
  synced(): Promise<void>;
  /** Resolves once the server reports every local change stored. */
  saved(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

// Each provider registers a process 'exit' listener; tests open dozens at once.
process.setMaxListeners(Math.max(process.getMaxListeners(), 200));

/**
 * An official y-websocket provider in Node: the ws polyfill (or a subclass of it, to watch the frames), no
 * BroadcastChannel, Accord's saved messages.
 */
export function connectClient(
  yjsUrl: string,
  workshopId: string,
  token: string,
  doc = new Y.Doc(),
  socketClass: typeof WebSocket = WebSocket,
): TestClient {
  const provider = new WebsocketProvider(yjsUrl, workshopId, doc, {
    WebSocketPolyfill: socketClass as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token, saved: '1' },
    maxBackoffTime: 300,
  });
  const waiters = new Set<() => void>();
  const tracker: SavedTracker = new SavedTracker(provider as unknown as SavedProvider, doc, () => {
    if (!tracker.saved) return;
    for (const waiter of [...waiters]) waiter();
  });
  return {
    doc,
    provider,
    synced: () => waitFor(() => provider.synced, 10_000, 'sync'),
    saved: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (tracker.saved) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error('not saved in time'));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        waiters.add(done);
      }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls a condition every 10 ms; rejects with a message naming what was awaited. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw websocket to the Yjs endpoint, for crafted frames; resolves with the close code and reason. */
export function rawSocket(
  yjsUrl: string,
  workshopId: string,
  token: string | undefined,
): { socket: WebSocket; opened: Promise<void>; closed: Promise<{ code: number; reason: string }> } {
  const socket = new WebSocket(`${yjsUrl}/${workshopId}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('error', () => undefined);
  return { socket, opened, closed };
}

/** The current value of an unlabelled prom-client counter or gauge. */
export async function metricValue(metric: {
  get(): Promise<{ values: readonly { value: number }[] }>;
}): Promise<number> {
  return (await metric.get()).values[0]?.value ?? 0;
}

/** Like `waitFor`, for an async condition. */
export async function waitForAsync(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
