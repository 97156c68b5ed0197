import { cell, type Block } from '../document-model.ts';
import { summariseSlots } from '../format/calendar-summary.ts';
import { findingsFor } from '../finding-views.ts';
import { plural } from '../format/labels.ts';
import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { buildWeekGrid } from '../week-grid.ts';

/** When the service is measured and staffed, in the workshop's time zone, with the week drawn as a grid. */
export function serviceHoursSection(ctx: BuildContext): SectionDraft {
  const { requirements } = ctx;
  const zone = requirements.meta.timeZone;
  const service = requirements.calendars.find((c) => c.id === requirements.serviceHoursCalendarId);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `All times are local to ${zone} unless a calendar names its own zone. ` +
        (service
          ? `Service hours follow the calendar “${service.name}”: ${summariseSlots(service)}${service.holidays.length > 0 ? `, except ${plural(service.holidays.length, 'holiday')}` : ''}.`
          : 'No service-hours calendar is set: the service is provided around the clock.'),
    },
  ];
  if (requirements.calendars.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Calendar', width: 2 },
        { label: 'Time zone', width: 2 },
        { label: 'Hours', width: 4 },
        { label: 'Holidays', width: 4 },
      ],
      rows: requirements.calendars.map((c) => [
        cell(c.name),
        c.timeZone ? cell(c.timeZone) : cell(`none (read as ${zone})`, 'warning'),
        cell(summariseSlots(c)),
        cell(c.holidays.map((h) => (h.name ? `${h.date} ${h.name}` : h.date)).join(', ') || 'none'),
      ]),
    });
  }
  const grid = buildWeekGrid(requirements);
  blocks.push({ kind: 'heading', text: 'The week at a glance' });
  blocks.push({
    kind: 'paragraph',
    text:
      `One regular week in ${zone}: service hours, staffed support, on-call and maintenance side by side. ` +
      `Red marks hours that count against an availability budget while nobody is on duty or on call (${grid.measuredLabel}).`,
  });
  blocks.push({ kind: 'week-grid', grid });
  const findings = findingsFor(ctx.derivation, 'service-hours');
  if (findings.length > 0) blocks.push({ kind: 'findings', findings });
  return { id: 'sla-service-hours', title: 'Service hours', blocks };
}
