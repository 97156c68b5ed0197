import type { Scenario } from '@accord/core/model';

/** Words for the model's enumerations, as the room shows them. */
export type Options = readonly { readonly value: string; readonly label: string }[];

export const TIERS: Options = [
  { value: 'critical', label: 'Critical' },
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
];

export const COMPONENT_ROLES: Options = [
  'mailbox',
  'client-access',
  'hub-transport',
  'edge-transport',
  'directory',
  'dns',
  'storage',
  'network',
  'load-balancer',
  'site',
  'application',
  'database',
  'other',
].map((value) => ({ value, label: value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) }));

export const SCENARIO_NAMES: Readonly<Record<Scenario, string>> = {
  'component-failure': 'Component failure',
  'site-loss': 'Site loss',
  'data-corruption': 'Data corruption',
};

export const PROTECTIONS: Options = [
  { value: 'backup-restore', label: 'Backup and restore' },
  { value: 'lcr', label: 'LCR — local continuous replication' },
  { value: 'ccr', label: 'CCR — clustered continuous replication' },
  { value: 'scr', label: 'SCR — standby continuous replication' },
  { value: 'scc', label: 'SCC — single copy cluster' },
  { value: 'dag', label: 'DAG — database availability group (Exchange 2010 and later)' },
  { value: 'dag-lagged', label: 'Lagged DAG copy (Exchange 2010 and later)' },
  { value: 'load-balanced-pool', label: 'Load-balanced pool' },
  {
    value: 'transport-redundancy',
    label: 'Redundant transport — several Hub/Edge servers, MX records, RAID queues, dumpster',
  },
  { value: 'synchronous-replication', label: 'Synchronous replication' },
];

export const LIKELIHOODS: Options = ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'].map((value) => ({
  value,
  label: value.replace('-', ' ').replace(/^./, (c) => c.toUpperCase()),
}));

export const IMPACTS: Options = ['negligible', 'minor', 'moderate', 'major', 'severe'].map((value) => ({
  value,
  label: value.replace(/^./, (c) => c.toUpperCase()),
}));

export const BACKUP_TYPES: Options = ['full', 'incremental', 'differential', 'snapshot'].map((value) => ({
  value,
  label: value.replace(/^./, (c) => c.toUpperCase()),
}));

export const TEST_KINDS: Options = [
  { value: 'restore-test', label: 'Restore test' },
  { value: 'failover-drill', label: 'Failover drill' },
  { value: 'site-switchover', label: 'Site switchover' },
  { value: 'tabletop', label: 'Tabletop exercise' },
];

export const WEEKDAY_OPTIONS: Options = [
  { value: 'mon', label: 'Monday' },
  { value: 'tue', label: 'Tuesday' },
  { value: 'wed', label: 'Wednesday' },
  { value: 'thu', label: 'Thursday' },
  { value: 'fri', label: 'Friday' },
  { value: 'sat', label: 'Saturday' },
  { value: 'sun', label: 'Sunday' },
];

export const MONTH_WEEKS: Options = [
  { value: '1', label: 'First' },
  { value: '2', label: 'Second' },
  { value: '3', label: 'Third' },
  { value: '4', label: 'Fourth' },
  { value: 'last', label: 'Last' },
];

/** Where a commitment comes from (a provenance's source). */
export const SOURCES: Options = [
  { value: 'business', label: 'Business' },
  { value: 'regulatory', label: 'Regulatory' },
  { value: 'operational', label: 'Operational' },
];

export const CADENCES: Options = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
  { value: 'quarterly', label: 'Quarterly' },
];
