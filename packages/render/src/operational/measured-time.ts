import type { SlaDerivation } from '@accord/core/derive';
import type { Calendar, MaintenanceWindow, Requirements } from '@accord/core/model';
import type { VersionRecord } from '../version/version-record.ts';

type DerivedFunction = SlaDerivation['functions'][number];
type Target = NonNullable<DerivedFunction['target']>;

/**
 * What one availability commitment counts, as the operational exports need it: the service-hours calendar (or
 * none for 24x7), the maintenance windows it excludes and those it charges, each with the zone it is read in.
 * Built from the derivation's public result (`target.window`) and the requirements it was derived from.
 */
export interface Commitment {
  readonly fn: DerivedFunction;
  readonly target: Target;
  /** The service-hours calendar, when the commitment measures only those hours. */
  readonly calendar: Calendar | undefined;
  /** The zone the calendar's slots are read in: its own, else the workshop's. */
  readonly calendarZone: string;
  readonly excluded: readonly MaintenanceWindow[];
  readonly counted: readonly MaintenanceWindow[];
  /** Measured seconds of the SLA's reporting period, from the derivation. */
  readonly periodMeasuredSeconds: number;
}

/** The zone a maintenance window is read in: its own, else the workshop's. */
export function windowZone(requirements: Requirements, window: MaintenanceWindow): string {
  return window.timeZone ?? requirements.meta.timeZone;
}

/** The zone a calendar is read in: its own, else the workshop's. */
export function calendarZoneOf(requirements: Requirements, calendar: Calendar): string {
  return calendar.timeZone ?? requirements.meta.timeZone;
}

/** Maintenance windows that apply to a function (an empty `appliesTo` means every function). */
export function windowsFor(requirements: Requirements, functionId: string): readonly MaintenanceWindow[] {
  return requirements.maintenance.filter((m) => m.appliesTo.length === 0 || m.appliesTo.includes(functionId));
}

/** Every availability commitment of a version, in the derivation's order. */
export function commitmentsOf(record: VersionRecord): Commitment[] {
  const { requirements, derivation } = record;
  return derivation.functions.flatMap((fn): Commitment[] => {
    const target = fn.target;
    if (!target) return [];
    const window = target.window;
    const calendar =
      window.kind === 'service-hours' ? requirements.calendars.find((c) => c.id === window.calendarId) : undefined;
    const windows = windowsFor(requirements, fn.id);
    return [
      {
        fn,
        target,
        calendar,
        calendarZone: calendar ? calendarZoneOf(requirements, calendar) : requirements.meta.timeZone,
        excluded: windows.filter((m) => !m.counted),
        counted: windows.filter((m) => m.counted),
        periodMeasuredSeconds: target.budgets[derivation.reportingPeriod].measuredSeconds,
      },
    ];
  });
}

/** "99.9" → 0.001, without the floating-point tail plain subtraction leaves. */
export function errorBudgetRatio(targetPercent: number): number {
  return Number((1 - targetPercent / 100).toPrecision(12));
}
