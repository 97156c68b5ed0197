import { describe, expect, it } from 'vitest';
import { backupPlanSchema, businessFunctionSchema, componentSchema, recoveryTestSchema, regulatoryRetentionSchema } from '../model/index.ts';
import { deriveBackupPlan } from './backup-plan.ts';
import { recommendHa } from './ha-recommendation.ts';
import { deriveReadinessPlan } from './readiness-plan.ts';

const plan = backupPlanSchema.parse({
  id: 'nightly', name: 'Nightly', intervalSeconds: '24h', retentionDays: 30, offsiteCopies: 1,
  restoreThroughputGbPerHour: 100, restoreOverheadSeconds: '30m',
});
const mailbox = (recovery: Record<string, unknown>, extra: Record<string, unknown> = {}) => businessFunctionSchema.parse({
  id: 'mailbox', name: 'Mailbox access', tier: 'critical', dataSizeGb: 600, recovery, ...extra,
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
      { 'component-failure': { rpoSeconds: '15m', rtoSeconds: '1h' }, 'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' } },
      { design: [{ kind: 'scr', replayLagSeconds: 0 }] },
    );
    const result = recommendHa(fn, ctx);
    expect(result.perScenario.find((s) => s.scenario === 'site-loss')?.chosen?.option).toBe('scr');
    expect(result.summary).toContain('Standby continuous replication (SCR)');
  });

  it('recommends SCR with a shorter replay lag when the default 24 h would miss a 4 h site RTO', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' } }), ctx);
    expect(result.perScenario[0]?.chosen?.option).toBe('scr');
    expect(result.perScenario[0]?.chosen?.conditions).toEqual(['set the SCR replay lag to at most 3h (default 24 h)']);
  });

  it('moves on to a multi-site DAG when even manual SCR activation misses the site RTO', () => {
    const result = recommendHa(mailbox({ 'site-loss': { rpoSeconds: '1h', rtoSeconds: '30m' } }), ctx);
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toContain('recovery takes 1d 1h');
    expect(result.perScenario[0]?.chosen?.option).toBe('dag');
  });

  it('says that no asynchronous replication reaches RPO 0', () => {
    const result = recommendHa(mailbox({ 'component-failure': { rpoSeconds: 0, rtoSeconds: '1h' } }), ctx);
    expect(result.perScenario[0]?.chosen?.option).toBe('synchronous-replication');
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'ccr')?.reasons.join()).toContain('RPO 0 is out of reach');
  });

  it('turns to a lagged copy for data corruption with a tight RPO: on this platform, SCR with a replay lag', () => {
    const result = recommendHa(mailbox({ 'data-corruption': { rpoSeconds: '15m', rtoSeconds: '8h' } }), ctx);
    const chosen = result.perScenario[0]?.chosen;
    expect(chosen?.option).toBe('scr');
    expect(chosen?.conditions).toEqual([
      'set the SCR replay lag to at most 7h (default 24 h)',
      'find a corruption within the replay lag (7h): after that the standby holds it too',
    ]);
    expect(result.perScenario[0]?.rejected.map((r) => r.option)).toEqual(['backup-restore']);
  });

  it('takes a lagged DAG copy where an SCR standby cannot be activated in time', () => {
    const result = recommendHa(mailbox({ 'data-corruption': { rpoSeconds: '15m', rtoSeconds: '5h' } }, { design: [{ kind: 'scr', activationSeconds: 6 * 3600 }] }), ctx);
    expect(result.perScenario[0]?.chosen?.option).toBe('dag-lagged');
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toMatch(/recovery takes/);
  });

  it('refuses an SCR standby without replay lag as protection against corruption', () => {
    const result = recommendHa(mailbox({ 'data-corruption': { rpoSeconds: '15m', rtoSeconds: '8h' } }, { design: [{ kind: 'scr', replayLagSeconds: 0 }] }), ctx);
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'scr')?.reasons.join()).toMatch(/replays a corruption/);
  });

  it('rejects manual activation at 99.99 % even when its time would fit', () => {
    const fn = mailbox({ 'component-failure': { rpoSeconds: '1h', rtoSeconds: '1h' } }, { availability: { targetPercent: 99.99 } });
    const result = recommendHa({ ...fn, recovery: fn.recovery }, { ...ctx, backupPlan: undefined });
    expect(result.perScenario[0]?.rejected.find((r) => r.option === 'lcr')?.reasons.join()).toContain('must not rely on people');
  });

  it('advises load-balanced pools for stateless roles', () => {
    const cas = componentSchema.parse({ id: 'cas', name: 'Client Access', role: 'client-access', stateless: true, availability: { kind: 'percent', percent: 99.9 } });
    const result = recommendHa(mailbox({}), { ...ctx, components: [cas] });
    expect(result.statelessRoles[0]?.advice).toContain('network load balancing');
  });
});

describe('deriveBackupPlan', () => {
  const archive = regulatoryRetentionSchema.parse({ id: 'hgb', name: 'Commercial letters', reference: 'HGB §257', retentionDays: 3650 });

  it('takes its frequency from the corruption RPO and its retention from regulation', () => {
    const fn = mailbox({ 'data-corruption': { rpoSeconds: '4h', rtoSeconds: '8h' } });
    const derived = deriveBackupPlan(fn, [archive], plan);
    expect(derived.intervalSeconds).toBe(4 * 3600);
    expect(derived.retentionDays).toBe(3650);
    expect(derived.gaps).toEqual(['backups every 1d; the RPO needs every 4h', 'retention 30 days; Commercial letters (HGB §257) needs 3650']);
  });

  it('asks for an off-site copy when a site can be lost', () => {
    const derived = deriveBackupPlan(mailbox({ 'site-loss': { rpoSeconds: '24h', rtoSeconds: '3d' } }), [], { ...plan, offsiteCopies: 0 });
    expect(derived.offsiteCopies).toBe(1);
    expect(derived.gaps).toContain('no off-site copy, yet the site-loss scenario needs one');
  });
});

describe('deriveReadinessPlan', () => {
  it('plans a drill per scenario with an RTO and links the scheduled ones', () => {
    const fn = mailbox({ 'component-failure': { rpoSeconds: '5m', rtoSeconds: '1h' }, 'site-loss': { rpoSeconds: '1h', rtoSeconds: '4h' } }, { design: [{ kind: 'ccr' }, { kind: 'scr' }] });
    const test = recoveryTestSchema.parse({ id: 'drill', functionId: 'mailbox', scenario: 'component-failure', kind: 'failover-drill', everyDays: 90 });
    expect(deriveReadinessPlan(fn, [test])).toEqual([
      { functionId: 'mailbox', scenario: 'component-failure', kind: 'failover-drill', everyDays: 91, scheduledAs: 'drill' },
      { functionId: 'mailbox', scenario: 'site-loss', kind: 'site-switchover', everyDays: 91, scheduledAs: undefined },
    ]);
  });
});
