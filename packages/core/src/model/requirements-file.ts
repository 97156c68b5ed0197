import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { requirementsSchema, type Requirements } from './requirements.schema.ts';
import { findUnknownKeys } from './unknown-keys.ts';

export interface FileProblem {
  /**
   * Where in the file, by ids where items have them: `functions[mail].availability.targetPercent`,
   * `calendars[office].slots[0].end`; empty for the whole file.
   */
  readonly path: string;
  readonly message: string;
  /** 1-based line and column in the file text, when the problem was found in a file. */
  readonly line?: number;
  readonly column?: number;
}

export type ParseRequirementsResult =
  | { readonly ok: true; readonly value: Requirements }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

type Path = readonly PropertyKey[];

/**
 * Bytes that never occur in a YAML or JSON text: NUL and other C0 controls (besides tab, line feed, carriage
 * return and escape) and U+FFFD, which stands in for bytes that were not UTF-8 — an image, an archive, a PDF.
 */
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001A\u001C-\u001F\uFFFD]/;

/**
 * Read a requirements file from its text (JSON or YAML; JSON is YAML too, so one parser serves both).
 * Strict: a key the format does not know is a problem, with the known key it most likely meant. Each problem
 * names its path by ids and its line and column. Expected failures come back as problems, never as exceptions.
 */
export function parseRequirementsText(text: string): ParseRequirementsResult {
  if (BINARY.test(text.slice(0, 64 * 1024))) {
    return {
      ok: false,
      problems: [
        { path: '', message: 'not a YAML or JSON file: it holds binary data (an image, an archive or a PDF?)' },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lineCounter.linePos(syntax.pos[0]);
    return {
      ok: false,
      problems: [
        { path: '', message: `cannot parse the file: ${syntaxMessage(syntax.message)}`, line: at.line, column: at.col },
      ],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      ok: false,
      problems: [
        {
          path: '',
          message: `cannot read the file: ${error instanceof Error ? error.message : 'not valid JSON or YAML'}`,
        },
      ],
    };
  }
  const unknown = isObject(data) ? findUnknownKeys(requirementsSchema, data) : [];
  const unknownProblems = unknown.map((u) => ({
    ...withPosition(doc, lineCounter, u.path, true),
    path: formatPathByIds(u.path, data),
    message: `unknown key "${u.key}"${u.suggestion ? `; did you mean "${u.suggestion}"?` : ''}`,
  }));
  const checked = check(data);
  if (checked.ok && unknownProblems.length === 0) return checked;
  const issues = checked.ok
    ? []
    : checked.problems.map(({ raw, ...problem }) => ({ ...problem, ...withPosition(doc, lineCounter, raw, false) }));
  return { ok: false, problems: [...unknownProblems, ...issues] };
}

/** The yaml library's first sentence, without its code excerpt and without parser jargon. */
function syntaxMessage(message: string): string {
  const first = (message.split('\n')[0] ?? message)
    .replace(/\s*at line \d+, column \d+:?\s*$/, '')
    .replace(/:\s*$/, '');
  if (/Implicit keys need to be on a single line|Implicit map keys need to be followed by map values/.test(first)) {
    return 'a line is neither "key: value" nor a list item "- …" (check the indentation and the colon)';
  }
  return first;
}

function isObject(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === 'object' && !Array.isArray(data);
}

/** Validate already-parsed data (e.g. an HTTP JSON body or a Yjs snapshot) against the file format. */
export function validateRequirements(data: unknown): ParseRequirementsResult {
  const checked = check(data);
  return checked.ok ? checked : { ok: false, problems: checked.problems.map(({ raw: _raw, ...problem }) => problem) };
}

type Checked =
  | { readonly ok: true; readonly value: Requirements }
  | { readonly ok: false; readonly problems: readonly (FileProblem & { readonly raw: Path })[] };

function check(data: unknown): Checked {
  if (!isObject(data)) {
    return {
      ok: false,
      problems: [
        { path: '', raw: [], message: 'a requirements file must be an object with formatVersion, meta, functions …' },
      ],
    };
  }
  const result = requirementsSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toProblem(issue, data)) };
}

function toProblem(issue: z.core.$ZodIssue, data: unknown): FileProblem & { readonly raw: Path } {
  // zod says "Invalid input: expected object, received undefined" for a field left out: say it plainly.
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return {
    path: formatPathByIds(issue.path, data),
    raw: issue.path,
    message: missing ? `is missing (expected ${issue.expected})` : issue.message,
  };
}

/** `['functions', 0, 'availability']` → `functions[0].availability`. */
export function formatPath(path: Path): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/**
 * A path with list items named by their ids where they have one: `['functions', 0, 'availability']` →
 * `functions[mail].availability`; items without an id (slots, holidays) or with a duplicate one keep their position, `slots[0]`.
 */
export function formatPathByIds(path: Path, data: unknown): string {
  let text = '';
  let node: unknown = data;
  for (const part of path) {
    const item =
      Array.isArray(node) && typeof part === 'number' ? node[part] : isObject(node) ? node[String(part)] : undefined;
    if (typeof part === 'number') {
      const idOf = (value: unknown): string | undefined =>
        isObject(value) && typeof value.id === 'string' && value.id !== '' ? value.id : undefined;
      // An id names the item only when it is unique in its list (a duplicate is named by position).
      const id = idOf(item);
      const unique = id !== undefined && Array.isArray(node) && node.filter((other) => idOf(other) === id).length === 1;
      text += `[${unique ? id : part}]`;
    } else {
      text += text === '' ? String(part) : `.${String(part)}`;
    }
    node = item;
  }
  return text;
}

/**
 * Line and column of a path in the parsed document: the key itself for an unknown key, else the value; for a
 * path that is not in the file (a missing field) the nearest enclosing item.
 */
function withPosition(
  doc: Document,
  lineCounter: LineCounter,
  path: Path,
  atKey: boolean,
): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const [index, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      const last = index === path.length - 1;
      const target = last && atKey ? pair.key : pair.value;
      offset = (target as Node | null)?.range?.[0] ?? (pair.key as Node | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part];
      if (!item) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
