import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ControlChannelEvents, OpenSocket } from './control-channel.svelte.ts';
import { ControlChannel, handshakeRefusal } from './control-channel.svelte.ts';

/** A socket.io socket as far as the channel uses it: handlers by event, and whether it was closed. */
class FakeSocket {
  connected = false;
  closed = false;
  /** Whether socket.io would reconnect by itself: false after the server answered a handshake with an error. */
  active = true;
  connects = 0;
  readonly handlers = new Map<string, (...args: unknown[]) => void>();
  readonly emitted: string[] = [];

  on(event: string, handler: (...args: unknown[]) => void): this {
    // One handler per event: a second would make every event count twice.
    if (this.handlers.has(event)) throw new Error(`a second handler for ${event}`);
    this.handlers.set(event, handler);
    return this;
  }
  disconnect(): this {
    this.closed = true;
    this.connected = false;
    this.handlers.get('disconnect')?.('io client disconnect');
    return this;
  }
  timeout(): { emitWithAck(event: string): Promise<{ ok: true }> } {
    return {
      emitWithAck: (event) => {
        this.emitted.push(event);
        return Promise.resolve({ ok: true });
      },
    };
  }
  /** The server accepted the connection. */
  accept(): void {
    this.connected = true;
    this.handlers.get('connect')?.();
  }
  connect(): this {
    this.connects += 1;
    this.active = true;
    return this;
  }
  /**
   * The handshake failed, as socket.io-client reports it: an Error with what the server put in `data`, if any.
   * socket.io gives up (`active` false) when the server answered; it keeps trying after a network error.
   */
  fail(message: string, data?: unknown): void {
    if (data !== undefined) this.active = false;
    this.handlers.get('connect_error')?.(Object.assign(new Error(message), data === undefined ? {} : { data }));
  }
}

/** socket.io's code arriving when the test says so, and every socket opened with it. */
function lateSocketIo() {
  const sockets: FakeSocket[] = [];
  const open: OpenSocket = () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket as unknown as ReturnType<OpenSocket>;
  };
  let arrive: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const load = vi.fn(
    () =>
      new Promise<OpenSocket>((resolve, reject) => {
        arrive = () => resolve(open);
        fail = reject;
      }),
  );
  return { sockets, load, arrive: () => arrive(), fail: (error: Error) => fail(error) };
}

const events: ControlChannelEvents = {
  phaseChanged: () => undefined,
  decision: () => undefined,
  versionPublished: () => undefined,
  signature: () => undefined,
  freeze: () => undefined,
  refused: () => undefined,
};

/** Lets the channel's awaits of the load run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('ControlChannel', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a send made while socket.io is on its way and sends it once connected', async () => {
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    expect(channel.connected).toBe(false);
    const early = channel.send('phase:set', { phase: 'risks' });

    io.arrive();
    await settle();
    expect(io.sockets).toHaveLength(1);
    expect(channel.connected).toBe(false);
    expect(io.sockets[0]?.emitted).toEqual([]);

    io.sockets[0]?.accept();
    expect(channel.connected).toBe(true);
    expect(await early).toEqual({ ok: true });
    expect(await channel.send('phase:set', { phase: 'risks' })).toEqual({ ok: true });
    expect(io.sockets[0]?.emitted).toEqual(['phase:set', 'phase:set']);
    channel.disconnect();
  });

  it('answers "not connected" when the first connection does not come within the ack timeout', async () => {
    vi.useFakeTimers();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    const early = channel.send('phase:set', { phase: 'risks' });
    await vi.advanceTimersByTimeAsync(8000);
    expect(await early).toMatchObject({ ok: false, code: 'offline', error: expect.stringMatching(/not connected/) });
    channel.disconnect();
  });

  it('tells whoever acts to reload when socket.io failed to arrive and no retry connected within the wait', async () => {
    vi.useFakeTimers();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    let answer: unknown = null;
    void channel.send('phase:set', { phase: 'risks' }).then((ack) => (answer = ack));
    io.fail(new Error('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(0);
    // A retry may still connect: the send is not answered on the failure itself.
    expect(answer).toBeNull();
    expect(channel.unavailable).toBe(true);
    // The retry fails too (as every one does in Chromium): answered then, not after the whole ack timeout.
    io.load.mockRejectedValue(new Error('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(answer).toMatchObject({ ok: false, code: 'offline', error: expect.stringMatching(/reload the page/) });
    // A send made after that waits for the next attempt only (2 s later), not 8 s.
    let later: unknown = null;
    void channel.send('phase:set', { phase: 'risks' }).then((ack) => (later = ack));
    await vi.advanceTimersByTimeAsync(1999);
    expect(later).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(later).toMatchObject({ ok: false, code: 'offline', error: expect.stringMatching(/reload the page/) });
    channel.disconnect();
  });

  it('sends an action made while socket.io is asked for again once the retry connects', async () => {
    vi.useFakeTimers();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    io.fail(new Error('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(0);
    const during = channel.send('phase:set', { phase: 'availability' });

    await vi.advanceTimersToNextTimerAsync();
    expect(io.load).toHaveBeenCalledTimes(2);
    io.arrive();
    await vi.advanceTimersByTimeAsync(0);
    io.sockets[0]?.accept();
    expect(await during).toEqual({ ok: true });
    expect(io.sockets[0]?.emitted).toEqual(['phase:set']);
    channel.disconnect();
  });

  it('is ready once the session state has arrived, not on connect alone', async () => {
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    io.arrive();
    await settle();
    io.sockets[0]?.accept();
    expect(channel.connected).toBe(true);
    expect(channel.ready).toBe(false);

    io.sockets[0]?.handlers.get('session:state')?.({
      serverNowMs: Date.now(),
      phase: 'scope',
      timer: { endsAtMs: null, durationSeconds: 0, startedBy: null },
      roster: [],
      ballots: [],
      yourVotes: [],
    });
    expect(channel.ready).toBe(true);
    channel.disconnect();
  });

  it('opens no socket when disconnected before socket.io has arrived', async () => {
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    channel.disconnect();

    io.arrive();
    await settle();
    expect(io.sockets).toEqual([]);
    expect(channel.connected).toBe(false);
    expect(await channel.send('phase:set', { phase: 'risks' })).toMatchObject({ ok: false, code: 'offline' });
  });

  it('closes the socket it opened on disconnect', async () => {
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    io.arrive();
    await settle();
    io.sockets[0]?.accept();

    channel.disconnect();
    expect(io.sockets[0]?.closed).toBe(true);
    expect(channel.connected).toBe(false);
  });

  it('asks for socket.io again when it failed to arrive, until disconnected', async () => {
    vi.useFakeTimers();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    io.fail(new Error('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(0);
    expect(io.load).toHaveBeenCalledTimes(1);

    await vi.advanceTimersToNextTimerAsync();
    expect(io.load).toHaveBeenCalledTimes(2);
    io.arrive();
    await vi.advanceTimersByTimeAsync(0);
    expect(io.sockets).toHaveLength(1);
    channel.disconnect();

    const other = lateSocketIo();
    const closed = new ControlChannel('w2', 'scope', events, other.load);
    other.fail(new Error('Failed to fetch dynamically imported module'));
    await vi.advanceTimersByTimeAsync(0);
    closed.disconnect();
    await vi.runAllTimersAsync();
    expect(other.load).toHaveBeenCalledTimes(1);
    expect(other.sockets).toEqual([]);
  });

  it("stops the room on the server's typed refusal of the handshake, whatever its words", async () => {
    const refused = vi.fn<ControlChannelEvents['refused']>();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', { ...events, refused }, io.load);
    io.arrive();
    await settle();
    const socket = io.sockets[0];
    socket?.fail('not signed in to this workshop: open your invite link again', { code: 'unauthenticated' });
    socket?.fail('no such workshop', { code: 'not_found' });
    expect(refused.mock.calls).toEqual([
      ['unauthorized', 'not signed in to this workshop: open your invite link again'],
      ['not-found', 'no such workshop'],
    ]);
    channel.disconnect();
  });

  it('leaves socket.io to retry a network failure, a server that could not check, or a code it does not know', async () => {
    const refused = vi.fn<ControlChannelEvents['refused']>();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', { ...events, refused }, io.load);
    io.arrive();
    await settle();
    const socket = io.sockets[0];
    socket?.fail('websocket error');
    socket?.fail('unauthorized', { code: 'internal' });
    socket?.fail('forbidden', 'unauthenticated');
    expect(refused).not.toHaveBeenCalled();
    expect(socket?.closed).toBe(false);
    // Its reconnect timer must not outlive the test.
    channel.disconnect();
  });

  it('asks again, later each time, after a handshake the server could not check, until disconnected', async () => {
    vi.useFakeTimers();
    const io = lateSocketIo();
    const channel = new ControlChannel('w1', 'scope', events, io.load);
    io.arrive();
    await vi.advanceTimersByTimeAsync(0);
    const socket = io.sockets[0];
    socket?.fail('the server could not check', { code: 'internal' });
    await vi.advanceTimersByTimeAsync(999);
    expect(socket?.connects).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket?.connects).toBe(1);
    socket?.fail('the server could not check', { code: 'internal' });
    await vi.advanceTimersByTimeAsync(1999);
    expect(socket?.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket?.connects).toBe(2);
    socket?.fail('the server could not check', { code: 'internal' });
    channel.disconnect();
    await vi.runAllTimersAsync();
    expect(socket?.connects).toBe(2);
  });
});

describe('handshakeRefusal', () => {
  it('reads only a string code of a known refusal in the error data', () => {
    const refusal = (data: unknown) => handshakeRefusal(Object.assign(new Error('revoked'), { data }));
    expect(refusal({ code: 'unauthenticated' })).toBe('unauthorized');
    expect(refusal({ code: 'forbidden' })).toBe('unauthorized');
    expect(refusal({ code: 'invalid_handshake' })).toBe('not-found');
    expect(refusal({ code: 'not_found' })).toBe('not-found');
    for (const data of [undefined, null, 'unauthenticated', { code: 401 }, { code: 'toString' }, { code: 'internal' }])
      expect(refusal(data)).toBeNull();
    expect(handshakeRefusal(null)).toBeNull();
    expect(handshakeRefusal('not signed in')).toBeNull();
  });
});
