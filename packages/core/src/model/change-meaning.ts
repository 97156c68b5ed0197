import { itemNames } from './field-label.ts';
import type { Requirements } from './requirements.schema.ts';

const SCENARIO_WORDS: Readonly<Record<string, string>> = {
  'component-failure': 'a component failure',
  'site-loss': 'the loss of a site',
  'data-corruption': 'a data corruption',
};

const UNITS = [
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
] as const;

/**
 * A duration in words a manager reads aloud, at most two units: 300 → "5 minutes", 5400 → "1 hour 30 minutes".
 * Seconds only appear below a minute; a remainder below the second unit is dropped.
 */
export function durationWords(seconds: number): string {
  if (seconds <= 0) return 'no time';
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, unit] of UNITS) {
    if (parts.length === 2 || (unit === 'second' && parts.length > 0)) break;
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count} ${unit}${count === 1 ? '' : 's'}`);
      rest -= count * size;
    } else if (parts.length > 0) break;
  }
  return parts.join(' ');
}

/** What a function's measured month is, to turn a target into the downtime it allows. */
export type MonthOf = (functionId: string) => number | undefined;

/**
 * What a value of a field means in plain words, for a line beside "RPO 0s → 5m" in documents and the room:
 * "Up to 5 minutes of Mailbox access data may be lost after a component failure." Undefined for fields whose
 * value speaks for itself (names, notes, calendars).
 *
 * `measuredMonthSeconds` gives a function's measured time in a mean month, so a target can be said as the
 * downtime it allows; without it a target gets no line.
 */
export function changeMeaning(
  path: string,
  value: unknown,
  requirements: Requirements,
  measuredMonthSeconds?: MonthOf,
): string | undefined {
  const segments = path.split('/').slice(1);
  const names = itemNames(requirements);
  const [collection, id] = segments;
  const field = segments[segments.length - 1];
  const name = names.get(`${collection}/${id}`) ?? id ?? '';
  if (collection === 'functions' && segments[2] === 'recovery' && typeof value === 'number') {
    const scenario = SCENARIO_WORDS[segments[3] ?? ''] ?? (segments[3] ?? '').replace(/-/g, ' ');
    if (field === 'rpoSeconds') {
      return value === 0
        ? `No ${name} data may be lost after ${scenario}.`
        : `Up to ${durationWords(value)} of ${name} data may be lost after ${scenario}.`;
    }
    if (field === 'rtoSeconds')
      return `After ${scenario}, ${name} may be down for up to ${durationWords(value)} before it works again.`;
  }
  if (collection === 'functions' && field === 'targetPercent' && typeof value === 'number') {
    const month = measuredMonthSeconds?.(id ?? '');
    if (month === undefined) return undefined;
    // Downtime is counted in whole minutes: what a month allows is the whole minutes below the exact budget.
    const minutes = Math.floor((((100 - value) / 100) * month) / 60 + 1e-9);
    return minutes === 0
      ? `${name} may not be down for a whole minute in an average month.`
      : `${name} may be down for up to ${durationWords(minutes * 60)} in an average month.`;
  }
  if (collection === 'support' && segments[1] === 'severities' && typeof value === 'number') {
    const severity = names.get(`severities/${segments[2]}`) ?? segments[2] ?? '';
    if (field === 'responseSeconds')
      return `Someone starts working on a ${severity} incident within ${durationWords(value)}.`;
    if (field === 'resolutionSeconds') return `A ${severity} incident is resolved within ${durationWords(value)}.`;
  }
  if (collection === 'backups' && typeof value === 'number') {
    if (field === 'intervalSeconds') return `A restore from ${name} may lose up to ${durationWords(value)} of data.`;
    if (field === 'retentionDays') return `${name} can bring back data up to ${value} days old.`;
  }
  return undefined;
}
