import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';

/** What the early script touches of a browser WebSocket: listeners, sends, close. */
class ScriptSocket {
  static instances: ScriptSocket[] = [];
  binaryType = 'blob';
  sent: Uint8Array[] = [];
  closed = false;
  private readonly listeners = new Map<string, Set<(event: unknown) => void>>();
  constructor(readonly url: string) {
    ScriptSocket.instances.push(this);
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  send(bytes: Uint8Array): void {
    this.sent.push(bytes);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, event: unknown = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  receive(bytes: Uint8Array): void {
    this.emit('message', { data: bytes.slice().buffer });
  }
}

const doc = new Y.Doc();
doc.getMap('meta').set('title', 'Mail');
const stateVector = Y.encodeStateVector(doc);
const SYNC_STEP_1_FROM_SERVER = new Uint8Array([0, 0, 1, 0]);
const UPDATE_FROM_SERVER = new Uint8Array([0, 2, 2, 0, 0]);

/** Runs the early script on a page at `path`, with or without the room's bootstrap. */
async function runScript(path: string, withBootstrap = true): Promise<ScriptSocket | undefined> {
  vi.resetModules();
  ScriptSocket.instances = [];
  const bootstrap = { textContent: JSON.stringify({ stateVector: Buffer.from(stateVector).toString('base64') }) };
  vi.stubGlobal('location', { pathname: path, origin: 'https://accord.test' });
  vi.stubGlobal('document', {
    getElementById: (id: string) => (withBootstrap && id === 'accord-room' ? bootstrap : null),
  });
  vi.stubGlobal('WebSocket', ScriptSocket);
  vi.stubGlobal('MessageEvent', class {});
  await import('./room-socket.ts');
  return ScriptSocket.instances[0];
}

describe('the early room socket', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
  });
  afterEach(() => {
    globalThis.accordEarlySocket = undefined;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("asks for what changed since the page's state, answers the server's step 1 once, keeps the rest", async () => {
    const socket = await runScript('/w/abc123/scope');
    expect(socket?.url).toBe('wss://accord.test/yjs/abc123?saved=1');
    socket!.emit('open');
    // Sync step 1 with the bootstrap's state vector, length-prefixed as lib0 writes it.
    expect([...socket!.sent[0]!]).toEqual([0, 0, stateVector.length, ...stateVector]);
    socket!.receive(SYNC_STEP_1_FROM_SERVER);
    expect([...socket!.sent[1]!]).toEqual([0, 1, 2, 0, 0]);
    expect(globalThis.accordEarlySocket?.documentFramesSent).toBe(1);
    // A second step 1 (the server never sends one, but a modified one might) is kept for the room, not answered.
    socket!.receive(SYNC_STEP_1_FROM_SERVER);
    socket!.receive(UPDATE_FROM_SERVER);
    expect(socket!.sent).toHaveLength(2);
    expect(globalThis.accordEarlySocket?.received.map((b) => [...new Uint8Array(b)])).toEqual([
      [...SYNC_STEP_1_FROM_SERVER],
      [...UPDATE_FROM_SERVER],
    ]);
  });

  it('opens nothing on other pages, or on a room page without the bootstrap', async () => {
    expect(await runScript('/')).toBeUndefined();
    expect(await runScript('/w/abc123/scope', false)).toBeUndefined();
    expect(globalThis.accordEarlySocket).toBeUndefined();
  });

  it('closes a socket nobody takes after half a minute', async () => {
    const socket = await runScript('/w/abc123');
    vi.advanceTimersByTime(29_000);
    expect(socket!.closed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(socket!.closed).toBe(true);
    expect(globalThis.accordEarlySocket).toBeUndefined();
  });

  it('closes a socket nobody takes once it has kept more than 4 MiB', async () => {
    const socket = await runScript('/w/abc123');
    const chunk = new Uint8Array(1024 * 1024).fill(1); // awareness frames, say
    for (let i = 0; i < 4; i += 1) socket!.receive(chunk);
    expect(socket!.closed).toBe(false);
    socket!.receive(new Uint8Array(10).fill(1));
    expect(socket!.closed).toBe(true);
    expect(globalThis.accordEarlySocket).toBeUndefined();
  });
});
