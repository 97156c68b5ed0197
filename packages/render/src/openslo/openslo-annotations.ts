import type { SlaDerivation } from '@accord/core/derive';
import type { Requirements } from '@accord/core/model';
import { formatDuration } from '@accord/core/duration';
import { summariseRecurrence, summariseSlots } from '../document/format/calendar-summary.ts';
import { PERIOD_ORDER } from '../document/format/labels.ts';

/**
 * Accord's annotation prefix. OpenSLO reserves `openslo.com/`; keys are `<DNS subdomain>/<name>` with a name of
 * at most 63 characters, and values are strings.
 */
export const ANNOTATION_PREFIX = 'accord.dev/';

export type Annotations = Record<string, string>;

export function annotate(entries: readonly (readonly [string, string | undefined])[]): Annotations {
  return Object.fromEntries(
    entries
      .filter((e): e is readonly [string, string] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [`${ANNOTATION_PREFIX}${k}`, v]),
  );
}

/** "Service desk: Mon–Fri 07:00–19:00 (Europe/Berlin)". */
export function calendarText(requirements: Requirements, id: string | undefined): string | undefined {
  const calendar = requirements.calendars.find((c) => c.id === id);
  return calendar
    ? `${calendar.name}: ${summariseSlots(calendar)} (${calendar.timeZone ?? requirements.meta.timeZone})`
    : undefined;
}

export function holidaysText(requirements: Requirements, id: string): string | undefined {
  const calendar = requirements.calendars.find((c) => c.id === id);
  return calendar?.holidays.map((h) => (h.name ? `${h.date} ${h.name}` : h.date)).join('; ') || undefined;
}

/** Maintenance windows of one function, excluded or counted, as one line each joined by "; ". */
export function maintenanceText(requirements: Requirements, functionId: string, counted: boolean): string | undefined {
  return (
    requirements.maintenance
      .filter((m) => m.counted === counted && (m.appliesTo.length === 0 || m.appliesTo.includes(functionId)))
      .map((m) => `${m.name}: ${summariseRecurrence(m)} (${m.timeZone ?? requirements.meta.timeZone})`)
      .join('; ') || undefined
  );
}

export function responseTargetsText(requirements: Requirements): string | undefined {
  const text = (seconds: number | undefined): string => (seconds === undefined ? 'not set' : formatDuration(seconds));
  return (
    requirements.support.severities
      .map((s) => `${s.name}: response ${text(s.responseSeconds)}, resolution ${text(s.resolutionSeconds)}`)
      .join('; ') || undefined
  );
}

export function budgetText(fn: SlaDerivation['functions'][number]): string | undefined {
  const target = fn.target;
  return target ? PERIOD_ORDER.map((p) => `${p} ${target.budgets[p].human}`).join('; ') : undefined;
}

/** Finding codes (with counts when repeated) open in this version, for a function or the whole service. */
export function findingsText(derivation: SlaDerivation, functionId?: string): string | undefined {
  const counts = new Map<string, number>();
  for (const f of derivation.findings) {
    if (functionId === undefined || f.functionId === functionId) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  }
  return [...counts].map(([code, n]) => (n > 1 ? `${code} x${n}` : code)).join(', ') || undefined;
}
