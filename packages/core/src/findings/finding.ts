import type { FieldPath } from '../model/index.ts';
import { CONTRADICTION_CATALOGUE, CONTRADICTION_CODES } from './contradiction-codes.ts';

export type Severity = 'error' | 'warning' | 'info';

/** Every finding code Accord reports. Codes are stable: documents, tests and pipelines key on them. */
export const FINDING_CODES = [
  'RTO_EXCEEDS_BUDGET',
  'SUPPORT_GAP_EXCEEDS_RTO',
  'RESPONSE_EXCEEDS_RTO',
  'RPO_NEEDS_REPLICATION',
  'RESTORE_EXCEEDS_RTO',
  'DEPENDENCIES_CAP_AVAILABILITY',
  'EXCEEDS_UPSTREAM_TARGET',
  'MAINTENANCE_EXCEEDS_BUDGET',
  'NEEDS_AUTOMATIC_FAILOVER',
  'RETENTION_BELOW_REGULATORY',
  'NO_RECOVERY_TEST',
  'UNRESOLVED_PROPOSAL',
  'MISSING_RATIONALE',
  'RPO_ZERO_ASYNC_REPLICATION',
  'STANDBY_LAG_IN_RTO',
  'SINGLE_COPY_AS_PROTECTION',
  'PRIORITY_MATRIX_INCOMPLETE',
  'MISSING_TIME_ZONE',
  'BACKUP_INTERVAL_EXCEEDS_RPO',
  'NO_OFFSITE_COPY_FOR_SITE_LOSS',
  'NO_BACKUP_PLAN',
  'RECOVERY_TEST_TOO_RARE',
  ...CONTRADICTION_CODES,
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly functionId?: string;
  readonly scenario?: string;
  /** The fields involved, as id-addressed paths the client can link to. */
  readonly fields: readonly FieldPath[];
  readonly message: string;
  readonly fix: string;
}

export interface CatalogueEntry {
  readonly title: string;
  readonly when: string;
}

/** What each code means, for documents and the CLI. */
export const FINDING_CATALOGUE: Readonly<Record<FindingCode, CatalogueEntry>> = {
  RTO_EXCEEDS_BUDGET: {
    title: 'Recovery time exceeds the downtime budget',
    when: 'One outage lasting the RTO uses more than the whole downtime budget of the reporting period (not for site loss when declared disasters are excluded from the availability commitment: `agreement.disasterDeclaration.excludedFromAvailability`).',
  },
  SUPPORT_GAP_EXCEEDS_RTO: {
    title: 'Support gap longer than the RTO',
    when: 'The longest stretch of measured time with no support or on-call coverage is longer than the RTO.',
  },
  RESPONSE_EXCEEDS_RTO: {
    title: 'Response target longer than the RTO',
    when: 'The response target of the severity that covers a full outage is longer than the RTO.',
  },
  RPO_NEEDS_REPLICATION: {
    title: 'RPO needs continuous replication',
    when: 'The RPO is shorter than the backup interval and no replica in the design takes over for that scenario.',
  },
  RESTORE_EXCEEDS_RTO: {
    title: 'Restore takes longer than the RTO',
    when: 'Restoring from backup (data size ÷ throughput + overhead; for a data corruption one database, its stated size or the 2007 guidance of 100 GB, 200 GB with continuous replication) exceeds the RTO and no replica in the design takes over for that scenario (backup and restore, LCR, SCC and load-balanced pools never do).',
  },
  DEPENDENCIES_CAP_AVAILABILITY: {
    title: 'Dependencies cannot deliver the target',
    when: 'The composite availability of the dependency graph is below the target.',
  },
  EXCEEDS_UPSTREAM_TARGET: {
    title: 'Promises more than an upstream function',
    when: 'A function targets more than a function it depends on.',
  },
  MAINTENANCE_EXCEEDS_BUDGET: {
    title: 'Counted maintenance exceeds the budget',
    when: 'Maintenance charged against the budget alone uses more than the budget of the period.',
  },
  NEEDS_AUTOMATIC_FAILOVER: {
    title: 'Budget shorter than a manual failover',
    when: 'The downtime budget of the period is shorter than a manual failover takes.',
  },
  RETENTION_BELOW_REGULATORY: {
    title: 'Retention below a regulatory requirement',
    when: 'Backup retention is shorter than a regulatory retention that applies.',
  },
  NO_RECOVERY_TEST: { title: 'Recovery never tested', when: 'A scenario with an RTO has no recovery test scheduled.' },
  UNRESOLVED_PROPOSAL: {
    title: 'Open proposals',
    when: 'A field still has open proposals; competing ones need a decision.',
  },
  MISSING_RATIONALE: {
    title: 'Commitment without a source or rationale',
    when: 'A commitment does not say where it comes from or why.',
  },
  RPO_ZERO_ASYNC_REPLICATION: {
    title: 'RPO 0 with asynchronous replication',
    when: 'RPO 0 while every replication in the design is asynchronous (LCR, CCR, SCR, DAG).',
  },
  STANDBY_LAG_IN_RTO: {
    title: 'Standby replay lag exceeds the RTO',
    when: 'A lagged standby copy is relied on and activation plus lag replay exceeds the RTO.',
  },
  SINGLE_COPY_AS_PROTECTION: {
    title: 'Single copy cluster as the only data protection',
    when: 'A shared-storage cluster (one copy of the data) is the only protection against data loss.',
  },
  PRIORITY_MATRIX_INCOMPLETE: {
    title: 'Priority matrix incomplete',
    when: 'A severity lacks a response or resolution target, or resolves faster than it responds.',
  },
  MISSING_TIME_ZONE: {
    title: 'Missing or inconsistent time zone',
    when: 'A calendar or maintenance window has no time zone, or measurement windows disagree on their zone.',
  },
  BACKUP_INTERVAL_EXCEEDS_RPO: {
    title: 'Backups too rare for the corruption RPO',
    when: 'The data-corruption RPO is shorter than the backup interval and no lagged copy exists (replicas copy corruption).',
  },
  NO_OFFSITE_COPY_FOR_SITE_LOSS: {
    title: 'No copy survives a site loss',
    when: 'A site-loss objective exists but neither an off-site backup nor a copy at another site does.',
  },
  NO_BACKUP_PLAN: {
    title: 'No backup plan',
    when: 'A function with recovery objectives is covered by no backup plan.',
  },
  ...CONTRADICTION_CATALOGUE,
  RECOVERY_TEST_TOO_RARE: {
    title: 'Recovery test too rare',
    when: "Every recovery test of a scenario runs less often than the function's tier needs (critical every 91 days, high 182, others 365).",
  },
};

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Deterministic order: severity, code, function, first field. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.functionId ?? '', b.functionId ?? '') ||
    compareText(a.scenario ?? '', b.scenario ?? '') ||
    compareText(a.fields.join(','), b.fields.join(',')) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
