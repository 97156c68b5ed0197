import { agreementNotes } from '../operational/agreement-notes.ts';
import type { ZoneOffsets } from '../operational/zone-transitions.ts';
import { CHECKS_METRIC, FAILURES_METRIC, FUNCTION_LABEL, SERVICE_LABEL } from '../operational/sli-convention.ts';
import type { VersionRecord } from '../version/version-record.ts';

/** Participant text inside a YAML comment: one line, so it cannot end the comment and start YAML. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The comment that opens the rule file: where it comes from, the metrics it reads, how measured time is
 * gated, and what Prometheus rules cannot express. Each line is one `#` comment (the YAML writer adds the `#`).
 */
export function rulesFileHeader(
  record: VersionRecord,
  hash: string,
  offsets: readonly ZoneOffsets[],
  years: { readonly fromYear: number; readonly toYear: number },
): string {
  const { requirements, version, derivation } = record;
  const lines = [
    `Prometheus rules for "${oneLine(requirements.meta.service)}", written by Accord from ${version ? `version ${version.number}` : 'a draft'} of the SLA (sha256 ${hash}).`,
    `Check with: promtool check rules <this file>. Reporting period: ${derivation.reportingPeriod}; budgets use the mean Gregorian calendar.`,
    '',
    'Metrics the monitoring team provides (Accord cannot know how the service is probed):',
    `  ${CHECKS_METRIC} and ${FAILURES_METRIC},`,
    `  counters labelled ${SERVICE_LABEL} and ${FUNCTION_LABEL} (the function id in the SLA). Keep the failure counter`,
    '  present (0 while all checks pass), or replace the selectors with metrics of your own.',
    '',
    'Measured time: accord:measured_time is 1 while a commitment is measured and 0 outside. PromQL has no time',
    'zones: accord:local_time holds local wall time (time() plus the zone offset, one step per clock change at its',
    'exact UTC instant), so day_of_week(), hour() and minute() of it read local weekday and time. Service-hours',
    'slots, holidays (whole local days) and excluded maintenance windows are built from it. Check rates are',
    'multiplied by it, so every error ratio is a ratio of measured time only, and alerts fire only in measured time.',
    `Zones: ${offsets.map((o) => `${o.zone} (${o.transitions.length} clock changes)`).join(', ') || 'none needed'}.`,
    '',
    "Alerts (SRE workbook, multi-window multi-burn-rate): page when 2 % of the period's budget is spent in 1h",
    '(confirmed over 5m) or 5 % in 6h (over 30m); ticket when 10 % is spent in 3d (over 6h). Burn rates are',
    "scaled to the SLA's budget: a page window lies in measured time, so its burn is the share times the",
    "measured time of the period over the window; a 3-day window is assumed to hold the period's average share.",
    '',
    'What these rules cannot express:',
    `- Clock changes are listed for ${years.fromYear}-${years.toYear} only; after that the last offset stays. Regenerate the file`,
    '  from Accord before then, or when the zone database changes.',
    '- Holidays are the dates listed in the SLA; later years need new dates.',
    '- Maintenance windows are read in wall-clock time: on the night clocks change a window is an hour longer',
    '  or shorter in real time.',
    '- The SLA counts downtime in one-minute slices (a minute is down when fewer than half its checks pass);',
    '  these rules count failed checks, which agrees when checks are spread evenly.',
    '- Compliance over the calendar reporting period, support hours, response and resolution targets, RPO and',
    '  RTO are not expressed: Prometheus rules have no calendar windows and no incident clocks.',
    '',
    'What the SLA agrees (for people; the rules above do not read it):',
    ...agreementNotes(record).map((line) => `  ${line}`),
  ];
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
}
