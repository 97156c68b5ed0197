import { readFile } from 'node:fs/promises';
import { resolveDataDir } from '@accord/db/data-dir';
import { restoreDataDir } from '@accord/db/embedded-backup';
import { errorMessage } from '@accord/db/error-message';
import { EXIT, type CliIo } from './io.ts';

/**
 * `accord restore <file> [--data-dir <dir>]`: unpacks an `accord backup` into a missing or empty data folder
 * (never over an existing database) and reports what it holds. Start the server on that folder afterwards;
 * it applies any newer migrations itself.
 */
export async function restoreCommand(
  positional: readonly string[],
  options: Readonly<Record<string, string>>,
  io: CliIo,
): Promise<number> {
  const [file, extra] = positional;
  if (file === undefined || extra !== undefined) {
    io.stderr(
      'accord: give exactly one backup file, e.g. `accord restore accord-2026-12-06.tar.gz --data-dir ./data-restored`\n',
    );
    return EXIT.usage;
  }
  const dataDir = resolveDataDir(options['data-dir'] ?? process.env.DATA_DIR);
  let archive: Uint8Array;
  try {
    archive = new Uint8Array(await readFile(file));
  } catch (error) {
    io.stderr(`accord: cannot read ${file}: ${errorMessage(error)}\n`);
    return EXIT.usage;
  }
  try {
    const counts = await restoreDataDir(archive, dataDir);
    io.stdout(
      `restored ${file} into ${dataDir}: ${counts.workshops} workshops, ${counts.versions} versions, ${counts.signatures} signatures\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr(`accord: restore failed: ${errorMessage(error)}\n`);
    return EXIT.problems;
  }
}
