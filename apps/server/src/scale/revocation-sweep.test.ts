import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { CLOSE } from '@accord/protocol/close-codes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectControl, next, sessionState } from '../test/control-client.ts';
import { scaleOutAvailable, startCluster, type Cluster } from '../test/two-nodes.ts';
import { rawSocket } from '../test/yjs-client.ts';
import { ParticipantRepository } from '../workshops/participant.repository.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

describe.runIf(scaleOutAvailable())('revocations re-checked on every node', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(2, { revocationCheckMs: 300 });
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('cuts a revoked participant on another node even when no message about it arrived', async () => {
    const { db } = cluster.nodes[0]!.app.database;
    const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
    const workshopId = (
      await new WorkshopRepository(db).create({ title: 'Sweep', template: 'messaging', requirements })
    ).id;
    const participants = new ParticipantRepository(db);
    const doomed = await participants.create({ workshopId, name: 'Revoked quietly', role: 'stakeholder' });
    const socketOnB = connectControl(cluster.nodes[1]!.url, workshopId, doomed.token);
    await sessionState(socketOnB);
    const yjsOnB = rawSocket(cluster.nodes[1]!.yjsUrl, workshopId, doomed.token);
    await yjsOnB.opened;
    const revoked = next(socketOnB, 'revoked');

    // Revoked in PostgreSQL with no event and no Redis message at all: what a node sees when the message
    // was published while its subscriber was reconnecting.
    const started = Date.now();
    expect(await participants.revoke(workshopId, doomed.participant.id)).toBeDefined();
    await revoked;
    expect((await yjsOnB.closed).code).toBe(CLOSE.revoked.code);
    expect(Date.now() - started).toBeLessThan(5_000);
    socketOnB.disconnect();
  });
});
