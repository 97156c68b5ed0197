import type { BackupPlan, BusinessFunction, Component, Platform, ProtectionKind, Scenario } from '../model/index.ts';
import { SCENARIOS } from '../model/index.ts';
import { assessOption, type OptionAssessment } from './ha-assessment.ts';
import { HA_OPTIONS } from './ha-options.ts';
import type { FunctionRoles } from './function-roles.ts';
import { statelessScenario, roleAdvice } from './stateless-recommendation.ts';

export type { OptionAssessment } from './ha-assessment.ts';

/** Options considered for each scenario, cheapest first. */
const LADDER: Readonly<Record<Scenario, readonly ProtectionKind[]>> = {
  'component-failure': ['backup-restore', 'lcr', 'scc', 'ccr', 'dag', 'synchronous-replication'],
  'site-loss': ['backup-restore', 'scr', 'dag', 'synchronous-replication'],
  'data-corruption': ['backup-restore', 'scr', 'dag-lagged'],
};

export interface ScenarioRecommendation {
  readonly scenario: Scenario;
  readonly objective: { readonly rpoSeconds: number; readonly rtoSeconds: number };
  /** The cheapest option available on the platform that meets the objective, or undefined when none does. */
  readonly chosen: OptionAssessment | undefined;
  /** The cheaper options and why each fails. */
  readonly rejected: readonly OptionAssessment[];
  /** When nothing on the platform meets the objective: the cheapest option of a later version that would. */
  readonly upgrade?: OptionAssessment;
  /** For a function that holds no data: whose data protection it inherits, in words. */
  readonly inherits?: string;
}

export interface HaRecommendation {
  readonly functionId: string;
  /** False for functions that hold no data of their own (transport, web access, mobile sync). */
  readonly holdsData: boolean;
  /** Options to deploy, cheapest first, with the platform vocabulary. */
  readonly design: readonly {
    readonly option: ProtectionKind;
    readonly pattern: string;
    readonly platformTerm: string;
  }[];
  readonly summary: string;
  readonly perScenario: readonly ScenarioRecommendation[];
  /** Stateless roles that should run as load-balanced pools. */
  readonly statelessRoles: readonly { readonly componentId: string; readonly name: string; readonly advice: string }[];
  /** Single instances of the function's own components: one failure stops the function. */
  readonly singlePointsOfFailure: readonly {
    readonly componentId: string;
    readonly name: string;
    readonly advice: string;
  }[];
}

export interface RecommendationContext {
  readonly backupPlan: BackupPlan | undefined;
  /** Monthly downtime budget of the function's target, seconds, when it has a target. */
  readonly budgetPerMonthSeconds: number | undefined;
  /** Components the function depends on (directly or through groups). */
  readonly components: readonly Component[];
  /** The workshop's platform; undefined offers every option. */
  readonly platform?: Platform | undefined;
  /** The roles the function runs on; undefined treats it as holding data. */
  readonly roles?: FunctionRoles | undefined;
  /** Protections in place upstream, with whose they are, for a function that holds no data. */
  readonly inherited?: readonly { readonly kind: ProtectionKind; readonly from: BusinessFunction }[];
  /** Single instances among the function's own components. */
  readonly singlePoints?: readonly Component[];
}

/**
 * The least costly design that meets a function's RPO and RTO in every scenario, and for each cheaper option
 * the reasons it falls short. A function that holds no data gets the protection of its own roles (pools,
 * redundant transport) and inherits the data protection of the function it reads. Pure: the caller passes the
 * backup plan, budget and roles it derived.
 */
export function recommendHa(fn: BusinessFunction, ctx: RecommendationContext): HaRecommendation {
  const holdsData = ctx.roles?.holdsData ?? true;
  const perScenario: ScenarioRecommendation[] = [];
  for (const scenario of SCENARIOS) {
    const objective = fn.recovery[scenario];
    if (!objective) continue;
    if (!holdsData && ctx.roles) {
      perScenario.push(statelessScenario(fn, scenario, objective, ctx.roles, ctx.inherited ?? []));
      continue;
    }
    const assessments = LADDER[scenario]
      .map((kind) => assessOption(kind, scenario, objective, fn, ctx))
      .sort((a, b) => HA_OPTIONS[a.option].costRank - HA_OPTIONS[b.option].costRank);
    const chosenIndex = assessments.findIndex((a) => a.meets);
    const upgrade =
      chosenIndex < 0
        ? assessments.find((a) => a.requiresUpgradeTo !== undefined && a.reasons.length === 1)
        : undefined;
    perScenario.push({
      scenario,
      objective: { rpoSeconds: objective.rpoSeconds, rtoSeconds: objective.rtoSeconds },
      chosen: chosenIndex >= 0 ? assessments[chosenIndex] : undefined,
      rejected: chosenIndex >= 0 ? assessments.slice(0, chosenIndex) : assessments,
      ...(upgrade ? { upgrade } : {}),
    });
  }
  const kinds = new Set<ProtectionKind>(perScenario.flatMap((s) => (s.chosen ? [s.chosen.option] : [])));
  if (perScenario.length > 0 && holdsData) kinds.add('backup-restore');
  const design = [...kinds]
    .sort((a, b) => HA_OPTIONS[a].costRank - HA_OPTIONS[b].costRank)
    .map((kind) => ({ option: kind, pattern: HA_OPTIONS[kind].pattern, platformTerm: HA_OPTIONS[kind].platformTerm }));
  const statelessRoles = ctx.components
    .filter((c) => c.stateless)
    .map((c) => ({
      componentId: c.id,
      name: c.name,
      advice: c.instances >= 2 ? `already a pool of ${c.instances}` : roleAdvice(c),
    }));
  const singlePointsOfFailure = (ctx.singlePoints ?? []).map((c) => ({
    componentId: c.id,
    name: c.name,
    advice: `a single ${c.name} is a single point of failure for ${fn.name}: ${roleAdvice(c)}`,
  }));
  const unmet = perScenario.filter((s) => !s.chosen);
  const upgrades = perScenario.flatMap((s) =>
    s.upgrade
      ? [
          `${s.upgrade.platformTerm} would meet ${s.scenario.replace('-', ' ')} but requires an upgrade to ${s.upgrade.requiresUpgradeTo}`,
        ]
      : [],
  );
  const summary =
    perScenario.length === 0
      ? 'No recovery objectives stated: nothing to recommend yet.'
      : [
          design.map((d) => d.platformTerm).join(' + '),
          ...(holdsData ? [] : [perScenario[0]?.inherits ?? '']),
          ...(unmet.length > 0
            ? [`no available option meets ${unmet.map((s) => s.scenario.replace('-', ' ')).join(', ')}`]
            : []),
          ...upgrades,
        ]
          .filter((part) => part !== '')
          .join('; ');
  return { functionId: fn.id, holdsData, design, summary, perScenario, statelessRoles, singlePointsOfFailure };
}
