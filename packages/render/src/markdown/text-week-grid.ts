import type { MinuteRange } from '../document/minute-ranges.ts';
import type { WeekGrid } from '../document/week-grid.ts';

/** Marks per lane; an hour shows the mark of whatever covers most of it. */
const MARK = { none: '·', service: '█', staffed: '█', onCall: '▒', gap: '!', excluded: 'x', counted: 'o' } as const;

/**
 * The week grid as monospace text, one character per hour and three lines per day, for the Markdown document.
 * Holds only fixed labels and marks: the calendar names go in the escaped legend beside it.
 */
export function textWeekGrid(grid: WeekGrid): string {
  const hours =
    '       ' +
    Array.from({ length: 24 }, (_, h) => (h % 6 === 0 ? String(h).padStart(2, '0').padEnd(6, ' ') : '')).join('');
  const lines = [hours.trimEnd()];
  for (const day of grid.days) {
    lines.push(`${day.label}  S ${lane([[day.service, MARK.service]])}`);
    lines.push(
      `     C ${lane([
        [day.staffed, MARK.staffed],
        [day.onCall, MARK.onCall],
        [day.gaps, MARK.gap],
      ])}`,
    );
    lines.push(
      `     M ${lane([
        [day.maintenanceExcluded, MARK.excluded],
        [day.maintenanceCounted, MARK.counted],
      ])}`,
    );
  }
  return lines.join('\n');
}

function lane(layers: readonly (readonly [readonly MinuteRange[], string])[]): string {
  let out = '';
  for (let hour = 0; hour < 24; hour += 1) {
    let best = MARK.none as string;
    let most = 0;
    for (const [ranges, mark] of layers) {
      const covered = ranges.reduce(
        (sum, [s, e]) => sum + Math.max(0, Math.min(e, (hour + 1) * 60) - Math.max(s, hour * 60)),
        0,
      );
      if (covered > most && covered >= 30) {
        best = mark;
        most = covered;
      }
    }
    out += best;
  }
  return out;
}
