import { scratch } from '../test/scratch-map.ts';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../database.ts';
import { createProcessDatabase, PROCESS_DIALECTS, type ProcessDatabase } from '../test/process-database.ts';
import { freePort, startServerProcess, type ServerProcess } from '../test/server-process.ts';
import { eachWrote, fixedWait } from '../test/waits.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';
import { UpdateStore } from './update-store.ts';

const WRITERS = 4;

/** Each writer keeps a ledger of every edit it made; after the crash all ledgers must be everywhere. */
interface Writer {
  readonly name: string;
  readonly client: TestClient;
  readonly ledger: string[];
}

async function seed(database: ProcessDatabase): Promise<{ workshopId: string; tokens: string[] }> {
  const opened = await openDatabase(database.options);
  try {
    const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
    const workshop = await new WorkshopRepository(opened.db).create({
      title: 'Kill test',
      template: 'messaging',
      requirements,
    });
    const participants = new ParticipantRepository(opened.db);
    const tokens: string[] = [];
    for (let i = 0; i < WRITERS; i += 1)
      tokens.push(
        (await participants.create({ workshopId: workshop.id, name: `writer ${i}`, role: 'stakeholder' })).token,
      );
    return { workshopId: workshop.id, tokens };
  } finally {
    await opened.close();
  }
}

async function storedDoc(database: ProcessDatabase, workshopId: string): Promise<Y.Doc> {
  const opened = await openDatabase(database.options);
  try {
    const stored = await new UpdateStore(opened.db).load(workshopId);
    const doc = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(doc, part);
    return doc;
  } finally {
    await opened.close();
  }
}

describe.each(PROCESS_DIALECTS)('a server killed with SIGKILL mid-edit, on %s', (dialect) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('restarts on the same data and loses no edit any client made', async () => {
    const database = await createProcessDatabase(dialect);
    cleanups.push(() => database.drop());
    const { workshopId, tokens } = await seed(database);
    const port = String(await freePort());
    const env = { ...database.env, PORT: port, COMPACT_AFTER_UPDATES: '40' };
    let server: ServerProcess = await startServerProcess(env);
    cleanups.push(() => server.kill());
    const yjsUrl = `${server.url.replace('http', 'ws')}/yjs`;

    const writers: Writer[] = tokens.map((token, i) => ({
      name: `w${i}`,
      client: connectClient(yjsUrl, workshopId, token),
      ledger: [],
    }));
    cleanups.push(() => {
      for (const w of writers) w.client.destroy();
    });
    await Promise.all(writers.map((w) => w.client.synced()));

    let editing = true;
    const loops = writers.map(async (writer) => {
      for (let n = 0; editing; n += 1) {
        const key = `${writer.name}-${n}`;
        scratch(writer.client.doc, 'ledger').set(key, n);
        writer.ledger.push(key);
        // Pacing, not waiting for anything: people type a key every few tens of milliseconds.
        await fixedWait(15 + Math.random() * 20);
      }
    });

    await eachWrote(writers, 20, 'before the crash');
    await server.kill();
    // Every client has seen its connection drop and kept editing offline.
    await waitFor(() => writers.every((w) => !w.client.provider.wsconnected), 10_000, 'the clients seeing the crash');
    await eachWrote(writers, 3, 'while the server is down');
    server = await startServerProcess(env);
    await waitFor(
      () => writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced),
      20_000,
      'every client back and synced',
    );
    await eachWrote(writers, 10, 'after the restart');
    editing = false;
    await Promise.all(loops);

    await Promise.all(writers.map((w) => w.client.saved(20_000)));
    const everyKey = writers.flatMap((w) => w.ledger);
    expect(everyKey.length).toBeGreaterThan(WRITERS * 20);
    for (const writer of writers) {
      await waitFor(
        () => scratch(writer.client.doc, 'ledger').size === everyKey.length,
        10_000,
        `${writer.name} converging`,
      );
    }
    await server.stop();
    const stored = await storedDoc(database, workshopId);
    const missing = everyKey.filter((key) => !scratch(stored, 'ledger').has(key));
    expect(missing).toEqual([]);
    expect(stored.getMap('requirements').get('meta')).toBeInstanceOf(Y.Map);
  });
});
