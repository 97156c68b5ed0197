import type { RequirementsInput } from '../model/index.ts';
import { BLANK_TEMPLATE } from './blank.template.ts';
import { MESSAGING_TEMPLATE } from './messaging.template.ts';

export interface Template {
  readonly id: 'messaging' | 'blank';
  readonly name: string;
  readonly description: string;
  readonly requirements: RequirementsInput;
}

/** The workshops Accord can start from. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'messaging',
    name: 'Enterprise messaging (Exchange Server 2007)',
    description: 'Mailbox access, mail flow, webmail and mobile sync on a CCR cluster with an SCR standby site — a realistic first draft: its findings are the contradictions the workshop is there to resolve.',
    requirements: MESSAGING_TEMPLATE,
  },
  { id: 'blank', name: 'Blank workshop', description: 'Start from nothing but a title and a time zone.', requirements: BLANK_TEMPLATE },
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}
