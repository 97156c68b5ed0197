import { requirementsSchema, type Requirements } from '@accord/core/model';
import { describe, expect, it } from 'vitest';
import { inputFor, messagingRequirements, PUBLISHED } from '../render/test-support/fixtures.ts';
import { buildDocument } from './build-document.ts';
import type { Block, DocumentPart, Section } from './document-model.ts';

function blocksOf(section: Section): Block[] {
  return [...section.blocks, ...section.subsections.flatMap(blocksOf)];
}
const textOf = (section: Section): string => JSON.stringify(blocksOf(section));
function section(part: DocumentPart | undefined, title: string): Section {
  const found = part?.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section "${title}"`);
  return found;
}
const build = (requirements: Requirements) => buildDocument(inputFor(requirements, PUBLISHED)).parts;

/** The template without its agreement sections, as a file written before they existed. */
function withoutAgreement(): Requirements {
  const { agreement: _dropped, ...rest } = messagingRequirements();
  return requirementsSchema.parse({ ...rest, functions: rest.functions.map(({ measurement: _none, ...fn }) => fn) });
}

function withAgreement(): Requirements {
  const base = withoutAgreement();
  return requirementsSchema.parse({
    ...base,
    functions: base.functions.map((f) =>
      f.id === 'mailbox-access'
        ? {
            ...f,
            measurement: {
              probe: 'Synthetic Outlook logon opening a test mailbox',
              from: 'Frankfurt and Hamburg offices',
              partial: 'More than 10 % of users affected counts in full',
            },
          }
        : f,
    ),
    agreement: {
      responsibilities: {
        provider: ['Operate and patch the Exchange servers'],
        customer: ['Report incidents through the service desk'],
      },
      underpinningContracts: [{ supplier: 'Carrier AG', covers: 'Internet uplink', terms: '99.7 %, 4-hour repair' }],
      breach: {
        credits: 'None: internal service; a miss triggers a review',
        improvementPlan: 'After two missed months in a row',
      },
      desk: { howToReach: 'Phone +49 69 1234-100 or the portal', clocksRunIn: 'support-hours' },
      contacts: [{ side: 'customer', name: 'Markus Brandt', role: 'Service owner', contact: '+49 69 1234-500' }],
      investments: [
        {
          option: 'transport-redundancy',
          cost: 40000,
          yearlyCost: 5000,
          note: 'Second Edge server and a second carrier',
        },
      ],
    },
  });
}

describe('the agreement sections of the SLA', () => {
  it('still builds from a file without them, and names each gap as not agreed yet', () => {
    const [sla] = build(withoutAgreement());
    expect(textOf(section(sla, 'Responsibilities'))).toContain('Not agreed yet: the underpinning contracts');
    expect(textOf(section(sla, 'When a target is missed'))).toContain(
      'Not agreed yet: service credits, improvement plan',
    );
    expect(textOf(section(sla, 'Security and data protection'))).toContain('mailbox restores authorised by');
    expect(textOf(section(sla, 'Disaster declaration and change notice'))).toContain('disaster declared by');
    expect(textOf(section(sla, 'Contacts and response clocks'))).toContain(
      'whether response and resolution clocks run in support hours only',
    );
    expect(textOf(section(sla, 'Glossary'))).toContain('Transport dumpster');
    expect(textOf(section(sla, 'Document history'))).toContain('First version');
  });

  it('shows what the workshop agreed', () => {
    const [sla] = build(withAgreement());
    const responsibilities = textOf(section(sla, 'Responsibilities'));
    expect(responsibilities).toContain('Operate and patch the Exchange servers');
    expect(responsibilities).toContain('99.7 %, 4-hour repair');
    expect(textOf(section(sla, 'When a target is missed'))).toContain('None: internal service');
    const contacts = textOf(section(sla, 'Contacts and response clocks'));
    expect(contacts).toContain('an incident reported outside them starts its clock when support opens');
    expect(contacts).toContain('Markus Brandt');
  });

  it('says how availability is measured, with the shortest real month beside the mean one in whole minutes', () => {
    const [sla] = build(withAgreement());
    const measurement = section(sla, 'How availability is measured');
    const text = textOf(measurement);
    expect(text).toContain('Synthetic Outlook logon opening a test mailbox');
    expect(text).toContain(
      'Not agreed yet: how Mail flow, Webmail (Outlook Web Access), Mobile sync (ActiveSync) are probed',
    );
    const table = measurement.blocks.filter((b) => b.kind === 'table')[1];
    if (table?.kind !== 'table') throw new Error('no month table');
    expect(table.rows[0]?.map((c) => c.text)).toEqual([
      'Mailbox access',
      '15m 10s (15 min)',
      'May 2027: 216 h measured',
      '12m 58s',
      '12 min',
    ]);
  });
});

describe('the executive summary', () => {
  it('asks for the decision, names the conditions and compares downtime cost with the recommended investment', () => {
    const [, justification] = build(withAgreement());
    const summary = section(justification, 'Executive summary');
    const text = textOf(summary);
    expect(text).toContain('Decision requested: Dr. Karin Vogt, Markus Brandt approve version 3');
    expect(text).toMatch(/Conditions before it takes effect: \d+ error findings remain open/);
    const table = summary.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no cost-benefit table');
    const mailFlow = table.rows.find((r) => r[0]?.text === 'Mail flow')?.map((c) => c.text);
    expect(mailFlow?.[4]).toBe('EUR 40 000 + EUR 5 000/year');
    expect(text).toMatch(
      /In total: downtime costs about EUR [\d ]+ a year now and EUR [\d ]+ with the recommended changes/,
    );
  });
});

describe('the messaging template', () => {
  it('fills every agreement section, so its SLA has no "not agreed" gap there', () => {
    const [sla] = build(messagingRequirements());
    for (const title of [
      'Responsibilities',
      'When a target is missed',
      'Security and data protection',
      'Disaster declaration and change notice',
      'Contacts and response clocks',
      'Out of scope',
    ]) {
      expect(textOf(section(sla, title))).not.toContain('Not agreed yet');
    }
  });
});
