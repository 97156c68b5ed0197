import type { SlaDerivation } from '@accord/core/derive';
import type { Requirements } from '@accord/core/model';
import type { VersionRecord } from '../version/version-record.ts';
import type { Block, DocumentIdentity, Section, SignOffView } from './document-model.ts';

/** A section before numbering: builders say what it holds, the document decides where it goes. */
export interface SectionDraft {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly subsections?: readonly SectionDraft[];
}

/** What every section builder reads. */
export interface BuildContext {
  readonly record: VersionRecord;
  readonly requirements: Requirements;
  readonly derivation: SlaDerivation;
  readonly identity: DocumentIdentity;
  readonly signOff: SignOffView;
  /** Numbers of the SLA's sections by id ("sla-continuity" → "11"), once Part I is numbered: Part II points there. */
  readonly slaNumbers?: ReadonlyMap<string, string>;
}

/** Numbers sections "1", "2" … and their subsections "2.1", "2.2" …, dropping nothing. */
export function numberSections(drafts: readonly SectionDraft[], prefix = ''): Section[] {
  return drafts.map((draft, index) => {
    const number = `${prefix}${index + 1}`;
    return {
      id: draft.id,
      number,
      title: draft.title,
      blocks: draft.blocks,
      subsections: numberSections(draft.subsections ?? [], `${number}.`),
    };
  });
}

/** The display name of a component, redundancy group or business function id. */
export function partName(requirements: Requirements, id: string): string {
  return (
    requirements.components.find((c) => c.id === id)?.name ??
    requirements.groups.find((g) => g.id === id)?.name ??
    requirements.functions.find((f) => f.id === id)?.name ??
    id
  );
}

/** Function names for a list of ids; an empty list means every function. */
export function appliesToLabel(requirements: Requirements, ids: readonly string[]): string {
  return ids.length === 0 ? 'all functions' : ids.map((id) => partName(requirements, id)).join(', ');
}
