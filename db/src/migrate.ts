// `npm run db:migrate`: brings the configured database (DATABASE_URL, else the PGlite folder DATA_DIR or ./data) up to date.
import { createDatabase, migrateToLatest } from './create-database.ts';

const url = process.env.DATABASE_URL;
const database = createDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: process.env.DATA_DIR ?? './data' });
try {
  const applied = await migrateToLatest(database);
  console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
