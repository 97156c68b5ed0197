import type { BusinessFunction, Protection, Requirements } from '../model/index.ts';
import { HA_OPTIONS } from '../recommend/ha-options.ts';

const HOURS_PER_YEAR = 365.2425 * 24;

/** Failover time the composite availability leaves out, and the availability once it is charged. */
export interface FailoverCharge {
  /** Expected automatic failovers a year: each failure of an active clustered mailbox node causes one. */
  readonly failoversPerYear: number;
  /** Outage of one failover, seconds: the protection's activation time (clients reconnect on top). */
  readonly secondsEach: number;
  /** Composite availability less the failover time, 0..1. */
  readonly chargedAvailability: number;
}

/**
 * The composite formula treats a redundant pair as up while one node is up, so a failover costs nothing in
 * it; in service the failover itself is an outage (CCR: about two minutes, Outlook reconnecting 1–15 min,
 * Microsoft ee332317). Charged here from the MTBF of the clustered mailbox components the function relies
 * on (`closure`: the function and every function it depends on). Undefined when nothing fails over automatically or no such component has an MTBF.
 */
export function failoverCharge(
  requirements: Pick<Requirements, 'components'>,
  closure: readonly BusinessFunction[],
  design: readonly Protection[],
  compositeAvailability: number,
): FailoverCharge | undefined {
  const automatic = design.filter(
    (p) => HA_OPTIONS[p.kind].automaticFailover && HA_OPTIONS[p.kind].roles.includes('mailbox'),
  );
  if (automatic.length === 0) return undefined;
  const secondsEach = Math.min(...automatic.map((p) => p.activationSeconds ?? HA_OPTIONS[p.kind].activationSeconds));
  const ids = new Set(closure.flatMap((f) => f.dependsOn));
  let failoversPerYear = 0;
  for (const component of requirements.components) {
    if (!ids.has(component.id) || component.role !== 'mailbox' || component.instances <= component.required) continue;
    if (component.availability.kind !== 'mtbf') continue;
    failoversPerYear += component.required * (HOURS_PER_YEAR / component.availability.mtbfHours);
  }
  if (failoversPerYear === 0) return undefined;
  const chargedAvailability = Math.max(
    0,
    compositeAvailability - (failoversPerYear * secondsEach) / (HOURS_PER_YEAR * 3600),
  );
  return { failoversPerYear, secondsEach, chargedAvailability };
}
