import * as decoding from 'lib0/decoding';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './protocol.ts';

/** A frame that is not a y-websocket message the server takes: the connection is closed with 4400. */
export class MalformedMessage extends Error {}

/** One frame a client sent, read strictly (no trailing bytes, a state vector that parses). */
export type ClientFrame =
  | { readonly kind: 'sync-step-1'; readonly stateVector: Uint8Array }
  | {
      readonly kind: 'document';
      readonly update: Uint8Array;
      /** A sync step 2 answers the server's state vector on (re)connect; an update is a fresh change. */
      readonly step: 'sync-step-2' | 'update';
    }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'query-awareness' };

/**
 * Reads one binary frame in the y-websocket encoding. Sync step 2 and update messages are both document
 * frames, cut to what the server lacks, checked, relayed and stored alike; only a read-only role's sync
 * step 2 is treated apart (`RoomWrites.receive`). Throws
 * `MalformedMessage` (or a lib0 decoding error) on anything else.
 */
export function readFrame(message: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    const payload = readPayload(decoder);
    if (syncType === SYNC_STEP_1) return { kind: 'sync-step-1', stateVector: checkedStateVector(payload) };
    if (syncType === SYNC_STEP_2) return { kind: 'document', update: payload, step: 'sync-step-2' };
    if (syncType === SYNC_UPDATE) return { kind: 'document', update: payload, step: 'update' };
    throw new MalformedMessage(`unknown sync message ${syncType}`);
  }
  if (type === MESSAGE_AWARENESS) return { kind: 'awareness', update: readPayload(decoder) };
  if (type === MESSAGE_QUERY_AWARENESS) {
    expectEnd(decoder);
    return { kind: 'query-awareness' };
  }
  throw new MalformedMessage(`unknown message type ${type}`);
}

/** A state vector read strictly: a count, that many (client, clock) pairs, and nothing after them. */
function checkedStateVector(payload: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  if (count > 100_000) throw new MalformedMessage('state vector with an absurd number of clients');
  for (let i = 0; i < count; i += 1) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  expectEnd(decoder);
  return payload;
}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  const payload = decoding.readVarUint8Array(decoder);
  expectEnd(decoder);
  return payload;
}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after the message');
}
