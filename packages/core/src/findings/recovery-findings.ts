import { targetForDowntime, type PeriodBudget } from '../budget/downtime-budget.ts';
import { targetText } from '../budget/implied-target.ts';
import {
  dependencyClosure,
  disastersExcluded,
  type DerivationContext,
  type FunctionFacts,
} from '../derive/derivation-context.ts';
import {
  SCENARIOS,
  type BusinessFunction,
  type Protection,
  type ProtectionKind,
  type Scenario,
} from '../model/index.ts';
import { CONTINUOUS_REPLICATION, HA_OPTIONS } from '../recommend/ha-options.ts';
import { databaseRestoreSeconds, databaseSizeGb } from '../recommend/restore-time.ts';
import { standbyRecovery, type StandbyRecovery } from '../recommend/standby-recovery.ts';
import { formatBudget, formatDuration as human } from '../units/duration.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';
import { takesOver } from './take-over.ts';

const SCENARIO_WORDS: Readonly<Record<Scenario, string>> = {
  'component-failure': 'component failure',
  'site-loss': 'site loss',
  'data-corruption': 'data corruption',
};

/** The functions whose own design holds a protection: this one if it does, else those upstream that do. */
function holdersOf(ctx: DerivationContext, functionId: string, kind: ProtectionKind): BusinessFunction[] {
  const own = ctx.byId.get(functionId)?.fn;
  if (!own) return [];
  const holders = dependencyClosure(ctx.requirements, own).filter((f) => f.design.some((p) => p.kind === kind));
  return holders[0] === own ? [own] : holders;
}

/**
 * A replication by its platform term, and whose it is when it comes from a function this one depends on:
 * 'Standby continuous replication (SCR) of Mailbox access'.
 */
function replicaWords(ctx: DerivationContext, functionId: string, kind: ProtectionKind): string {
  const term = HA_OPTIONS[kind].platformTerm;
  const holders = holdersOf(ctx, functionId, kind).filter((f) => f.id !== functionId);
  return holders.length > 0 ? `${term} of ${holders.map((f) => f.name).join(' and ')}` : term;
}

/** RTO against the budget, restore time, replication needs for the RPO, standby lag. */
export function recoveryFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  for (const facts of ctx.functions) {
    const { fn } = facts;
    for (const scenario of SCENARIOS) {
      const objective = fn.recovery[scenario];
      if (!objective) continue;
      const words = SCENARIO_WORDS[scenario];
      const budget = facts.reportingBudget;
      // A site loss declared a disaster and excluded from the commitment is judged by its RTO, not the budget.
      const excludedAsDisaster = scenario === 'site-loss' && disastersExcluded(ctx.requirements);
      if (budget && fn.availability && objective.rtoSeconds > budget.allowedSeconds && !excludedAsDisaster) {
        const implied = targetForDowntime(objective.rtoSeconds, budget.measuredSeconds);
        findings.push({
          code: 'RTO_EXCEEDS_BUDGET',
          severity: scenario === 'component-failure' ? 'error' : 'warning',
          functionId: fn.id,
          scenario,
          fields: [path.rto(fn.id, scenario), path.target(fn.id)],
          ...rtoExceedsBudgetText(scenario, objective.rtoSeconds, budget, targetText(fn.availability), implied),
        });
      }
      const replicas = facts.design.filter((p) => takesOver(p, scenario));
      const restore = restoreFor(facts, scenario);
      if (restore !== undefined && restore.seconds > objective.rtoSeconds && replicas.length === 0) {
        findings.push({
          code: 'RESTORE_EXCEEDS_RTO',
          severity: 'error',
          functionId: fn.id,
          scenario,
          fields: [
            path.rto(fn.id, scenario),
            restore.oneDatabase ? path.databaseSize(fn.id) : path.dataSize(fn.id),
            ...(facts.backupPlan ? [path.backup(facts.backupPlan.id, 'restoreThroughputGbPerHour')] : []),
          ],
          ...restoreExceedsRtoText(restore, facts.backupPlan?.restoreThroughputGbPerHour, words, objective.rtoSeconds),
        });
      }
      if (
        scenario !== 'data-corruption' &&
        facts.backupPlan &&
        objective.rpoSeconds < facts.backupPlan.intervalSeconds &&
        replicas.length === 0
      ) {
        findings.push({
          code: 'RPO_NEEDS_REPLICATION',
          severity: 'error',
          functionId: fn.id,
          scenario,
          fields: [path.rpo(fn.id, scenario), path.backup(facts.backupPlan.id, 'intervalSeconds'), path.design(fn.id)],
          ...rpoNeedsReplicationText(scenario, objective.rpoSeconds, facts.backupPlan.intervalSeconds),
        });
      }
      if (
        scenario === 'data-corruption' &&
        facts.backupPlan &&
        objective.rpoSeconds < facts.backupPlan.intervalSeconds &&
        replicas.length === 0
      ) {
        findings.push({
          code: 'BACKUP_INTERVAL_EXCEEDS_RPO',
          severity: 'error',
          functionId: fn.id,
          scenario,
          fields: [path.rpo(fn.id, scenario), path.backup(facts.backupPlan.id, 'intervalSeconds')],
          ...backupIntervalExceedsRpoText(objective.rpoSeconds, facts.backupPlan.intervalSeconds),
        });
      }
      // Transport holds no data: its RPO 0 rests on sender retries, redundant queues and the dumpster, not on replication.
      if (
        objective.rpoSeconds === 0 &&
        scenario !== 'data-corruption' &&
        !(facts.roles.transport && !facts.roles.holdsData)
      ) {
        if (replicas.length > 0 && replicas.every((p) => HA_OPTIONS[p.kind].asynchronous)) {
          findings.push({
            code: 'RPO_ZERO_ASYNC_REPLICATION',
            severity: 'error',
            functionId: fn.id,
            scenario,
            fields: [path.rpo(fn.id, scenario), path.design(fn.id)],
            ...rpoZeroAsyncReplicationText(
              words,
              replicas.map((p) => replicaWords(ctx, fn.id, p.kind)),
            ),
          });
        }
      }
      for (const protection of facts.design) {
        // Only standby copies that wait before replaying are activated with their lag still to replay.
        const relied =
          (protection.kind === 'scr' || protection.kind === 'dag-lagged') && takesOver(protection, scenario);
        if (!relied) continue;
        const holder = holdersOf(ctx, fn.id, protection.kind)[0] ?? fn;
        // The lag is how long logs wait; recovery replays them at the measured rate (TechNet bb676465).
        const standby = standbyRecovery(
          protection.kind === 'scr' ? 'scr' : 'dag-lagged',
          protection,
          holder.logsPerHour,
        );
        const total = standby.totalSeconds;
        if (total !== undefined && total > objective.rtoSeconds) {
          findings.push({
            code: 'STANDBY_LAG_IN_RTO',
            severity: 'error',
            functionId: fn.id,
            scenario,
            fields: [
              path.rto(fn.id, scenario),
              ...holdersOf(ctx, fn.id, protection.kind).map((h) =>
                path.protection(h.id, protection.kind, 'replayLagSeconds'),
              ),
              path.design(fn.id),
            ],
            ...standbyLagInRtoText(protection, standby, total, words, objective.rtoSeconds),
          });
        }
      }
      if (scenario === 'site-loss') {
        const offsite = (facts.backupPlan?.offsiteCopies ?? 0) > 0;
        if (!offsite && replicas.length === 0) {
          findings.push({
            code: 'NO_OFFSITE_COPY_FOR_SITE_LOSS',
            severity: 'error',
            functionId: fn.id,
            scenario,
            fields: [
              path.rto(fn.id, scenario),
              ...(facts.backupPlan ? [path.backup(facts.backupPlan.id, 'offsiteCopies')] : []),
              path.design(fn.id),
            ],
            ...NO_OFFSITE_COPY_TEXT,
          });
        }
      }
    }
  }
  return findings;
}

interface RestoreTime {
  readonly seconds: number;
  readonly sizeGb: number;
  /** A corruption hits one database: only that database is restored. */
  readonly oneDatabase: boolean;
  /** The size is the platform guidance for one database, not a stated one. */
  readonly guidance: boolean;
}

/**
 * What a restore copies for a scenario: a lost server or site needs all the data back, a logical corruption
 * one database (its stated size, else the 2007 guidance of 100 GB, 200 GB with continuous replication).
 */
function restoreFor(facts: FunctionFacts, scenario: Scenario): RestoreTime | undefined {
  const { fn } = facts;
  if (facts.restoreSeconds === undefined || fn.dataSizeGb === undefined) return undefined;
  if (scenario !== 'data-corruption')
    return { seconds: facts.restoreSeconds, sizeGb: fn.dataSizeGb, oneDatabase: false, guidance: false };
  const replicated = fn.design.some((p) => CONTINUOUS_REPLICATION.includes(p.kind));
  const seconds = databaseRestoreSeconds(fn, replicated, facts.backupPlan);
  const sizeGb = databaseSizeGb(fn, replicated);
  if (seconds === undefined || sizeGb === undefined) return undefined;
  return { seconds, sizeGb, oneDatabase: true, guidance: fn.databaseSizeGb === undefined };
}

// What each finding says, one function per code, so the rules above read as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

/** What else than a lower RTO or target can free a scenario from the budget. */
const BUDGET_EXCLUSION: Readonly<Record<Scenario, string>> = {
  'component-failure': '',
  'site-loss': ', or exclude declared disasters from the availability commitment (Exclusions)',
  'data-corruption': ', or exclude recovery from data corruption from the availability commitment (Exclusions)',
};

function rtoExceedsBudgetText(
  scenario: Scenario,
  rtoSeconds: number,
  budget: PeriodBudget,
  target: string,
  impliedPercent: number,
): Text {
  const share = (rtoSeconds / Math.max(1, budget.allowedSeconds)).toFixed(1);
  const allowed = formatBudget(budget.allowedSeconds);
  return {
    message: `One ${SCENARIO_WORDS[scenario]} outage of ${human(rtoSeconds)} (the RTO) uses ${share}× the ${budget.period}ly budget of ${allowed} at ${target} %.`,
    fix: `Lower the RTO to at most ${allowed}, or lower the target to at most ${floorPercent(impliedPercent)} %${BUDGET_EXCLUSION[scenario]}.`,
  };
}

function rpoNeedsReplicationText(scenario: Scenario, rpoSeconds: number, intervalSeconds: number): Text {
  const words = SCENARIO_WORDS[scenario];
  const replication = scenario === 'site-loss' ? 'SCR or a multi-site DAG' : 'CCR or a DAG';
  return {
    message: `The ${words} RPO of ${human(rpoSeconds)} is shorter than the backup interval of ${human(intervalSeconds)}, and no replica in the design takes over on ${words}.`,
    fix: `Add continuous replication (${replication}), or accept an RPO of ${human(intervalSeconds)}.`,
  };
}

function backupIntervalExceedsRpoText(rpoSeconds: number, intervalSeconds: number): Text {
  return {
    message: `Corruption is copied to every live replica at once, so only backups recover from it: the corruption RPO of ${human(rpoSeconds)} is shorter than the backup interval of ${human(intervalSeconds)}.`,
    fix: `Back up (or ship logs to backup) at least every ${human(rpoSeconds)}, or add a lagged database copy.`,
  };
}

function rpoZeroAsyncReplicationText(words: string, replications: readonly string[]): Text {
  return {
    message: `RPO 0 for ${words}, but every replication protecting it (${replications.join('; ')}) ships logs asynchronously: what is in the copy queue is lost on failover.`,
    fix: 'Accept an RPO of a few minutes (the copy queue; the transport dumpster re-delivers recent mail), or add synchronous replication.',
  };
}

/** '1d lag', saying so when it is the platform's default because the design sets none. */
function lagWords(lagSeconds: number, stated: boolean): string {
  const lag = `${human(lagSeconds)} lag`;
  return stated ? lag : `${lag} (its default: no lag is set)`;
}

/** ' at 300 logs/h (2h)' when the replay rate was measured, else nothing. */
function replayRateWords(logsPerHour: number | undefined, replaySeconds: number): string {
  return logsPerHour === undefined ? '' : ` at ${logsPerHour} logs/h (${human(replaySeconds)})`;
}

function standbyLagInRtoText(
  protection: Protection,
  standby: StandbyRecovery,
  totalSeconds: number,
  words: string,
  rtoSeconds: number,
): Text {
  const lag = lagWords(standby.lagSeconds, protection.replayLagSeconds !== undefined);
  const rate = replayRateWords(protection.replayRateLogsPerHour, standby.replaySeconds ?? 0);
  return {
    message: `${HA_OPTIONS[protection.kind].platformTerm} needs ${human(standby.activationSeconds)} of activation, then replays ${Math.round(standby.waitingLogs ?? 0)} logs held back by a ${lag}${rate}: ${human(totalSeconds)}, more than the ${words} RTO of ${human(rtoSeconds)}.`,
    fix: `Shorten the replay lag (changing it means disabling and re-enabling SCR), speed up replay, or raise the RTO to ${human(totalSeconds)}.`,
  };
}

const NO_OFFSITE_COPY_TEXT: Text = {
  message:
    'A site-loss objective is set, but no backup is kept off site and no copy runs at another site: losing the site loses the data.',
  fix: 'Keep at least one off-site backup copy, or add a standby copy at a recovery site (SCR or a multi-site DAG).',
};

/** 'Restoring 100 GB', or for a corruption the one database and where its size comes from. */
function restoringWords(restore: RestoreTime): string {
  if (!restore.oneDatabase) return `Restoring ${restore.sizeGb} GB`;
  const size = restore.guidance
    ? `${restore.sizeGb} GB, the platform guidance for one database`
    : `${restore.sizeGb} GB`;
  return `Restoring the one corrupted database (${size})`;
}

function restoreExceedsRtoText(
  restore: RestoreTime,
  throughput: number | undefined,
  words: string,
  rtoSeconds: number,
): Text {
  const smaller = restore.oneDatabase ? 'keep databases smaller' : 'split the data';
  return {
    message: `${restoringWords(restore)} at ${throughput} GB/h plus overhead takes ${human(restore.seconds)}, longer than the ${words} RTO of ${human(rtoSeconds)}, and no replica can take over.`,
    fix: `Add a replica that takes over on ${words} (see the recommendation), raise restore throughput, ${smaller}, or raise the RTO to at least ${human(restore.seconds)}.`,
  };
}

/** A percentage rounded down to two decimals, so the suggested target really fits. */
export function floorPercent(percent: number): string {
  return (Math.floor(percent * 100) / 100).toFixed(2);
}
