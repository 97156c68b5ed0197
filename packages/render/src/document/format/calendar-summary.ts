import type { Calendar, MaintenanceWindow, Weekday } from '@accord/core/model';
import { WEEKDAYS } from '@accord/core/model';
import { formatDuration } from '@accord/core/duration';

export const DAY_LABEL: Readonly<Record<Weekday, string>> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/**
 * A weekly calendar in one line, consecutive days with the same hours grouped:
 * `Mon–Fri 07:00–19:00; Sat–Sun 08:00–20:00`. A calendar without slots covers `no hours`.
 */
export function summariseSlots(calendar: Pick<Calendar, 'slots'>): string {
  const hoursOf = (day: Weekday): string =>
    calendar.slots
      .filter((slot) => slot.day === day)
      .map((slot) => `${slot.start}–${slot.end}`)
      .sort()
      .join(', ');
  const groups: { from: Weekday; to: Weekday; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const hours = hoursOf(day);
    const last = groups.at(-1);
    if (hours !== '' && last && last.hours === hours && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1)
      last.to = day;
    else if (hours !== '') groups.push({ from: day, to: day, hours });
  }
  if (groups.length === 0) return 'no hours';
  return groups.map((g) => `${DAY_LABEL[g.from]}${g.from === g.to ? '' : `–${DAY_LABEL[g.to]}`} ${g.hours}`).join('; ');
}

const WEEK_ORDINAL: Readonly<Record<string, string>> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  last: 'last',
};

/** When a maintenance window recurs: `weekly, Sun 02:00 for 4h` or `monthly, last Sat 20:00 for 2h`. */
export function summariseRecurrence(window: Pick<MaintenanceWindow, 'recurrence' | 'durationSeconds'>): string {
  const { recurrence } = window;
  const at = `${DAY_LABEL[recurrence.day]} ${recurrence.start} for ${formatDuration(window.durationSeconds)}`;
  return recurrence.kind === 'weekly'
    ? `weekly, ${at}`
    : `monthly, ${WEEK_ORDINAL[String(recurrence.week)] ?? ''} ${at}`;
}
