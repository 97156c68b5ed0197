import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { WorkshopRoom } from '../sync/workshop-room.ts';
import type { Participant } from '../workshops/participant.repository.ts';
import { MAX_BOOTSTRAP_DOC_BYTES, roomBootstrap, type RoomBootstrapDeps } from './room-bootstrap.ts';

const RITA: Participant = {
  id: 'p1',
  workshopId: 'abc123',
  name: 'Rita',
  role: 'stakeholder',
  seatId: null,
  createdAt: '2026-12-06T10:00:00.000Z',
  revokedAt: null,
};

/** A bootstrap source over one workshop whose room holds `doc` and reports `documentBytes` stored. */
function source(doc: Y.Doc, documentBytes: number, storedSoFar: () => Promise<void> = async () => undefined) {
  const deps: RoomBootstrapDeps = {
    participants: {
      authenticate: async (workshopId, token) => (workshopId === 'abc123' && token === 'good' ? RITA : undefined),
    },
    workshops: {
      workshop: async (id) => ({ id, title: 'Mail', template: 'messaging', phase: 'scope', createdAt: RITA.createdAt }),
    } as RoomBootstrapDeps['workshops'],
    registry: {
      withRoom: async (_id, work) =>
        work({ doc, documentBytes, isResetting: false, storedSoFar } as unknown as WorkshopRoom),
    } as RoomBootstrapDeps['registry'],
    isFrozen: async () => false,
  };
  return roomBootstrap(deps);
}

describe('roomBootstrap', () => {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Mail');

  it('gives a signed-in browser its room, and nobody else anything', async () => {
    const small = source(doc, 2_000);
    const page = await small('/w/abc123/scope', 'accord_abc123=good');
    expect(page?.you.name).toBe('Rita');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Buffer.from(page?.doc ?? '', 'base64'));
    expect(copy.getMap('meta').get('title')).toBe('Mail');
    // The state vector is the document's, so an early sync step 1 asks only for what changed since.
    expect(Buffer.from(page?.stateVector ?? '', 'base64')).toEqual(Buffer.from(Y.encodeStateVector(doc)));
    expect(await small('/w/abc123/scope', 'accord_abc123=forged')).toBeUndefined();
    expect(await small('/w/abc123/scope', undefined)).toBeUndefined();
    expect(await small('/w/other1/scope', 'accord_abc123=good')).toBeUndefined();
    expect(await small('/api/workshops/abc123', 'accord_abc123=good')).toBeUndefined();
  });

  it('leaves a large document to the websocket sync', async () => {
    const large = source(doc, MAX_BOOTSTRAP_DOC_BYTES + 1);
    expect(await large('/w/abc123/scope', 'accord_abc123=good')).toBeUndefined();
  });

  it('carries a document only once all of it is stored, and none when the store fails', async () => {
    let store: (ok: boolean) => void = () => undefined;
    let asked = 0;
    const held = source(doc, 2_000, () => {
      asked += 1;
      return new Promise<void>(
        (resolve, reject) => (store = (ok) => (ok ? resolve() : reject(new Error('store failed')))),
      );
    });
    let page: unknown = 'waiting';
    const served = held('/w/abc123/scope', 'accord_abc123=good').then((p) => (page = p));
    await vi.waitFor(() => expect(asked).toBe(1));
    // A negative check: with the store asked and not done, the page is NOT served, however long it is given.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(page).toBe('waiting');
    store(true);
    await served;
    expect(page).toMatchObject({ you: { name: 'Rita' } });

    // A store that hangs does not hold the page up: after two seconds it goes without a bootstrap.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const hanging = held('/w/abc123/scope', 'accord_abc123=good');
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await hanging).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }

    const failing = held('/w/abc123/scope', 'accord_abc123=good');
    await vi.waitFor(() => expect(asked).toBe(3));
    store(false);
    expect(await failing).toBeUndefined();
  });
});
