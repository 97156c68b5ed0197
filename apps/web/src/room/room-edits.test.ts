import {
  availabilityRequirementSchema,
  componentAvailabilitySchema,
  measurementWindowSchema,
  recurrenceSchema,
  validateRequirements,
} from '@accord/core/model';
import { applyEdits, fieldValue, readRaw, type Edit } from '@accord/core/ydoc';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { rows } from '../lib/rows.ts';
import { problemFieldPath, valueAt } from '../lib/raw.ts';
import {
  availabilityKindEdits,
  designKindsEdits,
  nextEscalationContact,
  recurrenceKindEdits,
  statedAsEdits,
  windowEdits,
} from './room-edits.ts';
import { smallWorkshopDoc } from './room-edits.fixture.ts';

function apply(doc: Y.Doc, edits: readonly Edit[]): void {
  expect(applyEdits(doc, edits)).toEqual({ ok: true });
}

const design = (doc: Y.Doc) => rows(valueAt(readRaw(doc), '/functions/mail/design'));

describe('nextEscalationContact', () => {
  it('starts one level above the highest so far, escalated to after an hour', () => {
    expect(nextEscalationContact([{ level: 1 }, { level: 3 }, { level: 2 }], 'Head of IT')).toEqual({
      level: 4,
      name: 'Head of IT',
      role: '',
      contact: '',
      afterSeconds: 3600,
    });
    expect(nextEscalationContact([], 'Desk').level).toBe(1);
  });

  it('stays at the top level the requirements allow', () => {
    expect(nextEscalationContact([{ level: 9 }], 'CEO').level).toBe(9);
  });
});

describe('designKindsEdits', () => {
  it('ticks a protection in as a row of its own, leaving the other rows as they are', () => {
    const doc = smallWorkshopDoc();
    const edits = designKindsEdits('mail', design(doc), ['dag', 'scr', 'lcr']);
    expect(edits).toEqual([{ kind: 'row-insert', list: '/functions/mail/design', row: { kind: 'lcr', id: 'lcr' } }]);
    apply(doc, edits);
    expect(design(doc).map((row) => row.kind)).toEqual(['dag', 'scr', 'lcr']);
    expect(fieldValue(doc, '/functions/mail/design/scr/activationSeconds')).toBe(600);
  });

  it('unticks a protection by removing its row alone', () => {
    const doc = smallWorkshopDoc();
    const edits = designKindsEdits('mail', design(doc), ['scr']);
    expect(edits).toEqual([{ kind: 'row-remove', list: '/functions/mail/design', id: 'dag' }]);
    apply(doc, edits);
    expect(design(doc)).toEqual([{ id: 'scr', kind: 'scr', activationSeconds: 600 }]);
  });
});

describe('availabilityKindEdits', () => {
  it('switches a component to MTBF and back, with the new kind’s figures and without the old kind’s', () => {
    const doc = smallWorkshopDoc();
    apply(doc, availabilityKindEdits('mailbox-db', 'mtbf'));
    const mtbf = fieldValue(doc, '/components/mailbox-db/availability');
    expect(mtbf).toEqual({ kind: 'mtbf', mtbfHours: 4380, mttrHours: 8 });
    expect(componentAvailabilitySchema.safeParse(mtbf).success).toBe(true);
    apply(doc, availabilityKindEdits('mailbox-db', 'percent'));
    expect(fieldValue(doc, '/components/mailbox-db/availability')).toEqual({ kind: 'percent', percent: 99.9 });
  });
});

describe('statedAsEdits', () => {
  const derived = {
    percent: 99.95,
    budgets: { month: { seconds: 1314.9 } },
    toleratedDowntime: undefined,
  } as unknown as Parameters<typeof statedAsEdits>[2];

  it('swaps the target for the downtime it allows a month, keeping the rest of the commitment', () => {
    const doc = smallWorkshopDoc();
    apply(doc, statedAsEdits('mail', 'tolerated', derived));
    const availability = fieldValue(doc, '/functions/mail/availability') as Record<string, unknown>;
    expect(availability.targetPercent).toBeUndefined();
    expect(availability.toleratedDowntime).toEqual({ downtimeSeconds: 1315, per: 'month' });
    expect(availability.downtimeCostPerHour).toBe(18_000);
    expect(availabilityRequirementSchema.safeParse(availability).success).toBe(true);
  });

  it('swaps a tolerated downtime back for the target it implies, as documents print it', () => {
    const doc = smallWorkshopDoc();
    apply(doc, statedAsEdits('mail', 'tolerated', undefined));
    expect(fieldValue(doc, '/functions/mail/availability/toleratedDowntime')).toEqual({
      downtimeSeconds: 2630,
      per: 'month',
    });
    const printed = { ...derived, toleratedDowntime: { targetText: '99.94' } } as typeof derived;
    apply(doc, statedAsEdits('mail', 'target', printed));
    const availability = fieldValue(doc, '/functions/mail/availability') as Record<string, unknown>;
    expect(availability.toleratedDowntime).toBeUndefined();
    expect(availability.targetPercent).toBe(99.94);
    expect(availabilityRequirementSchema.safeParse(availability).success).toBe(true);
  });
});

describe('statedAsEdits, where two people switched at once', () => {
  it('mends a commitment left stated both ways with whichever statement is chosen', () => {
    const doc = smallWorkshopDoc();
    const tolerated = { downtimeSeconds: 600, per: 'month' };
    apply(doc, [{ kind: 'set', path: '/functions/mail/availability/toleratedDowntime', value: tolerated }]);
    // The problem names the tolerated downtime's path: the "State it as" choice sits there to show it.
    const checked = validateRequirements(readRaw(doc));
    expect(checked.ok).toBe(false);
    const paths = checked.ok ? [] : checked.problems.map((p) => problemFieldPath(readRaw(doc), p.path));
    expect(paths).toContain('/functions/mail/availability/toleratedDowntime');
    apply(doc, statedAsEdits('mail', 'tolerated', undefined));
    const availability = fieldValue(doc, '/functions/mail/availability');
    expect(availabilityRequirementSchema.safeParse(availability).success).toBe(true);
    expect(statedAsEdits('mail', null, undefined)).toEqual([]);
  });
});

describe('windowEdits', () => {
  it('measures in the workshop’s service hours, else in its first calendar; 24×7 drops the calendar', () => {
    const doc = smallWorkshopDoc();
    apply(doc, windowEdits(readRaw(doc), 'mail', 'service-hours'));
    expect(fieldValue(doc, '/functions/mail/availability/window')).toEqual({
      kind: 'service-hours',
      calendarId: 'desk',
    });
    apply(doc, windowEdits(readRaw(doc), 'mail', '24x7'));
    const window = fieldValue(doc, '/functions/mail/availability/window');
    expect(window).toEqual({ kind: '24x7' });
    expect(measurementWindowSchema.safeParse(window).success).toBe(true);
    apply(doc, [{ kind: 'set', path: '/serviceHoursCalendarId', value: null }]);
    apply(doc, windowEdits(readRaw(doc), 'mail', 'service-hours'));
    expect(fieldValue(doc, '/functions/mail/availability/window/calendarId')).toBe('office');
  });
});

describe('recurrenceKindEdits', () => {
  const recurrence = (doc: Y.Doc) => fieldValue(doc, '/maintenance/patch/recurrence');

  it('gives a window made monthly the last week of the month, and takes the week away when made weekly', () => {
    const doc = smallWorkshopDoc();
    apply(doc, recurrenceKindEdits('patch', 'monthly', undefined));
    expect(recurrence(doc)).toEqual({ kind: 'monthly', week: 'last', day: 'sun', start: '02:00' });
    expect(recurrenceSchema.safeParse(recurrence(doc)).success).toBe(true);
    apply(doc, recurrenceKindEdits('patch', 'weekly', 'last'));
    expect(recurrence(doc)).toEqual({ kind: 'weekly', day: 'sun', start: '02:00' });
  });

  it('keeps a week already set, and switches to nothing when nothing is chosen', () => {
    expect(recurrenceKindEdits('patch', 'monthly', 2)).toEqual([
      { kind: 'set', path: '/maintenance/patch/recurrence/kind', value: 'monthly' },
    ]);
    expect(recurrenceKindEdits('patch', null, 2)).toEqual([]);
  });
});
