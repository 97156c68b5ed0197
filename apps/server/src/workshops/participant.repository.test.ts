import { TEST_DIALECTS } from '@accord/db/test-databases';
import { openWithTwoWorkshops } from '../test/workshop-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParticipantRepository } from './participant.repository.ts';

describe.each(TEST_DIALECTS)('revoked participants as stored on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openWithTwoWorkshops>>;
  let participants: ParticipantRepository;

  beforeAll(async () => {
    database = await openWithTwoWorkshops(dialect);
    participants = new ParticipantRepository(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('lists the participants revoked since a moment, in every workshop, and no one still in', async () => {
    const ann = (await participants.create({ workshopId: 'w1', name: 'Ann', role: 'stakeholder' })).participant;
    const bo = (await participants.create({ workshopId: 'w2', name: 'Bo', role: 'observer' })).participant;
    await participants.create({ workshopId: 'w1', name: 'Cy', role: 'stakeholder' });
    const before = new Date(Date.now() - 60_000);
    expect(await participants.revokedSince(before)).toEqual([]);
    await participants.revoke('w1', ann.id);
    await participants.revoke('w2', bo.id);
    const revoked = await participants.revokedSince(before);
    expect(revoked.sort((a, b) => a.workshopId.localeCompare(b.workshopId))).toEqual([
      { id: ann.id, workshopId: 'w1' },
      { id: bo.id, workshopId: 'w2' },
    ]);
    // Revoked before the moment asked about: not listed.
    expect(await participants.revokedSince(new Date(Date.now() + 60_000))).toEqual([]);
  });
});
