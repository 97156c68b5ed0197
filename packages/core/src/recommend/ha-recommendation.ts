import type { BackupPlan, BusinessFunction, Component, ProtectionKind, RecoveryObjective, Scenario } from '../model/index.ts';
import { SCENARIOS } from '../model/index.ts';
import { formatDuration } from '../units/duration.ts';
import { HA_OPTIONS, NO_MANUAL_INTERVENTION_FROM_PERCENT, type HaOption } from './ha-options.ts';
import { restoreSeconds } from './restore-time.ts';

/** Options considered for each scenario, cheapest first. */
const LADDER: Readonly<Record<Scenario, readonly ProtectionKind[]>> = {
  'component-failure': ['backup-restore', 'lcr', 'scc', 'ccr', 'dag', 'synchronous-replication'],
  'site-loss': ['backup-restore', 'scr', 'dag', 'synchronous-replication'],
  'data-corruption': ['backup-restore', 'scr', 'dag-lagged'],
};

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
  /** Settings the option needs to meet the objectives, e.g. a shorter replay lag. */
  readonly conditions: readonly string[];
}

export interface ScenarioRecommendation {
  readonly scenario: Scenario;
  readonly objective: { readonly rpoSeconds: number; readonly rtoSeconds: number };
  /** The cheapest option that meets the objective, or undefined when none on the ladder does. */
  readonly chosen: OptionAssessment | undefined;
  /** The cheaper options and why each fails. */
  readonly rejected: readonly OptionAssessment[];
}

export interface HaRecommendation {
  readonly functionId: string;
  /** Options to deploy, cheapest first, with the platform vocabulary. */
  readonly design: readonly { readonly option: ProtectionKind; readonly pattern: string; readonly platformTerm: string }[];
  readonly summary: string;
  readonly perScenario: readonly ScenarioRecommendation[];
  /** Stateless roles that should run as load-balanced pools. */
  readonly statelessRoles: readonly { readonly componentId: string; readonly name: string; readonly advice: string }[];
}

export interface RecommendationContext {
  readonly backupPlan: BackupPlan | undefined;
  /** Monthly downtime budget of the function's target, seconds, when it has a target. */
  readonly budgetPerMonthSeconds: number | undefined;
  /** Components the function depends on (directly or through groups). */
  readonly components: readonly Component[];
}

/** An option's note as a clause after a colon: no closing full stop, lower case unless it opens with an acronym. */
function asClause(note: string): string {
  const text = note.replace(/\.$/, '');
  const [first = '', second = ''] = text;
  return second === second.toUpperCase() && second !== second.toLowerCase() ? text : first.toLowerCase() + text.slice(1);
}

function assess(kind: ProtectionKind, scenario: Scenario, objective: RecoveryObjective, fn: BusinessFunction, ctx: RecommendationContext): OptionAssessment {
  const option: HaOption = HA_OPTIONS[kind];
  const reasons: string[] = [];
  const conditions: string[] = [];
  let rpoSeconds: number | undefined = option.typicalRpoSeconds;
  let rtoSeconds: number | undefined = option.activationSeconds;
  if (kind === 'backup-restore') {
    rpoSeconds = ctx.backupPlan?.intervalSeconds ?? option.typicalRpoSeconds;
    rtoSeconds = restoreSeconds(fn, ctx.backupPlan);
    if (rtoSeconds === undefined) reasons.push('restore time unknown: state the data size and a backup plan with its restore throughput');
    if (scenario === 'site-loss' && (ctx.backupPlan?.offsiteCopies ?? 0) === 0) reasons.push('no off-site backup copy survives the loss of the site');
  } else if (kind === 'scr') {
    const stated = fn.design.find((p) => p.kind === 'scr')?.replayLagSeconds;
    const activation = fn.design.find((p) => p.kind === 'scr')?.activationSeconds ?? option.activationSeconds;
    let lag = stated ?? option.defaultReplayLagSeconds;
    // The default 24 h lag is a setting, not a law: where activation alone fits, recommend a shorter lag.
    if (stated === undefined && activation + lag > objective.rtoSeconds && activation <= objective.rtoSeconds) {
      lag = objective.rtoSeconds - activation;
      conditions.push(`set the SCR replay lag to at most ${formatDuration(lag)} (default 24 h)`);
    }
    rtoSeconds = activation + lag;
    if (scenario === 'data-corruption') {
      if (lag === 0) reasons.push('without a replay lag the standby copy replays a corruption as soon as it happens');
      else conditions.push(`find a corruption within the replay lag (${formatDuration(lag)}): after that the standby holds it too`);
    }
  }
  const own = fn.design.find((p) => p.kind === kind)?.activationSeconds;
  if (own !== undefined && kind !== 'backup-restore' && kind !== 'scr') rtoSeconds = own + (rtoSeconds ?? 0) - option.activationSeconds;
  if (!option.protects.includes(scenario)) {
    reasons.push(kind === 'scc'
      ? 'one shared copy of the data: the storage stays a single point of failure'
      : `does not protect against ${scenario.replace('-', ' ')}: ${asClause(option.notes)}`);
  }
  if (rpoSeconds !== undefined && rpoSeconds > objective.rpoSeconds) {
    reasons.push(kind === 'backup-restore'
      ? `a restore loses everything since the last backup (up to ${formatDuration(rpoSeconds)}), ${objective.rpoSeconds === 0 ? 'and RPO 0 allows no loss' : `more than the RPO of ${formatDuration(objective.rpoSeconds)}`}`
      : objective.rpoSeconds === 0 && option.asynchronous
        ? 'asynchronous copy: some data is always in flight, so RPO 0 is out of reach'
        : `loses up to ${formatDuration(rpoSeconds)} of data, more than the RPO of ${formatDuration(objective.rpoSeconds)}`);
  }
  if (rtoSeconds !== undefined && rtoSeconds > objective.rtoSeconds) {
    reasons.push(`recovery takes ${formatDuration(rtoSeconds)}, more than the RTO of ${formatDuration(objective.rtoSeconds)}`);
  }
  const target = fn.availability?.targetPercent;
  if (!option.automaticFailover && scenario === 'component-failure' && kind !== 'backup-restore') {
    if (target !== undefined && target >= NO_MANUAL_INTERVENTION_FROM_PERCENT) {
      reasons.push(`a ${target} % target must not rely on people to fail over`);
    } else if (ctx.budgetPerMonthSeconds !== undefined && option.activationSeconds > ctx.budgetPerMonthSeconds) {
      reasons.push(`manual activation (${formatDuration(option.activationSeconds)}) exceeds the monthly budget of ${formatDuration(ctx.budgetPerMonthSeconds)}`);
    }
  }
  return { option: kind, pattern: option.pattern, platformTerm: option.platformTerm, rpoSeconds, rtoSeconds, meets: reasons.length === 0, reasons, conditions };
}

const STATELESS_ADVICE: Partial<Record<Component['role'], string>> = {
  'client-access': 'run at least two Client Access servers behind network load balancing or a hardware load balancer',
  'hub-transport': 'run at least two Hub Transport servers per site; transport balances between them on its own',
  'edge-transport': 'run at least two Edge Transport servers, published with several MX records or DNS round robin',
};

/**
 * The least costly design that meets a function's RPO and RTO in every scenario, and for each cheaper option
 * the reasons it falls short. Pure: the caller passes the backup plan and budget it derived.
 */
export function recommendHa(fn: BusinessFunction, ctx: RecommendationContext): HaRecommendation {
  const perScenario: ScenarioRecommendation[] = [];
  for (const scenario of SCENARIOS) {
    const objective = fn.recovery[scenario];
    if (!objective) continue;
    const assessments = LADDER[scenario].map((kind) => assess(kind, scenario, objective, fn, ctx))
      .sort((a, b) => HA_OPTIONS[a.option].costRank - HA_OPTIONS[b.option].costRank);
    const chosenIndex = assessments.findIndex((a) => a.meets);
    perScenario.push({
      scenario,
      objective: { rpoSeconds: objective.rpoSeconds, rtoSeconds: objective.rtoSeconds },
      chosen: chosenIndex >= 0 ? assessments[chosenIndex] : undefined,
      rejected: chosenIndex >= 0 ? assessments.slice(0, chosenIndex) : assessments,
    });
  }
  const kinds = new Set<ProtectionKind>(perScenario.flatMap((s) => (s.chosen ? [s.chosen.option] : [])));
  if (perScenario.length > 0) kinds.add('backup-restore');
  const design = [...kinds].sort((a, b) => HA_OPTIONS[a].costRank - HA_OPTIONS[b].costRank)
    .map((kind) => ({ option: kind, pattern: HA_OPTIONS[kind].pattern, platformTerm: HA_OPTIONS[kind].platformTerm }));
  const statelessRoles = ctx.components
    .filter((c) => c.stateless)
    .map((c) => ({
      componentId: c.id,
      name: c.name,
      advice: c.instances >= 2 ? `already a pool of ${c.instances}` : (STATELESS_ADVICE[c.role] ?? 'run at least two instances behind a load balancer'),
    }));
  const unmet = perScenario.filter((s) => !s.chosen).map((s) => s.scenario);
  const summary = perScenario.length === 0
    ? 'No recovery objectives stated: nothing to recommend yet.'
    : `${design.map((d) => d.platformTerm).join(' + ')}${unmet.length > 0 ? `; no option on the ladder meets ${unmet.join(', ')}` : ''}`;
  return { functionId: fn.id, design, summary, perScenario, statelessRoles };
}
