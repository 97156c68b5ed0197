import type { Role } from '@accord/protocol/roles';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  facilitator: 'Facilitator',
  stakeholder: 'Stakeholder',
  sponsor: 'Sponsor',
  observer: 'Observer',
};

/** What each role does in the room, said on the join page. */
export const ROLE_DUTIES: Readonly<Record<Role, string>> = {
  facilitator: 'You run the session: move everyone through the agenda, accept proposals and publish versions.',
  stakeholder: 'You co-author the requirements: edit fields, propose alternatives and vote.',
  sponsor: 'You review and sign the SLA. You can propose and vote, but not edit requirements directly.',
  observer: 'You follow the workshop live, read-only.',
};

/** The same in the third person, for the facilitator choosing whom to invite. */
export const ROLE_SUMMARIES: Readonly<Record<Role, string>> = {
  facilitator: 'Runs the session, accepts proposals and publishes.',
  stakeholder: 'Edits the requirements, proposes alternatives and votes.',
  sponsor: 'Reviews and signs the SLA; can propose and vote, not edit.',
  observer: 'Follows the workshop live, read-only.',
};
