import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isDocumentFrame, MESSAGE_SAVED, SavedTracker, type SavedProvider } from './saved-state.ts';

/** A stand-in for the official provider: the same events, a socket that records frames. */
class FakeProvider implements SavedProvider {
  messageHandlers: SavedProvider['messageHandlers'] = [];
  ws: {
    send(data: Uint8Array | ArrayBuffer | string): void;
    frames: Uint8Array[];
    documentFramesSentEarly?: number;
  } | null = null;
  wsconnected = false;
  synced = false;
  private readonly listeners = new Map<string, ((value: never) => void)[]>();

  constructor(readonly doc: Y.Doc) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.wsconnected) this.ws?.send(frame(2, update));
    });
  }

  on(event: string, listener: (value: never) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  emit(event: string, value: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(value as never);
  }

  /** Connects; `documentFramesSentEarly`: frames the socket carried before this provider took it over. */
  connect(documentFramesSentEarly?: number): void {
    const frames: Uint8Array[] = [];
    this.ws = {
      frames,
      send: (data) => {
        frames.push(data as Uint8Array);
      },
      ...(documentFramesSentEarly === undefined ? {} : { documentFramesSentEarly }),
    };
    this.wsconnected = true;
    this.emit('status', { status: 'connected' });
  }

  disconnect(): void {
    this.wsconnected = false;
    this.synced = false;
    this.emit('status', { status: 'disconnected' });
  }

  /** What the provider does on the server's step 1: reply with step 2. */
  replyStep2(): void {
    this.ws?.send(frame(1, Y.encodeStateAsUpdate(this.doc)));
    this.synced = true;
    this.emit('sync', true);
  }

  saved(frames: number): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
    encoding.writeVarUint(encoder, frames);
    this.messageHandlers[MESSAGE_SAVED]?.(
      null,
      decoding.createDecoder(encoding.toUint8Array(encoder)),
      undefined as never,
      false,
      MESSAGE_SAVED,
    );
  }
}

function frame(kind: number, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function setup() {
  const doc = new Y.Doc();
  const provider = new FakeProvider(doc);
  const tracker = new SavedTracker(provider, doc, () => undefined);
  return { doc, provider, tracker };
}

describe('SavedTracker', () => {
  it('is saved only once every document frame sent is acknowledged', () => {
    const { doc, provider, tracker } = setup();
    provider.connect();
    provider.replyStep2();
    expect(tracker.saved).toBe(false);
    provider.saved(1);
    expect(tracker.saved).toBe(true);
    doc.getMap('m').set('a', 1);
    expect(tracker.saved).toBe(false);
    provider.saved(2);
    expect(tracker.saved).toBe(true);
  });

  it('counts the frames a socket carried before the provider took it over', () => {
    const { doc, provider, tracker } = setup();
    // The page's first script answered the server's step 1 (frame 1); the server acknowledges it.
    provider.connect(1);
    provider.synced = true;
    expect(tracker.saved).toBe(false);
    provider.saved(1);
    expect(tracker.saved).toBe(true);
    // The next edit is the server's frame 2: acknowledging frame 1 again does not cover it.
    doc.getMap('m').set('a', 1);
    provider.saved(1);
    expect(tracker.saved).toBe(false);
    provider.saved(2);
    expect(tracker.saved).toBe(true);
  });

  it('counts a deletion, which no state vector shows', () => {
    const { doc, provider, tracker } = setup();
    doc.getText('t').insert(0, 'hello');
    provider.connect();
    provider.replyStep2();
    provider.saved(1);
    const vector = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 1);
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(tracker.saved).toBe(false);
    provider.saved(2);
    expect(tracker.saved).toBe(true);
  });

  it('is not saved after a change made offline until the next sync step 2 is acknowledged', () => {
    const { doc, provider, tracker } = setup();
    provider.connect();
    provider.replyStep2();
    provider.saved(1);
    provider.disconnect();
    expect(tracker.hasUnsaved).toBe(false);
    doc.getText('t').insert(0, 'offline');
    expect(tracker.hasUnsaved).toBe(true);
    provider.connect();
    expect(tracker.saved).toBe(false);
    provider.replyStep2();
    expect(tracker.saved).toBe(false);
    provider.saved(1);
    expect(tracker.saved).toBe(true);
  });

  it('keeps a change unacknowledged at a disconnect unsaved across the reconnect', () => {
    const { doc, provider, tracker } = setup();
    provider.connect();
    provider.replyStep2();
    provider.saved(1);
    doc.getMap('m').set('in-flight', true);
    provider.disconnect();
    provider.connect();
    provider.synced = true;
    expect(tracker.saved).toBe(false);
    provider.replyStep2();
    provider.saved(1);
    expect(tracker.saved).toBe(true);
  });

  it('recognises document frames', () => {
    expect(isDocumentFrame(frame(1, new Uint8Array([0, 0])))).toBe(true);
    expect(isDocumentFrame(frame(2, new Uint8Array([0, 0])))).toBe(true);
    expect(isDocumentFrame(frame(0, new Uint8Array([0])))).toBe(false);
    expect(isDocumentFrame(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
