import { Document } from 'yaml';
import { percent } from '../document/format/labels.ts';
import { agreementNotes } from '../operational/agreement-notes.ts';
import { commitmentsOf, type Commitment } from '../operational/measured-time.ts';
import {
  CHECKS_METRIC,
  checkSelector,
  FAILURES_METRIC,
  FUNCTION_LABEL,
  pascalName,
  SERVICE_LABEL,
  serviceSlug,
  templateSafe,
} from '../operational/sli-convention.ts';
import type { VersionRecord } from '../version/version-record.ts';
import type { SlaDerivation } from '@accord/core/derive';

/** What Sloth's `prometheus/v1` spec has no field for, said in the file and in each SLO's description. */
const CANNOT_EXPRESS = [
  'Sloth measures every minute of a rolling window (30 days unless sloth generate is told otherwise): it has no',
  'service hours, holidays or maintenance exclusions and no calendar reporting period. For a commitment measured',
  "in service hours or with excluded maintenance its figures differ from the SLA's; the Accord Prometheus rule",
  "file (accord derive --format prometheus) gates alerts to the SLA's measured time.",
];

function sloOf(service: string, c: Commitment, period: SlaDerivation['reportingPeriod']): Record<string, unknown> {
  const sel = checkSelector(service, c.fn.id);
  const window = c.calendar
    ? `the service hours of the ${c.calendar.name} calendar`
    : c.excluded.length > 0
      ? 'every hour outside excluded maintenance'
      : 'every hour';
  const partial = c.calendar !== undefined || c.excluded.length > 0;
  return {
    name: `${c.fn.id}-availability`,
    objective: c.target.percent,
    description:
      `${c.fn.name}: ${percent(c.target.percent)} of ${window} per ${period} (${c.calendarZone}); ` +
      `the SLA allows ${c.target.budgets[period].human} of downtime per ${period}.` +
      (partial ? " Sloth applies the objective to every minute, not to the SLA's measured time." : ''),
    labels: { [FUNCTION_LABEL]: c.fn.id },
    sli: {
      events: {
        // A healthy service may not have exported a failure yet: that is no failures, not no data.
        error_query: `sum(rate(${FAILURES_METRIC}${sel}[{{.window}}])) or vector(0)`,
        total_query: `sum(rate(${CHECKS_METRIC}${sel}[{{.window}}]))`,
      },
    },
    alerting: {
      name: `${pascalName(c.fn.id)}Availability`,
      labels: { category: 'availability' },
      annotations: {
        summary: templateSafe(
          `${c.fn.name}: the availability error budget (${percent(c.target.percent)}) is burning too fast.`,
        ),
      },
      page_alert: { labels: { severity: 'page' } },
      ticket_alert: { labels: { severity: 'ticket' } },
    },
  };
}

/**
 * The SLA as a Sloth `prometheus/v1` spec for its service: one SLO per availability commitment, objective = the
 * SLA target in percent, event SLIs over the checks named by Accord's convention (see `sli-convention.ts`), and
 * Sloth's page and ticket alerts. What Sloth cannot express is said in the header comment and in descriptions.
 */
export function renderSlothSpec(record: VersionRecord, hash: string): string {
  const service = serviceSlug(record);
  const period = record.derivation.reportingPeriod;
  const doc = new Document(
    {
      version: 'prometheus/v1',
      service,
      labels: { [SERVICE_LABEL]: service, accord_version: record.version ? String(record.version.number) : 'draft' },
      slos: commitmentsOf(record).map((c) => sloOf(service, c, period)),
    },
    { aliasDuplicateObjects: false },
  );
  const one = (text: string): string => text.replace(/\s+/g, ' ').trim();
  doc.commentBefore = [
    `Sloth spec for "${one(record.requirements.meta.service)}", written by Accord from ${record.version ? `version ${record.version.number}` : 'a draft'} of the SLA (sha256 ${hash}).`,
    'Generate rules with: sloth generate -i <this file>',
    '',
    'The queries read two counters the monitoring team provides (Accord cannot know how the service is probed):',
    `${CHECKS_METRIC} and ${FAILURES_METRIC}, labelled ${SERVICE_LABEL} and ${FUNCTION_LABEL}.`,
    '',
    ...CANNOT_EXPRESS,
    '',
    'What the SLA agrees (for people; Sloth does not read it):',
    ...agreementNotes(record).map((line) => `  ${line}`),
  ]
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}
