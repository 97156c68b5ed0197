import type {
  BackupPlan,
  BusinessFunction,
  Platform,
  ProtectionKind,
  RecoveryObjective,
  Scenario,
} from '../model/index.ts';
import { PLATFORM_LABEL, platformOffers } from '../model/index.ts';
import { formatDuration } from '../units/duration.ts';
import {
  CONTINUOUS_REPLICATION,
  HA_OPTIONS,
  NO_MANUAL_INTERVENTION_FROM_PERCENT,
  type HaOption,
} from './ha-options.ts';
import { databaseRestoreSeconds, databaseSizeGb, restoreSeconds } from './restore-time.ts';
import { longestLagWithin, standbyRecovery } from './standby-recovery.ts';

export interface OptionAssessment {
  readonly option: ProtectionKind;
  readonly pattern: string;
  readonly platformTerm: string;
  /** Data loss and recovery time this option gives here, seconds; undefined where it cannot be assessed. */
  readonly rpoSeconds: number | undefined;
  readonly rtoSeconds: number | undefined;
  readonly meets: boolean;
  /** Why it falls short, in words with numbers; empty when it meets the objectives. */
  readonly reasons: readonly string[];
  /** Settings and steps the option needs to meet the objectives, e.g. a shorter replay lag. */
  readonly conditions: readonly string[];
  /** The platform version the option needs when the workshop's platform is older ("Exchange Server 2010"). */
  readonly requiresUpgradeTo?: string;
}

export interface AssessmentContext {
  readonly backupPlan: BackupPlan | undefined;
  /** Monthly downtime budget of the function's target, seconds, when it has a target. */
  readonly budgetPerMonthSeconds: number | undefined;
  readonly platform?: Platform | undefined;
}

/** An option's note as a clause after a colon: no closing full stop, lower case unless it opens with an acronym. */
function asClause(note: string): string {
  const text = note.replace(/\.$/, '');
  const [first = '', second = ''] = text;
  return second === second.toUpperCase() && second !== second.toLowerCase()
    ? text
    : first.toLowerCase() + text.slice(1);
}

/**
 * How one option of the ladder fares for one scenario of a function that holds data: the loss and recovery
 * time it gives, why it falls short, and what it needs. Options of a later platform version are assessed as
 * if available, then marked as needing the upgrade so they are never chosen on the older platform.
 */
export function assessOption(
  kind: ProtectionKind,
  scenario: Scenario,
  objective: RecoveryObjective,
  fn: BusinessFunction,
  ctx: AssessmentContext,
): OptionAssessment {
  const option: HaOption = HA_OPTIONS[kind];
  const reasons: string[] = [];
  const conditions: string[] = [];
  let rpoSeconds: number | undefined = option.typicalRpoSeconds;
  let rtoSeconds: number | undefined = option.activationSeconds;
  const replicated = fn.design.some((p) => CONTINUOUS_REPLICATION.includes(p.kind));
  if (kind === 'backup-restore') {
    rpoSeconds = ctx.backupPlan?.intervalSeconds ?? option.typicalRpoSeconds;
    if (scenario === 'data-corruption') {
      // A corruption hits one database: its restore copies that database, not the whole store.
      rtoSeconds = databaseRestoreSeconds(fn, replicated, ctx.backupPlan);
      const size = databaseSizeGb(fn, replicated);
      if (rtoSeconds !== undefined && size !== undefined) {
        conditions.push(
          `restore the one corrupted database (${size} GB${fn.databaseSizeGb === undefined ? ', the platform guidance for one database' : ''}) into a recovery storage group or in place`,
        );
      }
    } else {
      rtoSeconds = restoreSeconds(fn, ctx.backupPlan);
    }
    if (rtoSeconds === undefined)
      reasons.push('restore time unknown: state the data size and a backup plan with its restore throughput');
    if (scenario === 'site-loss' && (ctx.backupPlan?.offsiteCopies ?? 0) === 0)
      reasons.push('no off-site backup copy survives the loss of the site');
  } else if (kind === 'scr' || kind === 'dag-lagged') {
    const protection = fn.design.find((p) => p.kind === kind);
    const stated = protection?.replayLagSeconds;
    const detection = fn.corruptionDetectionSeconds;
    const rate =
      protection?.replayRateLogsPerHour ??
      fn.design.find((p) => p.replayRateLogsPerHour !== undefined)?.replayRateLogsPerHour;
    let standby = standbyRecovery(kind, protection, fn.logsPerHour, undefined, rate);
    if (scenario === 'data-corruption') {
      // Rolled forward only to just before the corruption: the loss is the time until it is found, up to the lag.
      const found = detection ?? standby.lagSeconds;
      rpoSeconds = Math.min(found, standby.lagSeconds);
      standby = standbyRecovery(kind, protection, fn.logsPerHour, Math.max(0, standby.lagSeconds - found), rate);
      if (standby.lagSeconds === 0)
        reasons.push('without a replay lag the standby copy replays a corruption as soon as it happens');
      else {
        if (detection !== undefined && detection > standby.lagSeconds)
          reasons.push(
            `a corruption found after ${formatDuration(detection)} is already replayed into the copy (lag ${formatDuration(standby.lagSeconds)})`,
          );
        conditions.push(
          `find a corruption within the replay lag (${formatDuration(standby.lagSeconds)}); roll the copy forward to just before it and remove the later logs by hand${detection === undefined ? '; the loss is the time until the corruption is found, up to the whole lag' : ''}`,
        );
      }
    } else if (
      standby.totalSeconds !== undefined &&
      standby.totalSeconds > objective.rtoSeconds &&
      stated === undefined
    ) {
      // The default 24 h lag is a setting, not a law: where a shorter lag replays in time, recommend it.
      const lag = longestLagWithin(objective.rtoSeconds, standby.activationSeconds, fn.logsPerHour, rate);
      if (lag !== undefined) {
        standby = standbyRecovery(kind, { ...protection, replayLagSeconds: lag }, fn.logsPerHour, undefined, rate);
        conditions.push(
          `set the replay lag to at most ${formatDuration(lag)} (default ${formatDuration(option.defaultReplayLagSeconds)}): it is fixed when SCR is enabled, so changing it means disabling and re-enabling SCR; 50 logs stay un-replayed whatever the lag`,
        );
      }
    }
    rtoSeconds = standby.totalSeconds;
    if (rtoSeconds === undefined) {
      reasons.push(
        `recovery time unknown: activation (${formatDuration(standby.activationSeconds)}) plus replaying the logs held back by a ${formatDuration(standby.lagSeconds)} lag needs the log generation rate and the replay rate measured in a switchover drill`,
      );
    } else if (standby.replaySeconds !== undefined && standby.waitingLogs !== undefined && standby.waitingLogs > 0) {
      conditions.push(
        `activation ${formatDuration(standby.activationSeconds)} + replay of ${Math.round(standby.waitingLogs)} waiting logs at ${rate} logs/h (${formatDuration(standby.replaySeconds)})`,
      );
    }
  }
  const own = fn.design.find((p) => p.kind === kind)?.activationSeconds;
  if (own !== undefined && kind !== 'backup-restore' && kind !== 'scr' && kind !== 'dag-lagged')
    rtoSeconds = own + (rtoSeconds ?? 0) - option.activationSeconds;
  if (!option.protects.includes(scenario)) {
    reasons.push(
      kind === 'scc'
        ? 'one shared copy of the data: the storage stays a single point of failure'
        : `does not protect against ${scenario.replace('-', ' ')}: ${asClause(option.notes)}`,
    );
  }
  if (rpoSeconds !== undefined && rpoSeconds > objective.rpoSeconds) {
    reasons.push(
      kind === 'backup-restore'
        ? `a restore loses everything since the last backup (up to ${formatDuration(rpoSeconds)}), ${objective.rpoSeconds === 0 ? 'and RPO 0 allows no loss' : `more than the RPO of ${formatDuration(objective.rpoSeconds)}`}`
        : objective.rpoSeconds === 0 && option.asynchronous
          ? 'asynchronous copy: some data is always in flight, so RPO 0 is out of reach'
          : `loses up to ${formatDuration(rpoSeconds)} of data, more than the RPO of ${formatDuration(objective.rpoSeconds)}`,
    );
  }
  if (rtoSeconds !== undefined && rtoSeconds > objective.rtoSeconds) {
    reasons.push(
      `recovery takes ${formatDuration(rtoSeconds)}, more than the RTO of ${formatDuration(objective.rtoSeconds)}`,
    );
  }
  const target = fn.availability?.targetPercent;
  if (!option.automaticFailover && scenario === 'component-failure' && kind !== 'backup-restore') {
    if (target !== undefined && target >= NO_MANUAL_INTERVENTION_FROM_PERCENT) {
      reasons.push(`a ${target} % target must not rely on people to fail over`);
    } else if (ctx.budgetPerMonthSeconds !== undefined && option.activationSeconds > ctx.budgetPerMonthSeconds) {
      reasons.push(
        `manual activation (${formatDuration(option.activationSeconds)}) exceeds the monthly budget of ${formatDuration(ctx.budgetPerMonthSeconds)}`,
      );
    }
  }
  const upgrade =
    platformOffers(ctx.platform, option.since) || option.since === undefined ? undefined : PLATFORM_LABEL[option.since];
  const assessment = {
    option: kind,
    pattern: option.pattern,
    platformTerm: option.platformTerm,
    rpoSeconds,
    rtoSeconds,
    reasons,
    conditions,
  };
  return upgrade === undefined
    ? { ...assessment, meets: reasons.length === 0 }
    : {
        ...assessment,
        meets: false,
        reasons: [
          `requires an upgrade to ${upgrade}: not available on ${PLATFORM_LABEL[ctx.platform ?? 'exchange-2007']}`,
          ...reasons,
        ],
        requiresUpgradeTo: upgrade,
      };
}
