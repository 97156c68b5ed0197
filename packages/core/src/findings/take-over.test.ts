import { describe, expect, it } from 'vitest';
import { SCENARIOS, protectionKindSchema, type ProtectionKind, type Scenario } from '../model/index.ts';
import { codes, deriveWith, mail } from './test-fixtures.ts';

// Regression: with `design: [{ kind: backup-restore }]` RESTORE_EXCEEDS_RTO stayed quiet although the restore
// took longer than the RTO, because backup and restore "protects" every scenario — but it is the restore.

/** Which scenarios each design kind brings a second copy into service for (DOMAIN.md, Exchange 2007 HA). */
const TAKES_OVER: Readonly<Record<ProtectionKind, readonly Scenario[]>> = {
  'backup-restore': [],
  lcr: [],
  ccr: ['component-failure'],
  scc: [],
  scr: ['site-loss', 'data-corruption'],
  'load-balanced-pool': [],
  'transport-redundancy': [],
  dag: ['component-failure', 'site-loss'],
  'dag-lagged': ['data-corruption'],
  'synchronous-replication': ['component-failure', 'site-loss'],
};

/** The clean workshop restores 100 GB at 100 GB/h plus 30 min: 5 400 s. */
const RESTORE_SECONDS = 5400;

function derive(
  kind: ProtectionKind | undefined,
  scenario: Scenario,
  rtoSeconds: number,
  rpoSeconds: number | string = '24h',
) {
  return deriveWith((w) => {
    mail(w).design = kind ? [{ kind }] : [];
    mail(w).recovery = { [scenario]: { rpoSeconds, rtoSeconds } };
  });
}

const cases = protectionKindSchema.options.flatMap((kind) => SCENARIOS.map((scenario) => [kind, scenario] as const));

describe('RESTORE_EXCEEDS_RTO judged by what each design kind does', () => {
  it.each(cases)('%s on %s: fires one second over the RTO unless the kind takes over', (kind, scenario) => {
    const fires = codes(derive(kind, scenario, RESTORE_SECONDS - 1)).includes('RESTORE_EXCEEDS_RTO');
    expect(fires).toBe(!TAKES_OVER[kind].includes(scenario));
  });

  it.each(cases)('%s on %s: near miss, quiet when the restore takes exactly the RTO', (kind, scenario) => {
    expect(codes(derive(kind, scenario, RESTORE_SECONDS))).not.toContain('RESTORE_EXCEEDS_RTO');
  });

  it('fires for a backup-only function written as the docs say', () => {
    const result = derive('backup-restore', 'component-failure', 1800);
    expect(result.findings.find((f) => f.code === 'RESTORE_EXCEEDS_RTO')?.message).toContain(
      'no replica can take over',
    );
  });

  it('an SCR standby without replay lag holds no state from before a corruption', () => {
    const result = deriveWith((w) => {
      mail(w).design = [{ kind: 'scr', replayLagSeconds: 0 }];
      mail(w).recovery = { 'data-corruption': { rpoSeconds: '24h', rtoSeconds: RESTORE_SECONDS - 1 } };
    });
    expect(codes(result)).toContain('RESTORE_EXCEEDS_RTO');
  });
});

describe('RPO_NEEDS_REPLICATION judged by what each design kind does', () => {
  const replicated = SCENARIOS.filter((s) => s !== 'data-corruption').flatMap((scenario) =>
    protectionKindSchema.options.map((kind) => [kind, scenario] as const),
  );

  it.each(replicated)(
    '%s on %s: an RPO one second below the backup interval needs a copy that takes over',
    (kind, scenario) => {
      const fires = codes(derive(kind, scenario, 10 * RESTORE_SECONDS, 24 * 3600 - 1)).includes(
        'RPO_NEEDS_REPLICATION',
      );
      expect(fires).toBe(!TAKES_OVER[kind].includes(scenario));
    },
  );

  it.each(replicated)('%s on %s: near miss, quiet when the RPO equals the backup interval', (kind, scenario) => {
    expect(codes(derive(kind, scenario, 10 * RESTORE_SECONDS, 24 * 3600))).not.toContain('RPO_NEEDS_REPLICATION');
  });
});

describe('NEEDS_AUTOMATIC_FAILOVER judged by what each design kind does', () => {
  /** Kinds that people activate by hand, with the planning time it takes; the others fail over by themselves or restore. */
  const MANUAL: Partial<Record<ProtectionKind, number>> = { lcr: 30 * 60, scr: 3600, 'dag-lagged': 4 * 3600 };

  function withBudget(kind: ProtectionKind, monthlyBudgetSeconds: number) {
    return deriveWith((w) => {
      mail(w).design = [{ kind }];
      mail(w).recovery = {};
      mail(w).availability = {
        toleratedDowntime: { downtimeSeconds: monthlyBudgetSeconds, per: 'month' },
        provenance: { source: 'business', requestedBy: 'Sales', rationale: 'r' },
      };
    });
  }

  it.each(protectionKindSchema.options)(
    '%s: fires when the monthly budget is a second shorter than a manual activation',
    (kind) => {
      const activation = MANUAL[kind];
      const fires = codes(withBudget(kind, (activation ?? 3600) - 1)).includes('NEEDS_AUTOMATIC_FAILOVER');
      expect(fires).toBe(activation !== undefined);
    },
  );

  it.each(protectionKindSchema.options)('%s: near miss, quiet when the budget covers the activation', (kind) => {
    expect(codes(withBudget(kind, (MANUAL[kind] ?? 3600) + 1))).not.toContain('NEEDS_AUTOMATIC_FAILOVER');
  });
});
