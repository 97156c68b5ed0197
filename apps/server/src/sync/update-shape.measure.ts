// What the door's shape check costs per update, next to what the room already spends on each one (cutting
// it to its new part and applying it). Run: npx tsx src/sync/update-shape.measure.ts
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { applyEdit, createWorkshopDoc } from '@accord/core/ydoc';
import * as Y from 'yjs';
import { novelChange } from './novel-part.ts';
import { UpdateShapeGuard } from './update-shape.ts';

const initial = Y.encodeStateAsUpdate(
  createWorkshopDoc(requirementsSchema.parse(templateById('messaging')?.requirements)),
);
const client = new Y.Doc();
Y.applyUpdate(client, initial);
const updates: Uint8Array[] = [];
client.on('update', (update: Uint8Array) => updates.push(update));
// What a workshop sends: mostly keystrokes, some field sets, now and then a new item.
for (let i = 0; i < 5000; i += 1) {
  if (i % 50 === 0)
    applyEdit(client, {
      kind: 'insert',
      collection: 'risks',
      item: { id: `r-${i}`, threat: 'flood', rationale: 'why' },
    });
  else if (i % 10 === 0) applyEdit(client, { kind: 'set', path: '/meta/title', value: `Mail ${i}` });
  else applyEdit(client, { kind: 'text', path: '/meta/description', index: i % 7, deleteCount: 0, insert: 'x' });
}

for (let round = 1; round <= 3; round += 1) {
  const server = new Y.Doc();
  Y.applyUpdate(server, initial);
  const guard = new UpdateShapeGuard(server);
  let baseline = 0n;
  let check = 0n;
  let refused = 0;
  for (const update of updates) {
    const started = process.hrtime.bigint();
    const novel = novelChange(server, update);
    const checkStarted = process.hrtime.bigint();
    if (novel && !guard.check(novel.decoded, 'editor', { hold: false }).ok) refused += 1;
    const checked = process.hrtime.bigint();
    Y.applyUpdate(server, update);
    baseline += checkStarted - started + (process.hrtime.bigint() - checked);
    check += checked - checkStarted;
  }
  const us = (ns: bigint): string => (Number(ns) / updates.length / 1000).toFixed(1);
  console.log(
    `round ${round}: shape check ${us(check)} µs per update; novel part + apply ${us(baseline)} µs; ${updates.length} updates, ${refused} refused`,
  );
}
