import type { SlaDerivation } from '@accord/core/derive';
import { changeMeaning, type MonthOf, type ProposalValue, type Requirements } from '@accord/core/model';
import { formatDuration } from '@accord/core/duration';
import { percent, scenarioLabel } from './labels.ts';

const TAIL_LABEL: Readonly<Record<string, string>> = {
  targetPercent: 'availability target',
  window: 'measurement window',
  downtimeCostPerHour: 'cost of downtime per hour',
  rpoSeconds: 'RPO',
  rtoSeconds: 'RTO',
  responseSeconds: 'response target',
  resolutionSeconds: 'resolution target',
  retentionDays: 'retention',
  intervalSeconds: 'backup interval',
  durationSeconds: 'duration',
  counted: 'counted against the budget',
  design: 'design',
  dependsOn: 'dependencies',
  coverageCalendarId: 'support desk calendar',
  onCallCalendarId: 'on-call calendar',
};

/**
 * A field path as a reader names it: `/functions/mailbox-access/recovery/site-loss/rtoSeconds` →
 * `Mailbox access: Site loss RTO`. Ids become the names the workshop gave; unknown paths stay as written.
 */
export function fieldLabel(path: string, requirements: Requirements): string {
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'support' && parts[1] === 'severities' && parts[2] !== undefined) {
    const severity = requirements.support.severities.find((s) => s.id === parts[2]);
    const tail = parts[3] === undefined ? undefined : (TAIL_LABEL[parts[3]] ?? parts.slice(3).join(' / '));
    if (severity) return tail === undefined ? severity.name : `${severity.name}: ${tail}`;
  }
  const [collection, id, ...rest] = parts;
  const owner = collection === undefined || id === undefined ? undefined : ownerName(requirements, collection, id);
  if (owner === undefined) return path;
  const last = rest.at(-1);
  if (last === undefined)
    return collection === 'support' && id !== undefined ? `${owner}: ${TAIL_LABEL[id] ?? id}` : owner;
  const scenario = rest[0] === 'recovery' && rest[1] !== undefined ? `${scenarioLabel(rest[1])} ` : '';
  return `${owner}: ${scenario}${TAIL_LABEL[last] ?? rest.join(' / ')}`;
}

function ownerName(requirements: Requirements, collection: string, id: string): string | undefined {
  switch (collection) {
    case 'functions':
      return requirements.functions.find((f) => f.id === id)?.name;
    case 'maintenance':
      return requirements.maintenance.find((m) => m.id === id)?.name;
    case 'backups':
      return requirements.backups.find((b) => b.id === id)?.name;
    case 'regulatory':
      return requirements.regulatory.find((r) => r.id === id)?.name;
    case 'calendars':
      return requirements.calendars.find((c) => c.id === id)?.name;
    case 'components':
      return requirements.components.find((c) => c.id === id)?.name;
    case 'support':
      return 'Support';
    default:
      return undefined;
  }
}

/** A proposed or decided value in the unit of its field: seconds as durations, targets as percentages. */
export function fieldValue(path: string, value: ProposalValue): string {
  if (value === null) return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (path.endsWith('Seconds')) return formatDuration(value);
    if (path.endsWith('Percent')) return percent(value);
    if (path.endsWith('Days')) return `${value} days`;
    return String(value);
  }
  return value;
}

/** A function's measured time in a mean month, from the derivation: what a target's plain line is computed over. */
export function monthOf(derivation: SlaDerivation | undefined): MonthOf {
  return (functionId) => derivation?.functions.find((f) => f.id === functionId)?.target?.budgets.month.measuredSeconds;
}

/**
 * A value with what it means in plain words when the field has such a line:
 * "5m — Up to 5 minutes of Mailbox access data may be lost after a component failure."
 */
export function meaningfulValue(
  path: string,
  value: ProposalValue,
  requirements: Requirements,
  derivation?: SlaDerivation,
): string {
  const shown = fieldValue(path, value);
  const meaning = changeMeaning(path, value, requirements, monthOf(derivation));
  return meaning === undefined ? shown : `${shown} — ${meaning}`;
}
