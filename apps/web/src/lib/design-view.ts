import type { DerivedFunction } from '@accord/core/derive';
import { formatDuration } from '@accord/core/duration';
import { PROTECTIONS, SCENARIO_NAMES } from './vocabulary.ts';
import { isRecord, num, str, type RawRecord } from './raw.ts';

type ScenarioPlan = DerivedFunction['recommendation']['perScenario'][number];
type Assessment = NonNullable<ScenarioPlan['chosen']>;

/** One option as the room shows it: its name, what it gives, and (for a cheaper one) why it falls short. */
export interface OptionLine {
  readonly option: string;
  readonly name: string;
  /** "RPO 5m / RTO 2m", or "unknown" parts where it cannot be assessed. */
  readonly gives: string;
  readonly reasons: readonly string[];
  readonly conditions: readonly string[];
}

/** A failure scenario of one function: the objective, the recommended option (if any) and the cheaper ones. */
export interface ScenarioView {
  readonly scenario: string;
  readonly title: string;
  readonly objective: string;
  readonly recommended: OptionLine | null;
  /** Whether the recommended option is already in the function's design. */
  readonly recommendedInPlace: boolean;
  readonly cheaper: readonly OptionLine[];
  readonly upgrade: OptionLine | null;
  readonly inherits: string | null;
}

/** What a function's design is and what the derivation recommends, kept apart so a recommendation never reads as fact. */
export interface DesignView {
  readonly functionId: string;
  readonly name: string;
  /** The protections recorded in the design, with the function they are inherited from (if not this one). */
  readonly inPlace: readonly { readonly label: string; readonly inheritedFrom: string | null }[];
  /** Recommended options not yet in the design. */
  readonly missing: readonly string[];
  readonly summary: string;
  readonly scenarios: readonly ScenarioView[];
  /** The recorded investment for each missing option, or words saying none is recorded. */
  readonly cost: readonly { readonly option: string; readonly text: string; readonly recorded: boolean }[];
}

const seconds = (value: number | undefined): string => (value === undefined ? 'unknown' : formatDuration(value));

/** "Two-node cluster with asynchronous log shipping — Cluster continuous replication (CCR)", without repeating itself. */
export function optionName(option: { readonly pattern: string; readonly platformTerm: string }): string {
  return option.platformTerm.toLowerCase().startsWith(option.pattern.toLowerCase()) ||
    option.pattern === option.platformTerm
    ? option.platformTerm
    : `${option.pattern} — ${option.platformTerm}`;
}

function line(option: Assessment): OptionLine {
  return {
    option: option.option,
    name: optionName(option),
    gives: `RPO ${seconds(option.rpoSeconds)} / RTO ${seconds(option.rtoSeconds)}`,
    reasons: option.reasons,
    conditions: option.conditions,
  };
}

function protectionLabel(kind: string): string {
  return PROTECTIONS.find((p) => p.value === kind)?.label ?? kind;
}

/** "EUR 12 000": thin grouping that reads the same in every locale, with the workshop's currency when it names one. */
function money(amount: number, currency: string): string {
  const grouped = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return currency ? `${currency} ${grouped}` : grouped;
}

/**
 * The recommendation view of one derived function: what is in place, what is recommended per scenario and why
 * each cheaper option falls short, and what the missing options cost as recorded in the agreement's investments.
 */
export function designView(
  fn: DerivedFunction,
  raw: RawRecord,
  functionNames: ReadonlyMap<string, string>,
): DesignView {
  const inPlaceKinds = new Set(fn.design.map((d) => d.kind as string));
  const missing = fn.recommendation.design.filter((d) => !inPlaceKinds.has(d.option));
  const agreement = isRecord(raw.agreement) ? raw.agreement : {};
  const investments = Array.isArray(agreement.investments) ? agreement.investments.filter(isRecord) : [];
  const currency = isRecord(raw.meta) ? str(raw.meta.currency) : '';
  const cost = missing.map((d) => {
    const found = investments.filter((i) => i.option === d.option);
    if (found.length === 0) return { option: optionName(d), text: 'cost not recorded', recorded: false };
    const text = found
      .map((i) => {
        const once = num(i.cost) ?? 0;
        const yearly = num(i.yearlyCost) ?? 0;
        return `${money(once, currency)} once${yearly > 0 ? ` + ${money(yearly, currency)} a year` : ''}`;
      })
      .join('; ');
    return { option: optionName(d), text, recorded: true };
  });
  return {
    functionId: fn.id,
    name: fn.name,
    inPlace: fn.design.map((d) => ({
      label: protectionLabel(d.kind),
      inheritedFrom: d.inheritedFrom ? (functionNames.get(d.inheritedFrom) ?? d.inheritedFrom) : null,
    })),
    missing: missing.map((d) => optionName(d)),
    summary: fn.recommendation.summary.replace(/\.$/, ''),
    scenarios: fn.recommendation.perScenario.map((plan) => ({
      scenario: plan.scenario,
      title: SCENARIO_NAMES[plan.scenario],
      objective: `RPO ${formatDuration(plan.objective.rpoSeconds)}, RTO ${formatDuration(plan.objective.rtoSeconds)}`,
      recommended: plan.chosen ? line(plan.chosen) : null,
      recommendedInPlace: plan.chosen ? inPlaceKinds.has(plan.chosen.option) : false,
      cheaper: plan.rejected.map(line),
      upgrade: plan.upgrade ? line(plan.upgrade) : null,
      inherits: plan.inherits ?? null,
    })),
    cost,
  };
}
