/** An instant as its weekday and wall-clock time in a zone: "Sunday 20:00", as documents and findings say it. */
export function weekTime(utcMs: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(utcMs);
}
