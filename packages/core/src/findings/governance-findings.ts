import { describeField } from '../model/field-label.ts';
import type { DerivationContext } from '../derive/derivation-context.ts';
import {
  SCENARIOS,
  type BusinessFunction,
  type Provenance,
  type RecoveryTest,
  type RegulatoryRetention,
  type Scenario,
} from '../model/index.ts';
import { CONTINUOUS_REPLICATION } from '../recommend/ha-options.ts';
import { TEST_INTERVAL_DAYS } from '../recommend/readiness-plan.ts';
import { plansFor } from '../recommend/restore-time.ts';
import { ARCHIVE_FROM_DAYS } from '../recommend/backup-plan.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';
import { targetText } from '../budget/implied-target.ts';
import { formatDuration as human } from '../units/duration.ts';

const unexplained = (provenance: Provenance): boolean =>
  provenance.source === undefined || provenance.rationale.trim() === '';

/** Provenance, proposals, tests, retention, backups and data protection: what a sponsor needs settled. */
export function governanceFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  const { requirements } = ctx;
  const missingRationale = (
    fields: Finding['fields'],
    what: string,
    functionId?: string,
    provenance?: Provenance,
  ): void => {
    findings.push({
      code: 'MISSING_RATIONALE',
      severity: 'warning',
      ...(functionId ? { functionId } : {}),
      fields,
      ...missingRationaleText(what, rationaleGap(provenance)),
    });
  };
  for (const facts of ctx.functions) {
    const { fn } = facts;
    if (fn.availability && unexplained(fn.availability.provenance)) {
      missingRationale(
        [path.availabilityRationale(fn.id)],
        `The ${targetText(fn.availability)} % target of ${fn.name}`,
        fn.id,
        fn.availability.provenance,
      );
    }
    for (const scenario of SCENARIOS) {
      const objective = fn.recovery[scenario];
      if (!objective) continue;
      if (unexplained(objective.provenance))
        missingRationale(
          [path.recoveryRationale(fn.id, scenario)],
          `The ${scenario.replace('-', ' ')} RPO/RTO of ${fn.name}`,
          fn.id,
          objective.provenance,
        );
      const tests = requirements.recoveryTests.filter((t) => t.functionId === fn.id && t.scenario === scenario);
      const neededEveryDays = TEST_INTERVAL_DAYS[fn.tier];
      const mostOften =
        tests.length > 0 ? tests.reduce((best, t) => (t.everyDays < best.everyDays ? t : best)) : undefined;
      if (mostOften && mostOften.everyDays > neededEveryDays) {
        findings.push({
          code: 'RECOVERY_TEST_TOO_RARE',
          severity: 'warning',
          functionId: fn.id,
          scenario,
          fields: [path.recoveryTest(mostOften.id, 'everyDays')],
          ...recoveryTestTooRareText(fn, scenario, neededEveryDays, mostOften, tests.length),
        });
      }
      if (tests.length === 0) {
        findings.push({
          code: 'NO_RECOVERY_TEST',
          severity: 'warning',
          functionId: fn.id,
          scenario,
          fields: [path.rto(fn.id, scenario), path.recoveryTests()],
          ...noRecoveryTestText(fn.name, scenario),
        });
      }
    }
    const plans = plansFor(requirements, fn.id);
    const hasObjectives = SCENARIOS.some((s) => fn.recovery[s]);
    // A function that holds no data (transport, web access) has nothing of its own to back up.
    if (hasObjectives && plans.length === 0 && facts.roles.holdsData) {
      findings.push({
        code: 'NO_BACKUP_PLAN',
        severity: 'warning',
        functionId: fn.id,
        fields: [path.design(fn.id), '/backups'],
        ...noBackupPlanText(fn.name),
      });
    }
    // Years-long retention is met by journaling to an archive, not by backups (RETENTION_NEEDS_ARCHIVE says so),
    // and a function that holds no data keeps no backups of its own.
    const regulated = facts.roles.holdsData
      ? requirements.regulatory.filter((r) => r.retentionDays < ARCHIVE_FROM_DAYS)
      : [];
    for (const rule of regulated.filter((r) => r.appliesTo.length === 0 || r.appliesTo.includes(fn.id))) {
      for (const plan of plans.filter((p) => p.retentionDays < rule.retentionDays)) {
        findings.push({
          code: 'RETENTION_BELOW_REGULATORY',
          severity: 'error',
          functionId: fn.id,
          fields: [path.backup(plan.id, 'retentionDays'), path.regulatory(rule.id)],
          ...retentionBelowRegulatoryText(plan.name, fn.name, plan.retentionDays, rule),
        });
      }
    }
    const dataProtection =
      facts.design.some((p) => CONTINUOUS_REPLICATION.includes(p.kind) || p.kind === 'backup-restore') ||
      plans.length > 0;
    if (facts.design.some((p) => p.kind === 'scc') && !dataProtection) {
      findings.push({
        code: 'SINGLE_COPY_AS_PROTECTION',
        severity: 'error',
        functionId: fn.id,
        fields: [path.design(fn.id)],
        ...singleCopyAsProtectionText(fn.name),
      });
    }
  }
  for (const plan of requirements.backups) {
    if (unexplained(plan.provenance))
      missingRationale([path.backup(plan.id, 'provenance')], `Backup plan ${plan.name}`, undefined, plan.provenance);
  }
  for (const severity of requirements.support.severities) {
    if (
      unexplained(severity.provenance) &&
      (severity.responseSeconds !== undefined || severity.resolutionSeconds !== undefined)
    ) {
      missingRationale(
        [path.severity(severity.id, 'provenance')],
        `The targets of ${severity.name}`,
        undefined,
        severity.provenance,
      );
    }
  }
  for (const window of requirements.maintenance) {
    if (unexplained(window.provenance))
      missingRationale(
        [path.maintenance(window.id, 'provenance')],
        `Maintenance window ${window.name}`,
        undefined,
        window.provenance,
      );
  }
  const open = requirements.proposals.filter((p) => p.status === 'open');
  for (const field of [...new Set(open.map((p) => p.field))].sort()) {
    const competing = open.filter((p) => p.field === field);
    findings.push({
      code: 'UNRESOLVED_PROPOSAL',
      severity: competing.length > 1 ? 'warning' : 'info',
      fields: [field],
      ...unresolvedProposalText(
        describeField(field, ctx.names),
        competing.map((p) => valueWords(field, p.value)),
      ),
    });
  }
  return findings;
}

// What each finding says, one function per code, so the rules above read as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

const RATIONALE_GAP: Readonly<
  Record<'both' | 'source' | 'rationale', { missing: string; consequence: string; fix: string }>
> = {
  both: {
    missing: 'source or rationale',
    consequence: 'the justification cannot say why',
    fix: 'Record the source (business, regulatory, operational), who asked, and why.',
  },
  source: {
    missing: 'source',
    consequence: 'the justification cannot say whether it is a business, regulatory or operational need',
    fix: 'Say whether it is a business, regulatory or operational requirement.',
  },
  rationale: {
    missing: 'rationale',
    consequence: 'the justification cannot say why',
    fix: 'Record why this value: the business reason, regulation or constraint.',
  },
};

/** What a commitment's provenance lacks: its source, its rationale, or both. */
function rationaleGap(provenance: Provenance | undefined): keyof typeof RATIONALE_GAP {
  const noSource = provenance === undefined || provenance.source === undefined;
  const noRationale = provenance === undefined || provenance.rationale.trim() === '';
  if (noSource && noRationale) return 'both';
  return noSource ? 'source' : 'rationale';
}

function missingRationaleText(what: string, gap: keyof typeof RATIONALE_GAP): Text {
  const { missing, consequence, fix } = RATIONALE_GAP[gap];
  return { message: `${what} has no ${missing}: ${consequence}.`, fix };
}

function recoveryTestTooRareText(
  fn: BusinessFunction,
  scenario: Scenario,
  neededEveryDays: number,
  test: RecoveryTest,
  testCount: number,
): Text {
  const kind = test.kind.replace('-', ' ');
  const which = testCount > 1 ? 'most frequent test' : 'test';
  return {
    message: `${fn.name} is a ${fn.tier}-tier function, whose ${scenario.replace('-', ' ')} recovery should be rehearsed every ${neededEveryDays} days, but its ${which}, a ${kind}, runs every ${test.everyDays} days: people, runbooks and the platform drift in between.`,
    fix: `Run the ${kind} at least every ${neededEveryDays} days, or lower ${fn.name}'s tier if it matters less.`,
  };
}

/** The drill that rehearses each scenario's recovery. */
const DRILL: Readonly<Record<Scenario, string>> = {
  'component-failure': 'failover drill',
  'site-loss': 'site switchover',
  'data-corruption': 'restore test',
};

function noRecoveryTestText(fn: string, scenario: Scenario): Text {
  return {
    message: `${fn} promises an RTO for ${scenario.replace('-', ' ')}, but no recovery test rehearses it: an untested recovery is a hope.`,
    fix: `Schedule a ${DRILL[scenario]} for ${fn}.`,
  };
}

function noBackupPlanText(fn: string): Text {
  return {
    message: `${fn} has recovery objectives but no backup plan covers it.`,
    fix: 'Add a backup plan that applies to this function (interval, retention, off-site copies, restore throughput).',
  };
}

/** "1 day", "6 years": a count with its noun, singular for one. */
function countWords(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "2192 days (6 years)": days as stored, with the years people think in when it is about a whole number of them. */
function retention(days: number): string {
  const years = Math.round(days / 365.25);
  const wholeYears = years >= 1 && Math.abs(days - years * 365.25) <= 1.5;
  return wholeYears ? `${countWords(days, 'day')} (${countWords(years, 'year')})` : countWords(days, 'day');
}

/** A regulation as a sponsor recognises it: its name, with its reference when one is given. */
export function regulationWords(rule: Pick<RegulatoryRetention, 'name' | 'reference'>): string {
  return rule.reference ? `${rule.name} (${rule.reference})` : rule.name;
}

/** `keptDays` is the plan's retention; exported so its phrasing branches are tested on their own. */
export function retentionBelowRegulatoryText(
  plan: string,
  fn: string,
  keptDays: number,
  rule: Pick<RegulatoryRetention, 'name' | 'reference' | 'retentionDays'>,
): Text {
  return {
    message: `${plan} keeps backups of ${fn} for ${retention(keptDays)}, but ${regulationWords(rule)} requires ${retention(rule.retentionDays)}.`,
    fix: `Retain backups for at least ${retention(rule.retentionDays)}, if need be in an archive tier, or document why ${rule.name} does not apply.`,
  };
}

function singleCopyAsProtectionText(fn: string): Text {
  return {
    message: `${fn} relies on a single copy cluster: it survives a server loss, but the shared storage holds the only copy of the data.`,
    fix: 'Add backups and a second copy of the data (CCR or a DAG replace SCC on the reference platform).',
  };
}

/** A proposed value in its field's unit, as people read it: 1800 seconds as "30m", 99.9 as "99.9 %". */
function valueWords(field: string, value: unknown): string {
  if (typeof value === 'number' && field.endsWith('Seconds')) return human(value);
  if (typeof value === 'number' && field.endsWith('Percent')) return `${value} %`;
  if (typeof value === 'number' && field.endsWith('Days')) return `${value} days`;
  return typeof value === 'string' ? `“${value}”` : JSON.stringify(value);
}

function unresolvedProposalText(field: string, values: readonly string[]): Text {
  return {
    message:
      values.length > 1
        ? `${values.length} competing proposals for ${field} are still open (${values.join(' vs ')}).`
        : `A proposal to set ${field} to ${values[0]} is still open.`,
    fix: 'Vote, then let the facilitator accept one proposal and reject the others.',
  };
}
