import type { Period } from './periods.ts';

/** A downtime tolerated per period, the way a requirement may state availability instead of a target. */
export interface ToleratedDowntime {
  readonly downtimeSeconds: number;
  readonly per: Period;
}

export type ImpliedTargetResult =
  { readonly ok: true; readonly targetPercent: number } | { readonly ok: false; readonly error: string };

/**
 * The exact target a tolerated downtime implies: `(1 − tolerated ÷ measured time of the period) × 100`, in full
 * precision, so the budget it gives back is the tolerated downtime to the millisecond ("1h per month" on
 * 24×7 → 99.86310…%). Refuses what no target can state: no downtime at all (100 %), or all of the period.
 */
export function impliedTarget(tolerated: ToleratedDowntime, measuredSecondsOfPeriod: number): ImpliedTargetResult {
  if (tolerated.downtimeSeconds <= 0) {
    return {
      ok: false,
      error: 'tolerating no downtime means a target of 100 %, which no design can promise; tolerate some seconds',
    };
  }
  if (tolerated.downtimeSeconds >= measuredSecondsOfPeriod) {
    return {
      ok: false,
      error: `tolerates as much downtime as the ${tolerated.per} measures (or more): that is no commitment; tolerate less`,
    };
  }
  return { ok: true, targetPercent: (1 - tolerated.downtimeSeconds / measuredSecondsOfPeriod) * 100 };
}

/**
 * An implied target as documents state it: rounded up (never down) to four decimals, so the downtime the
 * printed target allows never exceeds what was tolerated: 99.86310… → `99.8632`. A value that is already short
 * (99.9 up to floating-point noise) stays as it is; one that four decimals would round up to 100 gets as many
 * decimals as it needs to stay below.
 */
export function impliedTargetText(targetPercent: number): string {
  for (let decimals = 4; decimals <= 12; decimals += 1) {
    const scale = 10 ** decimals;
    const scaled = targetPercent * scale;
    // Floating-point noise (99.9 computed as 99.90000000000001) must not round up a whole step.
    const up = Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : Math.ceil(scaled);
    if (up / scale < 100) return String(up / scale);
  }
  return String(targetPercent);
}

/**
 * A commitment's target as messages print it: as stated, or (derived from a tolerated downtime) rounded up as
 * documents print it, never the sixteen digits of the exact value.
 */
export function targetText(availability: {
  readonly targetPercent: number;
  readonly toleratedDowntime?: unknown;
}): string {
  return availability.toleratedDowntime
    ? impliedTargetText(availability.targetPercent)
    : String(availability.targetPercent);
}
