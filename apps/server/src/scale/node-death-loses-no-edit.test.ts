import { scratch } from '../test/scratch-map.ts';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../database.ts';
import { createProcessDatabase } from '../test/process-database.ts';
import { freePort, startServerProcess, type ServerProcess } from '../test/server-process.ts';
import { startBalancer } from '../test/tcp-balancer.ts';
import { scaleOutAvailable, SCALE_OUT_URLS } from '../test/two-nodes.ts';
import { eachWrote, fixedWait } from '../test/waits.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';
import { UpdateStore } from '../sync/update-store.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

const WRITERS = 6;

describe.runIf(scaleOutAvailable())('a node killed with SIGKILL behind a balancer', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('moves its clients to the other node and loses no edit', async () => {
    const database = await createProcessDatabase('postgres');
    cleanups.push(() => database.drop());
    const opened = await openDatabase(database.options);
    const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
    const workshopId = (
      await new WorkshopRepository(opened.db).create({ title: 'Node death', template: 'blank', requirements })
    ).id;
    const participants = new ParticipantRepository(opened.db);
    const tokens: string[] = [];
    for (let i = 0; i < WRITERS; i += 1)
      tokens.push((await participants.create({ workshopId, name: `writer ${i}`, role: 'stakeholder' })).token);
    await opened.close();

    const prefix = `accord-death-${process.pid}`;
    const ports = [await freePort(), await freePort()];
    const nodes: ServerProcess[] = [];
    for (const [i, port] of ports.entries()) {
      nodes.push(
        await startServerProcess({
          ...database.env,
          REDIS_URL: SCALE_OUT_URLS.redis ?? '',
          REDIS_PREFIX: prefix,
          NODE_ID: `node-${i}`,
          PORT: String(port),
        }),
      );
    }
    cleanups.push(async () => {
      for (const node of nodes) await node.kill();
    });
    const balancer = await startBalancer(ports);
    cleanups.push(() => balancer.close());

    const writers = tokens.map((token, i) => ({
      name: `w${i}`,
      ledger: [] as string[],
      client: connectClient(`ws://127.0.0.1:${balancer.port}/yjs`, workshopId, token) as TestClient,
    }));
    cleanups.push(() => {
      for (const w of writers) w.client.destroy();
    });
    await Promise.all(writers.map((w) => w.client.synced()));
    let cut = 0;
    for (const writer of writers) writer.client.provider.on('connection-close', () => (cut += 1));

    let editing = true;
    const loops = writers.map(async (writer) => {
      for (let n = 0; editing; n += 1) {
        scratch(writer.client.doc, 'ledger').set(`${writer.name}-${n}`, n);
        writer.ledger.push(`${writer.name}-${n}`);
        // Pacing, not waiting for anything: people type a key every few tens of milliseconds.
        await fixedWait(20 + Math.random() * 20);
      }
    });
    await eachWrote(writers, 20, 'before the kill');
    await nodes[0]?.kill();
    // The balancer spreads the writers over both nodes: some lose their connection, and all end up on node 1.
    await waitFor(() => cut > 0, 10_000, 'the writers on the killed node losing their connection');
    await eachWrote(writers, 5, 'after the kill');
    await waitFor(
      () => writers.every((w) => w.client.provider.wsconnected && w.client.provider.synced),
      20_000,
      'every writer connected and synced on the surviving node',
    );
    await eachWrote(writers, 10, 'on the surviving node');
    editing = false;
    await Promise.all(loops);

    await Promise.all(writers.map((w) => w.client.saved(20_000)));
    const everyKey = writers.flatMap((w) => w.ledger);
    for (const writer of writers)
      await waitFor(
        () => scratch(writer.client.doc, 'ledger').size === everyKey.length,
        10_000,
        `${writer.name} converging`,
      );

    const check = await openDatabase(database.options);
    try {
      const stored = await new UpdateStore(check.db).load(workshopId);
      const doc = new Y.Doc();
      for (const part of [...(stored.snapshot ? [stored.snapshot.state] : []), ...stored.tail.map((r) => r.update)])
        Y.applyUpdate(doc, part);
      expect(everyKey.filter((key) => !scratch(doc, 'ledger').has(key))).toEqual([]);
    } finally {
      await check.close();
    }
  });
});
