import type { Protection } from '../model/index.ts';
import { HA_OPTIONS } from './ha-options.ts';

/** SCR keeps this many logs un-replayed whatever the lag is set to (TechNet bb676465). */
export const SCR_FIXED_LAG_LOGS = 50;

/** How long bringing a lagged standby copy into service takes, from its settings and the measured rates. */
export interface StandbyRecovery {
  readonly activationSeconds: number;
  readonly lagSeconds: number;
  /** Logs waiting on the copy: the fixed 50 plus what the lag holds back. Undefined without a log rate. */
  readonly waitingLogs: number | undefined;
  /** Replaying the waiting logs at the measured replay rate; undefined without both rates. */
  readonly replaySeconds: number | undefined;
  /** Activation plus replay; undefined when the replay time is unknown. */
  readonly totalSeconds: number | undefined;
}

/**
 * Recovery time of a lagged standby copy (SCR, or a lagged DAG copy): the activation steps, then replaying the
 * logs that wait on the copy — their volume ÷ the replay rate measured in a switchover drill. The replay lag
 * is how long logs wait before replay, not how long replay takes (DOMAIN.md; TechNet bb676465).
 * `heldBackSeconds` is the stretch of logs to replay (the lag, or less when rolling forward only to just
 * before a corruption). The replay rate is the copy's own, else `replayRateFallback` (measured on another copy
 * of the same hardware).
 */
export function standbyRecovery(
  kind: 'scr' | 'dag-lagged',
  protection: Pick<Protection, 'replayLagSeconds' | 'activationSeconds' | 'replayRateLogsPerHour'> | undefined,
  logsPerHour: number | undefined,
  heldBackSeconds?: number,
  replayRateFallback?: number,
): StandbyRecovery {
  const option = HA_OPTIONS[kind];
  const activationSeconds = protection?.activationSeconds ?? option.activationSeconds;
  const lagSeconds = protection?.replayLagSeconds ?? option.defaultReplayLagSeconds;
  const fixed = kind === 'scr' ? SCR_FIXED_LAG_LOGS : 0;
  const held = heldBackSeconds ?? lagSeconds;
  const waitingLogs = held === 0 ? fixed : logsPerHour === undefined ? undefined : fixed + (logsPerHour * held) / 3600;
  const rate = protection?.replayRateLogsPerHour ?? replayRateFallback;
  // With no lag only the fixed 50 logs (50 MB) wait: their replay is part of the activation steps.
  const replaySeconds =
    held === 0 && rate === undefined
      ? 0
      : waitingLogs === undefined || rate === undefined
        ? undefined
        : (waitingLogs / rate) * 3600;
  return {
    activationSeconds,
    lagSeconds,
    waitingLogs,
    replaySeconds,
    totalSeconds: replaySeconds === undefined ? undefined : activationSeconds + replaySeconds,
  };
}

/**
 * The longest replay lag whose waiting logs still replay within `rtoSeconds` after activation, in whole
 * minutes; undefined when the rates are unknown or even the fixed 50 logs do not fit.
 */
export function longestLagWithin(
  rtoSeconds: number,
  activationSeconds: number,
  logsPerHour: number | undefined,
  replayRateLogsPerHour: number | undefined,
): number | undefined {
  if (logsPerHour === undefined || replayRateLogsPerHour === undefined) return undefined;
  const replayableLogs = ((rtoSeconds - activationSeconds) / 3600) * replayRateLogsPerHour - SCR_FIXED_LAG_LOGS;
  if (replayableLogs < 0) return undefined;
  return Math.floor(((replayableLogs / logsPerHour) * 3600) / 60) * 60;
}
