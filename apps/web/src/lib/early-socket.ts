/**
 * A room's Yjs websocket opened by the page's first, tiny script (`src/early/room-socket.ts`) before the
 * room's code has arrived, so that on a phone network its handshake overlaps the download of the code
 * instead of following it. The room takes it over when its provider connects for the first time.
 */
export interface EarlySocket {
  /** The address it was opened with; the room takes it only for the very same address. */
  readonly url: string;
  readonly socket: WebSocket;
  /** What the server sent before the room took the socket, in order (less the sync step 1 it answered). */
  readonly received: readonly ArrayBuffer[];
  /** Document frames it sent itself (its answer to the server's sync step 1), which the server counts. */
  documentFramesSent: number;
  /** Stops listening: from now on the taker's handlers get the socket's events. */
  release(): void;
}

declare global {
  /** Set by the early script on a room's page; taken (and cleared) by the room's first connection. */
  var accordEarlySocket: EarlySocket | undefined;
}

/**
 * For y-websocket's `WebSocketPolyfill`: the socket the page opened early when it is for `url` and still
 * usable, else a new one. The taken socket then behaves as if it had just been opened by the provider: its
 * `onopen` is called (the provider sends its sync step 1 and awareness), then its `onmessage` with what the
 * server sent meanwhile: the answer to the early sync step 1 (the provider is synced), the acknowledgement of
 * the early sync step 2 (counted: `documentFramesSentEarly`, so "saved" stays truthful), awareness.
 */
export function takeEarlySocket(url: string, protocols?: string | string[]): WebSocket {
  const early = globalThis.accordEarlySocket;
  globalThis.accordEarlySocket = undefined;
  if (!early || early.url !== url) {
    globalThis.accordEarlySocket = early;
    discardEarlySocket();
    return new WebSocket(url, protocols);
  }
  early.release();
  const { socket, received, documentFramesSent } = early;
  if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED)
    return new WebSocket(url, protocols);
  Object.defineProperty(socket, 'documentFramesSentEarly', { value: documentFramesSent });
  if (socket.readyState === WebSocket.OPEN) {
    // The provider sets its handlers right after construction: replay once it has.
    queueMicrotask(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.onopen?.(new Event('open'));
      for (const data of received) socket.onmessage?.(new MessageEvent('message', { data }));
    });
  }
  return socket;
}

/** Closes the page's early socket, if any, untaken: the room will open its own. */
export function discardEarlySocket(): void {
  const early = globalThis.accordEarlySocket;
  globalThis.accordEarlySocket = undefined;
  early?.release();
  early?.socket.close();
}

/** `takeEarlySocket` in the shape y-websocket asks for (it only ever calls it with `new`). */
export const EarlySocketPolyfill = function EarlySocketPolyfill(url: string, protocols?: string | string[]) {
  return takeEarlySocket(url, protocols);
} as unknown as typeof WebSocket;
