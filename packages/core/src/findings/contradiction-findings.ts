import { weeklySeconds } from '../budget/service-calendar.ts';
import { disastersExcluded, type DerivationContext, type FunctionFacts } from '../derive/derivation-context.ts';
import { ARCHIVE_FROM_DAYS } from '../recommend/backup-plan.ts';
import { standbyRecovery } from '../recommend/standby-recovery.ts';
import { formatDuration as human } from '../units/duration.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';

const WEEK_SECONDS = 7 * 86_400;

/** Hours a function is measured in, per week, and how to say them. */
function measuredWeek(ctx: DerivationContext, facts: FunctionFacts): { seconds: number; words: string } {
  if (facts.calendar === undefined) return { seconds: WEEK_SECONDS, words: 'around the clock (24×7)' };
  return { seconds: weeklySeconds(facts.calendar), words: `in ${facts.calendar.name.toLowerCase()} only` };
}

const percentText = (availability: number): string => `${(availability * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')} %`;

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
        code: 'RESOLUTION_EXCEEDS_RTO', severity: 'error', functionId: fn.id, scenario: 'component-failure',
        fields: [path.severity(outage.id, 'resolutionSeconds'), path.rto(fn.id, 'component-failure')],
        message: `A full outage of ${fn.name} is ${outage.name}, to be resolved within ${human(outage.resolutionSeconds)}, yet its component-failure RTO is ${human(rto.rtoSeconds)}: the support promise allows ${(outage.resolutionSeconds / Math.max(1, rto.rtoSeconds)).toFixed(1)}× the outage the continuity promise tolerates.`,
        fix: `Resolve ${outage.name} for ${fn.name} within ${human(rto.rtoSeconds)} (the RTO), or raise the RTO to ${human(outage.resolutionSeconds)}; say in the SLA which promise governs a full outage.`,
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
            code: 'WIDER_HOURS_THAN_UPSTREAM', severity: 'warning', functionId: fn.id,
            fields: [path.window(fn.id), path.window(upstream.fn.id)],
            message: `${fn.name} is promised ${mine.words} (${human(mine.seconds)} a week), but ${upstream.fn.name}, which it depends on, is committed ${theirs.words} (${human(theirs.seconds)} a week): outside those hours nothing backs the promise.`,
            fix: `Measure ${fn.name} in the same hours as ${upstream.fn.name}, or extend ${upstream.fn.name}'s commitment (and its support) to ${mine.words}.`,
          });
        }
      }
      const charge = facts.failover;
      if (charge && facts.composite.availability * 100 >= target.targetPercent && charge.chargedAvailability * 100 < target.targetPercent) {
        findings.push({
          code: 'FAILOVER_TIME_NOT_IN_COMPOSITE', severity: 'warning', functionId: fn.id,
          fields: [path.target(fn.id), path.design(fn.id)],
          message: `The dependencies deliver ${percentText(facts.composite.availability)} if failover were instant; ${charge.failoversPerYear.toFixed(1)} failovers a year of ${human(charge.secondsEach)} each bring it to ${percentText(charge.chargedAvailability)}, below the ${target.targetPercent} % target.`,
          fix: 'Make failover faster, make failures rarer (higher MTBF), or lower the target to what the design delivers with failovers charged.',
        });
      }
    }
    for (const protection of fn.design) {
      if (protection.kind !== 'scr' && protection.kind !== 'dag-lagged') continue;
      const relied = fn.recovery['site-loss'] !== undefined || fn.recovery['data-corruption'] !== undefined;
      const standby = standbyRecovery(protection.kind, protection, fn.logsPerHour);
      if (relied && standby.totalSeconds === undefined) {
        const missing = [fn.logsPerHour === undefined ? 'the log generation rate' : '', protection.replayRateLogsPerHour === undefined ? 'the replay rate measured in a switchover drill' : ''].filter(Boolean);
        findings.push({
          code: 'STANDBY_REPLAY_UNMEASURED', severity: 'warning', functionId: fn.id,
          fields: [
            ...(fn.logsPerHour === undefined ? [`/functions/${fn.id}/logsPerHour` as const] : []),
            ...(protection.replayRateLogsPerHour === undefined ? [path.protection(fn.id, protection.kind, 'replayRateLogsPerHour')] : []),
          ],
          message: `${fn.name}'s standby copy waits ${human(standby.lagSeconds)} before replaying logs; activating it means replaying them first, and without ${missing.join(' and ')} nobody knows how long that takes.`,
          fix: `State ${missing.join(' and ')}; until then the site-loss and corruption recovery times are guesses.`,
        });
      }
    }
  }
  if (disastersExcluded(requirements)) {
    const without = ctx.functions.filter((f) => f.fn.availability && f.fn.recovery['site-loss'] === undefined).map((f) => f.fn);
    if (without.length > 0) {
      findings.push({
        code: 'DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE', severity: 'warning',
        fields: ['/agreement/disasterDeclaration/excludedFromAvailability', ...without.map((f) => path.rto(f.id, 'site-loss'))],
        message: `Declared disasters are excluded from the availability targets and go to the site-loss objectives, but ${without.map((f) => f.name).join(', ')} ${without.length === 1 ? 'has' : 'have'} none: for ${without.length === 1 ? 'it' : 'them'} a disaster has no promise at all.`,
        fix: `Agree site-loss RPO and RTO for ${without.map((f) => f.name).join(', ')}, or say in the disaster declaration what a disaster means for them.`,
      });
    }
  }
  for (const rule of requirements.regulatory.filter((r) => r.retentionDays >= ARCHIVE_FROM_DAYS)) {
    findings.push({
      code: 'RETENTION_NEEDS_ARCHIVE', severity: 'info',
      fields: [path.regulatory(rule.id)],
      message: `${rule.name}${rule.reference ? ` (${rule.reference})` : ''} keeps records for ${rule.retentionDays} days: that is met by journaling mail to an archive that can be searched, not by keeping backups for years.`,
      fix: 'Name the journaling and archive arrangement in the SLA (underpinning contracts) and keep backups only as long as recovery needs.',
    });
  }
  return findings;
}
