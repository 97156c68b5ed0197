import { WEEKDAYS, type Weekday, type WeeklySlot } from '@accord/core/model';

export const DAYS: readonly Weekday[] = WEEKDAYS;
export const DAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function minutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function clock(minutesOfDay: number): string {
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`;
}

/** How much of one hour of one day the slots cover. */
export type Coverage = 'none' | 'part' | 'full';

/** A 7×24 grid of a calendar's weekly slots, rows Monday to Sunday, columns 00:00 to 23:00. */
export function slotsToGrid(slots: readonly WeeklySlot[]): Coverage[][] {
  return DAYS.map((day) =>
    Array.from({ length: 24 }, (_, hour) => {
      const start = hour * 60;
      const end = start + 60;
      let covered = 0;
      for (const slot of slots) {
        if (slot.day !== day) continue;
        covered += Math.max(0, Math.min(end, minutes(slot.end)) - Math.max(start, minutes(slot.start)));
      }
      return covered >= 60 ? 'full' : covered > 0 ? 'part' : 'none';
    }),
  );
}

/**
 * Paints hours of one day on or off and returns the calendar's new slots. Only the painted day is rebuilt
 * (from its own minutes, so "07:30" on other hours of that day survives); every other day keeps its slots
 * exactly, in their order.
 */
export function paintHours(
  slots: readonly WeeklySlot[],
  day: Weekday,
  hours: readonly number[],
  on: boolean,
): WeeklySlot[] {
  const covered = new Array<boolean>(24 * 60).fill(false);
  for (const slot of slots) {
    if (slot.day !== day) continue;
    for (let m = minutes(slot.start); m < minutes(slot.end); m += 1) covered[m] = true;
  }
  for (const hour of hours) covered.fill(on, hour * 60, hour * 60 + 60);
  const rebuilt: WeeklySlot[] = [];
  let start = -1;
  for (let m = 0; m <= covered.length; m += 1) {
    const isOn = m < covered.length && covered[m] === true;
    if (isOn && start < 0) start = m;
    if (!isOn && start >= 0) {
      rebuilt.push({ day, start: clock(start), end: clock(m) });
      start = -1;
    }
  }
  const dayIndex = DAYS.indexOf(day);
  const before = slots.filter((s) => DAYS.indexOf(s.day) < dayIndex);
  const after = slots.filter((s) => DAYS.indexOf(s.day) > dayIndex);
  return [...before, ...rebuilt, ...after];
}

/** Hours per week the slots cover, for the calendar's summary line. */
export function weeklyHours(slots: readonly WeeklySlot[]): number {
  return slots.reduce((sum, slot) => sum + Math.max(0, minutes(slot.end) - minutes(slot.start)), 0) / 60;
}

/**
 * The slots as a short sentence per day for screen readers and the phone: "Mon 07:00–19:00, 20:00–21:00".
 * Each day's hours in the order of the day: the doc keeps slots in the order they were painted.
 */
export function describeSlots(slots: readonly WeeklySlot[]): string {
  const parts = DAYS.flatMap((day) => {
    const ofDay = slots.filter((s) => s.day === day).sort((a, b) => minutes(a.start) - minutes(b.start));
    if (ofDay.length === 0) return [];
    return [`${DAY_NAMES[day].slice(0, 3)} ${ofDay.map((s) => `${s.start}–${s.end}`).join(', ')}`];
  });
  return parts.length === 0 ? 'no hours' : parts.join('; ');
}

/** One hour of one day in the grid: `day` 0 = Monday, `hour` 0–23. */
export interface Cell {
  readonly day: number;
  readonly hour: number;
}

/** Paints several cells (of any days) on or off in one change. */
export function paintCells(slots: readonly WeeklySlot[], cells: readonly Cell[], on: boolean): WeeklySlot[] {
  let painted = [...slots];
  DAYS.forEach((weekday, day) => {
    const hours = cells.filter((cell) => cell.day === day).map((cell) => cell.hour);
    if (hours.length > 0) painted = paintHours(painted, weekday, hours, on);
  });
  return painted;
}

/**
 * Every cell a straight stroke from `from` to `to` crosses, both ends included. A fast drag reports only
 * a few points; painting the cells between them paints what the finger went over.
 */
export function cellsBetween(from: Cell, to: Cell): Cell[] {
  const steps = Math.max(Math.abs(to.day - from.day), Math.abs(to.hour - from.hour));
  const cells: Cell[] = [];
  for (let step = 0; step <= steps; step += 1) {
    const t = steps === 0 ? 0 : step / steps;
    const cell = {
      day: Math.round(from.day + (to.day - from.day) * t),
      hour: Math.round(from.hour + (to.hour - from.hour) * t),
    };
    if (!cells.some((c) => c.day === cell.day && c.hour === cell.hour)) cells.push(cell);
  }
  return cells;
}

/** Calendars people start from, one tap each. */
export const PRESETS = {
  'all-week': { label: '24×7', slots: DAYS.map((day): WeeklySlot => ({ day, start: '00:00', end: '24:00' })) },
  'office-hours': {
    label: 'Mon–Fri 08–18',
    slots: DAYS.slice(0, 5).map((day): WeeklySlot => ({ day, start: '08:00', end: '18:00' })),
  },
  none: { label: 'Clear', slots: [] as WeeklySlot[] },
} as const;
export type Preset = keyof typeof PRESETS;

/** Gives each day of `to` exactly the hours of `from` (minutes included); other days keep theirs. */
export function copyDay(slots: readonly WeeklySlot[], from: Weekday, to: readonly Weekday[]): WeeklySlot[] {
  const source = slots.filter((slot) => slot.day === from);
  return DAYS.flatMap((day) => {
    if (day !== from && to.includes(day)) return source.map((slot) => ({ ...slot, day }));
    return slots.filter((slot) => slot.day === day);
  });
}
