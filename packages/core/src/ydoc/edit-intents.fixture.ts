import * as Y from 'yjs';
import { SCENARIOS } from '../model/index.ts';
import { COLLECTIONS } from './doc-layout.ts';
import type { Edit } from './edits.ts';
import { readRaw } from './workshop-doc.ts';

/**
 * Random edit intents for the concurrent-structure property: an intent names an edit kind and some random
 * numbers; `materialize` turns it into a concrete edit of what the doc holds right now, with the path of
 * everything the edit decides (its target). Fixture for tests only.
 */
export interface Intent {
  readonly kind: Edit['kind'];
  readonly picks: readonly number[];
  readonly text: string;
  readonly num: number;
}

export interface Materialized {
  readonly edit: Edit;
  /** The one path whose value the edit decides; nothing outside it changes. */
  readonly target: string;
}

interface Context {
  readonly raw: Record<string, unknown>;
  readonly doc: Y.Doc;
  /** A fresh id, unique across docs (the doc's index is in it, as a client's random ids would be). */
  readonly fresh: (prefix: string) => string;
  readonly pick: <T>(options: readonly T[]) => T | undefined;
  readonly text: string;
  readonly num: number;
}

type Row = Record<string, unknown> & { id: string };
const isRow = (v: unknown): v is Row =>
  v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string';
const rowsOf = (v: unknown): Row[] => (Array.isArray(v) ? v.filter(isRow) : []);
const rec = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const ALL_COLLECTIONS = [...COLLECTIONS, 'support/severities'] as const;
const TEXTS: Readonly<Record<string, readonly string[]>> = {
  functions: ['description'],
  components: ['notes'],
  risks: ['mitigation'],
  proposals: ['reason'],
  decisions: ['note'],
};

function items(raw: Record<string, unknown>, collection: string): Row[] {
  return collection === 'support/severities' ? rowsOf(rec(raw.support).severities) : rowsOf(raw[collection]);
}

/** Every row list the doc holds now: its path, rows, a row made from random input, and settable fields. */
function rowLists(
  ctx: Context,
): { list: string; rows: Row[]; fields: readonly string[]; make: () => Record<string, unknown> }[] {
  const { raw, text, num } = ctx;
  const lists: { list: string; rows: Row[]; fields: readonly string[]; make: () => Record<string, unknown> }[] = [
    {
      list: '/meta/sponsors',
      rows: rowsOf(rec(raw.meta).sponsors),
      fields: ['name', 'role'],
      make: () => ({ name: `S ${text}`, role: text }),
    },
    {
      list: '/support/escalation',
      rows: rowsOf(rec(raw.support).escalation),
      fields: ['name', 'contact', 'afterSeconds'],
      make: () => ({ level: (num % 9) + 1, name: `E ${text}`, role: '', contact: text, afterSeconds: num }),
    },
  ];
  for (const fn of rowsOf(raw.functions)) {
    lists.push({
      list: `/functions/${fn.id}/design`,
      rows: rowsOf(fn.design),
      fields: ['activationSeconds', 'replayLagSeconds'],
      make: () => ({ kind: ['dag', 'scr', 'lcr', 'backup-restore'][num % 4], activationSeconds: num }),
    });
  }
  for (const calendar of rowsOf(raw.calendars)) {
    lists.push({
      list: `/calendars/${calendar.id}/slots`,
      rows: rowsOf(calendar.slots),
      fields: ['start', 'end'],
      make: () => ({ day: ['mon', 'tue', 'wed'][num % 3], start: '08:00', end: `${10 + (num % 10)}:00` }),
    });
    lists.push({
      list: `/calendars/${calendar.id}/holidays`,
      rows: rowsOf(calendar.holidays),
      fields: ['name'],
      make: () => ({ date: `2027-0${1 + (num % 9)}-1${num % 10}`, name: text }),
    });
  }
  return lists;
}

type Materializer = (ctx: Context) => Materialized | null;

/** One way to make an edit of every kind; a missing kind fails to type-check. */
export const MATERIALIZERS: Readonly<Record<Edit['kind'], Materializer>> = {
  set: (ctx) => {
    const fn = ctx.pick(rowsOf(ctx.raw.functions));
    const scenario = ctx.pick(SCENARIOS) ?? 'site-loss';
    const component = ctx.pick(rowsOf(ctx.raw.components));
    const severity = ctx.pick(items(ctx.raw, 'support/severities'));
    const candidates: [string, unknown][] = [
      ['/meta/title', `Title ${ctx.text}`],
      ['/meta/provider/name', ctx.text],
      ['/meta/reviewEveryMonths', (ctx.num % 36) + 1],
      ['/meta/description', ctx.text],
    ];
    if (fn) {
      const base = `/functions/${fn.id}`;
      candidates.push(
        [`${base}/tier`, ['critical', 'high', 'medium', 'low'][ctx.num % 4]],
        [`${base}/availability/targetPercent`, 90 + (ctx.num % 10)],
        [
          `${base}/availability/window`,
          ctx.num % 2 === 0 ? { kind: '24x7' } : { kind: 'service-hours', calendarId: 'office' },
        ],
        [
          `${base}/availability`,
          { targetPercent: 99.5, window: { kind: '24x7' }, provenance: { requestedBy: ctx.text } },
        ],
        [`${base}/recovery/${scenario}`, ctx.num % 3 === 0 ? null : { rpoSeconds: ctx.num, rtoSeconds: ctx.num * 2 }],
        [`${base}/recovery/${scenario}/rtoSeconds`, ctx.num],
        [`${base}/recovery/${scenario}/provenance/requestedBy`, ctx.text],
        [`${base}/recovery/${scenario}/provenance/rationale`, ctx.text],
        [`${base}/dependsOn`, ctx.num % 2 === 0 ? [] : ['mailbox-db']],
      );
    }
    if (component)
      candidates.push([
        `/components/${component.id}/availability`,
        { kind: 'mtbf', mtbfHours: ctx.num + 1, mttrHours: 4 },
      ]);
    if (severity) candidates.push([`/support/severities/${severity.id}/responseSeconds`, ctx.num]);
    const [path, value] = ctx.pick(candidates) ?? ['/meta/title', 'x'];
    return { edit: { kind: 'set', path, value }, target: path };
  },
  insert: (ctx) => {
    const collection = ctx.pick(ALL_COLLECTIONS) ?? 'functions';
    const id = ctx.fresh('item');
    const item = {
      id,
      name: `New ${ctx.text}`,
      threat: ctx.text,
      ...(collection === 'functions' ? { tier: 'medium' } : {}),
    };
    return { edit: { kind: 'insert', collection, item }, target: `/${collection}/${id}` };
  },
  remove: (ctx) => {
    const collection = ctx.pick(ALL_COLLECTIONS) ?? 'risks';
    const item = ctx.pick(items(ctx.raw, collection));
    return item ? { edit: { kind: 'remove', collection, id: item.id }, target: `/${collection}/${item.id}` } : null;
  },
  text: (ctx) => {
    const options: string[] = ['/meta/description'];
    for (const [collection, keys] of Object.entries(TEXTS)) {
      for (const item of items(ctx.raw, collection))
        for (const key of keys) options.push(`/${collection}/${item.id}/${key}`);
    }
    for (const fn of rowsOf(ctx.raw.functions)) {
      for (const scenario of SCENARIOS) options.push(`/functions/${fn.id}/recovery/${scenario}/provenance/rationale`);
      options.push(`/functions/${fn.id}/availability/provenance/rationale`);
    }
    const path = ctx.pick(options) ?? '/meta/description';
    const current = textAt(ctx.doc, path);
    const index = ctx.num % (current.length + 1);
    const deleteCount = Math.min(current.length - index, ctx.num % 3);
    return { edit: { kind: 'text', path, index, deleteCount, insert: ctx.text }, target: path };
  },
  'row-insert': (ctx) => {
    const list = ctx.pick(rowLists(ctx));
    if (!list) return null;
    const id = ctx.fresh('row');
    const before = ctx.num % 2 === 0 ? ctx.pick(list.rows)?.id : undefined;
    return {
      edit: { kind: 'row-insert', list: list.list, row: { ...list.make(), id }, ...(before ? { before } : {}) },
      target: `${list.list}/${id}`,
    };
  },
  'row-set': (ctx) => {
    const list = ctx.pick(rowLists(ctx).filter((l) => l.rows.length > 0));
    const row = list && ctx.pick(list.rows);
    const field = list && ctx.pick(list.fields);
    if (!list || !row || !field) return null;
    const value = field.endsWith('Seconds')
      ? ctx.num
      : field === 'start'
        ? '07:00'
        : field === 'end'
          ? '23:00'
          : ctx.text;
    return {
      edit: { kind: 'row-set', list: list.list, id: row.id, field, value },
      target: `${list.list}/${row.id}/${field}`,
    };
  },
  'row-remove': (ctx) => {
    const list = ctx.pick(rowLists(ctx).filter((l) => l.rows.length > 0));
    const row = list && ctx.pick(list.rows);
    return list && row
      ? { edit: { kind: 'row-remove', list: list.list, id: row.id }, target: `${list.list}/${row.id}` }
      : null;
  },
  'row-move': (ctx) => {
    const list = ctx.pick(rowLists(ctx).filter((l) => l.rows.length > 1));
    const row = list && ctx.pick(list.rows);
    if (!list || !row) return null;
    const before = ctx.num % 3 === 0 ? null : (ctx.pick(list.rows.filter((r) => r.id !== row.id))?.id ?? null);
    return { edit: { kind: 'row-move', list: list.list, id: row.id, before }, target: `${list.list}/${row.id}/order` };
  },
};

function textAt(doc: Y.Doc, path: string): string {
  let current: unknown = doc.getMap('requirements');
  for (const segment of path.split('/').slice(1)) current = current instanceof Y.Map ? current.get(segment) : undefined;
  return current instanceof Y.Text ? current.toString() : '';
}

/** Turn an intent into an edit of `doc` as it is now (null when the doc has nothing of that kind to edit). */
export function materialize(doc: Y.Doc, intent: Intent, fresh: (prefix: string) => string): Materialized | null {
  let next = 0;
  const pick = <T>(options: readonly T[]): T | undefined =>
    options.length === 0 ? undefined : options[(intent.picks[next++ % intent.picks.length] ?? 0) % options.length];
  return MATERIALIZERS[intent.kind]({ raw: readRaw(doc), doc, fresh, pick, text: intent.text, num: intent.num });
}
