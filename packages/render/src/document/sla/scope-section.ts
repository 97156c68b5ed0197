import type { Component } from '@accord/core/model';
import { cell, type Block } from '../document-model.ts';
import { percent, words } from '../format/labels.ts';
import { partName, type BuildContext, type SectionDraft } from '../section-draft.ts';

/** Service and scope: the business functions in scope, who uses them, and what each depends on. */
export function scopeSection(ctx: BuildContext): SectionDraft {
  const { requirements } = ctx;
  const blocks: Block[] = [];
  if (requirements.meta.description) blocks.push({ kind: 'paragraph', text: requirements.meta.description });
  blocks.push(
    requirements.functions.length === 0
      ? { kind: 'paragraph', text: 'No business functions are in scope yet.', tone: 'warning' }
      : {
          kind: 'table',
          columns: [
            { label: 'Business function', width: 2 },
            { label: 'Tier', width: 1 },
            { label: 'Users', width: 2 },
            { label: 'Depends on', width: 3 },
          ],
          rows: requirements.functions.map((fn) => [
            cell(fn.description ? `${fn.name}: ${fn.description}` : fn.name),
            cell(words(fn.tier)),
            cell(fn.users || '—'),
            cell(fn.dependsOn.map((id) => partName(requirements, id)).join(', ') || '—'),
          ]),
        },
  );
  if (requirements.components.length > 0) {
    blocks.push({ kind: 'heading', text: 'Components and dependencies' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Component', width: 3 },
        { label: 'Role', width: 2 },
        { label: 'Instances', width: 2 },
        { label: 'Availability of one', width: 3 },
      ],
      rows: requirements.components.map((c) => [
        cell(c.notes ? `${c.name}: ${c.notes}` : c.name),
        cell(words(c.role)),
        cell(c.instances === 1 ? 'single' : `${c.required} of ${c.instances} needed`),
        cell(componentAvailability(c)),
      ]),
    });
  }
  for (const group of requirements.groups) {
    blocks.push({
      kind: 'paragraph',
      text: `${group.name}: ${group.required} of ${group.members.map((id) => partName(requirements, id)).join(', ')} must be up.`,
    });
  }
  return { id: 'sla-scope', title: 'Service and scope', blocks };
}

function componentAvailability(component: Component): string {
  const { availability } = component;
  if (availability.kind === 'percent') return percent(availability.percent);
  const ratio = availability.mtbfHours / (availability.mtbfHours + availability.mttrHours);
  return `MTBF ${availability.mtbfHours} h, MTTR ${availability.mttrHours} h (${percent(ratio * 100, 4)})`;
}
