import * as Y from 'yjs';

/**
 * What an update adds to a document: the update cut down to the changes the document does not hold yet, or
 * undefined when it adds nothing. A client that reloads its local copy, or resends after a reconnect,
 * sends much the server already has; storing only the new part keeps the log (and the document size limit)
 * about real edits.
 */
export function novelPart(doc: Y.Doc, update: Uint8Array): Uint8Array | undefined {
  const diff = Y.diffUpdate(update, Y.encodeStateVector(doc));
  const { structs, ds } = Y.decodeUpdate(diff);
  if (structs.length > 0) return diff;
  if (ds.clients.size === 0) return undefined;
  return deletesApplied(doc, ds) ? undefined : diff;
}

/** Whether every deletion of a delete set is already a deletion in the document. */
function deletesApplied(doc: Y.Doc, ds: ReturnType<typeof Y.decodeUpdate>['ds']): boolean {
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock + len > known) return false;
      for (let index = Y.findIndexSS(structs, clock); index < structs.length; index += 1) {
        const struct = structs[index];
        if (!struct || struct.id.clock >= clock + len) break;
        if (!struct.deleted) return false;
      }
    }
  }
  return true;
}
