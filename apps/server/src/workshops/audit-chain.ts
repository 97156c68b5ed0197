import { createHash } from 'node:crypto';

/** The fields of an audit entry that its hash covers, exactly as stored. */
export interface ChainedFields {
  readonly id: number;
  readonly workshopId: string;
  readonly kind: string;
  readonly actorId: string | null;
  readonly actorName: string;
  /** ISO instant, millisecond precision (what is stored). */
  readonly at: string;
  /** The stored JSON text of the entry's data. */
  readonly data: string;
}

/**
 * The hash of one audit entry: SHA-256 over the previous entry's hash and this entry's fields. The rule is
 * also frozen in the migration that chained the entries written before it; both must stay the same.
 */
export function auditEntryHash(prevHash: string, entry: ChainedFields): string {
  const body = JSON.stringify([
    entry.id,
    entry.workshopId,
    entry.kind,
    entry.actorId,
    entry.actorName,
    entry.at,
    entry.data,
  ]);
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

export interface StoredChainEntry extends ChainedFields {
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainCheck =
  | { readonly ok: true; readonly entries: number; readonly head: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/**
 * Walks a workshop's trail in order: each entry must name the hash of the one before and hash to what it
 * stores. An entry removed, inserted or altered anywhere shows as the first entry where this fails.
 */
export function checkChain(entries: readonly StoredChainEntry[]): ChainCheck {
  let prev = '';
  for (const entry of entries) {
    if (entry.prevHash !== prev) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.id,
        reason: `entry ${entry.id} does not follow the entry before it: one was removed, inserted or altered`,
      };
    }
    const expected = auditEntryHash(prev, entry);
    if (expected !== entry.hash) {
      return {
        ok: false,
        entries: entries.length,
        brokenAt: entry.id,
        reason: `entry ${entry.id} was altered: its content no longer matches its hash`,
      };
    }
    prev = entry.hash;
  }
  return { ok: true, entries: entries.length, head: prev };
}
