import type { FailoverCharge } from '../availability/failover-charge.ts';
import { weeklySeconds } from '../budget/service-calendar.ts';
import { disastersExcluded, type DerivationContext, type FunctionFacts } from '../derive/derivation-context.ts';
import { ARCHIVE_FROM_DAYS } from '../recommend/backup-plan.ts';
import { standbyRecovery } from '../recommend/standby-recovery.ts';
import { formatDuration as human } from '../units/duration.ts';
import type { Finding } from './finding.ts';
import { regulationWords } from './governance-findings.ts';
import { path } from './paths.ts';

const WEEK_SECONDS = 7 * 86_400;

interface MeasuredWeek {
  readonly seconds: number;
  readonly words: string;
}

/** Hours a function is measured in, per week, and how to say them. */
function measuredWeek(ctx: DerivationContext, facts: FunctionFacts): MeasuredWeek {
  if (facts.calendar === undefined) return { seconds: WEEK_SECONDS, words: 'around the clock (24×7)' };
  return { seconds: weeklySeconds(facts.calendar), words: `in ${facts.calendar.name.toLowerCase()} only` };
}

const percentText = (availability: number): string =>
  `${(availability * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')} %`;

/**
 * Contradictions between commitments that each look fine alone: support that may take longer than the
 * outage may last, a function promised in hours its dependency is not, failovers the composite treats as
 * free, retention that backups cannot carry, disasters sent to objectives that do not exist, and a standby
 * whose recovery time nobody measured.
 */
export function contradictionFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  const { requirements } = ctx;
  const outage = requirements.support.severities.find((s) => s.fullOutage);
  for (const facts of ctx.functions) {
    const { fn } = facts;
    const rto = fn.recovery['component-failure'];
    if (outage?.resolutionSeconds !== undefined && rto && outage.resolutionSeconds > rto.rtoSeconds) {
      findings.push({
        code: 'RESOLUTION_EXCEEDS_RTO',
        severity: 'error',
        functionId: fn.id,
        scenario: 'component-failure',
        fields: [path.severity(outage.id, 'resolutionSeconds'), path.rto(fn.id, 'component-failure')],
        ...resolutionExceedsRtoText(fn.name, outage.name, outage.resolutionSeconds, rto.rtoSeconds),
      });
    }
    const target = fn.availability;
    if (target) {
      const mine = measuredWeek(ctx, facts);
      for (const upstreamId of fn.dependsOn) {
        const upstream = ctx.byId.get(upstreamId);
        if (!upstream?.fn.availability) continue;
        const theirs = measuredWeek(ctx, upstream);
        if (mine.seconds > theirs.seconds + 1) {
          findings.push({
            code: 'WIDER_HOURS_THAN_UPSTREAM',
            severity: 'warning',
            functionId: fn.id,
            fields: [path.window(fn.id), path.window(upstream.fn.id)],
            ...widerHoursText(fn.name, mine, upstream.fn.name, theirs),
          });
        }
      }
      const charge = facts.failover;
      if (
        charge &&
        facts.composite.availability * 100 >= target.targetPercent &&
        charge.chargedAvailability * 100 < target.targetPercent
      ) {
        findings.push({
          code: 'FAILOVER_TIME_NOT_IN_COMPOSITE',
          severity: 'warning',
          functionId: fn.id,
          fields: [path.target(fn.id), path.design(fn.id)],
          ...failoverNotInCompositeText(facts.composite.availability, charge, target.targetPercent),
        });
      }
    }
    for (const protection of fn.design) {
      if (protection.kind !== 'scr' && protection.kind !== 'dag-lagged') continue;
      const relied = fn.recovery['site-loss'] !== undefined || fn.recovery['data-corruption'] !== undefined;
      const standby = standbyRecovery(protection.kind, protection, fn.logsPerHour);
      if (relied && standby.totalSeconds === undefined) {
        findings.push({
          code: 'STANDBY_REPLAY_UNMEASURED',
          severity: 'warning',
          functionId: fn.id,
          fields: [
            ...(fn.logsPerHour === undefined ? [`/functions/${fn.id}/logsPerHour` as const] : []),
            ...(protection.replayRateLogsPerHour === undefined
              ? [path.protection(fn.id, protection.kind, 'replayRateLogsPerHour')]
              : []),
          ],
          ...standbyReplayUnmeasuredText(fn.name, standby.lagSeconds, {
            logRate: fn.logsPerHour === undefined,
            replayRate: protection.replayRateLogsPerHour === undefined,
          }),
        });
      }
    }
  }
  if (disastersExcluded(requirements)) {
    const without = ctx.functions
      .filter((f) => f.fn.availability && f.fn.recovery['site-loss'] === undefined)
      .map((f) => f.fn);
    if (without.length > 0) {
      findings.push({
        code: 'DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE',
        severity: 'warning',
        fields: [
          '/agreement/disasterDeclaration/excludedFromAvailability',
          ...without.map((f) => path.rto(f.id, 'site-loss')),
        ],
        ...disasterWithoutObjectiveText(without.map((f) => f.name)),
      });
    }
  }
  for (const rule of requirements.regulatory.filter((r) => r.retentionDays >= ARCHIVE_FROM_DAYS)) {
    findings.push({
      code: 'RETENTION_NEEDS_ARCHIVE',
      severity: 'info',
      fields: [path.regulatory(rule.id)],
      ...retentionNeedsArchiveText(regulationWords(rule), rule.retentionDays),
    });
  }
  return findings;
}

// What each finding says, one function per code, so the rules above read as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

function resolutionExceedsRtoText(fn: string, severity: string, resolutionSeconds: number, rtoSeconds: number): Text {
  const share = (resolutionSeconds / Math.max(1, rtoSeconds)).toFixed(1);
  return {
    message: `A full outage of ${fn} is ${severity}, to be resolved within ${human(resolutionSeconds)}, yet its component-failure RTO is ${human(rtoSeconds)}: the support promise allows ${share}× the outage the continuity promise tolerates.`,
    fix: `Resolve ${severity} for ${fn} within ${human(rtoSeconds)} (the RTO), or raise the RTO to ${human(resolutionSeconds)}; say in the SLA which promise governs a full outage.`,
  };
}

function widerHoursText(fn: string, mine: MeasuredWeek, upstream: string, theirs: MeasuredWeek): Text {
  return {
    message: `${fn} is promised ${mine.words} (${human(mine.seconds)} a week), but ${upstream}, which it depends on, is committed ${theirs.words} (${human(theirs.seconds)} a week): outside those hours nothing backs the promise.`,
    fix: `Measure ${fn} in the same hours as ${upstream}, or extend ${upstream}'s commitment (and its support) to ${mine.words}.`,
  };
}

function failoverNotInCompositeText(composite: number, charge: FailoverCharge, targetPercent: number): Text {
  return {
    message: `The dependencies deliver ${percentText(composite)} if failover were instant; ${charge.failoversPerYear.toFixed(1)} failovers a year of ${human(charge.secondsEach)} each bring it to ${percentText(charge.chargedAvailability)}, below the ${targetPercent} % target.`,
    fix: 'Make failover faster, make failures rarer (higher MTBF), or lower the target to what the design delivers with failovers charged.',
  };
}

/** Which of the two numbers a standby's replay time is computed from nobody has stated. */
interface Unmeasured {
  readonly logRate: boolean;
  readonly replayRate: boolean;
}

function standbyReplayUnmeasuredText(fn: string, lagSeconds: number, unmeasured: Unmeasured): Text {
  const missing = [
    ...(unmeasured.logRate ? ['the log generation rate'] : []),
    ...(unmeasured.replayRate ? ['the replay rate measured in a switchover drill'] : []),
  ];
  return {
    message: `${fn}'s standby copy waits ${human(lagSeconds)} before replaying logs; activating it means replaying them first, and without ${missing.join(' and ')} nobody knows how long that takes.`,
    fix: `State ${missing.join(' and ')}; until then the site-loss and corruption recovery times are guesses.`,
  };
}

function disasterWithoutObjectiveText(functions: readonly string[]): Text {
  const names = functions.join(', ');
  const [has, them] = functions.length === 1 ? ['has', 'it'] : ['have', 'them'];
  return {
    message: `Declared disasters are excluded from the availability targets and go to the site-loss objectives, but ${names} ${has} none: for ${them} a disaster has no promise at all.`,
    fix: `Agree site-loss RPO and RTO for ${names}, or say in the disaster declaration what a disaster means for them.`,
  };
}

function retentionNeedsArchiveText(rule: string, retentionDays: number): Text {
  return {
    message: `${rule} keeps records for ${retentionDays} days: that is met by journaling mail to an archive that can be searched, not by keeping backups for years.`,
    fix: 'Name the journaling and archive arrangement in the SLA (underpinning contracts) and keep backups only as long as recovery needs.',
  };
}
