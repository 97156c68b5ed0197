import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { createProcessDatabase } from '../test/process-database.ts';
import { freePort, startServerProcess, type ServerProcess } from '../test/server-process.ts';
import { scaleOutAvailable, SCALE_OUT_URLS } from '../test/two-nodes.ts';
import { connectClient, waitFor, type TestClient } from '../test/yjs-client.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

const HEARTBEAT_MS = 300;

interface Stamped {
  readonly editing?: string;
  readonly accord?: { readonly participantId: string; readonly name: string };
}

/** The state a client sees of the participant with this name, if any. */
function seen(client: TestClient, name: string): Stamped | undefined {
  for (const state of client.provider.awareness.getStates().values() as IterableIterator<Stamped>) {
    if (state.accord?.name === name) return state;
  }
  return undefined;
}

describe.runIf(scaleOutAvailable())('presence across two node processes', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('crosses nodes both ways and leaves with a node killed by SIGKILL', { timeout: 120_000 }, async () => {
    const database = await createProcessDatabase('postgres');
    cleanups.push(() => database.drop());
    const opened = await openDatabase(database.options);
    const requirements = requirementsSchema.parse(templateById('blank')?.requirements);
    const workshopId = (
      await new WorkshopRepository(opened.db).create({ title: 'Presence', template: 'blank', requirements })
    ).id;
    const participants = new ParticipantRepository(opened.db);
    const ada = await participants.create({ workshopId, name: 'Ada on A', role: 'stakeholder' });
    const bea = await participants.create({ workshopId, name: 'Bea on B', role: 'stakeholder' });
    await opened.close();

    const prefix = `accord-presence-${process.pid}`;
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
          PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS),
        }),
      );
    }
    cleanups.push(async () => {
      for (const node of nodes) await node.kill();
    });

    const onA = connectClient(`ws://127.0.0.1:${ports[0]}/yjs`, workshopId, ada.token);
    const onB = connectClient(`ws://127.0.0.1:${ports[1]}/yjs`, workshopId, bea.token);
    cleanups.push(() => {
      onA.destroy();
      onB.destroy();
    });
    await Promise.all([onA.synced(), onB.synced()]);

    onA.provider.awareness.setLocalStateField('editing', 'title');
    onB.provider.awareness.setLocalStateField('editing', 'scope');
    await waitFor(() => seen(onA, 'Bea on B')?.editing === 'scope', 5_000, 'A seeing B');
    await waitFor(() => seen(onB, 'Ada on A')?.editing === 'title', 5_000, 'B seeing A');
    // The identity is the one B's node stamped, not anything the client wrote.
    expect(seen(onA, 'Bea on B')?.accord?.participantId).toBe(bea.participant.id);

    // A change crosses too, not only the first state.
    onB.provider.awareness.setLocalStateField('editing', 'availability');
    await waitFor(() => seen(onA, 'Bea on B')?.editing === 'availability', 5_000, "A seeing B's change");

    await nodes[1]?.kill();
    const killed = Date.now();
    onB.destroy();
    await waitFor(() => seen(onA, 'Bea on B') === undefined, 5_000, "B's participant leaving A's room");
    const goneMs = Date.now() - killed;
    // Taken for dead after three missed beats; a beat's worth of slack for the sweep.
    expect(goneMs).toBeGreaterThanOrEqual(HEARTBEAT_MS * 2);
    console.info(`presence of a SIGKILLed node's participant left the other node's room after ${goneMs} ms`);
  });
});
