// The embedded database's own thread: PGlite (PostgreSQL in WebAssembly) runs here, so its work never blocks
// the server's event loop. Plain JavaScript, so every runtime (tsx, vitest, node) can start it as is.
import { inspect } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const pglite = new PGlite(workerData.dataDir);

/** Errors cross the thread boundary as plain data: PostgreSQL's fields (code, detail …) must survive. */
function describe(error) {
  if (error === null || typeof error !== 'object') return { message: String(error) };
  // WebAssembly aborts throw plain objects: show their fields rather than "[object Object]".
  const message = typeof error.message === 'string' && error.message !== '' ? error.message : inspect(error, { depth: 2, breakLength: Infinity }).slice(0, 500);
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
      parentPort.postMessage({ id, ok: true, result: { rows: result.rows, affectedRows: result.affectedRows, fields: result.fields } });
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
