import { afterEach, describe, expect, it, vi } from 'vitest';
import { discardEarlySocket, takeEarlySocket } from './early-socket.ts';

/** Just what `takeEarlySocket` and y-websocket touch of a browser WebSocket. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = FakeSocket.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
    this.readyState = FakeSocket.CLOSED;
  }
}

const URL = 'ws://accord.test/yjs/abc123?saved=1';

function leaveEarly(socket: FakeSocket, received: ArrayBuffer[] = [], documentFramesSent = 0) {
  const release = vi.fn();
  globalThis.accordEarlySocket = {
    url: URL,
    socket: socket as unknown as WebSocket,
    received,
    documentFramesSent,
    release,
  };
  return release;
}

describe('takeEarlySocket', () => {
  vi.stubGlobal('WebSocket', FakeSocket);
  afterEach(() => {
    globalThis.accordEarlySocket = undefined;
  });

  it('hands over an open early socket as if just opened: open first, then what arrived, in order', async () => {
    const early = new FakeSocket(URL);
    early.readyState = FakeSocket.OPEN;
    const frames = [new Uint8Array([0, 1, 2, 0, 0]).buffer, new Uint8Array([100, 1, 0, 1]).buffer];
    const release = leaveEarly(early, frames, 1);
    const taken = takeEarlySocket(URL) as unknown as FakeSocket & { documentFramesSentEarly?: number };
    expect(taken).toBe(early);
    expect(release).toHaveBeenCalled();
    expect(taken.documentFramesSentEarly).toBe(1);
    const seen: string[] = [];
    taken.onopen = () => seen.push('open');
    taken.onmessage = (event) => seen.push(`message ${new Uint8Array(event.data as ArrayBuffer)[0]}`);
    await Promise.resolve();
    expect(seen).toEqual(['open', 'message 0', 'message 100']);
    // Taken once: a reconnect opens a socket of its own.
    expect(takeEarlySocket(URL)).not.toBe(early);
  });

  it('leaves a socket still connecting to fire its own open event', async () => {
    const early = new FakeSocket(URL);
    leaveEarly(early);
    const taken = takeEarlySocket(URL) as unknown as FakeSocket;
    expect(taken).toBe(early);
    const opened = vi.fn();
    taken.onopen = opened;
    await Promise.resolve();
    expect(opened).not.toHaveBeenCalled();
  });

  it('opens a new socket when the early one is for another address, and closes the early one', () => {
    const early = new FakeSocket('ws://accord.test/yjs/other99?saved=1');
    globalThis.accordEarlySocket = {
      url: early.url,
      socket: early as unknown as WebSocket,
      received: [],
      documentFramesSent: 0,
      release: () => undefined,
    };
    const taken = takeEarlySocket(URL) as unknown as FakeSocket;
    expect(taken).not.toBe(early);
    expect(taken.url).toBe(URL);
    expect(early.closed).toBe(true);
  });

  it('opens a new socket when the early one was closed before the room took it', () => {
    const early = new FakeSocket(URL);
    early.readyState = FakeSocket.CLOSED;
    leaveEarly(early);
    const taken = takeEarlySocket(URL) as unknown as FakeSocket;
    expect(taken).not.toBe(early);
    expect(taken.url).toBe(URL);
  });

  it('closes an untaken early socket when the room cannot use it, and opens its own later', () => {
    const early = new FakeSocket(URL);
    early.readyState = FakeSocket.OPEN;
    const release = leaveEarly(early);
    discardEarlySocket();
    expect(release).toHaveBeenCalled();
    expect(early.closed).toBe(true);
    expect(globalThis.accordEarlySocket).toBeUndefined();
    expect(takeEarlySocket(URL)).not.toBe(early);
  });
});
