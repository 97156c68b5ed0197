// `npm run db:migrate`: brings the configured database (DATABASE_URL, else the PGlite folder DATA_DIR, default
// ./data where the command was typed) up to date. Refuses while a server holds that embedded folder.
import { createDatabase, migrateToLatest } from './create-database.ts';
import { resolveDataDir } from './data-dir.ts';
import { errorMessage } from './error-message.ts';

const url = process.env.DATABASE_URL;
try {
  const database = createDatabase(
    url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: resolveDataDir(process.env.DATA_DIR) },
  );
  try {
    const applied = await migrateToLatest(database);
    console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(errorMessage(error));
  process.exitCode = 1;
}
