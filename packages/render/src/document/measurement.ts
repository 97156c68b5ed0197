/**
 * How downtime is measured, in words for the SLA and in numbers for the OpenSLO export, so both say the same:
 * availability is counted in one-minute slices, and a slice is down when fewer than half of its checks pass.
 */
export const TIME_SLICE_WINDOW = '1m';

const YEAR_SECONDS = 31_556_952;

/** Mean Gregorian period lengths in seconds, the convention every budget uses (year = 365.2425 days). */
export const MEAN_PERIOD_SECONDS = Object.freeze({
  day: 86_400,
  week: 604_800,
  month: YEAR_SECONDS / 12,
  quarter: YEAR_SECONDS / 4,
  year: YEAR_SECONDS,
});
export const TIME_SLICE_TARGET = 0.5;

export const DOWNTIME_DEFINITION =
  'Downtime is counted in one-minute slices of measured time: a minute is down when fewer than half of the ' +
  'availability checks of the business function in that minute succeed. Allowed downtime per period is the ' +
  'budget in the table above; a budget shorter than a minute (such as a day at a high target) is reported ' +
  'over the reporting period instead.';

export const OPENSLO_NOTE =
  'The OpenSLO export (apiVersion openslo/v1) holds one Service and one SLO per availability commitment: the ' +
  "target, a calendar-aligned time window of the reporting period in the workshop's time zone, and Timeslices " +
  'budgeting with one-minute slices as defined above. OpenSLO cannot express service hours, holidays, ' +
  'maintenance windows, RPO and RTO, support hours or response targets; the export carries them as ' +
  'annotations prefixed accord.dev/, which monitoring tools ignore unless configured to read them.';

/**
 * What a tool that ignores the annotations gets wrong. It applies the target to every minute of the period,
 * so its budget is neither stricter nor looser than the agreement's, just different: larger in minutes when
 * the agreement measures only service hours (a business-hours outage can breach the agreement and stay
 * inside the tool's budget), and it charges outages at night and in excluded maintenance that the agreement
 * does not count.
 */
export const OPENSLO_TOOL_CAVEAT =
  'A tool that ignores them applies the target to every minute of the period. Where this agreement measures ' +
  "less than that, the tool's budget differs from the agreement's (table below): it can stay within budget " +
  "through an outage in service hours that misses this agreement's commitment, and it charges outages outside measured " +
  'time and in excluded maintenance that this agreement does not count. Compliance with this agreement is ' +
  "computed from its measured time, not from such a tool's figures.";
