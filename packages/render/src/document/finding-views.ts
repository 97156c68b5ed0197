import type { SlaDerivation } from '@accord/core/derive';
import { cell, type Block, type FindingView } from './document-model.ts';
import { scenarioLabel } from './format/labels.ts';

export type Finding = SlaDerivation['findings'][number];
export type FindingCode = Finding['code'];

/** The SLA sections a finding can belong to. */
export type FindingHome =
  'service-hours' | 'availability' | 'maintenance' | 'continuity' | 'support' | 'backup' | 'open-issues';

/**
 * Where in the SLA each finding is shown: beside the commitment it is about. Exhaustive over the codes, so a
 * new code in the core fails to compile here until someone decides where readers should meet it.
 */
export const FINDING_HOME: Readonly<Record<FindingCode, FindingHome>> = {
  MISSING_TIME_ZONE: 'service-hours',
  DEPENDENCIES_CAP_AVAILABILITY: 'availability',
  EXCEEDS_UPSTREAM_TARGET: 'availability',
  NEEDS_AUTOMATIC_FAILOVER: 'availability',
  MAINTENANCE_EXCEEDS_BUDGET: 'maintenance',
  RTO_EXCEEDS_BUDGET: 'continuity',
  RPO_NEEDS_REPLICATION: 'continuity',
  RESTORE_EXCEEDS_RTO: 'continuity',
  RPO_ZERO_ASYNC_REPLICATION: 'continuity',
  STANDBY_LAG_IN_RTO: 'continuity',
  SINGLE_COPY_AS_PROTECTION: 'continuity',
  NO_OFFSITE_COPY_FOR_SITE_LOSS: 'continuity',
  NO_RECOVERY_TEST: 'continuity',
  RECOVERY_TEST_TOO_RARE: 'continuity',
  SUPPORT_GAP_EXCEEDS_RTO: 'support',
  RESPONSE_EXCEEDS_RTO: 'support',
  PRIORITY_MATRIX_INCOMPLETE: 'support',
  RETENTION_BELOW_REGULATORY: 'backup',
  BACKUP_INTERVAL_EXCEEDS_RPO: 'backup',
  NO_BACKUP_PLAN: 'backup',
  UNRESOLVED_PROPOSAL: 'open-issues',
  MISSING_RATIONALE: 'open-issues',
  RESOLUTION_EXCEEDS_RTO: 'support',
  WIDER_HOURS_THAN_UPSTREAM: 'availability',
  FAILOVER_TIME_NOT_IN_COMPOSITE: 'availability',
  RETENTION_NEEDS_ARCHIVE: 'backup',
  DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE: 'continuity',
  STANDBY_REPLAY_UNMEASURED: 'continuity',
};

/**
 * What each finding means in a few plain words, shown before its stable code so a sponsor reads a sentence,
 * not an identifier. Exhaustive over the codes like `FINDING_HOME`.
 */
export const FINDING_TITLE: Readonly<Record<FindingCode, string>> = {
  MISSING_TIME_ZONE: 'A time zone is missing',
  DEPENDENCIES_CAP_AVAILABILITY: 'The dependencies cannot deliver the target',
  EXCEEDS_UPSTREAM_TARGET: 'Promises more than a function it depends on',
  NEEDS_AUTOMATIC_FAILOVER: 'A manual failover takes longer than the budget',
  MAINTENANCE_EXCEEDS_BUDGET: 'Counted maintenance alone overspends the budget',
  RTO_EXCEEDS_BUDGET: 'One outage as long as the RTO overspends the budget',
  RPO_NEEDS_REPLICATION: 'The RPO needs continuous replication',
  RESTORE_EXCEEDS_RTO: 'A restore from backup takes longer than the RTO',
  RPO_ZERO_ASYNC_REPLICATION: 'RPO 0 with only asynchronous replication',
  STANDBY_LAG_IN_RTO: "The standby copy's replay lag does not fit the RTO",
  SINGLE_COPY_AS_PROTECTION: 'A single copy of the data is the only protection',
  NO_OFFSITE_COPY_FOR_SITE_LOSS: 'No off-site copy survives a site loss',
  NO_RECOVERY_TEST: 'No recovery test rehearses the RTO',
  RECOVERY_TEST_TOO_RARE: 'Recovery is rehearsed less often than the tier needs',
  SUPPORT_GAP_EXCEEDS_RTO: 'Nobody is on duty for longer than the RTO',
  RESPONSE_EXCEEDS_RTO: 'The response to an outage takes longer than the RTO',
  PRIORITY_MATRIX_INCOMPLETE: 'A severity lacks a response or resolution target',
  RETENTION_BELOW_REGULATORY: 'Backups are kept for less time than a regulation requires',
  BACKUP_INTERVAL_EXCEEDS_RPO: 'Backups are further apart than the RPO',
  NO_BACKUP_PLAN: 'No backup plan covers the function',
  UNRESOLVED_PROPOSAL: 'A proposal is still open',
  MISSING_RATIONALE: 'A commitment has no source or rationale',
  RESOLUTION_EXCEEDS_RTO: 'An outage may be resolved later than the RTO allows',
  WIDER_HOURS_THAN_UPSTREAM: 'Promised in hours that what it depends on is not',
  FAILOVER_TIME_NOT_IN_COMPOSITE: 'Failovers cost downtime the composite leaves out',
  RETENTION_NEEDS_ARCHIVE: 'Years-long retention needs an archive, not backups',
  DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE: 'Declared disasters point to objectives that do not exist',
  STANDBY_REPLAY_UNMEASURED: "The standby copy's recovery time is unknown",
};

/** The SLA section id each home is in. */
const HOME_SECTION: Readonly<Record<FindingHome, string>> = {
  'service-hours': 'sla-service-hours',
  availability: 'sla-availability',
  maintenance: 'sla-maintenance',
  continuity: 'sla-continuity',
  support: 'sla-support',
  backup: 'sla-backup',
  'open-issues': 'sla-open-issues',
};

/** "Part I §11": where in the SLA a finding is stated in full. */
export function findingPlace(finding: Finding, slaNumbers: ReadonlyMap<string, string> | undefined): string {
  const number = slaNumbers?.get(HOME_SECTION[FINDING_HOME[finding.code]]);
  return number === undefined ? 'Part I' : `Part I §${number}`;
}

/** Findings of one code and severity, the places they apply to joined in the order first met. */
export interface FindingGroup {
  readonly severity: FindingView['severity'];
  readonly title: string;
  /** Where in the SLA the finding is stated in full ("Part I §11"). */
  readonly place: string;
  readonly where: readonly string[];
}

/**
 * One group per code and severity: a finding raised for several functions or several records (two retention
 * rules that both need an archive) is one line of a list, not the same line twice.
 */
export function groupFindings(
  findings: readonly Finding[],
  derivation: SlaDerivation,
  slaNumbers: ReadonlyMap<string, string> | undefined,
): FindingGroup[] {
  const groups = new Map<
    string,
    { severity: FindingView['severity']; title: string; place: string; where: string[] }
  >();
  for (const finding of findings) {
    const view = findingView(finding, derivation);
    const key = `${view.severity} ${view.code}`;
    const group = groups.get(key) ?? {
      severity: view.severity,
      title: view.title,
      place: findingPlace(finding, slaNumbers),
      where: [],
    };
    if (!group.where.includes(view.where)) group.where.push(view.where);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Findings stated elsewhere, as one short table that points to them: each warning is written out once, in the
 * SLA beside the commitment it concerns, and the justification only names it and says where it is.
 */
export function findingPointers(
  findings: readonly Finding[],
  derivation: SlaDerivation,
  slaNumbers: ReadonlyMap<string, string> | undefined,
): Block {
  return {
    kind: 'table',
    columns: [
      { label: 'Open issue', width: 4 },
      { label: 'Severity', width: 1.1 },
      { label: 'Where', width: 3 },
      { label: 'Stated in', width: 1.3 },
    ],
    rows: groupFindings(findings, derivation, slaNumbers).map((group) => [
      cell(group.title),
      cell(group.severity, group.severity),
      cell(group.where.join('; ')),
      cell(group.place),
    ]),
  };
}

/** A finding as documents show it: title, code, severity, where it applies, what is wrong and the fix. */
export function findingView(finding: Finding, derivation: SlaDerivation): FindingView {
  const fn =
    finding.functionId === undefined ? undefined : derivation.functions.find((f) => f.id === finding.functionId);
  const where = [
    fn?.name ?? finding.functionId,
    finding.scenario === undefined ? undefined : scenarioLabel(finding.scenario),
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  return {
    title: FINDING_TITLE[finding.code],
    code: finding.code,
    severity: finding.severity,
    where: where || 'Service-wide',
    message: finding.message,
    fix: finding.fix,
  };
}

/** The findings shown in one SLA section, in the derivation's order (errors first). */
export function findingsFor(derivation: SlaDerivation, home: FindingHome): FindingView[] {
  return derivation.findings.filter((f) => FINDING_HOME[f.code] === home).map((f) => findingView(f, derivation));
}
