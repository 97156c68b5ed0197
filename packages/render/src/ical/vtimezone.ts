import { zoneOffsets } from '../operational/zone-transitions.ts';
import { utcOffset, wallStamp } from './ics-text.ts';

/**
 * A VTIMEZONE for `zone` (RFC 5545 §3.6.5) over the export's years: the offset in force on 1 January of the first
 * year, then one STANDARD or DAYLIGHT observance per clock change, each starting at the local time (in the old
 * offset) the change happens. Spelled out rather than as an RRULE, so a zone whose rules changed, or that has no
 * daylight saving time, is described exactly as the zone database has it.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const offsets = zoneOffsets(zone, fromYear, toYear);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  // The first observance also covers any earlier instant a reader asks about.
  lines.push(
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${utcOffset(offsets.initialSeconds)}`,
    `TZOFFSETTO:${utcOffset(offsets.initialSeconds)}`,
    'END:STANDARD',
  );
  for (const t of offsets.transitions) {
    const kind = t.toSeconds > t.fromSeconds ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${wallStamp(t.atUtcMs + t.fromSeconds * 1000)}`,
      `TZOFFSETFROM:${utcOffset(t.fromSeconds)}`,
      `TZOFFSETTO:${utcOffset(t.toSeconds)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
