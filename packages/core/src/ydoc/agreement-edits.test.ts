import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { applyEdit, createWorkshopDoc, readSnapshot } from './workshop-doc.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);

describe('editing the agreement sections in a workshop', () => {
  it('accepts edits to sections the file did not have yet, and the snapshot reads them back', () => {
    const doc = createWorkshopDoc(messaging);
    expect(
      applyEdit(doc, { kind: 'set', path: '/agreement/breach/credits', value: 'None: a miss triggers a review' }),
    ).toEqual({ ok: true });
    expect(
      applyEdit(doc, { kind: 'set', path: '/agreement/outOfScope', value: ['Personal archives on laptops'] }),
    ).toEqual({ ok: true });
    expect(
      applyEdit(doc, {
        kind: 'set',
        path: '/functions/webmail/measurement/probe',
        value: 'Synthetic OWA logon from the internet',
      }),
    ).toEqual({ ok: true });
    const snapshot = readSnapshot(doc);
    if (!snapshot.ok) throw new Error(JSON.stringify(snapshot.problems));
    expect(snapshot.value.agreement?.breach.credits).toBe('None: a miss triggers a review');
    expect(snapshot.value.agreement?.outOfScope).toEqual(['Personal archives on laptops']);
    expect(snapshot.value.functions.find((f) => f.id === 'webmail')?.measurement?.probe).toBe(
      'Synthetic OWA logon from the internet',
    );
  });

  it('reports a value the section does not allow, naming the field', () => {
    const doc = createWorkshopDoc(messaging);
    applyEdit(doc, { kind: 'set', path: '/agreement/desk/clocksRunIn', value: 'sometimes' });
    const snapshot = readSnapshot(doc);
    expect(snapshot.ok).toBe(false);
    expect(JSON.stringify(snapshot)).toContain('clocksRunIn');
  });
});
