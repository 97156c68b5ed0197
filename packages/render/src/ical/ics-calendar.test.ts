import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { daySeconds, measuredSecondsBetween } from '@accord/core/calendar';
import { WEEKDAYS, type Requirements } from '@accord/core/model';
import { hostileRequirements, inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { wallToUtcMs } from '../operational/zone-transitions.ts';
import { renderIcs } from './ics-calendar.ts';

type Interval = [number, number];

function parseIcs(text: string): { readonly calendar: ICAL.Component; readonly events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** Every occurrence of an event starting in [fromMs, toMs), as UTC intervals, expanded by ical.js. */
function occurrences(component: ICAL.Component, fromMs: number, toMs: number): Interval[] {
  const event = new ICAL.Event(component);
  const iterator = event.iterator();
  const out: Interval[] = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toUnixTime() * 1000;
    if (start >= toMs) break;
    if (start >= fromMs) out.push([start, details.endDate.toUnixTime() * 1000]);
  }
  return out;
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function subtractAll(a: Interval[], b: Interval[]): Interval[] {
  let rest = merge(a);
  for (const [bs, be] of merge(b)) {
    rest = rest.flatMap(([s, e]): Interval[] =>
      be <= s || bs >= e
        ? [[s, e]]
        : [...(bs > s ? [[s, bs] as Interval] : []), ...(be < e ? [[be, e] as Interval] : [])],
    );
  }
  return rest;
}

const seconds = (intervals: Interval[]): number => merge(intervals).reduce((sum, [s, e]) => sum + (e - s), 0) / 1000;
const prop = (event: ICAL.Component, name: string): string => String(event.getFirstPropertyValue(name) ?? '');

const ZONE = 'Europe/Berlin';
const YEAR_FROM = wallToUtcMs(ZONE, Date.UTC(2027, 0, 1));
const YEAR_TO = wallToUtcMs(ZONE, Date.UTC(2028, 0, 1));

function render(requirements: Requirements = messagingRequirements()): string {
  const input = inputFor(requirements, PUBLISHED);
  return renderIcs(input.record, input.hash);
}

describe('renderIcs', () => {
  const requirements = messagingRequirements();
  const { calendar, events } = parseIcs(render(requirements));

  it('writes a VCALENDAR with a VTIMEZONE for the zone and recurring events for hours and maintenance', () => {
    expect(prop(calendar, 'version')).toBe('2.0');
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => prop(z, 'tzid'))).toEqual([ZONE]);
    expect(events.map((e) => prop(e, 'x-accord-kind')).sort()).toEqual([
      'maintenance-counted',
      'maintenance-excluded',
      'on-call',
      'on-call',
      'service-hours',
      'support-hours',
    ]);
    for (const event of events) {
      expect(event.getFirstProperty('dtstart')?.getParameter('tzid')).toBe(ZONE);
      expect(prop(event, 'rrule')).not.toBe('');
    }
  });

  it('expands each calendar over 2027 to exactly the hours the core counts, holidays and clock changes included', () => {
    for (const cal of requirements.calendars) {
      const series = events.filter((e) => prop(e, 'x-accord-id') === cal.id);
      const expanded = seconds(series.flatMap((e) => occurrences(e, YEAR_FROM, YEAR_TO)));
      expect(expanded).toBe(measuredSecondsBetween(cal, YEAR_FROM, YEAR_TO, ZONE));
    }
    // Business hours in 2027: 261 weekdays of 12 h, less eight weekday holidays in Hesse (1 Jan, 26 and 29 Mar,
    // Ascension 6 May, Whit Monday 17 May, Corpus Christi 27 May, 24 and 31 Dec).
    const business = events.filter((e) => prop(e, 'x-accord-id') === 'business-hours');
    expect(seconds(business.flatMap((e) => occurrences(e, YEAR_FROM, YEAR_TO))) / 3600).toBe(261 * 12 - 8 * 12);
  });

  it("yields the derivation's measured time of each commitment, up to the mean year the derivation uses", () => {
    const { derivation } = inputFor(requirements, PUBLISHED).record;
    // How often each weekday occurs in 2027 against the mean Gregorian year's 365.2425 / 7.
    const counts = WEEKDAYS.map((_, i) => {
      let n = 0;
      for (let d = Date.UTC(2027, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000)
        if ((new Date(d).getUTCDay() + 6) % 7 === i) n += 1;
      return n;
    });
    for (const fn of derivation.functions) {
      const target = fn.target;
      if (!target) continue;
      const calendarId = target.window.kind === 'service-hours' ? target.window.calendarId : undefined;
      const measuredEvents = calendarId ? events.filter((e) => prop(e, 'x-accord-id') === calendarId) : [];
      const whole: Interval[] = calendarId
        ? measuredEvents.flatMap((e) => occurrences(e, YEAR_FROM, YEAR_TO))
        : [[YEAR_FROM, YEAR_TO]];
      const excludedEvents = events.filter(
        (e) =>
          prop(e, 'x-accord-kind') === 'maintenance-excluded' &&
          (prop(e, 'x-accord-functions') === '*' || prop(e, 'x-accord-functions').split(',').includes(fn.id)),
      );
      const excluded = excludedEvents.flatMap((e) => occurrences(e, YEAR_FROM, YEAR_TO));
      const measured = seconds(subtractAll(whole, excluded));
      // A calendar year is not the mean year: each weekday occurs 52 or 53 times, not 52.1775.
      const cal = requirements.calendars.find((c) => c.id === calendarId);
      const correction = cal
        ? WEEKDAYS.reduce((sum, day, i) => sum + ((counts[i] ?? 0) - 365.2425 / 7) * daySeconds(cal, day), 0)
        : (365 - 365.2425) * 86_400;
      // Excluded maintenance inside measured time is averaged over a reference year by the derivation; allow one occurrence.
      const insideMeasured = seconds(whole) - measured;
      const tolerance =
        insideMeasured > 0 ? Math.max(...excludedEvents.map((e) => new ICAL.Event(e).duration.toSeconds())) : 1;
      expect(Math.abs(measured - (target.budgets.year.measuredSeconds + correction))).toBeLessThanOrEqual(tolerance);
    }
  });

  it("excludes holidays with EXDATE in the calendar's zone", () => {
    const business = events.find((e) => prop(e, 'x-accord-id') === 'business-hours');
    const exdates = business?.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => String(v))) ?? [];
    expect(exdates).toContain('2027-12-24T07:00:00');
    expect(exdates).not.toContain('2027-12-25T07:00:00'); // a Saturday: no business hours to remove
  });

  it('keeps hostile text as escaped TEXT: it reads back as typed and adds no property or component', () => {
    const hostile = hostileRequirements();
    const text = render(hostile);
    for (const line of text.split('\r\n').filter(Boolean))
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const parsed = parseIcs(text);
    expect(parsed.events).toHaveLength(events.length);
    expect(
      parsed.calendar
        .getAllSubcomponents()
        .map((c) => c.name)
        .filter((n) => n !== 'vevent' && n !== 'vtimezone'),
    ).toEqual([]);
    const patch = parsed.events.find((e) => prop(e, 'x-accord-id') === hostile.maintenance[0]?.id);
    expect(prop(patch ?? parsed.calendar, 'summary')).toBe(
      `Maintenance (excluded): ${hostile.maintenance[0]?.name ?? ''}`,
    );
  });
});
