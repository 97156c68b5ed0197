import type { VersionRecord } from '../version/version-record.ts';

/** How many calendar years the operational exports spell out (clock changes, holidays, recurrence ends). */
export const HORIZON_YEARS = 5;

/**
 * The calendar years an export covers: from the year the agreement takes effect (`validFrom`, else the year it
 * was published, else the first holiday listed, else 2026) for {@link HORIZON_YEARS} years. Never today's
 * date, so the same version always gives the same bytes.
 */
export function exportYears(record: VersionRecord): { readonly fromYear: number; readonly toYear: number } {
  const { requirements, version } = record;
  const holidays = requirements.calendars.flatMap((c) => c.holidays.map((h) => h.date)).sort();
  const anchor = requirements.meta.validFrom ?? version?.publishedAt ?? holidays[0] ?? '2026-01-01';
  const fromYear = Number(anchor.slice(0, 4));
  return { fromYear, toYear: fromYear + HORIZON_YEARS - 1 };
}
