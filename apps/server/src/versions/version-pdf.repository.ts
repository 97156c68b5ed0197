import type { Database } from '@accord/db/schema';
import type { Kysely } from 'kysely';

/**
 * The PDF of each version that sponsors sign, stored the first time it is needed: signatures name its SHA-256,
 * so its bytes must never depend on a renderer deployed later. Never updated.
 */
export class VersionPdfRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(workshopId: string, number: number): Promise<{ sha256: string; pdf: Uint8Array } | undefined> {
    const row = await this.db
      .selectFrom('version_pdfs')
      .select(['sha256', 'pdf'])
      .where('workshop_id', '=', workshopId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? { sha256: row.sha256, pdf: new Uint8Array(row.pdf) } : undefined;
  }

  /** Stores a version's PDF unless one is stored already (two first downloads at once keep the first). */
  async insertOnce(workshopId: string, number: number, sha256: string, pdf: Uint8Array): Promise<void> {
    await this.db
      .insertInto('version_pdfs')
      .values({ workshop_id: workshopId, number, sha256, pdf })
      .onConflict((oc) => oc.columns(['workshop_id', 'number']).doNothing())
      .execute();
  }

  async findBySha(sha256: string): Promise<{ workshopId: string; number: number }[]> {
    const rows = await this.db
      .selectFrom('version_pdfs')
      .select(['workshop_id', 'number'])
      .where('sha256', '=', sha256)
      .execute();
    return rows.map((row) => ({ workshopId: row.workshop_id, number: row.number }));
  }
}
