import type { BackupPlan, BusinessFunction, Requirements } from '../model/index.ts';

/** The backup plans that cover a function: those naming it, or applying to every function. */
export function plansFor(requirements: Pick<Requirements, 'backups'>, functionId: string): readonly BackupPlan[] {
  return requirements.backups.filter((plan) => plan.appliesTo.length === 0 || plan.appliesTo.includes(functionId));
}

/** The plan that restores soonest and loses least (shortest interval, then fastest restore). */
export function bestPlan(plans: readonly BackupPlan[]): BackupPlan | undefined {
  return [...plans].sort((a, b) => a.intervalSeconds - b.intervalSeconds || b.restoreThroughputGbPerHour - a.restoreThroughputGbPerHour || (a.id < b.id ? -1 : 1))[0];
}

/** Seconds to restore a function from backup: data size ÷ restore throughput + fixed overhead; undefined when the size is unknown. */
export function restoreSeconds(fn: Pick<BusinessFunction, 'dataSizeGb'>, plan: BackupPlan | undefined): number | undefined {
  if (!plan || fn.dataSizeGb === undefined) return undefined;
  return (fn.dataSizeGb / plan.restoreThroughputGbPerHour) * 3600 + plan.restoreOverheadSeconds;
}
