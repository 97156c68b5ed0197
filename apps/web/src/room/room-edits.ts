import type { DerivedFunction } from '@accord/core/derive';
import type { Edit } from '@accord/core/ydoc';
import { items, num, str, type RawRecord } from '../lib/raw.ts';
import { replaceRows, type Row } from '../lib/rows.ts';

/**
 * The room's structural edits: choices that change the shape around a field rather than the value at its
 * path (switching a union's kind, ticking a row into a row list). Every other field binds by its path alone
 * and writes with `session.write`. Each function here returns the edits of one choice, which the field
 * applies together as one change; each writes only the keys the switch decides, so what others edit beside
 * them at the same time stays.
 */

/** A function's target as the preview engine derives it: where a switch of how it is stated starts from. */
type DerivedTarget = Pick<NonNullable<DerivedFunction['target']>, 'percent' | 'toleratedDowntime' | 'budgets'>;

/** What a new escalation level starts with when nobody says otherwise: escalated to after an hour. */
const ESCALATE_AFTER_SECONDS = 3600;
/** The highest escalation level the requirements allow. */
const TOP_LEVEL = 9;

/**
 * The fields of a new escalation contact named `name`: one level above the highest so far (at most the top
 * level). Its id is the list's to give; two people adding at once each add their own row.
 */
export function nextEscalationContact(current: readonly RawRecord[], name: string): RawRecord {
  const highest = current.reduce((max, row) => Math.max(max, num(row.level) ?? 0), 0);
  return {
    level: Math.min(TOP_LEVEL, highest + 1),
    name,
    role: '',
    contact: '',
    afterSeconds: ESCALATE_AFTER_SECONDS,
  };
}

/**
 * Ticks and unticks a function's protections: one row per protection kind, keyed by the kind, inserted or
 * removed alone, so others' edits to the other rows survive, and two people ticking the same kind at once
 * make one row.
 */
export function designKindsEdits(fnId: string, current: readonly Row[], kinds: readonly string[]): Edit[] {
  return replaceRows(
    `/functions/${fnId}/design`,
    current,
    kinds.map((kind) => ({ kind })),
    (row) => str(row.kind),
    (row) => str(row.kind),
  );
}

/**
 * Switches a component's availability between a percentage and MTBF/MTTR, with the new kind's starting
 * figures and without the old kind's. The kind decides which figures count, so a figure someone else sets
 * for the old kind meanwhile is left over but never read.
 */
export function availabilityKindEdits(componentId: string, kind: string | null): Edit[] {
  const value = kind === 'mtbf' ? { kind: 'mtbf', mtbfHours: 4380, mttrHours: 8 } : { kind: 'percent', percent: 99.9 };
  return [{ kind: 'set', path: `/components/${componentId}/availability`, value }];
}

/**
 * Switches a function's commitment between a target and a tolerated downtime: the other statement goes in
 * the same change, so the document never holds both (or neither) in between. The new statement starts from
 * what the engine derives for the current one, so the commitment means the same until someone changes it.
 *
 * The two statements are two keys, so this is the one switch a concurrent edit can mix: one person switches
 * while another edits the target, and both stay. Choosing either statement again mends it.
 */
export function statedAsEdits(fnId: string, as: string | null, derived: DerivedTarget | undefined): Edit[] {
  if (as === null) return [];
  const base = `/functions/${fnId}/availability`;
  if (as === 'tolerated') {
    const downtimeSeconds = Math.max(1, Math.round(derived?.budgets.month.seconds ?? 2630));
    return [
      { kind: 'set', path: `${base}/targetPercent`, value: null },
      { kind: 'set', path: `${base}/toleratedDowntime`, value: { downtimeSeconds, per: 'month' } },
    ];
  }
  const targetPercent = derived ? Number(derived.toleratedDowntime?.targetText ?? derived.percent) : 99.9;
  return [
    { kind: 'set', path: `${base}/toleratedDowntime`, value: null },
    { kind: 'set', path: `${base}/targetPercent`, value: targetPercent },
  ];
}

/**
 * Switches when a function's target is measured: around the clock, or in a calendar's service hours (the
 * workshop's service-hours calendar, else its first calendar). The calendar goes with the 24×7 window.
 */
export function windowEdits(raw: RawRecord, fnId: string, kind: string | null): Edit[] {
  const calendarId = str(raw.serviceHoursCalendarId) || items(raw.calendars)[0]?.id || '';
  const value = kind === 'service-hours' ? { kind: 'service-hours', calendarId } : { kind: '24x7' };
  return [{ kind: 'set', path: `/functions/${fnId}/availability/window`, value }];
}

/**
 * Switches a maintenance window between weekly and monthly: a monthly one needs the week of the month (the
 * last, unless one is set), a weekly one has none. Day and start time stay as they are.
 */
export function recurrenceKindEdits(windowId: string, kind: string | null, week: unknown): Edit[] {
  if (kind === null) return [];
  const base = `/maintenance/${windowId}/recurrence`;
  const edits: Edit[] = [{ kind: 'set', path: `${base}/kind`, value: kind }];
  if (kind === 'weekly') edits.push({ kind: 'set', path: `${base}/week`, value: null });
  else if (week === undefined || week === null) edits.push({ kind: 'set', path: `${base}/week`, value: 'last' });
  return edits;
}
