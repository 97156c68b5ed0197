import type { ParticipantView, WorkshopView } from '@accord/protocol/api';
import { AccordError } from '@accord/protocol/errors';
import { phaseSchema } from '@accord/protocol/phases';
import type { Participant } from './participant.repository.ts';
import type { WorkshopRepository, WorkshopRow } from './workshop.repository.ts';

export function toWorkshopView(row: WorkshopRow): WorkshopView {
  return {
    id: row.id,
    title: row.title,
    template: row.template,
    phase: phaseSchema.catch('scope').parse(row.phase),
    createdAt: row.createdAt,
  };
}

export function toParticipantView(participant: Participant): ParticipantView {
  return {
    id: participant.id,
    name: participant.name,
    role: participant.role,
    joinedAt: participant.createdAt,
    revoked: participant.revokedAt !== null,
  };
}

/** The workshop as the API shows it; `not_found` if there is none with that id. */
export async function readWorkshopView(workshops: WorkshopRepository, id: string): Promise<WorkshopView> {
  const row = await workshops.get(id);
  if (!row) throw new AccordError('not_found', 'no such workshop');
  return toWorkshopView(row);
}
