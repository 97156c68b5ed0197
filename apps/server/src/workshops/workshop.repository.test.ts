import { TEST_DIALECTS } from '@accord/db/test-databases';
import { openWithTwoWorkshops } from '../test/workshop-rows.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkshopRepository } from './workshop.repository.ts';

describe.each(TEST_DIALECTS)('the room freeze as stored on $name', (dialect) => {
  let database: Awaited<ReturnType<typeof openWithTwoWorkshops>>;
  let workshops: WorkshopRepository;

  beforeAll(async () => {
    database = await openWithTwoWorkshops(dialect);
    workshops = new WorkshopRepository(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('freezes only an open room and unfreezes only a frozen one, naming who froze it', async () => {
    expect(await workshops.freeze('w1')).toBeNull();
    expect(await workshops.setFrozen('w1', null)).toBe(false);
    expect(await workshops.setFrozen('w1', 'Fay')).toBe(true);
    expect(await workshops.setFrozen('w1', 'Gus')).toBe(false);
    expect(await workshops.freeze('w1')).toEqual({ at: expect.any(Date) as Date, by: 'Fay' });
    expect(await workshops.freeze('w2')).toBeNull();
    expect(await workshops.setFrozen('w1', null)).toBe(true);
    expect(await workshops.setFrozen('w1', null)).toBe(false);
    expect(await workshops.freeze('w1')).toBeNull();
  });

  it('knows no freeze of a workshop that does not exist, and freezes none', async () => {
    expect(await workshops.freeze('nope')).toBeUndefined();
    expect(await workshops.setFrozen('nope', 'Fay')).toBe(false);
  });

  it('says which of the asked workshops are frozen, leaving out those that do not exist', async () => {
    await workshops.setFrozen('w2', 'Fay');
    expect(await workshops.frozenAmong(['w1', 'w2', 'nope'])).toEqual(
      new Map([
        ['w1', false],
        ['w2', true],
      ]),
    );
    expect(await workshops.frozenAmong(['w1'])).toEqual(new Map([['w1', false]]));
    expect(await workshops.frozenAmong([])).toEqual(new Map());
    await workshops.setFrozen('w2', null);
  });
});
