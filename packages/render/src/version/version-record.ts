import { canonicalJson } from '@accord/core/canonical-json';
import { deriveSla, type SlaDerivation } from '@accord/core/derive';
import type { Requirements } from '@accord/core/model';

/** Who published a version and when. Absent (null) on a draft. */
export interface VersionInfo {
  readonly workshopId: string;
  /** 1, 2, 3 … per workshop. */
  readonly number: number;
  /** ISO 8601 instant, e.g. "2026-11-21T14:03:00.000Z". */
  readonly publishedAt: string;
  readonly publishedBy: string;
}

/** The frozen content of a published version: what is hashed and signed. Plain JSON. */
export interface VersionRecord {
  readonly kind: 'accord.sla-version';
  readonly formatVersion: 1;
  /** null for a draft, which nobody can sign. */
  readonly version: VersionInfo | null;
  readonly requirements: Requirements;
  readonly derivation: SlaDerivation;
}

/**
 * The record of a version: the requirements snapshot, its derivation and who published it. The result is
 * passed through canonical JSON once, so it holds exactly what is hashed — no `undefined` members, no
 * non-finite numbers — and a record read back from storage renders the same bytes as a fresh one.
 *
 * @example
 * const record = buildVersionRecord(requirements, { workshopId: 'w1', number: 3, publishedAt, publishedBy: 'Anna Keller' });
 * const hash = sha256Hex(canonicalVersionJson(record)); // the caller hashes: this module stays pure
 */
export function buildVersionRecord(requirements: Requirements, version: VersionInfo | null): VersionRecord {
  const record: VersionRecord = {
    kind: 'accord.sla-version',
    formatVersion: 1,
    version,
    requirements,
    derivation: deriveSla(requirements),
  };
  // Same shape, minus members canonical JSON drops: what the renderers read is what the hash covers.
  return JSON.parse(canonicalJson(record)) as VersionRecord;
}

/** Canonical JSON text of a record (sorted keys, no whitespace); the SHA-256 of this text is the version hash. */
export function canonicalVersionJson(record: VersionRecord): string {
  return canonicalJson(record);
}
