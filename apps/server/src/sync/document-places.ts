import { ROOT } from '@accord/core/ydoc';
import * as Y from 'yjs';

/** What kind of shared type sits at a place: the workshop document uses maps and texts only. */
export type PlaceKind = 'map' | 'text' | 'other';

/**
 * Where a shared type sits in a document: its root and the keys leading to it from that root. `keys` holds
 * at most `MAX_TRACKED_KEYS` keys; `depth` is the true count, so a runaway nesting is still measured (and
 * refused) without copying thousands of keys per level.
 */
export interface Place {
  readonly root: string;
  readonly keys: readonly string[];
  readonly depth: number;
  readonly kind: PlaceKind;
  /** False once any step on the way is a list element (no key): the workshop document has no lists of types. */
  readonly keyed: boolean;
}

const MAX_TRACKED_KEYS = 16;

export function kindOf(type: Y.AbstractType<unknown>): PlaceKind {
  if (type instanceof Y.XmlText) return 'other';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Text) return 'text';
  return 'other';
}

/** The place of a root type; the requirements root is a map whatever class the server's copy was created with. */
export function rootPlace(name: string): Place {
  return { root: name, keys: [], depth: 0, kind: name === ROOT ? 'map' : 'other', keyed: true };
}

/** The place of a type held at `key` of `parent` (`null`: a list element). */
export function childPlace(parent: Place, key: string | null, kind: PlaceKind): Place {
  const depth = parent.depth + 1;
  return {
    root: parent.root,
    keys: depth <= MAX_TRACKED_KEYS ? [...parent.keys, key ?? '#'] : parent.keys,
    depth,
    kind,
    keyed: parent.keyed && key !== null,
  };
}

/**
 * Places of the types already in a document, cached per type object. Walking up is a loop, not recursion:
 * a document stored before the door checked depth may nest thousands of levels.
 */
export class DocumentPlaces {
  private readonly cache = new WeakMap<Y.AbstractType<unknown>, Place>();

  constructor(private readonly doc: Y.Doc) {}

  of(type: Y.AbstractType<unknown>): Place {
    const chain: Y.AbstractType<unknown>[] = [];
    let current: Y.AbstractType<unknown> = type;
    let base: Place | undefined;
    for (;;) {
      base = this.cache.get(current);
      if (base) break;
      const item = current._item;
      if (item === null) {
        base = rootPlace(this.rootName(current));
        this.cache.set(current, base);
        break;
      }
      chain.push(current);
      current = item.parent as Y.AbstractType<unknown>;
    }
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const link = chain[index] as Y.AbstractType<unknown>;
      base = childPlace(base, link._item?.parentSub ?? null, kindOf(link));
      this.cache.set(link, base);
    }
    return base;
  }

  private rootName(type: Y.AbstractType<unknown>): string {
    for (const [name, root] of this.doc.share) if (root === type) return name;
    return '';
  }
}

/** The struct of `doc` holding the clock `clock` of `client`, or undefined when the document has not seen it. */
export function storedStruct(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | undefined {
  const structs = doc.store.clients.get(client);
  if (!structs || clock >= Y.getState(doc.store, client)) return undefined;
  const struct = structs[Y.findIndexSS(structs, clock)];
  return struct instanceof Y.Item || struct instanceof Y.GC ? struct : undefined;
}
