import * as Y from 'yjs';

/**
 * What an update adds to a document: the update cut down to the changes the document does not hold yet, or
 * undefined when it adds nothing. A client that reloads its local copy, or resends after a reconnect,
 * sends much the server already has; storing only the new part keeps the log (and the document size limit)
 * about real edits.
 */
export function novelPart(doc: Y.Doc, update: Uint8Array): Uint8Array | undefined {
  return novelChange(doc, update)?.update;
}

/**
 * Like `novelPart`, with the new part decoded too (the door checks its structs without decoding twice).
 * A fresh edit — every struct past what the document holds of its client — comes back as it was sent, the
 * same array: only an update that repeats something is cut (encoding the document's state vector and
 * re-encoding the update cost more than the rest of the door together).
 */
export function novelChange(
  doc: Y.Doc,
  update: Uint8Array,
): { readonly update: Uint8Array; readonly decoded: ReturnType<typeof Y.decodeUpdate> } | undefined {
  const sent = Y.decodeUpdate(update);
  const fresh = allStructsNew(doc, sent.structs);
  const cut = fresh ? update : Y.diffUpdate(update, Y.encodeStateVector(doc));
  const decoded = fresh ? sent : Y.decodeUpdate(cut);
  if (decoded.structs.length > 0) return { update: cut, decoded };
  if (decoded.ds.clients.size === 0) return undefined;
  return deletesApplied(doc, decoded.ds) ? undefined : { update: cut, decoded };
}

/**
 * Whether no struct starts below what the document holds of its client. An update lists each client's
 * structs in clock order, so the first of each run decides.
 */
function allStructsNew(doc: Y.Doc, structs: ReturnType<typeof Y.decodeUpdate>['structs']): boolean {
  let client = -1;
  for (const struct of structs) {
    if (struct.id.client === client) continue;
    client = struct.id.client;
    if (struct.id.clock < Y.getState(doc.store, client)) return false;
  }
  return true;
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
