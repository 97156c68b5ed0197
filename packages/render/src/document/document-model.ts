import type { BudgetChart } from './budget-chart.ts';
import type { WeekGrid } from './week-grid.ts';

/**
 * The one document model every human-readable renderer (HTML, PDF, Markdown) draws. It holds plain text only:
 * any string may have been typed by a participant, so every renderer escapes every string it receives.
 * Nothing in the model is markup.
 */
export interface DocumentModel {
  readonly title: string;
  readonly service: string;
  readonly identity: DocumentIdentity;
  readonly signOff: SignOffView;
  /** The budget convention line (periods, formula), stated in every document. */
  readonly convention: string;
  readonly parts: readonly DocumentPart[];
}

export interface DocumentIdentity {
  readonly draft: boolean;
  /** "Version 3" or "Draft — not published". */
  readonly versionLabel: string;
  /** SHA-256 hex of the version's canonical JSON. */
  readonly hash: string;
  /** "2026-11-21 14:03 UTC by Anna Keller", or empty on a draft. */
  readonly published: string;
  /** One line a reader sees first: draft, awaiting sign-off, approved or rejected. */
  readonly status: string;
}

export interface SignOffView {
  readonly hash: string;
  readonly versionLabel: string;
  readonly approved: boolean;
  /** Where the version stands: drafts cannot be signed; one rejection marks the version rejected. */
  readonly state: 'draft' | 'awaiting' | 'approved' | 'rejected';
  readonly statusLine: string;
  readonly sponsors: readonly SponsorView[];
}

export interface SponsorView {
  readonly name: string;
  readonly role: string;
  readonly status: 'signed' | 'rejected' | 'pending';
  /** "Signed 2026-11-22 09:10 UTC", "Rejected …: comment", "Pending". */
  readonly statusText: string;
  readonly comment: string;
}

export interface DocumentPart {
  readonly id: 'sla' | 'justification';
  readonly title: string;
  readonly sections: readonly Section[];
}

export interface Section {
  /** Anchor id: lowercase letters, digits and "-" only. */
  readonly id: string;
  /** "3" or "3.2". */
  readonly number: string;
  readonly title: string;
  readonly blocks: readonly Block[];
  readonly subsections: readonly Section[];
}

export type Tone = 'error' | 'warning' | 'info' | 'ok' | 'muted';

export interface Cell {
  readonly text: string;
  readonly tone?: Tone;
}

export interface Column {
  readonly label: string;
  /** Relative width: columns share the line in proportion. */
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface FindingView {
  /** "One outage as long as the RTO overspends the budget": what the code means, in words. */
  readonly title: string;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** "Mailbox access · site loss", or "Service-wide". */
  readonly where: string;
  readonly message: string;
  readonly fix: string;
}

export type Block =
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: Tone }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'facts'; readonly rows: readonly (readonly [label: string, value: string])[] }
  | { readonly kind: 'table'; readonly columns: readonly Column[]; readonly rows: readonly (readonly Cell[])[] }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'findings'; readonly findings: readonly FindingView[] }
  | { readonly kind: 'budget-chart'; readonly chart: BudgetChart }
  | { readonly kind: 'week-grid'; readonly grid: WeekGrid }
  | { readonly kind: 'signatures'; readonly signOff: SignOffView };

export function cell(text: string, tone?: Tone): Cell {
  return tone === undefined ? { text } : { text, tone };
}
