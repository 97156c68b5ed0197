import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  readonly state: string;
}

/**
 * Entries one awareness frame may carry, either way. The server never sends more in one frame (y-websocket
 * clients send back what they are relayed); a client's frame with more is dropped, not taken for malformed:
 * y-protocols removes every timed-out state in one change, which its client then sends as one frame.
 */
export const MAX_AWARENESS_ENTRIES = 64;

/** An awareness update of more than `MAX_AWARENESS_ENTRIES` entries (well-formed, but not taken). */
export class TooManyAwarenessEntries extends Error {
  constructor(count: number) {
    super(`${count} awareness entries in one frame (at most ${MAX_AWARENESS_ENTRIES})`);
  }
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_AWARENESS_ENTRIES) throw new TooManyAwarenessEntries(count);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state);
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
