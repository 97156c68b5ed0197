import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from '../sync/protocol.ts';

/** A small seeded generator (mulberry32): the same seed gives the same frames, so a failure replays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type FrameKind =
  | 'random-bytes'
  | 'truncated'
  | 'bad-type'
  | 'garbage-update'
  | 'garbage-state-vector'
  | 'garbage-awareness'
  | 'hostile-update'
  | 'orphan-update'
  | 'spoofed-awareness'
  | 'query-awareness'
  | 'oversized';

/**
 * Whether the server closes the connection on a frame of this kind (malformed, too large, or an update the
 * door refuses). Random bytes now and then happen to be a well-formed state vector, and a vandalising
 * update is sometimes an allowed edit (deleting a section): 'maybe'.
 */
export const CLOSES: Readonly<Record<FrameKind, boolean | 'maybe'>> = {
  'random-bytes': true,
  truncated: true,
  'bad-type': true,
  'garbage-update': true,
  'garbage-state-vector': 'maybe',
  'garbage-awareness': true,
  'hostile-update': 'maybe',
  'orphan-update': true,
  'spoofed-awareness': false,
  'query-awareness': false,
  oversized: true,
};

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function bytes(random: () => number, max: number): Uint8Array {
  const out = new Uint8Array(Math.floor(random() * max));
  for (let i = 0; i < out.length; i += 1) out[i] = Math.floor(random() * 256);
  return out;
}

/**
 * Frames an attacker might send to the Yjs endpoint. The malformed kinds must close the connection and
 * change nothing; the well-formed hostile kinds (updates that vandalise the document, updates that depend
 * on changes never sent, awareness claiming other clients' ids) must leave every replica equal and loadable.
 */
export class HostileFrames {
  private readonly attacker = new Y.Doc();
  private readonly hidden = new Y.Doc();

  constructor(
    private readonly random: () => number,
    base: Uint8Array,
    private readonly maxMessageBytes: number,
  ) {
    Y.applyUpdate(this.attacker, base);
    Y.applyUpdate(this.hidden, base);
  }

  next(kind: FrameKind): Uint8Array {
    const r = this.random;
    switch (kind) {
      case 'random-bytes':
        return bytes(r, 200);
      case 'truncated': {
        const whole = this.hostileUpdate();
        return whole.slice(0, Math.max(1, Math.floor(r() * (whole.length - 1))));
      }
      case 'bad-type':
        return frame((e) => {
          encoding.writeVarUint(e, 4 + Math.floor(r() * 90));
          encoding.writeUint8Array(e, bytes(r, 30));
        });
      case 'garbage-update':
        return frame((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, r() < 0.5 ? SYNC_UPDATE : SYNC_STEP_2);
          encoding.writeVarUint8Array(e, bytes(r, 120));
        });
      case 'garbage-state-vector':
        return frame((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, SYNC_STEP_1);
          encoding.writeVarUint8Array(e, Uint8Array.of(5, ...bytes(r, 40)));
        });
      case 'garbage-awareness':
        return frame((e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(e, Uint8Array.of(1, 7, 1, 20, ...new TextEncoder().encode('{not json')));
        });
      case 'hostile-update':
        return this.hostileUpdate();
      case 'orphan-update':
        return frame((e) => {
          encoding.writeVarUint(e, MESSAGE_SYNC);
          encoding.writeVarUint(e, SYNC_UPDATE);
          encoding.writeVarUint8Array(e, this.orphan());
        });
      case 'spoofed-awareness':
        return frame((e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          const inner = encoding.createEncoder();
          encoding.writeVarUint(inner, 1);
          encoding.writeVarUint(inner, Math.floor(r() * 1000));
          encoding.writeVarUint(inner, Math.floor(r() * 50));
          encoding.writeVarString(
            inner,
            JSON.stringify({
              accord: { name: 'Sponsor', role: 'sponsor' },
              editing: '/meta/title',
              pad: 'x'.repeat(Math.floor(r() * 6000)),
            }),
          );
          encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
        });
      case 'query-awareness':
        return frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));
      case 'oversized':
        return new Uint8Array(this.maxMessageBytes + 1 + Math.floor(r() * 1000));
      default: {
        const unknown: never = kind;
        return unknown;
      }
    }
  }

  /** A real update that vandalises: overwrites fields with odd types, deletes, inserts odd root types. */
  private hostileUpdate(): Uint8Array {
    const before = Y.encodeStateVector(this.attacker);
    const root = this.attacker.getMap('requirements');
    const pick = Math.floor(this.random() * 5);
    if (pick === 0) root.set('meta', 'not a map');
    else if (pick === 1) root.delete([...root.keys()][Math.floor(this.random() * Math.max(1, root.size))] ?? 'none');
    else if (pick === 2)
      this.attacker
        .getArray(`junk-${Math.floor(this.random() * 5)}`)
        .insert(0, [{ '<script>': 'alert(1)' }, 'javascript:alert(1)']);
    else if (pick === 3) this.attacker.getText('notes').insert(0, '\u0000\uffff<img src=x onerror=alert(1)>');
    else root.set('functions', new Y.Map([['x', 1]]));
    const update = Y.encodeStateAsUpdate(this.attacker, before);
    return frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** An update whose dependencies were never sent: the receiver must hold it pending, not break. */
  private orphan(): Uint8Array {
    this.hidden.getMap('hidden').set('first', this.random());
    const before = Y.encodeStateVector(this.hidden);
    this.hidden.getMap('hidden').set('second', this.random());
    return Y.encodeStateAsUpdate(this.hidden, before);
  }
}
