import * as decoding from 'lib0/decoding';
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

/** The part of the official `WebsocketProvider` this needs: its per-instance table of message handlers. */
export interface ProviderWithHandlers {
  messageHandlers: ((encoder: unknown, decoder: decoding.Decoder, provider: never, emitSynced: boolean, messageType: number) => void)[];
}

/**
 * Teaches an official y-websocket provider Accord's saved message (connect it with `params: { saved: '1' }`).
 * `onStored` receives each stored state vector; compare it with `isAllSaved` whenever either side changes.
 */
export function handleSavedMessages(provider: ProviderWithHandlers, onStored: (stateVector: Uint8Array) => void): void {
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    onStored(decoding.readVarUint8Array(decoder));
  };
}
