import { isRecord, itemNames, rec, str, type RawRecord } from './raw.ts';
import { codecForPath } from './units.ts';
import {
  BACKUP_TYPES,
  CADENCES,
  COMPONENT_ROLES,
  IMPACTS,
  LIKELIHOODS,
  PROTECTIONS,
  SCENARIO_NAMES,
  SOURCES,
  TEST_KINDS,
  TIERS,
  WEEKDAY_OPTIONS,
  type Options,
} from './vocabulary.ts';
const SCENARIOS: Options = Object.entries(SCENARIO_NAMES).map(([value, label]) => ({ value, label }));

/** Words for the enumerations, by the field's key (and for `kind`, the collection it sits in). */
function optionsFor(segments: readonly string[]): Options | undefined {
  const key = segments[segments.length - 1];
  switch (key) {
    case 'tier':
      return TIERS;
    case 'role':
      return segments[0] === 'components' ? COMPONENT_ROLES : undefined;
    case 'likelihood':
      return LIKELIHOODS;
    case 'impact':
      return IMPACTS;
    case 'type':
      return segments[0] === 'backups' ? BACKUP_TYPES : undefined;
    case 'kind':
      return segments[0] === 'recoveryTests' ? TEST_KINDS : undefined;
    case 'scenario':
      return SCENARIOS;
    case 'source':
      return SOURCES;
    case 'reportingCadence':
      return CADENCES;
    case 'day':
      return WEEKDAY_OPTIONS;
    default:
      return undefined;
  }
}

/** Fields whose values are ids of items (a calendar, a function, the parts a function needs). */
const REFERENCES =
  /^(calendarId|coverageCalendarId|onCallCalendarId|serviceHoursCalendarId|functionId|functionIds|dependsOn|members|appliesTo)$/;

/** Every item's display name by its id, whatever its collection (ids are what references hold). */
function namesById(raw: RawRecord): Map<string, string> {
  const byId = new Map<string, string>();
  for (const [key, name] of itemNames(raw)) {
    const id = key.slice(key.indexOf('/') + 1);
    if (!byId.has(id)) byId.set(id, name);
  }
  return byId;
}

/**
 * A stored value as the room shows it outside its input (proposals, decisions, "what changed"): durations
 * and percentages in their units, enumerations in words, and references to items by the items' names
 * rather than their ids (`dependsOn: ["mbx-servers"]` → "Mailbox servers").
 *
 * @example describeValue('/support/coverageCalendarId', 'business-hours', raw) // "Business hours"
 */
export function describeValue(path: string, value: unknown, raw: RawRecord): string {
  if (value === null || value === undefined || value === '') return '—';
  const segments = path.split('/').filter((s) => s !== '');
  const key = segments[segments.length - 1] ?? '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'window' && isRecord(value)) {
    if (value.kind !== 'service-hours') return '24×7';
    const calendar = str(value.calendarId);
    return `Service hours (${namesById(raw).get(calendar) ?? calendar})`;
  }
  if (key === 'design' && Array.isArray(value)) {
    return (
      value
        .map((d) => {
          const kind = str(rec(d).kind);
          return PROTECTIONS.find((p) => p.value === kind)?.label ?? kind;
        })
        .join(', ') || '—'
    );
  }
  if (REFERENCES.test(key)) {
    const names = namesById(raw);
    const ids = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
    if (ids.length > 0 || Array.isArray(value)) return ids.map((id) => names.get(id) ?? id).join(', ') || 'none';
  }
  const options = optionsFor(segments);
  if (options && (typeof value === 'string' || typeof value === 'number')) {
    return options.find((o) => o.value === String(value))?.label ?? String(value);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return value.join(', ') || 'none';
  const shown = codecForPath(path).format(value) || '—';
  // The input's label carries the "%" ("Target (%)"); on its own, "99.9" could be anything.
  return key.endsWith('Percent') && typeof value === 'number' ? `${shown} %` : shown;
}
