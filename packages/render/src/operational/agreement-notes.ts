import { percent, PERIOD_ORDER, scenarioLabel } from '../document/format/labels.ts';
import { summariseSlots } from '../document/format/calendar-summary.ts';
import type { VersionRecord } from '../version/version-record.ts';

/** Finding codes of a version, each once, with a count when it repeats: `SUPPORT_GAP_EXCEEDS_RTO x2, NO_RECOVERY_TEST`. */
export function findingCodes(record: VersionRecord): string {
  const counts = new Map<string, number>();
  for (const f of record.derivation.findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} x${n}` : code)).join(', ') || 'none';
}

/**
 * The agreement's facts in plain lines, for the operational exports to carry where their format has room for
 * prose (a YAML comment, a description field, a calendar description): targets, budgets per period, recovery
 * objectives, support hours, open findings and the budget convention. Tools ignore these lines; people reading
 * the file find what the agreement says beside what the tool runs. Participant text is kept to one line.
 */
export function agreementNotes(record: VersionRecord): string[] {
  const { requirements, derivation } = record;
  const one = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  for (const fn of derivation.functions) {
    if (fn.target) {
      lines.push(`Target: ${one(fn.name)} ${percent(fn.target.percent)}`);
      const budgets = fn.target.budgets;
      lines.push(`Budget: ${one(fn.name)}: ${PERIOD_ORDER.map((p) => `${p} ${budgets[p].human}`).join('; ')}`);
    }
    for (const r of fn.recovery)
      lines.push(`Recovery: ${one(fn.name)}: ${scenarioLabel(r.scenario)} RPO ${r.rpoHuman}, RTO ${r.rtoHuman}`);
  }
  for (const [label, id] of [
    ['Support hours', requirements.support.coverageCalendarId],
    ['On-call hours', requirements.support.onCallCalendarId],
  ] as const) {
    const calendar = requirements.calendars.find((c) => c.id === id);
    if (calendar)
      lines.push(
        `${label}: ${one(calendar.name)}: ${summariseSlots(calendar)} (${calendar.timeZone ?? requirements.meta.timeZone})`,
      );
  }
  lines.push(`Findings: ${findingCodes(record)}`);
  lines.push(`Convention: ${derivation.convention}`);
  return lines;
}
