import { z } from 'zod';

/** The workshop agenda, in order (SPEC §1). Late joiners land on the current phase. */
export const phaseSchema = z.enum(['scope', 'availability', 'recovery', 'support', 'risks', 'review', 'signoff']);
export type Phase = z.infer<typeof phaseSchema>;
export const PHASES: readonly Phase[] = phaseSchema.options;

export const PHASE_TITLES: Readonly<Record<Phase, string>> = {
  scope: 'Scope',
  availability: 'Availability',
  recovery: 'Recovery',
  support: 'Support',
  risks: 'Risks',
  review: 'Review',
  signoff: 'Sign-off',
};
