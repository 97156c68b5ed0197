import { describe, expect, it } from 'vitest';
import { deriveSla } from '../derive/derive-sla.ts';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from './index.ts';

const derivation = deriveSla(requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements));
const fn = (id: string) => {
  const found = derivation.functions.find((f) => f.id === id);
  if (!found) throw new Error(`no function ${id}`);
  return found;
};
const requirements = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);
const codesFor = (id: string) => derivation.findings.filter((f) => f.functionId === id).map((f) => f.code);

describe('the messaging template on Exchange 2007', () => {
  it('never recommends a database availability group: DAGs came with Exchange 2010', () => {
    for (const f of derivation.functions) {
      expect(f.recommendation.design.map((d) => d.option)).not.toContain('dag');
      expect(f.recommendation.design.map((d) => d.option)).not.toContain('dag-lagged');
      for (const plan of f.recommendation.perScenario) {
        expect(['dag', 'dag-lagged']).not.toContain(plan.chosen?.option);
        for (const rejected of plan.rejected.filter((r) => r.option === 'dag' || r.option === 'dag-lagged')) {
          expect(rejected.requiresUpgradeTo).toBe('Exchange Server 2010');
        }
      }
    }
    expect(fn('mailbox-access').recommendation.perScenario.find((s) => s.scenario === 'site-loss')?.chosen?.option).toBe('scr');
  });

  it('protects mail flow with redundant transport, not with storage replication', () => {
    const mailFlow = fn('mail-flow');
    expect(mailFlow.holdsData).toBe(false);
    const plan = mailFlow.recommendation.perScenario.find((s) => s.scenario === 'component-failure');
    expect(plan?.chosen?.option).toBe('transport-redundancy');
    expect(plan?.chosen?.platformTerm).toContain('several Edge Transport servers behind several MX records');
    expect(plan?.chosen?.conditions.join(' ')).toContain('size the transport dumpster at about 1.5 × the largest message allowed (30 MB per storage group)');
    expect(mailFlow.recommendation.design.map((d) => d.option)).not.toContain('synchronous-replication');
    expect(codesFor('mail-flow')).not.toContain('RPO_ZERO_ASYNC_REPLICATION');
  });

  it('shows webmail and mobile sync with the mailbox protection they inherit, and names the one mobile gateway', () => {
    for (const id of ['webmail', 'mobile-sync']) {
      expect(fn(id).holdsData).toBe(false);
      expect(fn(id).design).toContainEqual({ kind: 'ccr', inheritedFrom: 'mailbox-access' });
      expect(fn(id).recommendation.design.map((d) => d.option)).not.toContain('ccr');
    }
    expect(fn('mobile-sync').recommendation.singlePointsOfFailure.map((p) => p.name)).toContain('Mobile sync gateway');
  });

  it('times SCR activation as activation plus replaying the waiting logs (3h), not activation plus the 24 h lag', () => {
    const site = fn('mailbox-access').recommendation.perScenario.find((s) => s.scenario === 'site-loss');
    expect(site?.chosen?.rtoSeconds).toBeCloseTo(3600 + (72_050 / 36_000) * 3600, 6);
  });

  it('restores one 200 GB database after a corruption instead of all 1 800 GB', () => {
    const corruption = fn('mailbox-access').recommendation.perScenario.find((s) => s.scenario === 'data-corruption');
    expect(corruption?.chosen?.option).toBe('backup-restore');
    expect(corruption?.chosen?.rtoSeconds).toBeCloseTo((200 / 250) * 3600 + 3600, 6);
  });

  it('restores no transport queues and keeps six- and ten-year records in an archive, not in backups', () => {
    expect(fn('mail-flow').restoreSeconds).toBeUndefined();
    expect(fn('mail-flow').backupPlan.needed).toBe(false);
    expect(derivation.findings.map((f) => f.code)).not.toContain('RETENTION_BELOW_REGULATORY');
    expect(fn('mailbox-access').backupPlan.archive.join(' ')).toContain('keep 10 years by journaling the mail to an archive');
  });

  it('finds the contradictions a reviewer found: resolution vs RTO, wider hours than upstream, disasters without objectives', () => {
    expect(codesFor('mailbox-access')).toContain('RESOLUTION_EXCEEDS_RTO');
    expect(codesFor('webmail')).toContain('WIDER_HOURS_THAN_UPSTREAM');
    expect(codesFor('mobile-sync')).toContain('WIDER_HOURS_THAN_UPSTREAM');
    expect(derivation.findings.find((f) => f.code === 'DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE')?.message).toContain('Mail flow, Webmail (Outlook Web Access), Mobile sync (ActiveSync) have none');
  });

  it('never offers an SCR copy as mail flow\'s site-loss protection: SCR copies mailbox databases only', () => {
    // Hard error 7: the site-loss risk read "SCR copy in Hamburg" as mail flow's mitigation.
    const siteLoss = requirements.risks.filter((r) => r.functionIds.includes('mail-flow') && /site|data centre/i.test(r.threat));
    expect(siteLoss.length).toBeGreaterThan(0);
    for (const risk of siteLoss) {
      expect(risk.mitigation).not.toMatch(/^SCR/);
      const mailFlowPart = risk.mitigation.slice(risk.mitigation.indexOf('Mail flow:'));
      expect(mailFlowPart).toContain('senders retry');
      expect(mailFlowPart).not.toContain('SCR');
      expect(risk.mitigation).toMatch(/Mailbox databases: SCR copy/);
    }
    expect(fn('mail-flow').recommendation.design.map((d) => d.option)).not.toContain('scr');
    expect(requirements.agreement?.disasterDeclaration.excludedFromAvailability).toBe(true);
  });
});
