import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * A copy of a workshop's document in this browser (IndexedDB), kept for people who may edit: an edit made
 * offline survives closing the tab or a crash, and is sent the next time the room opens. The server stores
 * only what is new to it, so reopening with an up-to-date copy costs nothing.
 */
export function localCopyName(workshopId: string): string {
  return `accord-workshop-${workshopId}`;
}

export interface LocalCopy {
  /** Resolves once the stored copy (if any) has been merged into the document. */
  readonly loaded: Promise<void>;
  /** Stops writing to the copy; the copy stays. */
  close(): Promise<void>;
  /** Deletes the copy (revoked, or forgotten on this device). */
  erase(): Promise<void>;
}

/** Keeps `doc` in IndexedDB; undefined where the browser has no IndexedDB (private modes, old browsers). */
export function keepLocalCopy(workshopId: string, doc: Y.Doc): LocalCopy | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  const persistence = new IndexeddbPersistence(localCopyName(workshopId), doc);
  return {
    loaded: persistence.whenSynced.then(
      () => undefined,
      () => undefined,
    ),
    close: () => persistence.destroy(),
    erase: () => persistence.clearData(),
  };
}

/** Deletes the copy of a workshop this browser may hold, without opening the workshop. */
export function forgetLocalCopy(workshopId: string): void {
  if (typeof indexedDB === 'undefined') return;
  indexedDB.deleteDatabase(localCopyName(workshopId));
}
