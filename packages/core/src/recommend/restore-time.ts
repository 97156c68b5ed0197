import type { BackupPlan, BusinessFunction, Requirements } from '../model/index.ts';

/** The backup plans that cover a function: those naming it, or applying to every function. */
export function plansFor(requirements: Pick<Requirements, 'backups'>, functionId: string): readonly BackupPlan[] {
  return requirements.backups.filter((plan) => plan.appliesTo.length === 0 || plan.appliesTo.includes(functionId));
}

/** The plan that restores soonest and loses least (shortest interval, then fastest restore). */
export function bestPlan(plans: readonly BackupPlan[]): BackupPlan | undefined {
  return [...plans].sort(
    (a, b) =>
      a.intervalSeconds - b.intervalSeconds ||
      b.restoreThroughputGbPerHour - a.restoreThroughputGbPerHour ||
      (a.id < b.id ? -1 : 1),
  )[0];
}

/** Seconds to restore a function from backup: data size ÷ restore throughput + fixed overhead; undefined when the size is unknown. */
export function restoreSeconds(
  fn: Pick<BusinessFunction, 'dataSizeGb'>,
  plan: BackupPlan | undefined,
): number | undefined {
  if (!plan || fn.dataSizeGb === undefined) return undefined;
  return (fn.dataSizeGb / plan.restoreThroughputGbPerHour) * 3600 + plan.restoreOverheadSeconds;
}

/** Exchange 2007 sizing guidance for one database, GB: about 100, up to 200 with continuous replication (DOMAIN.md). */
export const DATABASE_GB_GUIDANCE = 100;
export const DATABASE_GB_GUIDANCE_REPLICATED = 200;

/**
 * The size of one database, GB: the stated size, else the platform guidance (never more than all the data).
 * A logical corruption hits one database, so that is what its restore copies.
 */
export function databaseSizeGb(
  fn: Pick<BusinessFunction, 'dataSizeGb' | 'databaseSizeGb'>,
  replicated: boolean,
): number | undefined {
  if (fn.databaseSizeGb !== undefined) return fn.databaseSizeGb;
  if (fn.dataSizeGb === undefined) return undefined;
  return Math.min(fn.dataSizeGb, replicated ? DATABASE_GB_GUIDANCE_REPLICATED : DATABASE_GB_GUIDANCE);
}

/** Seconds to restore one database: its size ÷ restore throughput + fixed overhead. */
export function databaseRestoreSeconds(
  fn: Pick<BusinessFunction, 'dataSizeGb' | 'databaseSizeGb'>,
  replicated: boolean,
  plan: BackupPlan | undefined,
): number | undefined {
  const size = databaseSizeGb(fn, replicated);
  if (!plan || size === undefined) return undefined;
  return (size / plan.restoreThroughputGbPerHour) * 3600 + plan.restoreOverheadSeconds;
}
