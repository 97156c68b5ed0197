import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { novelChange, novelPart } from './novel-part.ts';

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

  it('takes a fresh edit as sent, and cuts an update that starts with something the server holds', () => {
    const { server, client } = replicas();
    const before = Y.encodeStateVector(client);
    client.getMap('m').set('fresh', 1);
    const edit = Y.encodeStateAsUpdate(client, before);
    expect(novelChange(server, edit)?.update).toBe(edit);
    // The same edit resent together with an older one of the same client: only the edit is new.
    const both = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    Y.applyUpdate(server, edit);
    client.getMap('m').set('later', 2);
    const resend = Y.mergeUpdates([both, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server))]);
    const novel = novelChange(server, resend);
    expect(novel?.update).not.toBe(resend);
    Y.applyUpdate(server, novel!.update);
    expect(server.getMap('m').get('later')).toBe(2);
    expect(novelChange(server, resend)).toBeUndefined();
  });
});
