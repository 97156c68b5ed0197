import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import { ITEM_SHAPES, ROOT_SHAPE, ROW_LISTS, TEXT_FIELDS, type MapShape } from './doc-layout.ts';

function texts(shape: MapShape): string[] {
  return [
    ...(shape.texts ?? []),
    ...Object.values(shape.maps ?? {}).flatMap(texts),
    ...Object.values(shape.rows ?? {}).flatMap(texts),
  ];
}

describe('the doc layout tables', () => {
  it('name every row list people edit row by row', () => {
    expect([...ROW_LISTS].sort()).toEqual([
      '/calendars/*/holidays',
      '/calendars/*/slots',
      '/functions/*/design',
      '/meta/sponsors',
      '/support/escalation',
    ]);
  });

  it('keep every text of a shape among the text fields', () => {
    for (const shape of [ROOT_SHAPE, ...Object.values(ITEM_SHAPES)])
      for (const key of texts(shape)) expect(TEXT_FIELDS.has(key), key).toBe(true);
  });

  it('give every row of a row list an optional id in the model', () => {
    const parsed = requirementsSchema.safeParse({
      formatVersion: 1,
      meta: { title: 'T', service: 'S', timeZone: 'UTC', sponsors: [{ id: 'a', name: 'A' }] },
      calendars: [
        {
          id: 'c',
          name: 'C',
          slots: [{ id: 's', day: 'mon', start: '08:00', end: '09:00' }],
          holidays: [{ id: 'h', date: '2027-01-01' }],
        },
      ],
      functions: [{ id: 'f', name: 'F', design: [{ id: 'd', kind: 'dag' }] }],
      support: { escalation: [{ id: 'e', level: 1, name: 'E' }] },
    });
    expect(parsed.success).toBe(true);
    const value = parsed.data;
    expect([
      value?.meta.sponsors[0]?.id,
      value?.calendars[0]?.slots[0]?.id,
      value?.calendars[0]?.holidays[0]?.id,
      value?.functions[0]?.design[0]?.id,
      value?.support.escalation[0]?.id,
    ]).toEqual(['a', 's', 'h', 'd', 'e']);
  });
});
