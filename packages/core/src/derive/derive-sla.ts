import { impliedTargetText } from '../budget/implied-target.ts';
import { longestUncoveredStretch } from '../budget/service-calendar.ts';
import { weekTime } from '../budget/week-time.ts';
import { BUDGET_CONVENTION, PERIODS } from '../budget/periods.ts';
import { redundancyNeeded } from '../availability/redundancy-needed.ts';
import { availabilityFindings } from '../findings/availability-findings.ts';
import { compareFindings, type Finding } from '../findings/finding.ts';
import { governanceFindings } from '../findings/governance-findings.ts';
import { recoveryFindings } from '../findings/recovery-findings.ts';
import { supportFindings } from '../findings/support-findings.ts';
import { timeZoneFindings } from '../findings/time-zone-findings.ts';
import { contradictionFindings } from '../findings/contradiction-findings.ts';
import { FORMAT_VERSION, SCENARIOS, type Calendar, type Requirements } from '../model/index.ts';
import { deriveBackupPlan } from '../recommend/backup-plan.ts';
import { recommendHa } from '../recommend/ha-recommendation.ts';
import { deriveReadinessPlan } from '../recommend/readiness-plan.ts';
import { formatDuration } from '../units/duration.ts';
import {
  createDerivationContext,
  GAP_SPAN_END_MS,
  GAP_SPAN_START_MS,
  type DerivationContext,
  type FunctionFacts,
} from './derivation-context.ts';
import type { BudgetFigure, DerivedFunction, SlaDerivation } from './sla-derivation.ts';
import { shortestRealMonth } from './month-budgets.ts';

export type { SlaDerivation, DerivedFunction } from './sla-derivation.ts';

/** Every family of findings; each is a pure function of the context. */
const FINDING_RULES: readonly ((ctx: DerivationContext) => Finding[])[] = [
  recoveryFindings,
  availabilityFindings,
  supportFindings,
  governanceFindings,
  timeZoneFindings,
  contradictionFindings,
];

/**
 * Derive the SLA model, its findings, the HA recommendation and the backup and readiness plans from a
 * validated requirements snapshot. Deterministic and pure: the same input gives byte-identical JSON, in the
 * browser (live preview), on the server (published versions) and in the CLI.
 */
export function deriveSla(requirements: Requirements): SlaDerivation {
  const ctx = createDerivationContext(requirements);
  const findings = FINDING_RULES.flatMap((rule) => rule(ctx)).sort(compareFindings);
  const counts = {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
  const coverage = [requirements.support.coverageCalendarId, requirements.support.onCallCalendarId]
    .map((id) => ctx.calendars.get(id ?? ''))
    .filter((c): c is Calendar => c !== undefined);
  const gap =
    coverage.length > 0
      ? longestUncoveredStretch('24x7', coverage, GAP_SPAN_START_MS, GAP_SPAN_END_MS, ctx.zone)
      : undefined;
  return {
    formatVersion: FORMAT_VERSION,
    convention: BUDGET_CONVENTION,
    reportingPeriod: ctx.reportingPeriod,
    workshop: requirements.meta,
    functions: ctx.functions.map((facts) => deriveFunction(ctx, facts)),
    support: {
      ...(requirements.support.coverageCalendarId
        ? { coverageCalendarId: requirements.support.coverageCalendarId }
        : {}),
      ...(requirements.support.onCallCalendarId ? { onCallCalendarId: requirements.support.onCallCalendarId } : {}),
      ...(gap ? { longestGapSeconds: gap.seconds } : {}),
      ...(gap?.startUtcMs !== undefined ? { longestGapStartsAt: weekTime(gap.startUtcMs, ctx.zone) } : {}),
      severities: requirements.support.severities,
      escalation: requirements.support.escalation,
    },
    findings,
    counts,
  };
}

function deriveFunction(ctx: DerivationContext, facts: FunctionFacts): DerivedFunction {
  const { fn } = facts;
  const { requirements } = ctx;
  const target = fn.availability;
  const budgets = facts.budgets;
  const components = requirements.components.filter(
    (c) =>
      facts.composite.chain.some((l) => l.id === c.id) ||
      requirements.groups.some((g) => g.members.includes(c.id) && facts.composite.chain.some((l) => l.id === g.id)),
  );
  const needsRedundancy =
    target !== undefined && fn.dependsOn.length > 0 && facts.composite.availability * 100 < target.targetPercent;
  return {
    id: fn.id,
    name: fn.name,
    tier: fn.tier,
    ...(target && budgets
      ? {
          target: {
            percent: target.targetPercent,
            statedAs: target.toleratedDowntime ? ('tolerated-downtime' as const) : ('target' as const),
            ...(target.toleratedDowntime
              ? {
                  toleratedDowntime: {
                    seconds: target.toleratedDowntime.downtimeSeconds,
                    per: target.toleratedDowntime.per,
                    human: formatDuration(target.toleratedDowntime.downtimeSeconds),
                    targetText: impliedTargetText(target.targetPercent),
                  },
                }
              : {}),
            window: target.window,
            budgets: Object.fromEntries(
              PERIODS.map((period) => {
                const entry = budgets.find((b) => b.period === period);
                const figure: BudgetFigure = {
                  seconds: entry?.allowedSeconds ?? 0,
                  human: entry?.allowedHuman ?? '0s',
                  measuredSeconds: entry?.measuredSeconds ?? 0,
                  countedMaintenanceSeconds: entry?.countedMaintenanceSeconds ?? 0,
                  remainingSeconds: entry?.remainingSeconds ?? 0,
                };
                return [period, figure];
              }),
            ) as Record<(typeof PERIODS)[number], BudgetFigure>,
            ...shortestMonthOf(ctx, facts, target.targetPercent),
            ...(fn.measurement ? { measurement: fn.measurement } : {}),
          },
        }
      : {}),
    composite: {
      availability: facts.composite.availability,
      percent: facts.composite.availability * 100,
      chain: facts.composite.chain,
      ...(facts.composite.weakestLink ? { weakestLink: facts.composite.weakestLink } : {}),
      ...(facts.failover
        ? {
            failover: {
              failoversPerYear: facts.failover.failoversPerYear,
              secondsEach: facts.failover.secondsEach,
              chargedPercent: facts.failover.chargedAvailability * 100,
            },
          }
        : {}),
    },
    ...(needsRedundancy ? { redundancyNeeded: redundancyNeeded(requirements, fn.id, target.targetPercent) } : {}),
    recovery: SCENARIOS.flatMap((scenario) => {
      const objective = fn.recovery[scenario];
      return objective
        ? [
            {
              scenario,
              rpoSeconds: objective.rpoSeconds,
              rtoSeconds: objective.rtoSeconds,
              rpoHuman: formatDuration(objective.rpoSeconds),
              rtoHuman: formatDuration(objective.rtoSeconds),
            },
          ]
        : [];
    }),
    ...(facts.restoreSeconds !== undefined ? { restoreSeconds: facts.restoreSeconds } : {}),
    holdsData: facts.roles.holdsData,
    ...(facts.supportGapSeconds !== undefined
      ? {
          supportGap: {
            seconds: facts.supportGapSeconds,
            ...(facts.supportGapStartUtcMs !== undefined
              ? { startsAt: weekTime(facts.supportGapStartUtcMs, ctx.zone) }
              : {}),
          },
        }
      : {}),
    design: facts.designSources.map((s) =>
      s.from.id === fn.id ? { kind: s.kind } : { kind: s.kind, inheritedFrom: s.from.id },
    ),
    recommendation: recommendHa(
      { ...fn, design: [...facts.design] },
      {
        backupPlan: facts.backupPlan,
        budgetPerMonthSeconds: budgets?.find((b) => b.period === 'month')?.allowedSeconds,
        components,
        platform: requirements.meta.platform,
        roles: facts.roles,
        inherited: facts.designSources.filter((s) => s.from.id !== fn.id),
        singlePoints: facts.singlePoints,
      },
    ),
    backupPlan: deriveBackupPlan(
      { ...fn, design: [...facts.design] },
      requirements.regulatory.filter((r) => r.appliesTo.length === 0 || r.appliesTo.includes(fn.id)),
      facts.backupPlan,
      facts.roles.holdsData,
    ),
    readinessPlan: deriveReadinessPlan({ ...fn, design: [...facts.design] }, requirements.recoveryTests),
  };
}

/** The shortest real month of the year from the validity start, when the workshop states one. */
function shortestMonthOf(
  ctx: DerivationContext,
  facts: FunctionFacts,
  targetPercent: number,
): Pick<NonNullable<DerivedFunction['target']>, 'shortestMonth'> {
  const validFrom = ctx.requirements.meta.validFrom;
  if (!validFrom) return {};
  const month = shortestRealMonth(facts.measured, facts.maintenance, targetPercent, validFrom, ctx.zone);
  return month ? { shortestMonth: { ...month, human: formatDuration(month.allowedSeconds) } } : {};
}
