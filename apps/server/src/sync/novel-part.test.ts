import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { novelPart } from './novel-part.ts';

function replicas(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.getMap('m').set('a', 'x'.repeat(500));
  server.getText('t').insert(0, 'hello world');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe('novelPart', () => {
  it('finds nothing new in a whole copy of what the server holds', () => {
    const { server, client } = replicas();
    expect(novelPart(server, Y.encodeStateAsUpdate(client))).toBeUndefined();
  });

  it('cuts a whole copy with one new edit down to the edit', () => {
    const { server, client } = replicas();
    client.getMap('m').set('b', 1);
    const whole = Y.encodeStateAsUpdate(client);
    const novel = novelPart(server, whole);
    expect(novel).toBeDefined();
    expect(novel!.byteLength).toBeLessThan(whole.byteLength / 5);
    Y.applyUpdate(server, novel!);
    expect(server.getMap('m').get('b')).toBe(1);
  });

  it('keeps a deletion the server has not applied, and drops one it has', () => {
    const { server, client } = replicas();
    const before = Y.encodeStateVector(client);
    client.getText('t').delete(0, 6);
    const deletion = Y.encodeStateAsUpdate(client, before);
    expect(novelPart(server, deletion)).toBeDefined();
    Y.applyUpdate(server, deletion);
    expect(server.getText('t').toString()).toBe('world');
    expect(novelPart(server, deletion)).toBeUndefined();
    expect(novelPart(server, Y.encodeStateAsUpdate(client))).toBeUndefined();
  });

  it('keeps changes that depend on something the server lacks', () => {
    const { server, client } = replicas();
    client.getMap('m').set('first', 1);
    const before = Y.encodeStateVector(client);
    client.getMap('m').set('second', 2);
    expect(novelPart(server, Y.encodeStateAsUpdate(client, before))).toBeDefined();
  });
});
