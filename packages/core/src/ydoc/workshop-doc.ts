import * as Y from 'yjs';
import { validateRequirements, type ParseRequirementsResult, type Requirements } from '../model/index.ts';
import { ROOT_SHAPE, rootMap } from './doc-layout.ts';
import { fillShaped, readShaped } from './doc-shape.ts';
import { completeShape } from './doc-upgrade.ts';

export {
  applyEdit,
  applyEdits,
  editSchema,
  fieldValue,
  fieldWriter,
  type Edit,
  type EditError,
  type EditResult,
} from './edits.ts';
export { naturalRowId } from './doc-shape.ts';
export {
  COLLECTIONS,
  ITEM_SHAPES,
  ROOT,
  ROOT_SHAPE,
  ROW_LISTS,
  TEXT_FIELDS,
  type MapShape,
  type RowShape,
} from './doc-layout.ts';

/**
 * Fill a doc from a validated requirements value, in one transaction (used for templates and imports). Every
 * section, collection, group, text and row list of the layout is created here, even where the value has
 * none, so no later edit has to create one; rows without ids get deterministic ones.
 */
export function writeRequirements(
  doc: Y.Doc,
  requirements: Requirements | Record<string, unknown>,
  origin: unknown = null,
): void {
  doc.transact(() => {
    const root = rootMap(doc);
    for (const key of [...root.keys()]) root.delete(key);
    fillShaped(root, requirements as Record<string, unknown>, ROOT_SHAPE);
  }, origin);
}

/**
 * Create, in one transaction, every container the layout names that an older doc lacks (groups, texts, row
 * lists as id-keyed maps). Run it where a workshop is loaded, before people edit: then no two clients ever
 * create the same container. Returns whether the doc changed; an up-to-date doc is left untouched.
 */
export function upgradeLayout(doc: Y.Doc, origin: unknown = null): boolean {
  let changed = false;
  doc.transact(() => {
    changed = completeShape(rootMap(doc), ROOT_SHAPE);
  }, origin);
  return changed;
}

/** A new doc holding the given requirements. */
export function createWorkshopDoc(requirements: Requirements | Record<string, unknown>): Y.Doc {
  const doc = new Y.Doc();
  writeRequirements(doc, requirements);
  return doc;
}

/**
 * The doc as plain JSON in the requirements file shape, without validation (for live preview of half-typed
 * data). Collections and row lists come back as arrays in display order, every row with its id; groups
 * holding nothing typed are left out.
 */
export function readRaw(doc: Y.Doc): Record<string, unknown> {
  return readShaped(rootMap(doc), ROOT_SHAPE);
}

/** The doc's requirements, validated: what the server publishes and the preview derives from. */
export function readSnapshot(doc: Y.Doc): ParseRequirementsResult {
  return validateRequirements(readRaw(doc));
}

/** Calls back after every change to the requirements (local or remote), with the transaction's origin. */
export function observeRequirements(doc: Y.Doc, callback: (origin: unknown) => void): () => void {
  const root = rootMap(doc);
  const handler = (_events: unknown, transaction: Y.Transaction): void => callback(transaction.origin);
  root.observeDeep(handler);
  return () => root.unobserveDeep(handler);
}
