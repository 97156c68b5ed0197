import * as Y from 'yjs';

/**
 * A test's own keys in a workshop document. The Yjs door refuses new roots, so tests that need a map of
 * their own keep it inside the requirements root under a prefix (`<name>.<key>`), which the requirements
 * schema ignores; concurrent writers never race to create a container.
 */
export class ScratchMap {
  private readonly root: Y.Map<unknown>;

  constructor(
    doc: Y.Doc,
    private readonly name: string,
  ) {
    this.root = doc.getMap('requirements');
  }

  set(key: string, value: string | number | boolean): void {
    this.root.set(`${this.name}.${key}`, value);
  }

  get(key: string): unknown {
    return this.root.get(`${this.name}.${key}`);
  }

  has(key: string): boolean {
    return this.root.has(`${this.name}.${key}`);
  }

  get size(): number {
    let count = 0;
    for (const key of this.root.keys()) if (key.startsWith(`${this.name}.`)) count += 1;
    return count;
  }
}

/** The scratch map `name` of a document. */
export function scratch(doc: Y.Doc, name: string): ScratchMap {
  return new ScratchMap(doc, name);
}

/**
 * A test's own text (a Y.Text at a text field, inside a map of its own under the requirements root),
 * created on first use: only the one client that writes it should call this.
 */
export function scratchText(doc: Y.Doc, name: string): Y.Text {
  const root = doc.getMap('requirements');
  let holder = root.get(`${name}.text`);
  if (!(holder instanceof Y.Map)) {
    holder = new Y.Map<unknown>();
    root.set(`${name}.text`, holder);
  }
  let text = (holder as Y.Map<unknown>).get('notes');
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    (holder as Y.Map<unknown>).set('notes', text);
  }
  return text as Y.Text;
}

/** The content of a scratch text, without creating it ('' when absent). */
export function readScratchText(doc: Y.Doc, name: string): string {
  const holder = doc.getMap('requirements').get(`${name}.text`);
  const text = holder instanceof Y.Map ? holder.get('notes') : undefined;
  return text instanceof Y.Text ? text.toString() : '';
}
