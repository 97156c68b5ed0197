import type { InviteView, ParticipantView } from '@accord/protocol/api';
import { AccordError } from '@accord/protocol/errors';
import type { InviteRole } from '@accord/protocol/roles';
import type { AuditRepository } from './audit.repository.ts';
import type { InviteRepository } from './invite.repository.ts';
import type { Participant, ParticipantRepository } from './participant.repository.ts';
import type { WorkshopEvents } from './workshop-events.ts';
import { toParticipantView } from './workshop-views.ts';

export interface MembershipServiceDeps {
  readonly participants: ParticipantRepository;
  readonly invites: InviteRepository;
  readonly audit: AuditRepository;
  readonly events: WorkshopEvents;
}

/** Who is in a workshop and who may come in: its invite links and its participants, and revoking either. */
export class MembershipService {
  constructor(private readonly deps: MembershipServiceDeps) {}

  async invites(workshopId: string): Promise<InviteView[]> {
    return this.deps.invites.list(workshopId);
  }

  async createInvite(
    actor: Participant,
    input: { role: InviteRole; expiresInHours: number; label: string },
  ): Promise<{ invite: InviteView; link: string }> {
    if (input.role === 'sponsor') {
      throw new AccordError(
        'sponsor_needs_seat',
        'sponsors sign, so each is named: add a sponsor seat (name, e-mail, title) to get their personal invite; use an observer link for reviewers',
        'role',
      );
    }
    const expiresAt = new Date(Date.now() + input.expiresInHours * 3_600_000);
    const created = await this.deps.invites.create({
      workshopId: actor.workshopId,
      role: input.role,
      label: input.label,
      createdBy: actor.id,
      expiresAt,
    });
    await this.deps.audit.record(actor.workshopId, 'invite.created', actor, {
      inviteId: created.invite.id,
      role: input.role,
      expiresAt: expiresAt.toISOString(),
    });
    return { invite: created.invite, link: `/join/${created.token}` };
  }

  async revokeInvite(actor: Participant, inviteId: string): Promise<void> {
    if (!(await this.deps.invites.revoke(actor.workshopId, inviteId)))
      throw new AccordError('not_found', 'no active invite with that id in this workshop');
    await this.deps.audit.record(actor.workshopId, 'invite.revoked', actor, { inviteId });
  }

  async participants(workshopId: string): Promise<ParticipantView[]> {
    return (await this.deps.participants.list(workshopId)).map(toParticipantView);
  }

  /**
   * Revokes a participant; the event disconnects their Yjs and socket.io connections on every node at once.
   * With `alsoInvite`, the link they joined with is revoked too, so they cannot come back in by it (others
   * who joined by the same link stay in).
   */
  async revokeParticipant(
    actor: Participant,
    participantId: string,
    options: { alsoInvite?: boolean } = {},
  ): Promise<void> {
    if (participantId === actor.id)
      throw new AccordError('cannot_revoke_self', 'you cannot revoke yourself; another facilitator can');
    const revoked = await this.deps.participants.revoke(actor.workshopId, participantId);
    if (!revoked) throw new AccordError('not_found', 'no active participant with that id in this workshop');
    this.deps.events.emit('participantRevoked', actor.workshopId, { participantId });
    await this.deps.audit.record(actor.workshopId, 'participant.revoked', actor, { participantId });
    if (
      options.alsoInvite &&
      revoked.inviteId &&
      (await this.deps.invites.revoke(actor.workshopId, revoked.inviteId))
    ) {
      await this.deps.audit.record(actor.workshopId, 'invite.revoked', actor, { inviteId: revoked.inviteId });
    }
  }
}
