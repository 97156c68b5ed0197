import type { ChainLink } from '../availability/composite-availability.ts';
import type { RedundancyNeeded } from '../availability/redundancy-needed.ts';
import type { Period } from '../budget/periods.ts';
import type { Finding, Severity } from '../findings/finding.ts';
import type { Measurement, MeasurementWindow, ProtectionKind, Requirements, Scenario } from '../model/index.ts';
import type { DerivedBackupPlan } from '../recommend/backup-plan.ts';
import type { HaRecommendation } from '../recommend/ha-recommendation.ts';
import type { PlannedTest } from '../recommend/readiness-plan.ts';
import type { RealMonthBudget } from './month-budgets.ts';

export interface BudgetFigure {
  /** Allowed downtime, seconds (unrounded). */
  readonly seconds: number;
  readonly human: string;
  readonly measuredSeconds: number;
  readonly countedMaintenanceSeconds: number;
  readonly remainingSeconds: number;
}

export interface DerivedFunction {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly target?: {
    /** The target in percent, full precision (derived exactly when a tolerated downtime was stated). */
    readonly percent: number;
    /** How the requirement stated it: a target, or a tolerated downtime per period the target is derived from. */
    readonly statedAs: 'target' | 'tolerated-downtime';
    /** The tolerated downtime as stated (when it was), and the target as documents print it: rounded up. */
    readonly toleratedDowntime?: {
      readonly seconds: number;
      readonly per: Period;
      readonly human: string;
      readonly targetText: string;
    };
    readonly window: MeasurementWindow;
    readonly budgets: Readonly<Record<Period, BudgetFigure>>;
    /** The real month with the smallest budget in the year from the validity start; absent without a start. */
    readonly shortestMonth?: RealMonthBudget & { readonly human: string };
    /** How the function's availability is measured, as agreed. */
    readonly measurement?: Measurement;
  };
  readonly composite: {
    readonly availability: number;
    readonly percent: number;
    readonly chain: readonly ChainLink[];
    readonly weakestLink?: string;
    /** Expected failovers a year, each an outage the composite formula leaves out, and the charged result. */
    readonly failover?: {
      readonly failoversPerYear: number;
      readonly secondsEach: number;
      readonly chargedPercent: number;
    };
  };
  readonly redundancyNeeded?: RedundancyNeeded;
  readonly recovery: readonly {
    readonly scenario: Scenario;
    readonly rpoSeconds: number;
    readonly rtoSeconds: number;
    readonly rpoHuman: string;
    readonly rtoHuman: string;
  }[];
  readonly restoreSeconds?: number;
  /** False for functions that only pass data through (transport, web access, mobile sync). */
  readonly holdsData: boolean;
  /**
   * The longest stretch of this function's measured time with nobody on duty (excluded maintenance and
   * unmeasured hours left out), and when in the week it starts; the support findings quote these figures.
   */
  readonly supportGap?: { readonly seconds: number; readonly startsAt?: string };
  /** The protection in place: its own, and what it inherits from the functions it depends on. */
  readonly design: readonly { readonly kind: ProtectionKind; readonly inheritedFrom?: string }[];
  readonly recommendation: HaRecommendation;
  readonly backupPlan: DerivedBackupPlan;
  readonly readinessPlan: readonly PlannedTest[];
}

/** Everything derived from one requirements snapshot: the SLA model, its findings and the plans. Plain JSON. */
export interface SlaDerivation {
  readonly formatVersion: number;
  readonly convention: string;
  readonly reportingPeriod: Period;
  readonly workshop: Requirements['meta'];
  readonly functions: readonly DerivedFunction[];
  readonly support: {
    readonly coverageCalendarId?: string;
    readonly onCallCalendarId?: string;
    /** Longest stretch of 24×7 time without coverage, seconds, when support calendars exist. */
    readonly longestGapSeconds?: number;
    /** When in the week that stretch starts, local: "Saturday 20:00". */
    readonly longestGapStartsAt?: string;
    readonly severities: Requirements['support']['severities'];
    readonly escalation: Requirements['support']['escalation'];
  };
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Severity, number>>;
}
