import ICAL from 'ical.js';
import { expect } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { percent, scenarioLabel } from '../../document/format/labels.ts';
import type { RenderedDocument, RenderInput } from '../render-input.ts';
import type { Fact, RendererCase } from './renderer-cases.ts';
import { flatten } from './read-document.ts';

/**
 * Hostile fragments that must never reach a query, a name or a structural field. (Identifiers folded from hostile
 * text, such as a service label `mail-img-src-x-onerror-alert-1`, are inert and allowed.)
 */
const ACTIVE = ['<script', '<img', 'javascript:', 'Injected', 'evil.example', '"quoted"'];

/**
 * Whether the agreement notes an operational export carries (`agreementNotes`) state a fact: the target, every
 * budget, each recovery objective, the support hours, each finding code and the convention.
 */
export function notesState(notes: string, fact: Fact, input: RenderInput): boolean {
  const text = flatten(notes);
  const nameOf = (id: string): string =>
    flatten(input.record.derivation.functions.find((f) => f.id === id)?.name ?? id);
  switch (fact.kind) {
    case 'target':
      return text.includes(`Target: ${flatten(fact.name)} ${percent(fact.percent)}`);
    case 'budgets': {
      const line = notes.split('\n').find((l) => flatten(l).includes(`Budget: ${nameOf(fact.functionId)}:`)) ?? '';
      return fact.humans.every((h) => line.includes(h));
    }
    case 'objective':
      return text.includes(
        `Recovery: ${flatten(fact.name)}: ${scenarioLabel(fact.scenario)} RPO ${fact.rpo}, RTO ${fact.rto}`,
      );
    case 'support-hours':
      return text.includes(fact.text);
    case 'finding':
      return text.includes(fact.code);
    case 'convention':
      return text.includes(flatten(fact.text));
    default:
      return false;
  }
}

/** The `#` comment lines of a YAML file, without the marker. */
export function yamlComments(doc: RenderedDocument): string {
  return String(doc.body)
    .split('\n')
    .filter((l) => l.trimStart().startsWith('#'))
    .map((l) => l.trimStart().slice(1))
    .join('\n');
}

const KNOWN_EVENT_PROPERTIES = new Set([
  'uid',
  'dtstamp',
  'dtstart',
  'dtend',
  'duration',
  'rrule',
  'exdate',
  'summary',
  'description',
  'categories',
  'transp',
  'x-accord-kind',
  'x-accord-id',
  'x-accord-functions',
]);

interface RulesFile {
  readonly groups: readonly { readonly name: string; readonly rules: readonly Record<string, unknown>[] }[];
}

function assertNoTemplateAction(text: string): void {
  // `{{ "{{" }}` is how a literal "{{" is written; anything else opening an action would run as a Go template.
  expect(text.replace(/\{\{ "\{\{" \}\}/g, '')).not.toContain('{{');
}

interface SlothSpec {
  readonly version: string;
  readonly service: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly slos: readonly {
    readonly name: string;
    readonly objective: number;
    readonly description: string;
    readonly sli: { readonly events: { readonly error_query: string; readonly total_query: string } };
    readonly alerting: { readonly name: string; readonly annotations: Readonly<Record<string, string>> };
  }[];
}

/** The calendar component of an iCalendar file, parsed by ical.js. */
function icsCalendar(doc: RenderedDocument): ICAL.Component {
  return new ICAL.Component(ICAL.parse(String(doc.body)) as unknown[]);
}

interface OpsJson {
  readonly accord: { readonly agreement: readonly string[] } & Record<string, unknown>;
}

/** The agreement lines a JSON export carries under `accord.agreement`. */
const jsonNotes = (doc: RenderedDocument): string =>
  (JSON.parse(String(doc.body)) as OpsJson).accord.agreement.join('\n');

interface ZabbixRequest {
  readonly method: string;
  readonly params: readonly {
    readonly name: string;
    readonly description: string;
    readonly service_tags: readonly { readonly value: string }[];
  }[];
}

export const OPERATIONAL_CASES: readonly RendererCase[] = [
  {
    format: 'zabbix',
    states: (doc, fact, input) =>
      notesState(
        (JSON.parse(String(doc.body)) as ZabbixRequest).params.map((p) => p.description).join('\n'),
        fact,
        input,
      ),
    assertInert: (doc, input) => {
      const request = JSON.parse(String(doc.body)) as ZabbixRequest;
      expect(Object.keys(request)).toEqual(['jsonrpc', 'method', 'params', 'id']);
      expect(request.method).toBe('sla.create');
      const targets = input.record.derivation.functions.filter((f) => f.target);
      expect(request.params.map((p) => p.service_tags[0]?.value.split(':')[1])).toEqual(targets.map((f) => f.id));
      for (const sla of request.params)
        for (const tag of sla.service_tags) expect(tag.value).toMatch(/^[a-z0-9-]+:[a-z0-9-]+$/);
      expect(request.params[0]?.name).toBe(
        `${input.record.requirements.meta.service}: ${targets[0]?.name ?? ''} availability`,
      );
    },
  },
  {
    format: 'datadog',
    states: (doc, fact, input) => notesState(jsonNotes(doc), fact, input),
    assertInert: (doc, input) => {
      const file = JSON.parse(String(doc.body)) as {
        accord: Record<string, unknown>;
        slos: { key: string; slo: { name: string; query: Record<string, string>; tags: string[] } }[];
      };
      expect(Object.keys(file)).toEqual(['accord', 'slos']);
      const targets = input.record.derivation.functions.filter((f) => f.target);
      expect(file.slos.map((s) => s.key)).toEqual(targets.map((f) => `${f.id}-availability`));
      for (const entry of file.slos) {
        for (const query of Object.values(entry.slo.query))
          for (const active of ACTIVE) expect(query).not.toContain(active);
        for (const tag of entry.slo.tags) expect(tag).toMatch(/^[a-z][a-z0-9_:./-]*$/);
      }
      // Participant text is plain JSON string data and reads back as typed.
      expect(file.slos[0]?.slo.name).toBe(
        `${input.record.requirements.meta.service}: ${targets[0]?.name ?? ''} availability`,
      );
      expect(file.accord.service).toBe(input.record.requirements.meta.service);
    },
  },
  {
    format: 'ics',
    states: (doc, fact, input) =>
      notesState(String(icsCalendar(doc).getFirstPropertyValue('description') ?? ''), fact, input),
    assertInert: (doc, input) => {
      const text = String(doc.body);
      for (const line of text.split('\r\n').filter(Boolean))
        expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      const calendar = icsCalendar(doc);
      expect(calendar.name).toBe('vcalendar');
      expect(new Set(calendar.getAllSubcomponents().map((c) => c.name))).toEqual(new Set(['vtimezone', 'vevent']));
      const { requirements } = input.record;
      expect(calendar.getFirstPropertyValue('name')).toBe(`${requirements.meta.service}: SLA hours`);
      const events = calendar.getAllSubcomponents('vevent');
      expect(
        events.filter((e) => String(e.getFirstPropertyValue('x-accord-kind')).startsWith('maintenance')),
      ).toHaveLength(requirements.maintenance.length);
      for (const event of events)
        expect(
          event
            .getAllProperties()
            .map((p) => p.name)
            .filter((n) => !KNOWN_EVENT_PROPERTIES.has(n)),
        ).toEqual([]);
    },
  },
  {
    format: 'sloth',
    states: (doc, fact, input) => notesState(yamlComments(doc), fact, input),
    assertInert: (doc, input) => {
      const docs = parseAllDocuments(String(doc.body));
      expect(docs).toHaveLength(1);
      expect(docs[0]?.errors).toEqual([]);
      const spec = parse(String(doc.body)) as SlothSpec;
      expect(Object.keys(spec)).toEqual(['version', 'service', 'labels', 'slos']);
      const targets = input.record.derivation.functions.filter((f) => f.target);
      expect(spec.slos.map((s) => s.name)).toEqual(targets.map((f) => `${f.id}-availability`));
      for (const slo of spec.slos) {
        for (const query of [slo.sli.events.error_query, slo.sli.events.total_query]) {
          for (const active of ACTIVE) expect(query).not.toContain(active);
          // Sloth expands queries as Go templates: the window is the only action in them.
          expect(query.replace('{{.window}}', '')).not.toContain('{{');
        }
        for (const value of Object.values(slo.alerting.annotations)) assertNoTemplateAction(value);
      }
      // Participant text reads back exactly as typed from the YAML.
      expect(spec.slos[0]?.description.startsWith(`${targets[0]?.name ?? ''}:`)).toBe(true);
      expect(yamlComments(doc)).toContain(`Sloth spec for "${flatten(input.record.requirements.meta.service)}"`);
    },
  },
  {
    format: 'prometheus',
    states: (doc, fact, input) => notesState(yamlComments(doc), fact, input),
    assertInert: (doc, input) => {
      const docs = parseAllDocuments(String(doc.body));
      expect(docs).toHaveLength(1);
      expect(docs[0]?.errors).toEqual([]);
      const rules = parse(String(doc.body)) as RulesFile;
      expect(Object.keys(rules)).toEqual(['groups']);
      const all = rules.groups.flatMap((g) => g.rules);
      const targets = input.record.derivation.functions.filter((f) => f.target).length;
      expect(all.filter((r) => r.alert !== undefined)).toHaveLength(2 * targets);
      for (const rule of all) {
        for (const active of ACTIVE) expect(String(rule.expr)).not.toContain(active);
        for (const value of String(rule.expr).matchAll(/accord_(?:service|function)="([^"]*)"/g))
          expect(value[1]).toMatch(/^[a-z0-9-]+$/);
        for (const value of Object.values((rule.annotations ?? {}) as Record<string, string>))
          assertNoTemplateAction(value);
      }
      const first = input.record.derivation.functions.find((f) => f.target);
      const annotations = all.find((r) => r.alert !== undefined)?.annotations as Record<string, string>;
      expect(annotations.summary).toContain(flatten(first?.name ?? ''));
      expect(yamlComments(doc)).toContain(`Prometheus rules for "${flatten(input.record.requirements.meta.service)}"`);
    },
  },
];
