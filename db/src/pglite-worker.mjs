// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) runs here, so its work never blocks
// the server's event loop. Plain JavaScript, so every runtime (tsx, vitest, node) can start it as is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/**
 * Memory. PostgreSQL's default shared buffers (128 MB) live in the WebAssembly heap, which never shrinks:
 * 16 MB hold a workshop server's working set (the files stay in the operating system's cache), and the
 * heap starts at PGlite's floor of 128 MiB instead of 189. Creating a cluster runs initdb, whose module
 * and memory (about 450 MB) would stay with this thread for good: a new cluster is created in a thread of
 * its own that then ends, and opened here after.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** The opening thread's compiled PostgreSQL (see `pgliteModule` in pglite-thread.ts), instead of the file. */
const OPTIONS = { startParams: START_PARAMS, pgliteWasmModule: workerData.pgliteWasmModule };

if (workerData.initOnly) {
  const created = new PGlite(workerData.dataDir, OPTIONS);
  await created.waitReady;
  await created.close();
  process.exit(0);
}

const fresh =
  typeof workerData.dataDir === 'string' &&
  !workerData.dataDir.startsWith('memory://') &&
  !existsSync(join(workerData.dataDir, 'PG_VERSION'));
if (fresh) {
  await new Promise((resolve) => {
    const creator = new Worker(new URL(import.meta.url), { workerData: { ...workerData, initOnly: true } });
    // Whatever went wrong, opening the folder below reports it (or creates the cluster here after all).
    creator.once('error', () => undefined);
    creator.once('exit', resolve);
  });
}

const pglite = new PGlite(workerData.dataDir, OPTIONS);

/** Errors cross the thread boundary as plain data: PostgreSQL's fields (code, detail …) must survive. */
function describe(error) {
  if (error === null || typeof error !== 'object') return { message: String(error) };
  // WebAssembly aborts throw plain objects: show their fields rather than "[object Object]".
  const message =
    typeof error.message === 'string' && error.message !== ''
      ? error.message
      : inspect(error, { depth: 2, breakLength: Infinity }).slice(0, 500);
  const out = { message, name: error.name ?? 'Error' };
  for (const key of ['code', 'detail', 'hint', 'severity', 'constraint', 'table', 'column', 'schema']) {
    if (error[key] !== undefined) out[key] = error[key];
  }
  return out;
}

parentPort.on('message', async (message) => {
  const { id, op } = message;
  try {
    if (op === 'query') {
      const result = await pglite.query(message.sql, message.params, { rowMode: message.rowMode });
      parentPort.postMessage({
        id,
        ok: true,
        result: { rows: result.rows, affectedRows: result.affectedRows, fields: result.fields },
      });
    } else if (op === 'dump') {
      // PGlite dumps between statements; the server's queue guarantees no transaction is open meanwhile.
      const archive = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
      parentPort.postMessage({ id, ok: true, archive }, [archive.buffer]);
    } else if (op === 'close') {
      if (!pglite.closed) await pglite.close();
      parentPort.postMessage({ id, ok: true });
    } else {
      parentPort.postMessage({ id, ok: false, error: { message: `unknown operation ${op}` } });
    }
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: describe(error) });
  }
});

pglite.waitReady.then(
  () => parentPort.postMessage({ id: 0, ok: true }),
  (error) => parentPort.postMessage({ id: 0, ok: false, error: describe(error) }),
);
