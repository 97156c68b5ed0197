import { scratch } from '../test/scratch-map.ts';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { CLOSE } from '@accord/protocol/close-codes';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { openDatabase } from '../database.ts';
import { createProcessDatabase } from '../test/process-database.ts';
import { eachWrote, fixedWait } from '../test/waits.ts';
import { connectClient, metricValue, waitFor, waitForAsync, type TestClient } from '../test/yjs-client.ts';
import { UpdateStore } from '../sync/update-store.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;

/** Runs SQL as the administrator (on the `postgres` database, so the one under test can be locked). */
async function admin(statement: string): Promise<void> {
  const url = new URL(ADMIN_URL ?? '');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.runIf(ADMIN_URL)('PostgreSQL going away during edits', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('shows "not saved", pretends nothing, and stores every edit once the database is back', async () => {
    const database = await createProcessDatabase('postgres');
    cleanups.push(() => database.drop());
    const name = new URL(database.env.DATABASE_URL ?? '').pathname.slice(1);
    cleanups.push(() => admin(`alter database ${name} allow_connections true`));
    const seeded = await openDatabase(database.options);
    const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
    const workshopId = (
      await new WorkshopRepository(seeded.db).create({ title: 'Outage', template: 'blank', requirements })
    ).id;
    const tokens = [
      (await new ParticipantRepository(seeded.db).create({ workshopId, name: 'a', role: 'stakeholder' })).token,
      (await new ParticipantRepository(seeded.db).create({ workshopId, name: 'b', role: 'stakeholder' })).token,
    ];
    await seeded.close();

    const app = await createApp(testConfig(), { database: database.options });
    cleanups.push(() => app.close());
    const url = await app.listen();
    const writers: { client: TestClient; ledger: string[]; closes: number[] }[] = tokens.map((token) => ({
      client: connectClient(`${url.replace('http', 'ws')}/yjs`, workshopId, token),
      ledger: [],
      closes: [],
    }));
    cleanups.push(() => {
      for (const w of writers) w.client.destroy();
    });
    for (const writer of writers)
      writer.client.provider.on('connection-close', (event: { code: number } | null) =>
        writer.closes.push(event?.code ?? 0),
      );
    await Promise.all(writers.map((w) => w.client.synced()));

    let editing = true;
    const loops = writers.map(async (writer, i) => {
      for (let n = 0; editing; n += 1) {
        scratch(writer.client.doc, 'ledger').set(`w${i}-${n}`, n);
        writer.ledger.push(`w${i}-${n}`);
        // Pacing, not waiting for anything: people type a key every few tens of milliseconds.
        await fixedWait(30);
      }
    });
    await eachWrote(writers, 10, 'before the outage');
    await admin(`alter database ${name} allow_connections false`);
    await admin(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
    );
    // The outage is felt: a commit fails and the server tells the clients their storage is gone.
    await waitForAsync(async () => (await metricValue(app.metrics.commitFailures)) > 0, 15_000, 'a failed commit');
    await waitFor(
      () => writers.some((w) => w.closes.includes(CLOSE.storageUnavailable.code)),
      15_000,
      'a client told its storage is unavailable',
    );
    await eachWrote(writers, 5, 'during the outage');
    const duringOutage = await Promise.all(
      writers.map((w) =>
        w.client.saved(200).then(
          () => 'saved',
          () => 'not saved',
        ),
      ),
    );
    const failedCommits = await metricValue(app.metrics.commitFailures);
    await admin(`alter database ${name} allow_connections true`);
    await waitFor(
      () => writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced),
      20_000,
      'every writer connected and synced after the outage',
    );
    await eachWrote(writers, 5, 'after the outage');
    editing = false;
    await Promise.all(loops);

    expect(duringOutage).toEqual(['not saved', 'not saved']);
    expect(failedCommits).toBeGreaterThan(0);
    expect(writers.flatMap((w) => w.closes)).toContain(CLOSE.storageUnavailable.code);
    await Promise.all(writers.map((w) => w.client.saved(20_000)));
    const everyKey = writers.flatMap((w) => w.ledger);
    for (const writer of writers)
      await waitFor(() => scratch(writer.client.doc, 'ledger').size === everyKey.length, 10_000, 'convergence');
    const stored = await new UpdateStore(app.database.db).load(workshopId);
    const doc = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(doc, part);
    expect(everyKey.filter((key) => !scratch(doc, 'ledger').has(key))).toEqual([]);
  });

  it('surfaces a constraint violation as a refused save, never as silent loss', async () => {
    const database = await createProcessDatabase('postgres');
    cleanups.push(() => database.drop());
    const app = await createApp(testConfig(), { database: database.options });
    cleanups.push(() => app.close());
    const url = await app.listen();
    const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
    const workshopId = (
      await new WorkshopRepository(app.database.db).create({ title: 'Constraint', template: 'blank', requirements })
    ).id;
    const { token } = await app.participants.create({ workshopId, name: 'w', role: 'stakeholder' });
    const client = connectClient(`${url.replace('http', 'ws')}/yjs`, workshopId, token);
    cleanups.push(() => client.destroy());
    await client.synced();
    // Someone has written the next sequence number behind the server's back: the append must fail loudly.
    await app.database.db
      .insertInto('yjs_updates')
      .values({ workshop_id: workshopId, seq: 2, update: new Uint8Array([0, 0]) })
      .execute();
    scratch(client.doc, 'm').set('blocked', true);
    await expect(client.saved(1500)).rejects.toThrow(/not saved/);
    expect(await metricValue(app.metrics.commitFailures)).toBeGreaterThan(0);
    // Relayed at once, but never stored: the room that held it was reset, and the database lacks it.
    const stored = await new UpdateStore(app.database.db).load(workshopId);
    const storedDoc = new Y.Doc();
    for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
      Y.applyUpdate(storedDoc, part);
    expect(scratch(storedDoc, 'm').has('blocked')).toBe(false);
    await app.database.db
      .deleteFrom('yjs_updates')
      .where('workshop_id', '=', workshopId)
      .where('seq', '=', 2)
      .execute();
    await client.saved(10_000);
    expect(scratch(app.registry.peek(workshopId)!.doc, 'm').get('blocked')).toBe(true);
  });
});
