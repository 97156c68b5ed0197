import { itemNames as coreItemNames } from '@accord/core/field-label';

/**
 * Lenient readers for the doc's plain JSON (`readRaw`). While people type, the doc may be half-filled or
 * invalid; forms read what is there and never throw on a missing or odd value.
 */
export type RawRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is RawRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function rec(value: unknown): RawRecord {
  return isRecord(value) ? value : {};
}

/** An id-keyed collection as an array of items that have an id. */
export function items(value: unknown): (RawRecord & { readonly id: string })[] {
  return Array.isArray(value)
    ? value.filter((v): v is RawRecord & { id: string } => isRecord(v) && typeof v.id === 'string')
    : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The value at a field path inside the raw JSON, following ids through collections. */
export function valueAt(raw: RawRecord, path: string): unknown {
  let current: unknown = raw;
  for (const segment of path.split('/').slice(1)) {
    if (Array.isArray(current)) current = current.find((item) => isRecord(item) && item.id === segment);
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Display names of every id-keyed item, as `collection/id` → name, for labels of paths: the core's rules, read leniently. */
export function itemNames(raw: RawRecord): Map<string, string> {
  const named = (value: unknown) => items(value).map((item) => ({ id: item.id, name: str(item.name) }));
  return coreItemNames({
    functions: named(raw.functions),
    components: named(raw.components),
    groups: named(raw.groups),
    calendars: named(raw.calendars),
    maintenance: named(raw.maintenance),
    backups: named(raw.backups),
    regulatory: named(raw.regulatory),
    support: { severities: named(rec(raw.support).severities) },
    recoveryTests: items(raw.recoveryTests).map((test) => ({
      id: test.id,
      kind: str(test.kind),
      functionId: str(test.functionId),
    })),
    risks: items(raw.risks).map((risk) => ({ id: risk.id, threat: str(risk.threat) })),
  });
}

/**
 * A validation problem's path (`functions[2].availability.targetPercent`, index-addressed as the file is)
 * as the id-addressed field path the forms use (`/functions/webmail/availability/targetPercent`), so the
 * problem can link to its input. Indexes into plain lists (slots, escalation) stay numbers.
 */
export function problemFieldPath(raw: RawRecord, problemPath: string): string | null {
  if (problemPath === '') return null;
  const segments: string[] = [];
  let current: unknown = raw;
  for (const token of problemPath.match(/[^.[\]]+/g) ?? []) {
    if (Array.isArray(current)) {
      // The core names list items by id where they have one (`functions[mail]`), else by position.
      const item: unknown = /^\d+$/.test(token)
        ? current[Number(token)]
        : current.find((entry) => isRecord(entry) && entry.id === token);
      segments.push(isRecord(item) && typeof item.id === 'string' ? item.id : token);
      current = item;
    } else {
      segments.push(token);
      current = isRecord(current) ? current[token] : undefined;
    }
  }
  return `/${segments.join('/')}`;
}

/**
 * The problem a group of inputs shows (a list, a week grid, a set of checkboxes): the one at its own path,
 * else the first at one of its entries, whose values have no input of their own to show it.
 */
export function groupProblem(problems: ReadonlyMap<string, string>, path: string): string | null {
  const own = problems.get(path);
  if (own !== undefined) return own;
  for (const [at, problem] of problems) if (at.startsWith(`${path}/`)) return problem;
  return null;
}
