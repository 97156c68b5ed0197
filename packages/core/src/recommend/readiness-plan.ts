import type { BusinessFunction, ProtectionKind, RecoveryTest, Scenario } from '../model/index.ts';
import { SCENARIOS } from '../model/index.ts';

export interface PlannedTest {
  readonly functionId: string;
  readonly scenario: Scenario;
  readonly kind: RecoveryTest['kind'];
  readonly everyDays: number;
  /** The stated test that fulfils this one, if any. */
  readonly scheduledAs: string | undefined;
}

const TEST_FOR: Readonly<Record<Scenario, (design: readonly ProtectionKind[]) => RecoveryTest['kind']>> = {
  'component-failure': (design) =>
    design.some((k) => k === 'ccr' || k === 'dag' || k === 'lcr') ? 'failover-drill' : 'restore-test',
  'site-loss': (design) => (design.some((k) => k === 'scr' || k === 'dag') ? 'site-switchover' : 'restore-test'),
  'data-corruption': () => 'restore-test',
};

/** How often to test, by tier: what matters most is rehearsed most (seed Module 6, recovery readiness). */
export const TEST_INTERVAL_DAYS: Readonly<Record<BusinessFunction['tier'], number>> = {
  critical: 91,
  high: 182,
  medium: 365,
  low: 365,
};

/** The recovery tests each scenario with an RTO needs, and which of them the workshop has scheduled. */
export function deriveReadinessPlan(fn: BusinessFunction, tests: readonly RecoveryTest[]): readonly PlannedTest[] {
  const design = fn.design.map((p) => p.kind);
  return SCENARIOS.filter((scenario) => fn.recovery[scenario] !== undefined).map((scenario) => {
    const everyDays = TEST_INTERVAL_DAYS[fn.tier];
    const scheduled = tests.find((t) => t.functionId === fn.id && t.scenario === scenario);
    return { functionId: fn.id, scenario, kind: TEST_FOR[scenario](design), everyDays, scheduledAs: scheduled?.id };
  });
}
