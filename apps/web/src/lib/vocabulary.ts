import {
  backupTypeSchema,
  componentRoleSchema,
  contactSchema,
  impactSchema,
  likelihoodSchema,
  protectionKindSchema,
  recoveryTestSchema,
  sourceSchema,
  tierSchema,
  workshopMetaSchema,
  type Agreement,
  type AvailabilityRequirement,
  type ComponentAvailability,
  type MeasurementWindow,
  type Recurrence,
  type Scenario,
} from '@accord/core/model';
import { DAY_NAMES, DAYS } from './week-grid.ts';
import { words } from '@accord/core/field-label';

/**
 * Words for the model's enumerations, as the room shows them. The values come from the core's schemas; the
 * words are the room's, keyed by those values, so a value the core adds is a type error here until it is worded.
 */
export type Options = readonly {
  readonly value: string;
  readonly label: string;
  /** What is stored when the option is chosen, when that is a number rather than `value`'s text. */
  readonly stored?: number;
}[];

/** The core's values in the core's order, each with the room's words. */
function labelled<V extends string>(values: readonly V[], labels: Readonly<Record<NoInfer<V>, string>>): Options {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** Values of a union the core has no runtime list for (a discriminant, a literal union): the words' order. */
function worded<V extends string>(labels: Readonly<Record<V, string>>): Options {
  return (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));
}

/** Values that are their own words, said as a sentence starts ("almost-certain" → "Almost certain", "dns" → "DNS"). */
function spoken(values: readonly string[]): Options {
  return values.map((value) => ({ value, label: words(value) }));
}

export const TIERS = labelled(tierSchema.options, {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
});

export const COMPONENT_ROLES = spoken(componentRoleSchema.options);

export const SCENARIO_NAMES: Readonly<Record<Scenario, string>> = {
  'component-failure': 'Component failure',
  'site-loss': 'Site loss',
  'data-corruption': 'Data corruption',
};

export const PROTECTIONS = labelled(protectionKindSchema.options, {
  'backup-restore': 'Backup and restore',
  lcr: 'LCR — local continuous replication',
  ccr: 'CCR — clustered continuous replication',
  scr: 'SCR — standby continuous replication',
  scc: 'SCC — single copy cluster',
  dag: 'DAG — database availability group (Exchange 2010 and later)',
  'dag-lagged': 'Lagged DAG copy (Exchange 2010 and later)',
  'load-balanced-pool': 'Load-balanced pool',
  'transport-redundancy': 'Redundant transport — several Hub/Edge servers, MX records, RAID queues, dumpster',
  'synchronous-replication': 'Synchronous replication',
});

export const LIKELIHOODS = spoken(likelihoodSchema.options);

export const IMPACTS = spoken(impactSchema.options);

export const BACKUP_TYPES = spoken(backupTypeSchema.options);

export const TEST_KINDS = labelled(recoveryTestSchema.shape.kind.options, {
  'restore-test': 'Restore test',
  'failover-drill': 'Failover drill',
  'site-switchover': 'Site switchover',
  tabletop: 'Tabletop exercise',
});

export const WEEKDAY_OPTIONS = labelled(DAYS, DAY_NAMES);

/** A monthly recurrence's week; a select's values are strings, so "1" stands for the stored 1. */
/** The week of the month a monthly window falls in: stored as a number, or "last". */
export const MONTH_WEEKS: Options = worded<`${Extract<Recurrence, { kind: 'monthly' }>['week']}`>({
  1: 'First',
  2: 'Second',
  3: 'Third',
  4: 'Fourth',
  last: 'Last',
}).map((option) => (option.value === 'last' ? option : { ...option, stored: Number(option.value) }));

export const RECURRENCES = worded<Recurrence['kind']>({ weekly: 'Every week', monthly: 'Once a month' });

/** Where a commitment comes from (a provenance's source). */
export const SOURCES = labelled(sourceSchema.options, {
  business: 'Business',
  regulatory: 'Regulatory',
  operational: 'Operational',
});

export const CADENCES = labelled(workshopMetaSchema.shape.reportingCadence.unwrap().options, {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
});

/** When a function's availability is measured. */
export const WINDOWS = worded<MeasurementWindow['kind']>({
  '24x7': '24×7 (every hour counts)',
  'service-hours': 'Service hours only',
});

/** The period a tolerated downtime is counted in. */
export const PERIODS = worded<NonNullable<AvailabilityRequirement['toleratedDowntime']>['per']>({
  day: 'per day',
  week: 'per week',
  month: 'per month',
  quarter: 'per quarter',
  year: 'per year',
});

/** How a component's availability is given. */
export const AVAILABILITY_KINDS = worded<ComponentAvailability['kind']>({
  percent: 'Percentage',
  mtbf: 'MTBF / MTTR',
});

/** The side of the agreement a contact is on. */
export const SIDES = labelled(contactSchema.shape.side.options, { provider: 'Provider', customer: 'Customer' });

/** When the desk's response and resolution clocks run. */
export const CLOCKS = worded<NonNullable<Agreement['desk']['clocksRunIn']>>({
  'support-hours': 'Only in support hours',
  'around-the-clock': 'Around the clock',
});
