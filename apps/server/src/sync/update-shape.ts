import { COLLECTIONS, ROOT, TEXT_FIELDS } from '@accord/core/ydoc';
import * as Y from 'yjs';
import { childPlace, DocumentPlaces, kindOf, rootPlace, storedStruct, type Place } from './document-places.ts';

/**
 * Parts of the requirements only the server writes: deliberation (proposals, their status and votes, the
 * decisions) changes through role-checked socket.io actions that the audit trail records, never through a
 * client's document update.
 */
export const SERVER_OWNED: ReadonlySet<string> = new Set(
  ['proposals', 'decisions'].filter((key) => (COLLECTIONS as readonly string[]).includes(key)),
);

const COLLECTION_SET: ReadonlySet<string> = new Set(COLLECTIONS);

export interface ShapeLimits {
  /** Most keys from the root to any value (requirements/functions/<id>/recovery/<id>/rationale is 5). */
  readonly maxDepth: number;
  /** Longest map key (ids are at most 48 characters). */
  readonly maxKeyLength: number;
  /** Deepest plain JSON value (short lists of rows). */
  readonly maxJsonDepth: number;
}

export const SHAPE_LIMITS: ShapeLimits = { maxDepth: 10, maxKeyLength: 128, maxJsonDepth: 8 };

/** Who wrote an update: a participant who may edit, one who may not, or the server itself (its own changes, the stored log). */
export type Writer = 'editor' | 'read-only' | 'server';

export type ViolationKind =
  'read-only' | 'server-only' | 'new-root' | 'too-deep' | 'key-too-long' | 'wrong-type' | 'unknown-reference';

export interface ShapeViolation {
  readonly kind: ViolationKind;
  /** Says what was refused, in words a developer of a client can act on. */
  readonly message: string;
}

export type ShapeResult =
  { readonly ok: true; readonly held: number } | { readonly ok: false; readonly violation: ShapeViolation };

/** Where an update's item goes: its parent's place (null: Yjs drops it, its neighbour was garbage-collected) and key. */
interface Resolved {
  readonly parent: Place | null;
  readonly key: string | null;
  /** The item's own place when it holds a type (children of later items resolve through it). */
  readonly own: Place | null;
}

/** An accepted update's items while it is on its way to the document (stored, not yet applied). */
interface HeldItem extends Resolved {
  readonly clock: number;
  readonly length: number;
}

type Decoded = ReturnType<typeof Y.decodeUpdate>;

const fail = (kind: ViolationKind, message: string): ShapeResult => ({ ok: false, violation: { kind, message } });

function pathOf(place: Place, key: string | null): string {
  const keys = key === null ? place.keys : [...place.keys, key];
  return `${place.root}/${keys.join('/')}${place.depth > place.keys.length ? '/…' : ''}`;
}

/**
 * The door's check of a document update, before anything is stored, relayed or acknowledged. It decodes
 * the update's structs and resolves each item's parent (from the item itself, its neighbours, the
 * document, or updates accepted earlier and not yet applied) — no copy of the document is made. Rules
 * come from the document layout in `@accord/core/ydoc`: one root, Y.Text only at text fields, Y.Map for
 * collections, their items and nested objects, JSON values at leaves; bounded depth and key length; the
 * deliberation collections are the server's.
 */
export class UpdateShapeGuard {
  private readonly places: DocumentPlaces;
  private readonly held = new Map<number, Map<number, HeldItem[]>>();
  private nextHold = 1;

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: ShapeLimits = SHAPE_LIMITS,
  ) {
    this.places = new DocumentPlaces(doc);
  }

  /**
   * Checks a decoded update against the document as it is (plus updates held). An accepted update's items
   * are held under the returned number until `release`, so the next update of the same client, which builds
   * on them, resolves before the first is applied. `strict` refuses references to content nobody has.
   */
  check(
    decoded: Decoded,
    writer: Writer,
    options: { readonly hold?: boolean; readonly strict?: boolean } = {},
  ): ShapeResult {
    const { structs, ds } = decoded;
    const inUpdate = new Map<number, Y.Item[]>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = inUpdate.get(struct.id.client);
      if (list) list.push(struct);
      else inUpdate.set(struct.id.client, [struct]);
    }
    const resolved = new Map<Y.Item, Resolved | 'unknown'>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const where = this.resolve(struct, inUpdate, resolved);
      if (where === 'unknown') {
        if (options.strict !== false)
          return fail('unknown-reference', 'the update builds on content the server does not have');
        continue;
      }
      const refused = this.judgeWrite(where, struct, writer);
      if (refused) return refused;
    }
    const deletes = this.judgeDeletes(ds, inUpdate, writer, options.strict !== false);
    if (deletes) return deletes;
    if (options.hold === false) return { ok: true, held: 0 };
    const hold = this.nextHold;
    this.nextHold += 1;
    const byClient = new Map<number, HeldItem[]>();
    for (const [item, where] of resolved) {
      if (where === 'unknown') continue;
      const list = byClient.get(item.id.client) ?? [];
      list.push({ ...where, clock: item.id.clock, length: item.length });
      byClient.set(item.id.client, list);
    }
    this.held.set(hold, byClient);
    return { ok: true, held: hold };
  }

  /** The held update is applied to the document (or will never be): forget its items. */
  release(hold: number): void {
    this.held.delete(hold);
  }

  private resolve(
    start: Y.Item,
    inUpdate: ReadonlyMap<number, Y.Item[]>,
    resolved: Map<Y.Item, Resolved | 'unknown'>,
  ): Resolved | 'unknown' {
    // Iterative: a pasted paragraph is a chain of thousands of items, each placed after the previous one.
    const stack: Y.Item[] = [start];
    const visiting = new Set<Y.Item>();
    while (stack.length > 0) {
      const item = stack[stack.length - 1] as Y.Item;
      if (resolved.has(item)) {
        stack.pop();
        continue;
      }
      const step = this.locateParent(item, inUpdate, resolved);
      if (step instanceof Y.Item) {
        if (visiting.has(step)) {
          resolved.set(item, 'unknown');
          stack.pop();
          continue;
        }
        visiting.add(item);
        stack.push(step);
        continue;
      }
      resolved.set(item, step === 'unknown' ? 'unknown' : withOwn(step, item));
      stack.pop();
    }
    return resolved.get(start) ?? 'unknown';
  }

  /** The item's parent and key, or another item of the update that must be resolved first. */
  private locateParent(
    item: Y.Item,
    inUpdate: ReadonlyMap<number, Y.Item[]>,
    resolved: ReadonlyMap<Y.Item, Resolved | 'unknown'>,
  ): Omit<Resolved, 'own'> | Y.Item | 'unknown' {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { parent: rootPlace(parent), key: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = this.find(parent, inUpdate, resolved);
      if (holder instanceof Y.Item) return holder;
      if (holder === 'unknown') return 'unknown';
      return { parent: holder === 'gone' ? null : holder.own, key: item.parentSub };
    }
    const neighbours = [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null);
    if (neighbours.length === 0) return 'unknown';
    let from: Omit<Resolved, 'own'> | undefined;
    for (const id of neighbours) {
      const neighbour = this.find(id, inUpdate, resolved);
      if (neighbour instanceof Y.Item || neighbour === 'unknown') return neighbour;
      // Yjs garbage-collects an item placed next to collected content; nothing of it is kept.
      if (neighbour === 'gone') return { parent: null, key: null };
      from ??= neighbour;
    }
    return from ?? 'unknown';
  }

  /**
   * What is known of the struct holding `id`: its placement (`Resolved`), 'gone' (garbage-collected), an
   * unresolved item of this update, or 'unknown'.
   */
  private find(
    id: Y.ID,
    inUpdate: ReadonlyMap<number, Y.Item[]>,
    resolved: ReadonlyMap<Y.Item, Resolved | 'unknown'>,
  ): Resolved | 'gone' | Y.Item | 'unknown' {
    const stored = storedStruct(this.doc, id.client, id.clock);
    if (stored instanceof Y.GC) return 'gone';
    if (stored) {
      const type = stored.parent as Y.AbstractType<unknown> | null;
      if (!type) return 'gone';
      const content = stored.content;
      return {
        parent: this.places.of(type),
        key: stored.parentSub,
        own: content instanceof Y.ContentType ? this.places.of(content.type as Y.AbstractType<unknown>) : null,
      };
    }
    for (const byClient of this.held.values()) {
      const items = byClient.get(id.client);
      const found = items?.find((held) => id.clock >= held.clock && id.clock < held.clock + held.length);
      if (found) return found;
    }
    const mine = inUpdate.get(id.client);
    const item = mine ? findCovering(mine, id.clock) : undefined;
    if (!item) return 'unknown';
    const known = resolved.get(item);
    return known ?? item;
  }

  private judgeWrite(where: Resolved, item: Y.Item, writer: Writer): ShapeResult | undefined {
    const { parent, key } = where;
    if (parent === null) return undefined;
    if (writer === 'read-only') return fail('read-only', 'your role may not change the document');
    if (parent.root !== ROOT)
      return fail('new-root', `"${parent.root.slice(0, 40)}" is not part of a workshop document (only "${ROOT}" is)`);
    const refused = this.judgePlace(parent, key, writer);
    if (refused) return refused;
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return undefined;
    const path = pathOf(parent, key);
    if (parent.kind === 'text') {
      if (key !== null || !(content instanceof Y.ContentString))
        return fail('wrong-type', `${path} is text: only characters may go into it`);
      return undefined;
    }
    if (parent.kind !== 'map' || !parent.keyed || key === null)
      return fail('wrong-type', `${path} is not a group of fields`);
    const depth = parent.depth + 1;
    const collectionLevel = parent.depth === 0 && COLLECTION_SET.has(key);
    const itemLevel = parent.depth === 1 && COLLECTION_SET.has(parent.keys[0] ?? '');
    if (content instanceof Y.ContentType) {
      const kind = kindOf(content.type as Y.AbstractType<unknown>);
      if (kind === 'text' && TEXT_FIELDS.has(key) && !collectionLevel && !itemLevel) return undefined;
      if (kind === 'map' && !TEXT_FIELDS.has(key))
        return depth > this.limits.maxDepth
          ? fail('too-deep', `${path} nests deeper than ${this.limits.maxDepth} levels`)
          : undefined;
      return fail('wrong-type', `${path} must be ${TEXT_FIELDS.has(key) ? 'a Y.Text' : 'a Y.Map or a plain value'}`);
    }
    if (!(content instanceof Y.ContentAny) || content.arr.length !== 1)
      return fail('wrong-type', `${path} must hold one plain value`);
    if (collectionLevel || itemLevel) return fail('wrong-type', `${path} must be a Y.Map`);
    const value: unknown = content.arr[0];
    if (typeof value === 'string' && TEXT_FIELDS.has(key))
      return fail('wrong-type', `${path} is a text field: it must be a Y.Text`);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)) {
      return fail('wrong-type', `${path} is a group of fields: it must be a Y.Map`);
    }
    return this.judgeJson(value, path);
  }

  /** Rules of a key at a place, for a write or a deletion alike. */
  private judgePlace(parent: Place, key: string | null, writer: Writer): ShapeResult | undefined {
    if (key !== null && key.length > this.limits.maxKeyLength)
      return fail(
        'key-too-long',
        `a key of ${key.length} characters under ${pathOf(parent, null)} (at most ${this.limits.maxKeyLength})`,
      );
    if (parent.depth + 1 > this.limits.maxDepth)
      return fail('too-deep', `${pathOf(parent, null)} nests deeper than ${this.limits.maxDepth} levels`);
    const section = parent.depth === 0 ? key : parent.keys[0];
    if (writer !== 'server' && section !== null && section !== undefined && SERVER_OWNED.has(section)) {
      return fail('server-only', `${ROOT}/${section} is changed only through the room's actions`);
    }
    return undefined;
  }

  /** A plain value: JSON of bounded depth with bounded keys (walked with a stack, never recursion). */
  private judgeJson(value: unknown, path: string): ShapeResult | undefined {
    const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
    while (stack.length > 0) {
      const next = stack.pop() as { value: unknown; depth: number };
      if (next.value === null || typeof next.value !== 'object') continue;
      if (next.value instanceof Uint8Array) return fail('wrong-type', `${path} holds binary data`);
      if (next.depth >= this.limits.maxJsonDepth)
        return fail('too-deep', `the value at ${path} nests deeper than ${this.limits.maxJsonDepth} levels`);
      const entries = Array.isArray(next.value) ? next.value.map((v) => ['', v] as const) : Object.entries(next.value);
      for (const [key, child] of entries) {
        if (key.length > this.limits.maxKeyLength)
          return fail('key-too-long', `a key of ${key.length} characters in the value at ${path}`);
        stack.push({ value: child, depth: next.depth + 1 });
      }
    }
    return undefined;
  }

  /** Deletions: of content the document holds (not yet deleted) where the writer may write, or of this update's own. */
  private judgeDeletes(
    ds: Decoded['ds'],
    inUpdate: ReadonlyMap<number, Y.Item[]>,
    writer: Writer,
    strict: boolean,
  ): ShapeResult | undefined {
    for (const [client, ranges] of ds.clients) {
      const state = Y.getState(this.doc.store, client);
      const structs = this.doc.store.clients.get(client);
      for (const { clock, len } of ranges) {
        const end = clock + len;
        if (structs && clock < state) {
          for (let index = Y.findIndexSS(structs, clock); index < structs.length; index += 1) {
            const struct = structs[index];
            if (!struct || struct.id.clock >= end) break;
            if (!(struct instanceof Y.Item) || struct.deleted || !struct.parent) continue;
            if (writer === 'read-only') return fail('read-only', 'your role may not change the document');
            const refused = this.judgePlace(
              this.places.of(struct.parent as Y.AbstractType<unknown>),
              struct.parentSub,
              writer,
            );
            if (refused) return refused;
          }
        }
        if (strict && end > state && end > this.knownEnd(client, inUpdate)) {
          return fail('unknown-reference', 'the update deletes content the server does not have');
        }
      }
    }
    return undefined;
  }

  /** The clock after the last struct of `client` the update or a held update carries. */
  private knownEnd(client: number, inUpdate: ReadonlyMap<number, Y.Item[]>): number {
    let end = 0;
    const last = inUpdate.get(client)?.at(-1);
    if (last) end = last.id.clock + last.length;
    for (const byClient of this.held.values()) {
      for (const held of byClient.get(client) ?? []) end = Math.max(end, held.clock + held.length);
    }
    return end;
  }
}

function withOwn(where: Omit<Resolved, 'own'>, item: Y.Item): Resolved {
  const content = item.content;
  if (where.parent === null || !(content instanceof Y.ContentType)) return { ...where, own: null };
  return { ...where, own: childPlace(where.parent, where.key, kindOf(content.type as Y.AbstractType<unknown>)) };
}

/** The item of a clock-sorted list covering `clock`, by binary search. */
function findCovering(items: readonly Y.Item[], clock: number): Y.Item | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle] as Y.Item;
    if (clock < item.id.clock) high = middle - 1;
    else if (clock >= item.id.clock + item.length) low = middle + 1;
    else return item;
  }
  return undefined;
}
