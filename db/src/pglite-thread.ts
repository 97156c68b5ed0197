import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** What Kysely's `PGliteDialect` needs of a PGlite instance. */
interface QueryResult<T> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

interface Transaction {
  query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<QueryResult<T>>;
  rollback(): Promise<void>;
}

type Reply =
  | { id: number; ok: true; result?: QueryResult<unknown>; archive?: Uint8Array }
  | { id: number; ok: false; error: { message: string; [key: string]: unknown } };

/** A PostgreSQL error as thrown in the database thread, with its fields (code, detail …) kept. */
export class DatabaseThreadError extends Error {
  readonly code?: string;

  constructor(fields: { message: string; [key: string]: unknown }) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/** Node's WebAssembly global, which the repository's TypeScript libraries (ES2023, no DOM) leave undeclared. */
declare const WebAssembly: { Module: new (bytes: Uint8Array) => object };

let compiled: object | undefined;

/**
 * PGlite's PostgreSQL, compiled once per process and handed to every database thread. V8 compiles a
 * WebAssembly function on its first call and keeps the machine code with the module, so a thread given this
 * module starts on code earlier threads have compiled, where one loading the file itself compiles everything
 * it runs anew. That is about two fifths of the CPU of every open after the first in a process that opens
 * several: the tests open dozens, and a first start opens two (one thread creates the cluster, one runs it).
 * The worker imports PGlite from the folder this file is in, so both resolve the same package and the
 * module matches the JavaScript that instantiates it.
 */
function pgliteModule(): object {
  if (!compiled) {
    const pgliteDir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    compiled = new WebAssembly.Module(readFileSync(join(pgliteDir, 'pglite.wasm')));
  }
  return compiled;
}

/**
 * PGlite in a worker thread, with the surface Kysely's PGlite dialect uses. The embedded database executes
 * each statement synchronously in WebAssembly; on the server's thread that would stall every socket for the
 * length of each commit, so it gets a thread of its own. Statements run one at a time, and a transaction
 * holds the database until it ends, as in PGlite itself.
 */
export class PGliteThread {
  closed = false;
  ready = false;
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(reply: Reply): void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: { dataDir, pgliteWasmModule: pgliteModule() },
    });
    let started: (reply: Reply) => void = () => undefined;
    const first = new Promise<Reply>((resolve) => {
      started = resolve;
    });
    this.pending.set(0, { resolve: started });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    const fail = (message: string) => {
      this.closed = true;
      for (const [id, waiter] of this.pending) waiter.resolve({ id, ok: false, error: { message } });
      this.pending.clear();
    };
    this.worker.on('error', (error) => fail(`the database thread failed: ${error.message}`));
    this.worker.on('exit', () => fail('the database thread has stopped'));
    this.waitReady = first.then((reply) => {
      if (!reply.ok) throw new DatabaseThreadError(reply.error);
      this.ready = true;
    });
  }

  private call(message: Record<string, unknown>): Promise<Reply> {
    if (this.closed) return Promise.resolve({ id: -1, ok: false, error: { message: 'the database is closed' } });
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ id, ...message });
    });
  }

  private async run<T>(
    sql: string,
    params: unknown[] | undefined,
    options?: { rowMode?: 'array' | 'object' },
  ): Promise<QueryResult<T>> {
    const reply = await this.call({ op: 'query', sql, params: params ?? [], rowMode: options?.rowMode ?? 'object' });
    if (!reply.ok) throw new DatabaseThreadError(reply.error);
    return reply.result as QueryResult<T>;
  }

  /** Runs after everything queued before it (one statement or one transaction at a time). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  query<T>(sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<QueryResult<T>> {
    return this.exclusive(() => this.run<T>(sql, params, options));
  }

  transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.run('begin', []);
      let open = true;
      const tx: Transaction = {
        query: (sql, params, options) => this.run(sql, params, options),
        rollback: async () => {
          if (!open) return;
          open = false;
          await this.run('rollback', []);
        },
      };
      try {
        const result = await callback(tx);
        if (open) {
          open = false;
          await this.run('commit', []);
        }
        return result;
      } catch (error) {
        if (open) {
          open = false;
          await this.run('rollback', []).catch(() => undefined);
        }
        throw error;
      }
    });
  }

  /** The whole data folder as a gzipped tar, taken between statements and transactions (a consistent snapshot). */
  async dumpDataDir(): Promise<Uint8Array> {
    const reply = await this.exclusive(() => this.call({ op: 'dump' }));
    if (!reply.ok) throw new DatabaseThreadError(reply.error);
    if (!reply.archive) throw new Error('the database thread sent no archive');
    return reply.archive;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.exclusive(() => this.call({ op: 'close' }));
    this.closed = true;
    await this.worker.terminate();
  }
}
