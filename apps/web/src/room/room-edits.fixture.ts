import { requirementsSchema } from '@accord/core/model';
import { createWorkshopDoc } from '@accord/core/ydoc';
import type * as Y from 'yjs';

/**
 * A small workshop with one of everything the room's structural edits switch: a function with a target, a
 * window and protections, a component, a maintenance window, escalation contacts.
 */
export const SMALL_WORKSHOP = {
  formatVersion: 1,
  meta: { title: 'Mail', service: 'Messaging', timeZone: 'Europe/Berlin' },
  calendars: [
    { id: 'office', name: 'Office', slots: [{ day: 'mon', start: '08:00', end: '18:00' }] },
    { id: 'desk', name: 'Desk', slots: [{ day: 'tue', start: '08:00', end: '18:00' }] },
  ],
  serviceHoursCalendarId: 'desk',
  components: [{ id: 'mailbox-db', name: 'Mailbox DB', availability: { kind: 'percent', percent: 99.9 } }],
  functions: [
    {
      id: 'mail',
      name: 'Mail',
      dependsOn: ['mailbox-db'],
      availability: { targetPercent: 99.9, downtimeCostPerHour: 18_000 },
      design: [{ kind: 'dag' }, { kind: 'scr', activationSeconds: 600 }],
    },
  ],
  maintenance: [
    {
      id: 'patch',
      name: 'Patch',
      timeZone: 'Europe/Berlin',
      recurrence: { kind: 'weekly', day: 'sun', start: '02:00' },
      durationSeconds: 7200,
      counted: false,
    },
  ],
  support: {
    escalation: [
      { id: 'desk', level: 1, name: 'Desk' },
      { id: 'lead', level: 2, name: 'Lead' },
    ],
  },
};

/** A fresh doc holding the small workshop. */
export function smallWorkshopDoc(): Y.Doc {
  return createWorkshopDoc(requirementsSchema.parse(SMALL_WORKSHOP));
}
