import { describe, expect, it } from 'vitest';
import {
  backupPlanSchema,
  businessFunctionSchema,
  componentSchema,
  recoveryTestSchema,
  regulatoryRetentionSchema,
} from '../model/index.ts';
import { deriveBackupPlan } from './backup-plan.ts';
import { recommendHa } from './ha-recommendation.ts';
import { deriveReadinessPlan } from './readiness-plan.ts';

const plan = backupPlanSchema.parse({
  id: 'nightly',
  name: 'Nightly',
  intervalSeconds: '24h',
  retentionDays: 30,
  offsiteCopies: 1,
  restoreThroughputGbPerHour: 100,
  restoreOverheadSeconds: '30m',
});
const mailbox = (recovery: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  businessFunctionSchema.parse({
    id: 'mailbox',
    name: 'Mailbox access',
    tier: 'critical',
    dataSizeGb: 600,
    recovery,
    ...extra,
  });
const ctx = { backupPlan: plan, budgetPerMonthSeconds: 2630, components: [] };

describe('recommendHa', () => {
  it('keeps backup and restore when the objectives allow a full restore', () => {
    const result = recommendHa(mailbox({ 'component-failure': { rpoSeconds: '24h', rtoSeconds: '2d' } }), ctx);
    expect(result.perScenario[0]?.chosen?.option).toBe('backup-restore');
    expect(result.perScenario[0]?.rejected).toEqual([]);
  });

  it('chooses CCR for a one-hour RTO on server failure and says why the cheaper options fail', () => {
    const result = recommendHa(mailbox({ 'component-failure': { rpoSeconds: '15m', rtoSeconds: '1h' } }), ctx);
    const scenario = result.perScenario[0];
    expect(scenario?.chosen?.option).toBe('ccr');
    const reasons = Object.fromEntries(scenario?.rejected.map((r) => [r.option, r.reasons.join('; ')]) ?? []);
    expect(reasons['backup-restore']).toContain('recovery takes 6h 30m, more than the RTO of 1h');
    expect(reasons.lcr).toContain('does not protect against component failure: a second copy on a second disk set');
    expect(reasons.lcr).not.toMatch(/\(A second|server\.\)/);
    expect(reasons.scc).toContain('single point of failure');
    expect(result.design.map((d) => d.platformTerm)).toContain('Cluster continuous replication (CCR)');
  });

  it('rejects backup and restore for RPO 0 because a restore loses what came after the last backup', () => {
    const result = recommendHa(mailbox({ 'component-failure': { rpoSeconds: '0s', rtoSeconds: '1h' } }), ctx);
    const backup = result.perScenario[0]?.rejected.find((r) => r.option === 'backup-restore')?.reasons.join('; ');
    expect(backup).toContain('a restore loses everything since the last backup');
    expect(backup).toContain('RPO 0 allows no loss');
    expect(backup).not.toContain('in flight');
  });

  it('adds a standby copy with a short lag for site loss', () => {
    const fn = mailbox(
      {
        'component-failure': { rpoSeconds: '15m', rtoSeconds: '1h' },
        'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' },
      },
      { design: [{ kind: 'scr', replayLagSeconds: 0 }] },
    );
    const result = recommendHa(fn, ctx);
    expect(result.perScenario.find((s) => s.scenario === 'site-loss')?.chosen?.option).toBe('scr');
    expect(result.summary).toContain('Standby continuous replication (SCR)');
  });

  // 3 000 logs an hour, replayed at 36 000 an hour in a drill: a 24 h lag holds 72 050 logs, two hours of replay.
  const measured = { logsPerHour: 3000 };
  const scrMeasured = (extra: Record<string, unknown> = {}) => ({
    design: [{ kind: 'scr', replayRateLogsPerHour: 36_000, ...extra }],
    ...measured,
  });

  it('times SCR activation as the activation steps plus replaying the waiting logs, not plus the lag', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' } }, scrMeasured()), ctx);
    const chosen = result.perScenario[0]?.chosen;
    expect(chosen?.option).toBe('scr');
    expect(chosen?.rtoSeconds).toBeCloseTo(3600 + (72_050 / 36_000) * 3600, 6);
    expect(chosen?.conditions.join()).toContain('activation 1h + replay of 72050 waiting logs at 36000 logs/h (2h 5s)');
  });

  it('recommends a shorter replay lag, and says changing it means re-enabling SCR, when replay would miss the RTO', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '2h' } }, scrMeasured()), ctx);
    const chosen = result.perScenario[0]?.chosen;
    expect(chosen?.option).toBe('scr');
    // (2h − 1h) × 36 000 − 50 logs replay in time: 35 950 logs ÷ 3 000 an hour = 11h 59m of lag, in whole minutes.
    expect(chosen?.conditions[0]).toBe(
      'set the replay lag to at most 11h 59m (default 1d): it is fixed when SCR is enabled, so changing it means disabling and re-enabling SCR; 50 logs stay un-replayed whatever the lag',
    );
  });

  it('cannot time SCR without the log and replay rates, and says which to measure', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' } }), ctx);
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toContain(
      'needs the log generation rate and the replay rate measured in a switchover drill',
    );
  });

  it('moves on to a multi-site DAG when SCR misses the site RTO on a platform that has DAGs', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '30m' } }, scrMeasured()), {
      ...ctx,
      platform: 'exchange-2010',
    });
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toContain(
      'recovery takes 3h',
    );
    expect(result.perScenario[0]?.chosen?.option).toBe('dag');
  });

  it('never offers a DAG on Exchange 2007: only as requiring an upgrade to Exchange Server 2010', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '30m' } }, scrMeasured()), {
      ...ctx,
      platform: 'exchange-2007',
    });
    const plan = result.perScenario[0];
    expect(plan?.chosen?.option).not.toBe('dag');
    const dag = plan?.rejected.find((r) => r.option === 'dag');
    expect(dag?.requiresUpgradeTo).toBe('Exchange Server 2010');
    expect(dag?.reasons[0]).toBe('requires an upgrade to Exchange Server 2010: not available on Exchange Server 2007');
    expect(result.design.map((d) => d.option)).not.toContain('dag');
  });

  it('names the upgrade when nothing on Exchange 2007 meets the objective', () => {
    // A corruption found after 30 h is already in the SCR copy (24 h lag); a 7-day lagged DAG copy still holds the state before it.
    const fn = mailbox(
      { 'data-corruption': { rpoSeconds: '2d', rtoSeconds: '20h' } },
      { ...scrMeasured(), corruptionDetectionSeconds: '30h' },
    );
    const result = recommendHa(fn, { ...ctx, backupPlan: undefined, platform: 'exchange-2007' });
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toContain(
      'a corruption found after 1d 6h is already replayed into the copy (lag 1d)',
    );
    expect(result.perScenario[0]?.chosen).toBeUndefined();
    expect(result.perScenario[0]?.upgrade?.option).toBe('dag-lagged');
    expect(result.summary).toContain('would meet data corruption but requires an upgrade to Exchange Server 2010');
  });

  it('counts the loss of a lagged copy on corruption as the time until it is found, up to the lag', () => {
    const unknown = recommendHa(
      mailbox({ 'data-corruption': { rpoSeconds: '15m', rtoSeconds: '8h' } }, scrMeasured()),
      ctx,
    );
    const scr = unknown.perScenario[0]?.rejected.find((r) => r.option === 'scr');
    expect(scr?.rpoSeconds).toBe(24 * 3600);
    expect(scr?.reasons.join()).toContain('loses up to 1d of data, more than the RPO of 15m');
    const found = recommendHa(
      mailbox(
        { 'data-corruption': { rpoSeconds: '1h', rtoSeconds: '8h' } },
        { ...scrMeasured(), corruptionDetectionSeconds: '1h' },
      ),
      ctx,
    );
    const chosen = found.perScenario[0]?.chosen;
    expect(chosen?.option).toBe('scr');
    expect(chosen?.rpoSeconds).toBe(3600);
    expect(chosen?.conditions.join()).toContain(
      'roll the copy forward to just before it and remove the later logs by hand',
    );
  });

  it('restores one database, not the whole store, after a corruption (2007 guidance: 200 GB with replication)', () => {
    // 1 800 GB at 250 GB/h + 1 h would take 8h 12m; one 200 GB database takes 1h 48m.
    const fn = mailbox(
      { 'data-corruption': { rpoSeconds: '24h', rtoSeconds: '8h' } },
      { dataSizeGb: 1800, design: [{ kind: 'ccr' }] },
    );
    const result = recommendHa(fn, {
      ...ctx,
      backupPlan: { ...plan, restoreThroughputGbPerHour: 250, restoreOverheadSeconds: 3600 },
    });
    expect(result.perScenario[0]?.chosen?.option).toBe('backup-restore');
    expect(result.perScenario[0]?.chosen?.rtoSeconds).toBeCloseTo((200 / 250) * 3600 + 3600, 6);
    const stated = recommendHa(
      { ...fn, databaseSizeGb: 150 },
      { ...ctx, backupPlan: { ...plan, restoreThroughputGbPerHour: 250, restoreOverheadSeconds: 3600 } },
    );
    expect(stated.perScenario[0]?.chosen?.rtoSeconds).toBeCloseTo((150 / 250) * 3600 + 3600, 6);
  });

  it('says that no asynchronous replication reaches RPO 0', () => {
    const result = recommendHa(mailbox({ 'component-failure': { rpoSeconds: 0, rtoSeconds: '1h' } }), ctx);
    expect(result.perScenario[0]?.chosen?.option).toBe('synchronous-replication');
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'ccr')?.reasons.join()).toContain(
      'RPO 0 is out of reach',
    );
  });

  it('refuses an SCR standby without replay lag as protection against corruption', () => {
    const result = recommendHa(
      mailbox(
        { 'data-corruption': { rpoSeconds: '15m', rtoSeconds: '8h' } },
        { design: [{ kind: 'scr', replayLagSeconds: 0 }] },
      ),
      ctx,
    );
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toMatch(
      /replays a corruption/,
    );
  });

  it('rejects manual activation at 99.99 % even when its time would fit', () => {
    const fn = mailbox(
      { 'component-failure': { rpoSeconds: '1h', rtoSeconds: '1h' } },
      { availability: { targetPercent: 99.99 } },
    );
    const result = recommendHa({ ...fn, recovery: fn.recovery }, { ...ctx, backupPlan: undefined });
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'lcr')?.reasons.join()).toContain(
      'must not rely on people',
    );
  });

  it('advises load-balanced pools for stateless roles', () => {
    const cas = componentSchema.parse({
      id: 'cas',
      name: 'Client Access',
      role: 'client-access',
      stateless: true,
      availability: { kind: 'percent', percent: 99.9 },
    });
    const result = recommendHa(mailbox({}), { ...ctx, components: [cas] });
    expect(result.statelessRoles[0]?.advice).toContain('network load balancing');
  });
});

describe('deriveBackupPlan', () => {
  const archive = regulatoryRetentionSchema.parse({
    id: 'hgb',
    name: 'Commercial letters',
    reference: 'HGB §257',
    retentionDays: 3650,
  });

  it('takes its frequency from the corruption RPO and its retention from regulation', () => {
    const fn = mailbox({ 'data-corruption': { rpoSeconds: '4h', rtoSeconds: '8h' } });
    const derived = deriveBackupPlan(fn, [archive], plan);
    expect(derived.intervalSeconds).toBe(4 * 3600);
    // Ten years are kept by journaling to an archive, not by backups.
    expect(derived.retentionDays).toBe(30);
    expect(derived.archive).toEqual([
      'Commercial letters (HGB §257): keep 10 years by journaling the mail to an archive, not by keeping backups',
    ]);
    expect(derived.gaps).toEqual(['backups every 1d; the RPO needs every 4h']);
  });

  it('asks for an off-site copy when a site can be lost', () => {
    const derived = deriveBackupPlan(mailbox({ 'site-loss': { rpoSeconds: '24h', rtoSeconds: '3d' } }), [], {
      ...plan,
      offsiteCopies: 0,
    });
    expect(derived.offsiteCopies).toBe(1);
    expect(derived.gaps).toContain('no off-site copy, yet the site-loss scenario needs one');
  });
});

describe('deriveReadinessPlan', () => {
  it('plans a drill per scenario with an RTO and links the scheduled ones', () => {
    const fn = mailbox(
      {
        'component-failure': { rpoSeconds: '5m', rtoSeconds: '1h' },
        'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' },
      },
      { design: [{ kind: 'ccr' }, { kind: 'scr' }] },
    );
    const test = recoveryTestSchema.parse({
      id: 'drill',
      functionId: 'mailbox',
      scenario: 'component-failure',
      kind: 'failover-drill',
      everyDays: 90,
    });
    expect(deriveReadinessPlan(fn, [test])).toEqual([
      {
        functionId: 'mailbox',
        scenario: 'component-failure',
        kind: 'failover-drill',
        everyDays: 91,
        scheduledAs: 'drill',
      },
      { functionId: 'mailbox', scenario: 'site-loss', kind: 'site-switchover', everyDays: 91, scheduledAs: undefined },
    ]);
  });
});
