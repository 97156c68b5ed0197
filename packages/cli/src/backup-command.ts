import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { resolveDataDir } from '@accord/db/data-dir';
import { inspectDataDirLock } from '@accord/db/data-dir-lock';
import { dumpStoppedDataDir, holdsEmbeddedDatabase } from '@accord/db/embedded-backup';
import { errorMessage } from '@accord/db/error-message';
import { EXIT, type CliIo } from './io.ts';

/**
 * `accord backup --out <file> [--data-dir <dir>]`: a consistent snapshot of the embedded database as a
 * gzipped tar. While a server owns the folder the snapshot is taken by that server (it alone may read its
 * files safely), found through the folder's lock; a folder nobody holds is opened and dumped directly.
 */
export async function backupCommand(
  positional: readonly string[],
  options: Readonly<Record<string, string>>,
  io: CliIo,
): Promise<number> {
  const out = options.out;
  if (out === undefined || positional.length > 0) {
    io.stderr('accord: give the file to write, e.g. `accord backup --out accord-2026-12-06.tar.gz`\n');
    return EXIT.usage;
  }
  if (existsSync(out)) {
    io.stderr(`accord: ${out} exists already; choose a new name (a backup never overwrites another)\n`);
    return EXIT.usage;
  }
  if (process.env.DATABASE_URL && options['data-dir'] === undefined) {
    io.stderr(
      'accord: DATABASE_URL is set: this deployment keeps its data in PostgreSQL; back it up with pg_dump (docs/operations.md)\n',
    );
    return EXIT.usage;
  }
  const dataDir = resolveDataDir(options['data-dir'] ?? process.env.DATA_DIR);
  if (!holdsEmbeddedDatabase(dataDir)) {
    io.stderr(`accord: ${dataDir} holds no Accord database (set DATA_DIR or --data-dir to the server's data folder)\n`);
    return EXIT.problems;
  }
  try {
    const lock = inspectDataDirLock(dataDir);
    let archive: Uint8Array;
    let source: string;
    if (lock?.live) {
      if (!lock.holder.url)
        throw new Error(
          `the server holding ${dataDir} (PID ${lock.holder.pid}) is still starting; try again in a moment`,
        );
      const response = await fetch(`${lock.holder.url}/admin/backup`, {
        headers: { authorization: `Bearer ${lock.holder.backupToken}` },
      });
      if (!response.ok)
        throw new Error(`the running server refused the backup (${response.status}): ${await response.text()}`);
      archive = new Uint8Array(await response.arrayBuffer());
      source = `from the running server (PID ${lock.holder.pid})`;
    } else {
      archive = await dumpStoppedDataDir(dataDir);
      source = 'with no server running';
    }
    // Written beside the target and renamed, so a half-written file never carries the backup's name.
    const partial = `${out}.partial`;
    await writeFile(partial, archive, { mode: 0o600 });
    await rename(partial, out);
    io.stdout(`backup of ${dataDir} taken ${source}: ${out} (${(archive.byteLength / 1_048_576).toFixed(1)} MiB)\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`accord: backup failed: ${errorMessage(error)}\n`);
    return EXIT.problems;
  }
}
