import type { RenderInput } from '../render/render-input.ts';
import type { DocumentModel } from './document-model.ts';
import { buildIdentity, buildSignOff } from './identity.ts';
import { functionJustification } from './justification/function-justification.ts';
import { attendanceSection, decisionLogSection, openIssuesSection } from './justification/records-sections.ts';
import { serviceJustification } from './justification/service-justification.ts';
import { numberSections, type BuildContext, type SectionDraft } from './section-draft.ts';
import { availabilitySection } from './sla/availability-section.ts';
import { backupSection } from './sla/backup-section.ts';
import { continuitySection } from './sla/continuity-section.ts';
import { documentControlSection } from './sla/document-control-section.ts';
import { errorBudgetPolicySection } from './sla/error-budget-policy-section.ts';
import { exclusionsSection } from './sla/exclusions-section.ts';
import { maintenanceSection } from './sla/maintenance-section.ts';
import { openIssuesSummarySection } from './sla/open-issues-summary-section.ts';
import { partiesSection } from './sla/parties-section.ts';
import { reportingSection } from './sla/reporting-section.ts';
import { scopeSection } from './sla/scope-section.ts';
import { serviceHoursSection } from './sla/service-hours-section.ts';
import { supportSection } from './sla/support-section.ts';
import { breachSection } from './sla/breach-section.ts';
import { contactsSection } from './sla/contacts-section.ts';
import { disasterChangeSection } from './sla/disaster-change-section.ts';
import { glossarySection } from './sla/glossary-section.ts';
import { historySection } from './sla/history-section.ts';
import { measurementSection } from './sla/measurement-section.ts';
import { outOfScopeSection } from './sla/out-of-scope-section.ts';
import { responsibilitiesSection } from './sla/responsibilities-section.ts';
import { securitySection } from './sla/security-section.ts';
import { executiveSummary } from './justification/executive-summary.ts';
import { findingCodesAppendix } from './justification/finding-codes-appendix.ts';

/**
 * The SLA (part I, in the order of FitSM's SLA template with Accord's continuity and backup sections added)
 * and the justification (part II), built once from a version record; HTML, PDF and Markdown draw this.
 */
export function buildDocument(input: RenderInput): DocumentModel {
  const { record } = input;
  const signOff = buildSignOff(input);
  const ctx: BuildContext = {
    record,
    requirements: record.requirements,
    derivation: record.derivation,
    signOff,
    identity: buildIdentity(input, signOff),
  };
  const sla: SectionDraft[] = [
    documentControlSection(ctx),
    historySection(ctx),
    partiesSection(ctx),
    scopeSection(ctx),
    outOfScopeSection(ctx),
    serviceHoursSection(ctx),
    availabilitySection(ctx),
    measurementSection(ctx),
    maintenanceSection(ctx),
    disasterChangeSection(ctx),
    continuitySection(ctx),
    supportSection(ctx),
    contactsSection(ctx),
    backupSection(ctx),
    responsibilitiesSection(ctx),
    securitySection(ctx),
    exclusionsSection(ctx),
    errorBudgetPolicySection(ctx),
    breachSection(ctx),
    reportingSection(ctx),
    openIssuesSummarySection(ctx),
    glossarySection(ctx),
  ];
  // Open issues (Part I) and the justification point to the section where each finding is stated.
  const slaNumbers = new Map(sla.map((draft, index) => [draft.id, String(index + 1)]));
  const why: BuildContext = { ...ctx, slaNumbers };
  const slaSections = numberSections(
    sla.map((draft) => (draft.id === 'sla-open-issues' ? openIssuesSummarySection(why) : draft)),
  );
  const appendix = findingCodesAppendix(why);
  const justification: SectionDraft[] = [
    executiveSummary(why),
    {
      id: 'why-basis',
      title: 'Basis',
      blocks: [
        {
          kind: 'paragraph',
          text: `This justification explains each commitment of the agreement for ${record.requirements.meta.service}: who asked for it and why, the alternatives proposed and how they were decided, what the numbers imply, the design that meets them and why cheaper designs fail, and the risks that remain. It is derived from the same ${ctx.identity.draft ? 'draft' : 'version'} (hash ${input.hash}).`,
        },
        { kind: 'paragraph', text: record.derivation.convention },
      ],
    },
    ...record.requirements.functions.flatMap((fn) => {
      const derived = record.derivation.functions.find((d) => d.id === fn.id);
      return derived ? [functionJustification(why, fn, derived)] : [];
    }),
    serviceJustification(why),
    openIssuesSection(why),
    decisionLogSection(why),
    attendanceSection(why),
    ...(appendix ? [appendix] : []),
  ];
  const { meta } = record.requirements;
  return {
    title: meta.title,
    service: meta.service,
    identity: ctx.identity,
    signOff,
    convention: record.derivation.convention,
    parts: [
      { id: 'sla', title: 'Part I — Service level agreement', sections: slaSections },
      { id: 'justification', title: 'Part II — Justification', sections: numberSections(justification) },
    ],
  };
}
