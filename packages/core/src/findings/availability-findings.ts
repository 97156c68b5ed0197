import { redundancyNeeded, type RedundancyChange, type RedundancyNeeded } from '../availability/redundancy-needed.ts';
import type { PeriodBudget } from '../budget/downtime-budget.ts';
import { targetText } from '../budget/implied-target.ts';
import type { DerivationContext } from '../derive/derivation-context.ts';
import { HA_OPTIONS } from '../recommend/ha-options.ts';
import { formatBudget, formatDuration as human } from '../units/duration.ts';
import type { Finding } from './finding.ts';
import { path } from './paths.ts';

const percent = (availability: number): string =>
  `${(availability * 100).toFixed(4).replace(/0+$/, '').replace(/\.$/, '')} %`;

/** A component, group or function by the name the workshop gave it, else by its id. */
function dependencyName(ctx: DerivationContext, id: string): string {
  return ctx.names.get(`components/${id}`) ?? ctx.names.get(`groups/${id}`) ?? ctx.names.get(`functions/${id}`) ?? id;
}

/** Dependency graph against the target, upstream promises, maintenance and manual failover against the budget. */
export function availabilityFindings(ctx: DerivationContext): Finding[] {
  const findings: Finding[] = [];
  for (const facts of ctx.functions) {
    const { fn } = facts;
    if (!fn.availability) continue;
    const target = fn.availability.targetPercent;
    const shown = targetText(fn.availability);
    if (fn.dependsOn.length > 0 && facts.composite.availability * 100 < target) {
      const needed = redundancyNeeded(ctx.requirements, fn.id, target);
      findings.push({
        code: 'DEPENDENCIES_CAP_AVAILABILITY',
        severity: 'error',
        functionId: fn.id,
        fields: [
          path.target(fn.id),
          path.dependsOn(fn.id),
          ...needed.changes.map((c) => path.component(c.componentId, 'instances')),
        ],
        ...dependenciesCapText(
          fn.name,
          shown,
          facts.composite.availability,
          facts.composite.weakestLink,
          needed,
          (id) => dependencyName(ctx, id),
        ),
      });
    }
    for (const upstreamId of fn.dependsOn) {
      const upstream = ctx.byId.get(upstreamId)?.fn;
      const upstreamTarget = upstream?.availability?.targetPercent;
      if (upstream?.availability && upstreamTarget !== undefined && target > upstreamTarget) {
        findings.push({
          code: 'EXCEEDS_UPSTREAM_TARGET',
          severity: 'warning',
          functionId: fn.id,
          fields: [path.target(fn.id), path.target(upstream.id)],
          ...exceedsUpstreamTargetText(fn.name, shown, upstream.name, targetText(upstream.availability)),
        });
      }
    }
    const budget = facts.reportingBudget;
    if (budget && budget.countedMaintenanceSeconds > budget.allowedSeconds) {
      const counted = facts.maintenance.filter((m) => m.counted);
      findings.push({
        code: 'MAINTENANCE_EXCEEDS_BUDGET',
        severity: 'error',
        functionId: fn.id,
        fields: [path.target(fn.id), ...counted.map((m) => path.maintenance(m.id, 'counted'))],
        ...maintenanceExceedsBudgetText(budget),
      });
    }
    const automatic = facts.design.some((p) => HA_OPTIONS[p.kind].automaticFailover);
    const manual = facts.design.filter((p) => !HA_OPTIONS[p.kind].automaticFailover && p.kind !== 'backup-restore');
    if (budget && !automatic && manual.length > 0) {
      const fastest = Math.min(...manual.map((p) => p.activationSeconds ?? HA_OPTIONS[p.kind].activationSeconds));
      if (fastest > budget.allowedSeconds) {
        findings.push({
          code: 'NEEDS_AUTOMATIC_FAILOVER',
          severity: 'error',
          functionId: fn.id,
          fields: [path.target(fn.id), path.design(fn.id)],
          ...needsAutomaticFailoverText(fastest, budget, target),
        });
      }
    }
  }
  return findings;
}

// What each finding says, one function per code, so the rules above read as conditions only.

type Text = Pick<Finding, 'message' | 'fix'>;

/** 'Mailbox servers 1→2, Hub transport 2→3': the instance counts redundancy would change. */
function redundancyChangesWords(changes: readonly RedundancyChange[], nameOf: (id: string) => string): string {
  return changes.map((c) => `${nameOf(c.componentId)} ${c.fromInstances}→${c.toInstances}`).join(', ');
}

/** `nameOf` gives a dependency's name from its id. */
function dependenciesCapText(
  fn: string,
  target: string,
  composite: number,
  weakestId: string | undefined,
  needed: RedundancyNeeded,
  nameOf: (id: string) => string,
): Text {
  const weakest = weakestId === undefined ? '' : nameOf(weakestId);
  const best = percent(needed.resultingAvailability);
  const addRedundancy = `Add redundancy (${redundancyChangesWords(needed.changes, nameOf)}) to reach ${best}, or lower the target to ${Math.floor(composite * 1e6) / 1e4} %.`;
  const redundancyFallsShort = `Redundancy alone cannot reach ${target} % (best ${best}); use more available components or lower the target.`;
  return {
    message: `The dependencies of ${fn} deliver at most ${percent(composite)}, below the ${target} % target; the weakest link is ${weakest}.`,
    fix: needed.reachable ? addRedundancy : redundancyFallsShort,
  };
}

/** Both targets come as people read them ('99.9'); the percent sign is added here. */
function exceedsUpstreamTargetText(fn: string, target: string, upstream: string, upstreamTarget: string): Text {
  return {
    message: `${fn} promises ${target} % but depends on ${upstream}, which promises only ${upstreamTarget} %.`,
    fix: `Lower ${fn} to at most ${upstreamTarget} %, or raise ${upstream} to at least ${target} %.`,
  };
}

function maintenanceExceedsBudgetText(budget: PeriodBudget): Text {
  return {
    message: `Counted maintenance takes ${human(budget.countedMaintenanceSeconds)} a ${budget.period}, more than the whole ${budget.period}ly budget of ${formatBudget(budget.allowedSeconds)}.`,
    fix: 'Exclude planned maintenance from the measured time, shorten the windows, or lower the target.',
  };
}

function needsAutomaticFailoverText(fastestSeconds: number, budget: PeriodBudget, targetPercent: number): Text {
  return {
    message: `A manual failover takes ${human(fastestSeconds)}, but the ${budget.period}ly budget at ${targetPercent} % is ${formatBudget(budget.allowedSeconds)}: one failover spends it all.`,
    fix: 'Add automatic failover (CCR or a DAG), or lower the target so the budget covers a manual failover.',
  };
}
