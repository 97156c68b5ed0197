import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isAllSaved } from './saved-state.ts';

describe('isAllSaved', () => {
  it('is true only once the stored vector covers every local change', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getMap('m').set('a', 1);
    expect(isAllSaved(client, Y.encodeStateVector(server))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(isAllSaved(client, Y.encodeStateVector(server))).toBe(true);
    client.getMap('m').set('b', 2);
    expect(isAllSaved(client, Y.encodeStateVector(server))).toBe(false);
  });

  it('ignores changes the server has from others', () => {
    const server = new Y.Doc();
    server.getMap('m').set('other', 1);
    const client = new Y.Doc();
    expect(isAllSaved(client, Y.encodeStateVector(server))).toBe(true);
  });
});
