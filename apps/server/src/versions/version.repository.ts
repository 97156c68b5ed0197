import type { Database } from '@accord/db/schema';
import type { VersionSummary } from '@accord/protocol/api';
import type { Kysely } from 'kysely';

/** A named sponsor who must sign a version, fixed when it was published. */
export interface Approver {
  readonly seatId: string;
  readonly name: string;
  readonly email: string;
  readonly title: string;
}

export interface StoredVersion {
  readonly number: number;
  readonly hash: string;
  readonly content: string;
  readonly findings: VersionSummary['findings'];
  /** Sponsors the requirements name, who must sign. */
  readonly namedSponsors: readonly string[];
  /** The seats who must sign, fixed at publishing; null on versions published before seats existed. */
  readonly approvers: readonly Approver[] | null;
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
  /** The seat that signed (absent on signatures made before seats existed). */
  readonly seatId: string | null;
  readonly evidence: SignatureEvidenceFields;
}

/** What a signature keeps as evidence besides its decision. */
export interface SignatureEvidenceFields {
  readonly name: string;
  readonly statement: string;
  readonly pdfSha256: string;
  readonly ip: string;
  readonly userAgent: string;
  /** How the signer was identified, as JSON: `{ method, issuer?, subject?, email?, authTime? }`. */
  readonly identity: Record<string, unknown>;
}

export interface Sponsor {
  readonly id: string;
  readonly name: string;
}

/** The columns of a version without its content. */
const SUMMARY_COLUMNS = [
  'number',
  'hash',
  'finding_counts',
  'named_sponsors',
  'approvers',
  'published_by',
  'published_at',
] as const;

/**
 * Published versions and sponsors' signatures. Both are append-only: a version is never changed, and a
 * sponsor who changes their mind adds a newer signature row. A signature names the version's number and
 * hash, so it can never count for another version.
 */
export class VersionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores the next version; the primary key refuses a number two publishers raced for. */
  async insert(workshopId: string, version: StoredVersion, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto('versions')
      .values({
        workshop_id: workshopId,
        number: version.number,
        hash: version.hash,
        content: version.content,
        finding_counts: JSON.stringify(version.findings),
        named_sponsors: JSON.stringify(version.namedSponsors),
        approvers: version.approvers === null ? null : JSON.stringify(version.approvers),
        published_by: version.publishedBy,
        published_at: version.publishedAt,
      })
      .execute();
  }

  async latestNumber(workshopId: string, db: Kysely<Database> = this.db): Promise<number> {
    const row = await db
      .selectFrom('versions')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('workshop_id', '=', workshopId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async get(workshopId: string, number: number): Promise<StoredVersion | undefined> {
    const row = await this.db
      .selectFrom('versions')
      .select([...SUMMARY_COLUMNS, 'content'])
      .where('workshop_id', '=', workshopId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? { ...toSummaryRow(row), content: row.content } : undefined;
  }

  async list(workshopId: string): Promise<Omit<StoredVersion, 'content'>[]> {
    const rows = await this.db
      .selectFrom('versions')
      .select(SUMMARY_COLUMNS)
      .where('workshop_id', '=', workshopId)
      .orderBy('number')
      .execute();
    return rows.map(toSummaryRow);
  }

  async sign(
    workshopId: string,
    signature: Omit<Signature, 'at'> & { readonly at: Date },
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const { evidence } = signature;
    await db
      .insertInto('signatures')
      .values({
        workshop_id: workshopId,
        version_number: signature.versionNumber,
        hash: signature.hash,
        participant_id: signature.participantId,
        decision: signature.decision,
        comment: signature.comment,
        seat_id: signature.seatId,
        signer_name: evidence.name,
        statement: evidence.statement,
        pdf_sha256: evidence.pdfSha256,
        ip: evidence.ip,
        user_agent: evidence.userAgent,
        identity: JSON.stringify(evidence.identity),
        created_at: signature.at,
      })
      .execute();
  }

  async signatures(workshopId: string): Promise<Signature[]> {
    const rows = await this.db
      .selectFrom('signatures')
      .select([
        'version_number',
        'hash',
        'participant_id',
        'decision',
        'comment',
        'created_at',
        'id',
        'seat_id',
        'signer_name',
        'statement',
        'pdf_sha256',
        'ip',
        'user_agent',
        'identity',
      ])
      .where('workshop_id', '=', workshopId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      versionNumber: row.version_number,
      hash: row.hash,
      participantId: row.participant_id,
      decision: row.decision,
      comment: row.comment,
      at: row.created_at.toISOString(),
      seatId: row.seat_id,
      evidence: {
        name: row.signer_name,
        statement: row.statement,
        pdfSha256: row.pdf_sha256,
        ip: row.ip,
        userAgent: row.user_agent,
        identity: JSON.parse(row.identity) as Record<string, unknown>,
      },
    }));
  }

  /** Versions whose canonical JSON has this hash, in any workshop (verifying a file someone uploads). */
  async findByHash(hash: string): Promise<{ workshopId: string; number: number }[]> {
    const rows = await this.db
      .selectFrom('versions')
      .select(['workshop_id', 'number'])
      .where('hash', '=', hash)
      .execute();
    return rows.map((row) => ({ workshopId: row.workshop_id, number: row.number }));
  }
}

function toSummaryRow(row: {
  number: number;
  hash: string;
  finding_counts: string;
  named_sponsors: string;
  approvers: string | null;
  published_by: string;
  published_at: Date;
}): Omit<StoredVersion, 'content'> {
  const counts = JSON.parse(row.finding_counts) as Partial<VersionSummary['findings']>;
  const named = JSON.parse(row.named_sponsors) as unknown;
  return {
    approvers: row.approvers === null ? null : (JSON.parse(row.approvers) as Approver[]),
    number: row.number,
    hash: row.hash,
    publishedBy: row.published_by,
    publishedAt: row.published_at.toISOString(),
    findings: { error: counts.error ?? 0, warning: counts.warning ?? 0, info: counts.info ?? 0 },
    namedSponsors: Array.isArray(named) ? named.filter((n): n is string => typeof n === 'string') : [],
  };
}
