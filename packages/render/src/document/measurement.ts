/**
 * How downtime is measured, in words for the SLA and in numbers for the OpenSLO export, so both say the same:
 * availability is counted in one-minute slices, and a slice is down when fewer than half of its checks pass.
 */
export const TIME_SLICE_WINDOW = '1m';
export const TIME_SLICE_TARGET = 0.5;

export const DOWNTIME_DEFINITION =
  'Downtime is counted in one-minute slices of measured time: a minute is down when fewer than half of the ' +
  'availability checks of the business function in that minute succeed. Allowed downtime per period is the ' +
  'budget below; a budget shorter than a minute (such as a day at a high target) is reported over the ' +
  'reporting period instead.';

export const OPENSLO_NOTE =
  'The OpenSLO export (apiVersion openslo/v1) holds one Service and one SLO per availability commitment: the ' +
  'target, a calendar-aligned time window of the reporting period in the workshop\'s time zone, and Timeslices ' +
  'budgeting with one-minute slices as defined above. OpenSLO cannot express service hours, holidays, ' +
  'maintenance windows, RPO and RTO, support hours or response targets; the export carries them as ' +
  'annotations prefixed accord.dev/, which monitoring tools ignore unless configured to read them; a tool ' +
  'that ignores them measures every hour, which is stricter than a service-hours commitment.';
