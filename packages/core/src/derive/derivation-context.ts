import { itemNames } from '../model/field-label.ts';
import { downtimeBudget, measuredSecondsPerPeriod, type PeriodBudget } from '../budget/downtime-budget.ts';
import { maintenanceIntervals, maintenanceSecondsPerPeriod } from '../budget/maintenance.ts';
import { PERIOD_SECONDS, PERIODS, periodsRecord, type Period } from '../budget/periods.ts';
import { longestUncoveredStretch, type Measured, type UncoveredStretch } from '../budget/service-calendar.ts';
import { createAvailabilityGraph, type FunctionAvailability } from '../availability/composite-availability.ts';
import { failoverCharge, type FailoverCharge } from '../availability/failover-charge.ts';
import type {
  BackupPlan,
  BusinessFunction,
  Calendar,
  Component,
  MaintenanceWindow,
  Protection,
  Requirements,
} from '../model/index.ts';
import { bestPlan, plansFor, restoreSeconds } from '../recommend/restore-time.ts';
import { functionRoles, singlePointsOfFailure, type FunctionRoles } from '../recommend/function-roles.ts';

/** The fixed 4-week span (from Monday 5 January 2026, outside any clock change) over which support gaps are measured. */
export const GAP_SPAN_START_MS = Date.UTC(2026, 0, 5);
export const GAP_SPAN_END_MS = Date.UTC(2026, 1, 2);

export interface FunctionFacts {
  readonly fn: BusinessFunction;
  /**
   * The function's protections plus those of the functions it depends on: webmail reads the mailboxes, so
   * the mailbox cluster's replication protects webmail's data too.
   */
  readonly design: readonly Protection[];
  /** Each protection of `design` with the function whose own design holds it (this one, or one upstream). */
  readonly designSources: readonly { readonly kind: Protection['kind']; readonly from: BusinessFunction }[];
  /** The roles it runs on and whether it holds data of its own. */
  readonly roles: FunctionRoles;
  /** Single instances among its own components: one failure stops it. */
  readonly singlePoints: readonly Component[];
  readonly measured: Measured;
  readonly calendar: Calendar | undefined;
  readonly maintenance: readonly MaintenanceWindow[];
  /** Budgets per period, when the function has a target. */
  readonly budgets: readonly PeriodBudget[] | undefined;
  /** The budget of the SLA's reporting period. */
  readonly reportingBudget: PeriodBudget | undefined;
  readonly composite: FunctionAvailability;
  /** The failover time the composite leaves out, charged; undefined when nothing fails over automatically. */
  readonly failover: FailoverCharge | undefined;
  readonly backupPlan: BackupPlan | undefined;
  /** Restoring all its data from backup, seconds; undefined when the size is unknown or it holds no data. */
  readonly restoreSeconds: number | undefined;
  /** Longest stretch of this function's measured time with no support coverage, seconds; undefined without a support calendar. */
  readonly supportGapSeconds: number | undefined;
  /** Where the longest gap starts (an instant in the fixed gap span), to say when in the week it falls. */
  readonly supportGapStartUtcMs: number | undefined;
}

export interface DerivationContext {
  readonly requirements: Requirements;
  readonly zone: string;
  readonly reportingPeriod: Period;
  readonly functions: readonly FunctionFacts[];
  readonly byId: ReadonlyMap<string, FunctionFacts>;
  readonly calendars: ReadonlyMap<string, Calendar>;
  /** Display names of id-keyed items (`components/dns` → "Internal DNS"), for messages people read. */
  readonly names: ReadonlyMap<string, string>;
}

const REPORTING: Readonly<Record<Requirements['meta']['reportingCadence'], Period>> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
};

/** Everything the findings and documents need, computed once per derivation. */
export function createDerivationContext(requirements: Requirements): DerivationContext {
  const zone = requirements.meta.timeZone;
  const calendars = new Map(requirements.calendars.map((c) => [c.id, c]));
  const graph = createAvailabilityGraph(requirements);
  const reportingPeriod = REPORTING[requirements.meta.reportingCadence];
  const coverage = [requirements.support.coverageCalendarId, requirements.support.onCallCalendarId].flatMap((id) =>
    id ? [calendars.get(id)].filter((c): c is Calendar => c !== undefined) : [],
  );
  const gapCache = new Map<string, UncoveredStretch>();

  const functions = requirements.functions.map((fn): FunctionFacts => {
    const window = fn.availability?.window;
    const calendar = window?.kind === 'service-hours' ? calendars.get(window.calendarId) : undefined;
    const measured: Measured = calendar ?? '24x7';
    const maintenance = requirements.maintenance.filter((m) => m.appliesTo.length === 0 || m.appliesTo.includes(fn.id));
    let budgets: readonly PeriodBudget[] | undefined;
    if (fn.availability) {
      const measuredSeconds = measuredSecondsPerPeriod(
        measured,
        maintenance.filter((m) => !m.counted),
      );
      const counted = maintenance.filter((m) => m.counted).map((m) => maintenanceSecondsPerPeriod(m, measured));
      const countedMaintenanceSeconds = periodsRecord((p) => counted.reduce((sum, c) => sum + c[p], 0));
      budgets = downtimeBudget({
        targetPercent: fn.availability.targetPercent,
        measuredSeconds,
        countedMaintenanceSeconds,
      });
    }
    const backupPlan = bestPlan(plansFor(requirements, fn.id));
    const excluded = maintenance.filter((m) => !m.counted);
    const gapKey = `${calendar?.id ?? '24x7'} without ${excluded.map((m) => m.id).join(',')}`;
    let supportGap: UncoveredStretch | undefined;
    if (coverage.length > 0) {
      supportGap =
        gapCache.get(gapKey) ??
        longestUncoveredStretch(
          measured,
          coverage,
          GAP_SPAN_START_MS,
          GAP_SPAN_END_MS,
          zone,
          excluded.flatMap((m) => maintenanceIntervals(m, GAP_SPAN_START_MS, GAP_SPAN_END_MS, zone)),
        );
      gapCache.set(gapKey, supportGap);
    }
    const sources = effectiveDesign(requirements, fn);
    const roles = functionRoles(requirements, fn);
    const composite = graph.forFunction(fn.id);
    return {
      fn,
      design: sources.map((s) => s.protection),
      designSources: sources.map((s) => ({ kind: s.protection.kind, from: s.from })),
      roles,
      singlePoints: singlePointsOfFailure(fn, roles),
      measured,
      calendar,
      maintenance,
      budgets,
      reportingBudget: budgets?.find((b) => b.period === reportingPeriod),
      composite,
      failover: failoverCharge(
        requirements,
        dependencyClosure(requirements, fn),
        sources.map((s) => s.protection),
        composite.availability,
      ),
      backupPlan,
      // Queues and sessions are transient: a function that holds no data has nothing to restore.
      restoreSeconds: roles.holdsData ? restoreSeconds(fn, backupPlan) : undefined,
      supportGapSeconds: supportGap?.seconds,
      supportGapStartUtcMs: supportGap?.startUtcMs,
    };
  });
  return {
    requirements,
    zone,
    reportingPeriod,
    functions,
    byId: new Map(functions.map((f) => [f.fn.id, f])),
    calendars,
    names: itemNames(requirements),
  };
}

/**
 * Whether a declared disaster is excluded from the availability commitment (a typed flag of the disaster
 * declaration, not a guess from the wording of an exclusion): site loss is then judged by its RTO alone.
 */
export function disastersExcluded(requirements: Requirements): boolean {
  return requirements.agreement?.disasterDeclaration.excludedFromAvailability === true;
}

/** The function and every function it depends on, directly or through others, each once (itself first). */
export function dependencyClosure(requirements: Requirements, fn: BusinessFunction): BusinessFunction[] {
  const byId = new Map(requirements.functions.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const closure: BusinessFunction[] = [];
  const visit = (current: BusinessFunction): void => {
    if (seen.has(current.id)) return;
    seen.add(current.id);
    closure.push(current);
    for (const dep of current.dependsOn) {
      const upstream = byId.get(dep);
      if (upstream) visit(upstream);
    }
  };
  visit(fn);
  return closure;
}

/** Own protections first, then those of upstream functions (transitively), one per kind, with whose each is. */
function effectiveDesign(
  requirements: Requirements,
  fn: BusinessFunction,
): { protection: Protection; from: BusinessFunction }[] {
  const design: { protection: Protection; from: BusinessFunction }[] = [];
  for (const current of dependencyClosure(requirements, fn)) {
    for (const protection of current.design) {
      if (!design.some((p) => p.protection.kind === protection.kind)) design.push({ protection, from: current });
    }
  }
  return design;
}

export { PERIOD_SECONDS, PERIODS };
