import * as Y from 'yjs';

/**
 * Accord's addition to the y-websocket protocol: after each commit the server sends message type 100 with
 * the state vector it has stored, to connections that asked for it with `?saved=1`. A client is saved when
 * every clock of its own doc is covered by that vector — then nothing it holds is missing from the database.
 */
export const MESSAGE_SAVED = 100;

/** Whether the stored state vector covers every change in the local doc. */
export function isAllSaved(local: Y.Doc, storedStateVector: Uint8Array): boolean {
  const stored = Y.decodeStateVector(storedStateVector);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local))) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
}
