/**
 * The validation rules `oslo validate` applies to OpenSLO v1 Service and SLO objects, restated in TypeScript
 * from the official go-sdk (github.com/OpenSLO/go-sdk, pkg/openslo/v1: objects.go, service.go, slo.go, sli.go,
 * duration_shorthand.go, and the strict decoder in pkg/openslosdk/encoding.go, which refuses unknown fields).
 * Test support only: every export Accord writes must pass it.
 */

type Json = Record<string, unknown>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const ANNOTATION_KEY_LENGTH = /^(.{0,253}\/)?.{0,63}$/;
const ANNOTATION_KEY =
  /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\/)?[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
/** `fmt.Sscanf("%d%s")` then a unit among m h d w M Q Y and a value ≥ 0. */
const DURATION_SHORTHAND = /^\d+[mhdwMQY]$/;
/** Go's `time.DateTime` layout, "2006-01-02 15:04:05". */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** govy's StringMaxLength counts runes (code points), not UTF-16 units. */
const runes = (text: string): number => [...text].length;

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  /** The strict decoder: fields outside the Go struct are an error. */
  known(path: string, value: Json, fields: readonly string[]): void {
    for (const key of Object.keys(value)) if (!fields.includes(key)) this.add(`${path}.${key}`, 'unknown field');
  }
  dnsLabel(path: string, value: unknown): void {
    if (typeof value !== 'string' || value === '') this.add(path, 'property is required');
    else if (value.length > 63 || !DNS_LABEL.test(value)) this.add(path, 'string must be a valid DNS label (RFC 1123)');
  }
  maxLength(path: string, value: unknown, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'string') this.add(path, 'must be a string');
    else if (runes(value) > max) this.add(path, `length must be less than or equal to ${max}`);
  }
  duration(path: string, value: unknown): void {
    if (typeof value !== 'string' || !DURATION_SHORTHAND.test(value))
      this.add(path, 'invalid duration shorthand, expected [0-9]+[mhdwMQY]');
  }
}

function metadata(p: Problems, path: string, value: unknown): void {
  if (!isObject(value)) {
    p.add(path, 'property is required');
    return;
  }
  p.known(path, value, ['name', 'displayName', 'labels', 'annotations']);
  p.dnsLabel(`${path}.name`, value.name);
  if (value.displayName !== '') p.maxLength(`${path}.displayName`, value.displayName, 63);
  if (value.labels !== undefined) {
    if (!isObject(value.labels)) p.add(`${path}.labels`, 'must be a map');
    else
      for (const key of Object.keys(value.labels))
        if (!LABEL_KEY.test(key)) p.add(`${path}.labels.${key}`, 'invalid label key');
  }
  if (value.annotations !== undefined) {
    if (!isObject(value.annotations)) p.add(`${path}.annotations`, 'must be a map of strings');
    else {
      for (const [key, text] of Object.entries(value.annotations)) {
        if (!ANNOTATION_KEY_LENGTH.test(key) || !ANNOTATION_KEY.test(key))
          p.add(`${path}.annotations.${key}`, 'invalid annotation key');
        if (typeof text !== 'string') p.add(`${path}.annotations.${key}`, 'annotation values are strings');
      }
    }
  }
}

function header(p: Problems, doc: Json, kind: string): void {
  p.known('', doc, ['apiVersion', 'kind', 'metadata', 'spec']);
  if (doc.apiVersion !== 'openslo/v1') p.add('apiVersion', 'should be equal to openslo/v1');
  if (doc.kind !== kind) p.add('kind', `should be equal to ${kind}`);
  metadata(p, 'metadata', doc.metadata);
}

function metricSpec(p: Problems, path: string, value: unknown): void {
  if (!isObject(value)) {
    p.add(path, 'must be an object');
    return;
  }
  p.known(path, value, ['metricSource']);
  const source = value.metricSource;
  if (!isObject(source)) {
    p.add(`${path}.metricSource`, 'property is required');
    return;
  }
  p.known(`${path}.metricSource`, source, ['metricSourceRef', 'type', 'spec']);
  if (source.metricSourceRef !== undefined && source.metricSourceRef !== '')
    p.dnsLabel(`${path}.metricSource.metricSourceRef`, source.metricSourceRef);
  if (!isObject(source.spec) || Object.keys(source.spec).length < 1)
    p.add(`${path}.metricSource.spec`, 'length must be greater than or equal to 1');
}

function sliSpec(p: Problems, path: string, spec: unknown): { ratio: boolean; threshold: boolean } {
  if (!isObject(spec)) {
    p.add(path, 'property is required');
    return { ratio: false, threshold: false };
  }
  p.known(path, spec, ['description', 'thresholdMetric', 'ratioMetric']);
  p.maxLength(`${path}.description`, spec.description, 1050);
  const ratio = spec.ratioMetric !== undefined;
  const threshold = spec.thresholdMetric !== undefined;
  if (ratio === threshold) p.add(path, 'exactly one of [ratioMetric, thresholdMetric] must be set');
  if (threshold) metricSpec(p, `${path}.thresholdMetric`, spec.thresholdMetric);
  if (ratio) {
    const r = spec.ratioMetric;
    if (!isObject(r)) p.add(`${path}.ratioMetric`, 'must be an object');
    else {
      p.known(`${path}.ratioMetric`, r, ['counter', 'good', 'bad', 'total', 'rawType', 'raw']);
      if (typeof r.counter !== 'boolean' && r.counter !== undefined)
        p.add(`${path}.ratioMetric.counter`, 'must be a boolean');
      if ((r.total !== undefined) === (r.raw !== undefined))
        p.add(`${path}.ratioMetric`, 'exactly one of [raw, total] must be set');
      if ([r.raw, r.good, r.bad].filter((x) => x !== undefined).length > 1)
        p.add(`${path}.ratioMetric`, 'at most one of [bad, good, raw] may be set');
      if (r.total !== undefined) {
        if ((r.good !== undefined) === (r.bad !== undefined))
          p.add(`${path}.ratioMetric`, 'one of [bad, good] must be set');
        for (const key of ['total', 'good', 'bad'] as const)
          if (r[key] !== undefined) metricSpec(p, `${path}.ratioMetric.${key}`, r[key]);
      }
      if (r.raw !== undefined) {
        metricSpec(p, `${path}.ratioMetric.raw`, r.raw);
        if (r.rawType !== 'success' && r.rawType !== 'failure')
          p.add(`${path}.ratioMetric.rawType`, 'must be one of [success, failure]');
      }
    }
  }
  return { ratio, threshold };
}

function timeWindow(p: Problems, path: string, value: unknown): void {
  if (!isObject(value)) {
    p.add(path, 'must be an object');
    return;
  }
  p.known(path, value, ['duration', 'isRolling', 'calendar']);
  p.duration(`${path}.duration`, value.duration);
  const rolling = value.isRolling === true;
  if (rolling && value.calendar !== undefined) p.add(path, "'calendar' cannot be set when 'isRolling' is true");
  if (!rolling && value.calendar === undefined) p.add(path, "'calendar' must be set when 'isRolling' is false");
  if (isObject(value.calendar)) {
    p.known(`${path}.calendar`, value.calendar, ['startTime', 'timeZone']);
    const match = DATE_TIME.exec(String(value.calendar.startTime));
    const [, y, mo, d, h, mi, s] = (match ?? []).map(Number);
    const date = match ? new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0)) : undefined;
    if (!date || date.getUTCDate() !== d || date.getUTCHours() !== h || date.getUTCMonth() + 1 !== mo) {
      p.add(`${path}.calendar.startTime`, 'string must be a valid date and time in "2006-01-02 15:04:05" format');
    }
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(value.calendar.timeZone) });
    } catch {
      p.add(`${path}.calendar.timeZone`, 'string must be a valid IANA time zone');
    }
  }
}

function objective(p: Problems, path: string, value: unknown, budgeting: unknown, ratio: boolean): void {
  if (!isObject(value)) {
    p.add(path, 'must be an object');
    return;
  }
  p.known(path, value, [
    'displayName',
    'op',
    'value',
    'target',
    'targetPercent',
    'timeSliceTarget',
    'timeSliceWindow',
    'indicator',
    'indicatorRef',
    'compositeWeight',
  ]);
  if ((value.target !== undefined) === (value.targetPercent !== undefined))
    p.add(path, 'exactly one of [target, targetPercent] must be set');
  const inRange = (key: 'target' | 'targetPercent', below: number): void => {
    const n = value[key];
    if (n !== undefined && (typeof n !== 'number' || !(n >= 0) || !(n < below)))
      p.add(`${path}.${key}`, `should be greater than or equal to 0 and less than ${below}`);
  };
  inRange('target', 1);
  inRange('targetPercent', 100);
  if (budgeting === 'Timeslices') {
    const t = value.timeSliceTarget;
    if (typeof t !== 'number' || !(t > 0) || !(t <= 1))
      p.add(`${path}.timeSliceTarget`, 'is required, greater than 0 and at most 1');
  }
  if (budgeting === 'Timeslices' || budgeting === 'RatioTimeslices')
    p.duration(`${path}.timeSliceWindow`, value.timeSliceWindow);
  if (ratio) {
    if (value.value !== undefined) p.add(`${path}.value`, 'property is forbidden');
    if (value.op !== undefined) p.add(`${path}.op`, 'property is forbidden');
  }
}

function slo(p: Problems, doc: Json): void {
  header(p, doc, 'SLO');
  const spec = doc.spec;
  if (!isObject(spec)) {
    p.add('spec', 'property is required');
    return;
  }
  p.known('spec', spec, [
    'description',
    'service',
    'indicator',
    'indicatorRef',
    'budgetingMethod',
    'timeWindow',
    'objectives',
    'alertPolicies',
  ]);
  p.maxLength('spec.description', spec.description, 1050);
  if (typeof spec.service !== 'string' || spec.service === '') p.add('spec.service', 'property is required');
  if (!['Occurrences', 'Timeslices', 'RatioTimeslices'].includes(String(spec.budgetingMethod)))
    p.add('spec.budgetingMethod', 'must be one of [Occurrences, Timeslices, RatioTimeslices]');
  if ((spec.indicator !== undefined) === (spec.indicatorRef !== undefined))
    p.add('spec', 'exactly one of [indicator, indicatorRef] must be set');
  let ratio = false;
  if (isObject(spec.indicator)) {
    p.known('spec.indicator', spec.indicator, ['metadata', 'spec']);
    metadata(p, 'spec.indicator.metadata', spec.indicator.metadata);
    ratio = sliSpec(p, 'spec.indicator.spec', spec.indicator.spec).ratio;
  }
  if (spec.indicatorRef !== undefined) p.dnsLabel('spec.indicatorRef', spec.indicatorRef);
  if (spec.timeWindow !== undefined) {
    if (!Array.isArray(spec.timeWindow) || spec.timeWindow.length !== 1)
      p.add('spec.timeWindow', 'length must be between 1 and 1');
    else timeWindow(p, 'spec.timeWindow[0]', spec.timeWindow[0]);
  }
  if (!Array.isArray(spec.objectives)) p.add('spec.objectives', 'property is required');
  else spec.objectives.forEach((o, i) => objective(p, `spec.objectives[${i}]`, o, spec.budgetingMethod, ratio));
}

function service(p: Problems, doc: Json): void {
  header(p, doc, 'Service');
  if (doc.spec === undefined) return;
  if (!isObject(doc.spec)) p.add('spec', 'must be an object');
  else {
    p.known('spec', doc.spec, ['description']);
    p.maxLength('spec.description', doc.spec.description, 1050);
  }
}

/** The problems `oslo validate` would report for one decoded document; empty when it passes. */
export function openSloV1Problems(doc: unknown): string[] {
  const p = new Problems();
  if (!isObject(doc)) return ['document is not an object'];
  if (doc.kind === 'SLO') slo(p, doc);
  else if (doc.kind === 'Service') service(p, doc);
  else p.add('kind', `unsupported kind ${String(doc.kind)} (this port covers Service and SLO)`);
  const name = isObject(doc.metadata) ? String(doc.metadata.name) : '?';
  return p.list.map((problem) => `${String(doc.kind)} ${name}: ${problem}`);
}
