import type { SlaDerivation } from '@accord/core/derive';
import type { Scenario } from '@accord/core/model';

/** Enum values in words (one spelling for the room and the documents). */
export { words } from '@accord/core/field-label';

export type Period = keyof NonNullable<SlaDerivation['functions'][number]['target']>['budgets'];

/** Budget periods in document order. */
export const PERIOD_ORDER: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

export const PERIOD_LABEL: Readonly<Record<Period, string>> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
};

export const SCENARIO_LABEL: Readonly<Record<Scenario, string>> = {
  'component-failure': 'Component failure',
  'site-loss': 'Site loss',
  'data-corruption': 'Data corruption',
};

/** "component-failure" → "Component failure"; unknown text is returned as it came. */
export function scenarioLabel(scenario: string): string {
  return (SCENARIO_LABEL as Readonly<Record<string, string>>)[scenario] ?? scenario;
}

/**
 * A percentage as the workshop wrote it: `99.9 %`. Targets are shown exactly; computed values (composite
 * availability) are cut to `digits` decimals so floating-point noise never reaches a contract.
 */
export function percent(value: number, digits?: number): string {
  let text = digits === undefined ? String(Number(value.toPrecision(12))) : trimZeros(value.toFixed(digits));
  // Rounding must never promise more than the value: 99.99999999999 is not "100 %", which allows no downtime.
  if (value < 100 && Number(text) >= 100) {
    text =
      digits === undefined
        ? String(value)
        : trimZeros((Math.floor(value * 10 ** digits) / 10 ** digits).toFixed(digits));
  }
  return `${text} %`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** A count with its noun: `1 finding`, `3 findings`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

type DerivedTarget = NonNullable<SlaDerivation['functions'][number]['target']>;

/**
 * A commitment's target as documents state it. A stated target is shown as written; one derived from a
 * tolerated downtime states both, the target rounded up so it never allows more than was tolerated:
 * `99.8632 % (1h per month tolerated)`.
 */
export function targetLabel(target: DerivedTarget): string {
  const tolerated = target.toleratedDowntime;
  return tolerated
    ? `${tolerated.targetText} % (${tolerated.human} per ${tolerated.per} tolerated)`
    : percent(target.percent);
}

/** The target alone, for narrow columns: as stated, or derived and rounded up (`99.8632 %`). */
export function targetPercentText(target: DerivedTarget): string {
  return target.toleratedDowntime ? `${target.toleratedDowntime.targetText} %` : percent(target.percent);
}
