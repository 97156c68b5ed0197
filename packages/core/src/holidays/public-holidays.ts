import Holidays from 'date-holidays';
import type { HolidayRegion } from '../model/index.ts';

/** One public holiday, as the calendar model stores it. */
export interface PublicHoliday {
  readonly date: string;
  readonly name: string;
}

export type PublicHolidaysResult =
  { readonly ok: true; readonly holidays: readonly PublicHoliday[] } | { readonly ok: false; readonly error: string };

/**
 * The public holidays of a country (ISO 3166-1, e.g. "DE") and optionally one of its regions (ISO 3166-2
 * suffix, e.g. "HE" for Hesse) in the given years, from the maintained `date-holidays` rules instead of a
 * hand-kept list: Ascension, Whit Monday and Corpus Christi move with Easter and are easy to forget.
 * Only days off by law (`public`) count; bank and observance days do not close a service desk.
 *
 * The rules are large, so this lives behind its own entry point: the browser loads it only when someone
 * fills a calendar's holidays, and the derivation reads the dates stored in the calendar.
 */
export function publicHolidays(region: HolidayRegion, years: readonly number[]): PublicHolidaysResult {
  const holidays = new Holidays();
  const countries = holidays.getCountries('en');
  if (!(region.country in countries))
    return { ok: false, error: `unknown country code "${region.country}": use an ISO 3166-1 code such as "DE"` };
  if (region.region !== undefined) {
    const states = holidays.getStates(region.country, 'en') ?? {};
    if (!(region.region in states)) {
      return {
        ok: false,
        error: `"${region.region}" is not a region of ${region.country}; known: ${Object.keys(states).join(', ') || 'none'}`,
      };
    }
  }
  if (region.region === undefined) holidays.init(region.country, { types: ['public'], languages: ['en'] });
  else holidays.init(region.country, region.region, { types: ['public'], languages: ['en'] });
  const days = new Map<string, string>();
  for (const year of [...years].sort((a, b) => a - b)) {
    for (const holiday of holidays.getHolidays(year, 'en')) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      if (!days.has(date)) days.set(date, holiday.name);
    }
  }
  return { ok: true, holidays: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name })) };
}

/** The years a workshop's calendars must cover: from the validity start (or `fallbackYear`) over one review cycle. */
export function yearsCovered(validFrom: string | undefined, reviewEveryMonths: number, fallbackYear: number): number[] {
  const start = validFrom ? Number(validFrom.slice(0, 4)) : fallbackYear;
  const startMonth = validFrom ? Number(validFrom.slice(5, 7)) : 1;
  const endYear = start + Math.floor((startMonth - 1 + reviewEveryMonths - 1) / 12);
  return Array.from({ length: endYear - start + 1 }, (_, i) => start + i);
}
