import { createHash } from 'node:crypto';
import { formatBudget } from '@accord/core/duration';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { summariseSlots } from '../../document/format/calendar-summary.ts';
import { percent, scenarioLabel } from '../../document/format/labels.ts';
import { WORD_JOINER } from '../../text/markdown-text.ts';
import { targetRatio } from '../../openslo/openslo-slo.ts';
import type { DocumentFormat, RenderedDocument, RenderInput } from '../render-input.ts';
import { OPERATIONAL_CASES } from './operational-cases.ts';
import { inflatePdf } from './pdf-text-extract.ts';
import { asShown, flatten, visibleText } from './read-document.ts';

/** A fact every format must carry, with the words a reader finds it by. */
export type Fact =
  | { readonly kind: 'target'; readonly functionId: string; readonly name: string; readonly percent: number }
  | {
      readonly kind: 'budgets';
      readonly functionId: string;
      readonly humans: readonly string[];
      readonly seconds: readonly number[];
    }
  | {
      readonly kind: 'objective';
      readonly functionId: string;
      readonly name: string;
      readonly scenario: string;
      readonly rpo: string;
      readonly rto: string;
    }
  | { readonly kind: 'support-hours'; readonly text: string }
  | { readonly kind: 'finding'; readonly code: string }
  | { readonly kind: 'convention'; readonly text: string };

/** Every fact of a version: targets, budgets, RPO/RTO, support hours, each finding code, the convention. */
export function factsOf(input: RenderInput): Fact[] {
  const { requirements, derivation } = input.record;
  const facts: Fact[] = [];
  for (const fn of derivation.functions) {
    if (fn.target) {
      facts.push({ kind: 'target', functionId: fn.id, name: fn.name, percent: fn.target.percent });
      const budgets = fn.target.budgets;
      facts.push({
        kind: 'budgets',
        functionId: fn.id,
        humans: [budgets.day.human, budgets.week.human, budgets.month.human, budgets.quarter.human, budgets.year.human],
        seconds: [
          budgets.day.seconds,
          budgets.week.seconds,
          budgets.month.seconds,
          budgets.quarter.seconds,
          budgets.year.seconds,
        ],
      });
    }
    for (const r of fn.recovery)
      facts.push({
        kind: 'objective',
        functionId: fn.id,
        name: fn.name,
        scenario: r.scenario,
        rpo: r.rpoHuman,
        rto: r.rtoHuman,
      });
  }
  for (const id of [requirements.support.coverageCalendarId, requirements.support.onCallCalendarId]) {
    const calendar = requirements.calendars.find((c) => c.id === id);
    if (calendar) facts.push({ kind: 'support-hours', text: summariseSlots(calendar) });
  }
  for (const code of new Set(derivation.findings.map((f) => f.code))) facts.push({ kind: 'finding', code });
  facts.push({ kind: 'convention', text: derivation.convention });
  return facts;
}

/** How one format is read back and what "inert" means for it. */
export interface RendererCase {
  readonly format: DocumentFormat;
  readonly states: (doc: RenderedDocument, fact: Fact, input: RenderInput) => boolean;
  readonly assertInert: (doc: RenderedDocument, input: RenderInput, hostile: readonly string[]) => void;
}

function phrase(fact: Fact): string {
  switch (fact.kind) {
    case 'target':
      return `${fact.name} ${percent(fact.percent)}`;
    case 'budgets':
      return fact.humans.join(' ');
    case 'objective':
      return `${fact.name} ${scenarioLabel(fact.scenario)} ${fact.rpo} ${fact.rto}`;
    case 'support-hours':
      return fact.text;
    case 'finding':
      return fact.code;
    case 'convention':
      return fact.text;
    default: {
      const unknown: never = fact;
      return unknown;
    }
  }
}

/**
 * Documents state budgets in whole minutes (downtime is counted in one-minute slices), day to mean month in a
 * row and quarter and year after the tightest month's column.
 */
const readable =
  (format: 'html' | 'md' | 'pdf') =>
  (doc: RenderedDocument, fact: Fact): boolean => {
    const text = visibleText(format, doc);
    if (fact.kind !== 'budgets') return text.includes(asShown(format, phrase(fact)));
    const minutes = fact.seconds.map(formatBudget);
    return [minutes.slice(0, 3), minutes.slice(3)].every((run) => text.includes(asShown(format, run.join(' '))));
  };

const HTML_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'footer',
  'nav',
  'section',
  'p',
  'span',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'ol',
  'ul',
  'li',
  'a',
  'strong',
  'table',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'svg',
  'rect',
  'line',
  'text',
  'wbr',
]);

export const RENDERER_CASES: readonly RendererCase[] = [
  {
    format: 'html',
    states: readable('html'),
    assertInert: (doc, _input, hostile) => {
      const html = String(doc.body);
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] ?? '').toLowerCase()));
      expect([...tags].filter((t) => !HTML_TAGS.has(t))).toEqual([]);
      expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect([...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]).filter((href) => !href?.startsWith('#'))).toEqual(
        [],
      );
      expect(html).not.toMatch(/<[^>]*(\ssrc\s*=|javascript:)/i);
      const text = visibleText('html', doc);
      for (const h of hostile) expect(text).toContain(flatten(h));
    },
  },
  {
    format: 'pdf',
    states: readable('pdf'),
    assertInert: (doc, _input, hostile) => {
      const raw = inflatePdf(doc.body as Uint8Array);
      for (const action of [
        '/URI',
        '/JavaScript',
        '/JS ',
        '/Launch',
        '/OpenAction',
        '/Annots',
        '/AA ',
        '/EmbeddedFile',
        '/XObject',
      ])
        expect(raw).not.toContain(action);
      const text = visibleText('pdf', doc);
      for (const h of hostile) expect(text).toContain(asShown('pdf', h));
    },
  },
  {
    format: 'md',
    states: readable('md'),
    assertInert: (doc, _input, hostile) => {
      const md = String(doc.body).replace(/```text[\s\S]*?```/g, '');
      expect(md).not.toMatch(/(?<!\\)[[\]<`]/);
      expect(md).not.toMatch(/(?<!\\)!(?=\\?\[)/);
      expect(md).not.toMatch(/:\/\/|www\.(?!\u2060)|\w@\w/i);
      expect(md).not.toMatch(/[\p{L}\p{N}]\.\p{L}/u);
      expect(md.split('\n').filter((line) => line.trim() === '---')).toHaveLength(1);
      expect(md).not.toMatch(/^\s*(kind|apiVersion):/m);
      expect(md).toContain(WORD_JOINER);
      const text = visibleText('md', doc);
      for (const h of hostile) expect(text).toContain(flatten(h));
    },
  },
  {
    format: 'json',
    states: (doc, fact) => {
      const json = String(doc.body);
      switch (fact.kind) {
        case 'target':
          return json.includes(`"targetPercent":${fact.percent}`);
        case 'budgets':
          return fact.humans.every((h) => json.includes(`"human":"${h}"`));
        case 'objective':
          return (
            json.includes(`"rpoHuman":"${fact.rpo}"`) &&
            json.includes(`"rtoHuman":"${fact.rto}"`) &&
            json.includes(`"scenario":"${fact.scenario}"`)
          );
        case 'support-hours':
          return true;
        case 'finding':
          return json.includes(`"code":"${fact.code}"`);
        case 'convention':
          return json.includes(JSON.stringify(fact.text));
        default:
          return false;
      }
    },
    assertInert: (doc, input, hostile) => {
      const json = String(doc.body);
      expect(JSON.parse(json)).toEqual(input.record);
      expect(createHash('sha256').update(json).digest('hex')).toBe(input.hash);
      for (const h of hostile) expect(json).toContain(JSON.stringify(h).slice(1, -1));
    },
  },
  {
    format: 'openslo',
    states: (doc, fact) => {
      const docs = parseAllDocuments(String(doc.body)).map((d) => d.toJS() as OpenSloDoc);
      const service = docs.find((d) => d.kind === 'Service');
      const slo = (id: string): OpenSloDoc | undefined =>
        docs.find((d) => d.kind === 'SLO' && d.metadata.annotations?.['accord.dev/function-id'] === id);
      switch (fact.kind) {
        case 'target':
          return slo(fact.functionId)?.spec.objectives?.[0]?.target === targetRatio(fact.percent);
        case 'budgets':
          return fact.humans.every((h) =>
            slo(fact.functionId)?.metadata.annotations?.['accord.dev/downtime-budget']?.includes(h),
          );
        case 'objective': {
          const notes = slo(fact.functionId)?.metadata.annotations;
          return (
            notes?.[`accord.dev/rpo-${fact.scenario}`] === fact.rpo &&
            notes[`accord.dev/rto-${fact.scenario}`] === fact.rto
          );
        }
        case 'support-hours':
          return [
            service?.metadata.annotations?.['accord.dev/support-hours'],
            service?.metadata.annotations?.['accord.dev/on-call-hours'],
          ].some((t) => t?.includes(fact.text));
        case 'finding':
          return service?.metadata.annotations?.['accord.dev/findings']?.includes(fact.code) ?? false;
        case 'convention':
          return service?.metadata.annotations?.['accord.dev/budget-convention'] === fact.text;
        default:
          return false;
      }
    },
    assertInert: (doc, input, hostile) => {
      const parsed = parseAllDocuments(String(doc.body));
      const targets = input.record.derivation.functions.filter((f) => f.target).length;
      expect(parsed).toHaveLength(1 + targets);
      for (const d of parsed) expect(d.errors).toEqual([]);
      const docs = parsed.map((d) => d.toJS() as OpenSloDoc);
      expect(docs.map((d) => d.kind)).toEqual(['Service', ...Array.from({ length: targets }, () => 'SLO')]);
      for (const d of docs) expect(Object.keys(d).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      // Participant text comes back from the YAML exactly as typed, line breaks and `---` included.
      const { requirements } = input.record;
      const service = docs[0];
      expect(service?.metadata.displayName).toBe(requirements.meta.service);
      expect(service?.spec.description).toBe(requirements.meta.description);
      const first = input.record.derivation.functions[0];
      const slo = docs.find((d) => d.metadata.annotations?.['accord.dev/function-id'] === first?.id);
      expect(slo?.metadata.displayName).toBe(`${first?.name ?? ''}: availability`);
      const notes = Object.values(slo?.metadata.annotations ?? {}).join('\n');
      for (const text of [
        requirements.calendars[0]?.name,
        requirements.calendars[0]?.holidays[0]?.name,
        requirements.maintenance[0]?.name,
      ])
        expect(notes).toContain(text);
      expect(hostile.some((h) => notes.includes(h))).toBe(true);
    },
  },
  // The operational exports (Sloth, Prometheus, Datadog, Zabbix, iCalendar) carry the agreement in their own shapes.
  ...OPERATIONAL_CASES,
];

/** The parts of an OpenSLO document the contract reads. */
export interface OpenSloDoc {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly displayName?: string;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec: {
    readonly description?: string;
    readonly service?: string;
    readonly budgetingMethod?: string;
    readonly timeWindow?: readonly {
      readonly duration: string;
      readonly isRolling: boolean;
      readonly calendar?: { readonly startTime: string; readonly timeZone: string };
    }[];
    readonly objectives?: readonly {
      readonly target?: number;
      readonly timeSliceTarget?: number;
      readonly timeSliceWindow?: string;
    }[];
  };
}
