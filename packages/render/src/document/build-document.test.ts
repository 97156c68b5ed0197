import { describe, expect, it } from 'vitest';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { buildDocument } from './build-document.ts';
import type { Block, Section } from './document-model.ts';
import { FINDING_HOME, FINDING_TITLE, type FindingCode } from './finding-views.ts';

const published = inputFor(messagingRequirements(), PUBLISHED);
const model = buildDocument(published);
const [sla, justification] = model.parts;

function blocksOf(section: Section): Block[] {
  return [...section.blocks, ...section.subsections.flatMap(blocksOf)];
}

function textOf(section: Section): string {
  return JSON.stringify(blocksOf(section));
}

function section(part: typeof sla, title: string): Section {
  const found = part?.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}

describe('buildDocument', () => {
  it('lays out the SLA in the SPEC order and the justification after it', () => {
    expect(sla?.sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Document control',
      '2 Document history',
      '3 Parties and sign-off',
      '4 Service and scope',
      '5 Out of scope',
      '6 Service hours',
      '7 Availability commitments',
      '8 How availability is measured',
      '9 Maintenance windows',
      '10 Disaster declaration and change notice',
      '11 Continuity: recovery point and recovery time',
      '12 Support',
      '13 Contacts and response clocks',
      '14 Backup and retention',
      '15 Responsibilities',
      '16 Security and data protection',
      '17 Exclusions',
      '18 Error budget policy',
      '19 When a target is missed',
      '20 Reporting and review',
      '21 Open issues',
      '22 Glossary',
    ]);
    expect(justification?.sections.map((s) => s.title)).toEqual([
      'Executive summary',
      'Basis',
      'Mailbox access',
      'Mail flow',
      'Webmail (Outlook Web Access)',
      'Mobile sync (ActiveSync)',
      'Support, maintenance and backup',
      'Open issues',
      'Decision log',
      'Attendance',
      'Appendix: finding codes',
    ]);
    expect(justification?.sections[2]?.subsections.map((s) => s.number)).toEqual(['3.1', '3.2', '3.3', '3.4']);
  });

  it('shows each finding once in the SLA, in the section it is about', () => {
    const shown = (sla?.sections ?? []).flatMap((s) =>
      blocksOf(s).flatMap((b) => (b.kind === 'findings' ? b.findings.map((f) => [s.id, f] as const) : [])),
    );
    const home = {
      'sla-service-hours': 'service-hours',
      'sla-availability': 'availability',
      'sla-maintenance': 'maintenance',
      'sla-continuity': 'continuity',
      'sla-support': 'support',
      'sla-backup': 'backup',
      'sla-open-issues': 'open-issues',
    } as const;
    expect(shown).toHaveLength(published.record.derivation.findings.length);
    for (const [id, finding] of shown)
      expect(home[id as keyof typeof home]).toBe(FINDING_HOME[finding.code as FindingCode]);
  });

  it('justifies each commitment: who asked and why, alternatives with votes, the decision and the risks', () => {
    const mailbox = textOf(section(justification, 'Mailbox access'));
    expect(mailbox).toContain('Markus Brandt');
    expect(mailbox).toContain('an hour without mail during business hours costs');
    expect(mailbox).toContain('Agreed 30 minutes instead of 15');
    expect(mailbox).toContain('Mailbox server hardware failure');
    // 18 000 an hour × 15m 10s = 4 552; × 3h 2m 5s = 54 624, in the workshop's currency (budgets said in whole minutes).
    expect(mailbox).toContain(
      'Downtime costs EUR 18 000 an hour: spending the whole monthly budget of 15m costs about EUR 4 552, the whole yearly budget of 3h 2m about EUR 54 624.',
    );
    // Without a recorded currency, none is invented.
    const requirements = messagingRequirements();
    const noCurrency = buildDocument(
      inputFor({ ...requirements, meta: { ...requirements.meta, currency: undefined } }, PUBLISHED),
    ).parts[1];
    expect(textOf(section(noCurrency as typeof justification, 'Mailbox access'))).toContain(
      'Downtime costs 18 000 an hour (the amount recorded in the requirements, which name no currency): spending the whole monthly budget of 15m costs about 4 552,',
    );
    const webmail = section(justification, 'Webmail (Outlook Web Access)');
    const availability = JSON.stringify(webmail.subsections[0]?.blocks);
    expect(availability).toContain('Field staff are as dependent on webmail');
    expect(availability).toContain('1 for (Markus Brandt); 1 against (Messaging team)');
  });

  it('cites a blind vote not yet revealed by its count only, and a revealed one with its votes', () => {
    const requirements = messagingRequirements();
    const [open] = requirements.proposals;
    if (!open) throw new Error('no proposal in the fixture');
    const blind = { ...open, ballot: 'blind' as const, revealed: false, votes: [], votesCast: 3 };
    const hidden = buildDocument(inputFor({ ...requirements, proposals: [blind] }, PUBLISHED)).parts[1];
    const hiddenText = JSON.stringify(
      section(hidden as typeof justification, 'Webmail (Outlook Web Access)').subsections[0]?.blocks,
    );
    expect(hiddenText).toContain('blind vote: 3 votes cast, hidden until reveal');
    expect(hiddenText).not.toContain('Markus Brandt');
    const revealed = { ...open, ballot: 'blind' as const, revealed: true };
    const shown = buildDocument(inputFor({ ...requirements, proposals: [revealed] }, PUBLISHED)).parts[1];
    expect(
      JSON.stringify(section(shown as typeof justification, 'Webmail (Outlook Web Access)').subsections[0]?.blocks),
    ).toContain('1 for (Markus Brandt); 1 against (Messaging team) (blind vote, revealed)');
  });

  it('says why each cheaper design fails, with the numbers', () => {
    const recovery = section(justification, 'Mailbox access').subsections.find(
      (s) => s.title === 'Recovery objectives and design',
    );
    const text = JSON.stringify(recovery?.blocks);
    expect(text).toContain('a restore loses everything since the last backup (up to 1d), more than the RPO of 5m');
    expect(text).toContain('activation 1h + replay of 72050 waiting logs at 36000 logs/h (2h 5s)');
    expect(text).toContain('restore the one corrupted database (200 GB)');
    expect(text).toContain('Cluster continuous replication (CCR)');
  });

  it('lists the attendance and the decision log', () => {
    expect(textOf(section(justification, 'Attendance'))).toContain('Anna Keller');
    expect(textOf(section(justification, 'Decision log'))).toContain('Mailbox access: Component failure RTO');
  });

  it('marks a draft and lists the workshop sponsors as pending', () => {
    const draft = buildDocument(inputFor(messagingRequirements(), null));
    expect(draft.identity.draft).toBe(true);
    expect(draft.identity.versionLabel).toBe('Draft — not published');
    expect(draft.signOff.state).toBe('draft');
    expect(draft.signOff.sponsors.map((s) => [s.name, s.statusText])).toEqual([
      ['Dr. Karin Vogt', 'Pending'],
      ['Markus Brandt', 'Pending'],
    ]);
  });

  it('states approval, rejection and pending signatures of a published version', () => {
    const approved = buildDocument(
      inputFor(messagingRequirements(), PUBLISHED, {
        approved: true,
        sponsors: [{ name: 'Dr. Karin Vogt', status: 'signed', at: '2026-11-22T09:10:00.000Z' }],
      }),
    );
    expect(approved.signOff.state).toBe('approved');
    expect(approved.identity.status).toBe('Approved: every sponsor has signed this version.');
    expect(approved.signOff.sponsors[0]?.statusText).toBe('Signed 2026-11-22 09:10 UTC');
    const rejected = buildDocument(
      inputFor(messagingRequirements(), PUBLISHED, {
        approved: false,
        sponsors: [
          { name: 'Markus Brandt', status: 'rejected', comment: 'Webmail first.' },
          { name: 'Dr. Karin Vogt', status: 'signed' },
        ],
      }),
    );
    expect(rejected.signOff.state).toBe('rejected');
    expect(rejected.signOff.statusLine).toBe('Rejected by Markus Brandt; 1 of 2 signed.');
    expect(buildDocument(published).signOff.statusLine).toBe('Published, awaiting sign-off: 0 of 2 sponsors signed.');
  });

  it('never approves a draft, whatever the sign-off state says', () => {
    const draft = buildDocument(inputFor(messagingRequirements(), null, { approved: true, sponsors: [] }));
    expect(draft.signOff.approved).toBe(false);
  });

  it('states the budget convention', () => {
    expect(model.convention).toBe(published.record.derivation.convention);
    expect(textOf(section(sla, 'Availability commitments'))).toContain('365.2425 days');
  });

  it('names scheduled tests and decisions in words, and flags a decision the field has moved on from', () => {
    expect(textOf(section(sla!, 'Continuity: recovery point and recovery time'))).toContain(
      'Failover drill every 90 days, last run 2026-09-14',
    );
    const requirements = messagingRequirements();
    const changed = {
      ...requirements,
      functions: requirements.functions.map((f) =>
        f.id === 'mailbox-access'
          ? {
              ...f,
              recovery: {
                ...f.recovery,
                'component-failure': { ...f.recovery['component-failure']!, rtoSeconds: 4 * 3600 },
              },
            }
          : f,
      ),
    };
    const mailbox = buildDocument(inputFor(changed, PUBLISHED)).parts[1]?.sections.find(
      (s) => s.title === 'Mailbox access',
    );
    expect(textOf(mailbox!)).toContain('30m (since changed to 4h)');
    const unchangedMailbox = justification?.sections.find((s) => s.title === 'Mailbox access');
    expect(textOf(unchangedMailbox!)).not.toContain('since changed');
  });

  it("compares a 24x7 monitoring tool's budget with the agreement's instead of calling the tool stricter", () => {
    const reporting = section(sla!, 'Reporting and review');
    const text = textOf(reporting);
    expect(text).not.toContain('stricter');
    const table = reporting.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no comparison table');
    // 99.9 % of service hours allows 15m 10s a month; a tool counting every minute allows 43m 50s (uptime.is): whole minutes.
    expect(table.rows.find((r) => r[0]?.text === 'Mailbox access')?.map((c) => c.text)).toEqual([
      'Mailbox access',
      '99.9 %',
      '252.9 h of 730.5 h',
      '15m',
      '43m',
    ]);
    expect(table.rows.find((r) => r[0]?.text === 'Mobile sync (ActiveSync)')?.[4]?.text).toBe('7h 18m');
  });

  it('says when a scheduled recovery test runs less often than the need it covers', () => {
    const continuity = section(sla!, 'Continuity: recovery point and recovery time');
    const readiness = continuity.blocks.filter((b) => b.kind === 'table')[1];
    if (readiness?.kind !== 'table') throw new Error('no readiness table');
    expect(readiness.columns.map((c) => c.label)).toContain('Needed every');
    const corruption = readiness.rows.find((r) => r[1]?.text === 'Data corruption');
    expect(corruption?.[3]?.text).toBe('91 days');
    expect(corruption?.[4]).toEqual({
      text: 'Restore test every 182 days, last run 2026-06-02: less often than needed',
      tone: 'warning',
    });
    const failover = readiness.rows.find((r) => r[0]?.text === 'Mailbox access' && r[1]?.text === 'Component failure');
    expect(failover?.[4]).toEqual({ text: 'Failover drill every 90 days, last run 2026-09-14', tone: 'ok' });
  });

  it('names each design once, pattern and platform term side by side, without nested parentheses', () => {
    const mailFlow = textOf(section(justification!, 'Mail flow'));
    expect(mailFlow).toContain(
      'Least costly option that meets it: Redundant store-and-forward transport — Several Hub Transport servers per site, several Edge Transport servers behind several MX records',
    );
    expect(mailFlow).not.toContain('Synchronous storage replication');
    const mailbox = section(justification!, 'Mailbox access');
    const names = blocksOf(mailbox).flatMap((b) =>
      b.kind === 'table' && b.columns[0]?.label === 'Cheaper option' ? b.rows.map((r) => r[0]?.text ?? '') : [],
    );
    expect(names).toHaveLength(4);
    for (const name of names) expect(name).not.toMatch(/\([^()]*\([^()]*\)\)/);
  });

  it('says what each finding means in words, and keeps its code for the appendix', () => {
    const open = section(sla!, 'Open issues');
    const table = open.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no open-issues table');
    expect(table.columns.map((c) => c.label)).toEqual(['Severity', 'Issue', 'Where', 'Stated in']);
    expect(table.rows[0]?.map((c) => c.text)).toEqual([
      'error',
      'The dependencies cannot deliver the target',
      'Mail flow',
      'Part I §7',
    ]);
    const appendix = section(justification!, 'Appendix: finding codes').blocks.find((b) => b.kind === 'table');
    if (appendix?.kind !== 'table') throw new Error('no appendix table');
    expect(appendix.rows[0]?.map((c) => c.text)).toEqual([
      'DEPENDENCIES_CAP_AVAILABILITY',
      'The dependencies cannot deliver the target',
      'Part I §7',
    ]);
    for (const code of Object.keys(FINDING_TITLE)) expect(FINDING_TITLE[code as FindingCode]).not.toMatch(/_/);
  });

  it('lists a finding raised for two records once in the justification', () => {
    const open = section(justification!, 'Open issues');
    const table = open.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no service-wide findings table');
    const titles = table.rows.map((r) => r[0]?.text);
    expect(titles.length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);
    const retention = published.record.derivation.findings.filter((f) => f.code === 'RETENTION_NEEDS_ARCHIVE');
    expect(retention.length).toBeGreaterThan(1);
    expect(titles.filter((t) => t === FINDING_TITLE.RETENTION_NEEDS_ARCHIVE)).toHaveLength(1);
  });

  it('tells a sponsor which recommended designs are not in place yet', () => {
    const continuity = section(sla!, 'Continuity: recovery point and recovery time');
    const objectives = continuity.blocks.find((b) => b.kind === 'table');
    if (objectives?.kind !== 'table') throw new Error('no objectives table');
    const row = (fn: string, scenario: string): string[] | undefined =>
      objectives.rows.find((r) => r[0]?.text === fn && r[1]?.text === scenario)?.map((c) => c.text);
    expect(row('Mailbox access', 'Component failure')?.slice(4)).toEqual([
      'CCR, SCR, backup and restore',
      'Cluster continuous replication (CCR)',
    ]);
    expect(row('Mail flow', 'Component failure')?.[4]).toBe(
      'redundant transport, CCR, SCR, backup and restore (inherited from Mailbox access)',
    );
    // Webmail reads the mailboxes: the CCR of Mailbox access is in place for it, not a missing design.
    expect(row('Webmail (Outlook Web Access)', 'Component failure')?.slice(4)).toEqual([
      'load-balanced pool, CCR, SCR, backup and restore (inherited from Mailbox access)',
      'Several servers behind network load balancing or a hardware load balancer',
    ]);
    expect(row('Mobile sync (ActiveSync)', 'Component failure')?.[4]).toBe(
      'CCR, SCR, backup and restore (inherited from Mailbox access)',
    );
    expect(row('Mobile sync (ActiveSync)', 'Component failure')?.[5]).toContain(
      'Mobile sync gateway: run a second instance behind the load balancers — not in place yet',
    );
    expect(textOf(continuity)).toContain(
      'Mobile sync gateway (Mobile sync (ActiveSync)): run a second instance behind the load balancers',
    );
  });

  it('names the service-hours calendar as a calendar and counts holidays in words', () => {
    const hours = textOf(section(sla!, 'Service hours'));
    expect(hours).toContain(
      'Service hours follow the calendar “Business hours”: Mon–Fri 07:00–19:00, except 12 holidays.',
    );
    const support = section(sla!, 'Support').blocks.find((b) => b.kind === 'table');
    expect(support?.kind === 'table' ? support.columns.map((c) => c.label) : []).toContain('Covers a full outage');
  });

  it('states the availability commitment in a sentence before its numbers', () => {
    const first = section(sla!, 'Availability commitments').blocks[0];
    expect(first).toEqual({
      kind: 'paragraph',
      text: "The provider commits that in every calendar month each business function in the table below is down for no longer than its budget for that month: (1 − target) × the month's measured time, counted in whole minutes as the measurement counts downtime. Months differ in length, holidays and maintenance, so the budget differs from month to month: the table gives it for the mean month and for the tightest month of the twelve ahead; How availability is measured gives the exact figures. Downtime beyond the budget misses the commitment for that month, and the error budget policy applies.",
    });
    // Never "in every month" beside mean-month budgets alone.
    const table = section(sla!, 'Availability commitments').blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' ? table.columns.map((c) => c.label) : []).toEqual([
      'Business function',
      'Target',
      'Measured over',
      'Per day',
      'Per week',
      'Per month (mean)',
      'Tightest month',
      'Per quarter',
      'Per year',
    ]);
  });

  it('gives the version number once in document control, not "Version: Version 3"', () => {
    const control = section(sla!, 'Document control').blocks[0];
    const rows = control?.kind === 'facts' ? control.rows : [];
    expect(rows.find(([label]) => label === 'Version')?.[1]).toBe('3');
    const draft = buildDocument(inputFor(messagingRequirements(), null)).parts[0]?.sections[0]?.blocks[0];
    expect(draft?.kind === 'facts' ? draft.rows.find(([label]) => label === 'Version')?.[1] : undefined).toBe(
      'none yet: a draft gets its number when it is published',
    );
  });

  it('shows what a proposed alternative target would leave of the budget', () => {
    const webmail = JSON.stringify(section(justification!, 'Webmail (Outlook Web Access)').subsections[0]?.blocks);
    // 99.9 % of Webmail's 713.1 measured hours a month is 42m 47s, less than the 2h firmware window it carries.
    expect(webmail).toContain(
      '99.9 % would allow 42m of downtime a month instead of 3h 33m; counted maintenance (2h a month) alone would overspend it.',
    );
  });
});
