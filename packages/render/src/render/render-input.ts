import type { VersionRecord } from '../version/version-record.ts';

/**
 * The documents (`html` … `openslo`) and the operational exports that run the agreed SLA where teams run SLOs:
 * `sloth` specs, `prometheus` rule files, `datadog` SLOs with corrections, a `zabbix` `sla.create` request and
 * `ics` calendars of the hours.
 */
export type DocumentFormat =
  'html' | 'pdf' | 'md' | 'json' | 'openslo' | 'sloth' | 'prometheus' | 'datadog' | 'zabbix' | 'ics';

/** Every format, in the order documents and the CLI list them. */
export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  'html',
  'pdf',
  'md',
  'json',
  'openslo',
  'sloth',
  'prometheus',
  'datadog',
  'zabbix',
  'ics',
];

/** One sponsor's position on a version: signed, rejected (with a comment) or not yet decided. */
export interface SponsorStatus {
  readonly name: string;
  readonly role?: string;
  readonly status: 'signed' | 'rejected' | 'pending';
  /** ISO instant of the signature or rejection. */
  readonly at?: string;
  readonly comment?: string;
}

export interface RenderInput {
  readonly record: VersionRecord;
  /** SHA-256 hex of `canonicalVersionJson(record)`; the caller hashes, so rendering stays pure. */
  readonly hash: string;
  /** Sign-off state at render time. Not part of the hashed record: signatures come after publishing. */
  readonly signOff?: {
    readonly sponsors: readonly SponsorStatus[];
    readonly approved: boolean;
    /**
     * The file is the one sponsors sign (the PDF): it lists the approvers without their decisions, which a
     * certificate appended after signing records, so its bytes never change once published.
     */
    readonly certified?: boolean;
  };
}

export interface RenderedDocument {
  readonly body: string | Uint8Array;
  /** e.g. `text/html; charset=utf-8`, `application/pdf`. */
  readonly mediaType: string;
  /** File name ending without the leading dot: `html`, `pdf`, `md`, `json`, `yaml`, `rules.yaml`. */
  readonly extension: string;
}
