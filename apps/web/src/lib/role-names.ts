import type { Role } from '@accord/protocol/roles';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  facilitator: 'Facilitator', stakeholder: 'Stakeholder', sponsor: 'Sponsor', observer: 'Observer',
};

/** What each role does in the room, said on the join page. */
export const ROLE_DUTIES: Readonly<Record<Role, string>> = {
  facilitator: 'You run the session: move everyone through the agenda, accept proposals and publish versions.',
  stakeholder: 'You co-author the requirements: edit fields, propose alternatives and vote.',
  sponsor: 'You review and sign the SLA. You can propose and vote, but not edit requirements directly.',
  observer: 'You follow the workshop live, read-only.',
};
