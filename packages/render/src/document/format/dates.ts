/**
 * Dates as documents show them, independent of the machine's locale and zone: instants in UTC
 * (`2026-11-21 14:03 UTC`), calendar dates as `YYYY-MM-DD`. Text that is not a date is shown as typed.
 */
export function instantLabel(text: string): string {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(ms)) return text;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The calendar date `months` after an ISO date (clamped to the month's last day): the revisit date. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The date part of an ISO instant or date, if it has one. */
export function datePart(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(Date.parse(text.slice(0, 10)))
    ? text.slice(0, 10)
    : undefined;
}
