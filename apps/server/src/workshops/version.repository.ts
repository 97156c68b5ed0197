import type { Database } from '@accord/db/schema';
import type { VersionSummary } from '@accord/protocol/api';
import type { Kysely } from 'kysely';
import { sameSponsor } from '../versions/sponsor-names.ts';

export interface StoredVersion {
  readonly number: number;
  readonly hash: string;
  readonly content: string;
  readonly findings: VersionSummary['findings'];
  /** Sponsors the requirements name, who must sign. */
  readonly namedSponsors: readonly string[];
  readonly publishedBy: string;
  readonly publishedAt: string;
}

export interface Signature {
  readonly versionNumber: number;
  readonly hash: string;
  readonly participantId: string;
  readonly decision: 'signed' | 'rejected';
  readonly comment: string;
  readonly at: string;
}

export interface Sponsor {
  readonly id: string;
  readonly name: string;
}

/**
 * Published versions and sponsors' signatures. Both are append-only: a version is never changed, and a
 * sponsor who changes their mind adds a newer signature row. A signature names the version's number and
 * hash, so it can never count for another version.
 */
export class VersionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores the next version; the primary key refuses a number two publishers raced for. */
  async insert(workshopId: string, version: StoredVersion, db: Kysely<Database> = this.db): Promise<void> {
    await db.insertInto('versions').values({
      workshop_id: workshopId, number: version.number, hash: version.hash, content: version.content,
      finding_counts: JSON.stringify(version.findings), named_sponsors: JSON.stringify(version.namedSponsors), published_by: version.publishedBy, published_at: version.publishedAt,
    }).execute();
  }

  async latestNumber(workshopId: string, db: Kysely<Database> = this.db): Promise<number> {
    const row = await db.selectFrom('versions').select((eb) => eb.fn.max('number').as('n')).where('workshop_id', '=', workshopId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async get(workshopId: string, number: number): Promise<StoredVersion | undefined> {
    const row = await this.db.selectFrom('versions').select(['number', 'hash', 'content', 'finding_counts', 'named_sponsors', 'published_by', 'published_at'])
      .where('workshop_id', '=', workshopId).where('number', '=', number).executeTakeFirst();
    return row ? { ...toSummaryRow(row), content: row.content } : undefined;
  }

  async list(workshopId: string): Promise<Omit<StoredVersion, 'content'>[]> {
    const rows = await this.db.selectFrom('versions').select(['number', 'hash', 'finding_counts', 'named_sponsors', 'published_by', 'published_at'])
      .where('workshop_id', '=', workshopId).orderBy('number').execute();
    return rows.map(toSummaryRow);
  }

  async sign(workshopId: string, signature: Omit<Signature, 'at'>, db: Kysely<Database> = this.db): Promise<void> {
    await db.insertInto('signatures').values({
      workshop_id: workshopId, version_number: signature.versionNumber, hash: signature.hash,
      participant_id: signature.participantId, decision: signature.decision, comment: signature.comment,
    }).execute();
  }

  async signatures(workshopId: string): Promise<Signature[]> {
    const rows = await this.db.selectFrom('signatures').select(['version_number', 'hash', 'participant_id', 'decision', 'comment', 'created_at', 'id'])
      .where('workshop_id', '=', workshopId).orderBy('id').execute();
    return rows.map((row) => ({
      versionNumber: row.version_number, hash: row.hash, participantId: row.participant_id, decision: row.decision,
      comment: row.comment, at: row.created_at.toISOString(),
    }));
  }
}

function toSummaryRow(row: { number: number; hash: string; finding_counts: string; named_sponsors: string; published_by: string; published_at: Date }): Omit<StoredVersion, 'content'> {
  const counts = JSON.parse(row.finding_counts) as Partial<VersionSummary['findings']>;
  const named = JSON.parse(row.named_sponsors) as unknown;
  return {
    number: row.number, hash: row.hash, publishedBy: row.published_by, publishedAt: row.published_at.toISOString(),
    findings: { error: counts.error ?? 0, warning: counts.warning ?? 0, info: counts.info ?? 0 },
    namedSponsors: Array.isArray(named) ? named.filter((n): n is string => typeof n === 'string') : [],
  };
}

/**
 * Where each version stands. The sponsors who must sign are the sponsor participants and the sponsors the
 * version's requirements name ("Sponsors who sign"), a named sponsor counting as present when a sponsor
 * participant's name is theirs. A sponsor's latest decision on exactly that number and hash counts; a
 * version is approved when every one of them has signed it.
 */
export function summarise(
  versions: readonly Omit<StoredVersion, 'content'>[],
  signatures: readonly Signature[],
  sponsors: readonly Sponsor[],
): VersionSummary[] {
  const latest = versions.reduce((max, v) => Math.max(max, v.number), 0);
  return versions.map((version) => {
    const statuses: VersionSummary['sponsors'] = sponsors.map((sponsor) => {
      const own = signatures.filter((s) => s.participantId === sponsor.id && s.versionNumber === version.number && s.hash === version.hash);
      const last = own[own.length - 1];
      return last
        ? { participantId: sponsor.id, name: sponsor.name, status: last.decision, at: last.at, ...(last.comment ? { comment: last.comment } : {}) }
        : { participantId: sponsor.id, name: sponsor.name, status: 'pending' as const };
    });
    version.namedSponsors.forEach((named, index) => {
      if (sponsors.some((sponsor) => sameSponsor(sponsor.name, named))) return;
      statuses.push({ participantId: `named:${index}`, name: named, status: 'pending' });
    });
    return {
      number: version.number,
      hash: version.hash,
      publishedAt: version.publishedAt,
      publishedBy: version.publishedBy,
      approved: statuses.length > 0 && statuses.every((s) => s.status === 'signed'),
      superseded: version.number < latest,
      sponsors: statuses,
      findings: version.findings,
    };
  });
}
