import { parseRequirementsText, requirementsSchema, type Requirements } from '@accord/core/model';
import { TEMPLATES, templateById } from '@accord/core/templates';
import type { Database } from '@accord/db/schema';
import type { InvitePreview, InviteView, ParticipantView, SessionResponse, WorkshopView } from '@accord/protocol/api';
import { phaseSchema } from '@accord/protocol/phases';
import type { InviteRole } from '@accord/protocol/roles';
import type { Kysely } from 'kysely';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterPath } from '@accord/protocol/plain-text';
import { chooseDisplayName } from './participant-names.ts';
import { AccordError } from '@accord/protocol/errors';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from './audit.repository.ts';
import type { CheckedInvite, InviteRepository } from './invite.repository.ts';
import type { Participant, ParticipantRepository } from './participant.repository.ts';
import type { SponsorSeat, SponsorSeatRepository } from './sponsor-seat.repository.ts';
import type { WorkshopEvents } from './workshop-events.ts';
import type { WorkshopRepository, WorkshopRow } from './workshop.repository.ts';

/** PostgreSQL's code for a unique constraint refusing a row (PGlite reports the same). */
const UNIQUE_VIOLATION = '23505';
const JOIN_ATTEMPTS = 3;

export interface WorkshopServiceDeps {
  readonly db: Kysely<Database>;
  readonly workshops: WorkshopRepository;
  readonly participants: ParticipantRepository;
  readonly invites: InviteRepository;
  readonly seats: SponsorSeatRepository;
  readonly audit: AuditRepository;
  readonly registry: RoomRegistry;
  readonly events: WorkshopEvents;
  readonly logger: Logger;
  /** With single sign-on configured, a seat is joined only by a login as its person (never by the link alone). */
  readonly seatsNeedLogin?: boolean;
}

/** The person a single sign-on provider asserted, for binding a seat. */
export interface SeatLogin {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
}

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

/** Creating workshops, joining them by invite, and managing who is in them. */
export class WorkshopService {
  constructor(private readonly deps: WorkshopServiceDeps) {}

  templates(): { id: string; name: string; description: string }[] {
    return TEMPLATES.map(({ id, name, description }) => ({ id, name, description }));
  }

  /**
   * A new workshop from a template or an imported file, its facilitator (the creator) and the facilitator's
   * reusable link, all in one transaction.
   */
  async create(input: {
    template?: 'messaging' | 'blank';
    requirementsText?: string;
    facilitatorName: string;
  }): Promise<SessionResponse> {
    const { requirements, template } = this.startingPoint(input);
    const { deps } = this;
    return deps.db.transaction().execute(async (trx) => {
      const workshop = await deps.workshops.create({ title: requirements.meta.title, template, requirements }, trx);
      const link = await deps.invites.create(
        { workshopId: workshop.id, role: 'facilitator', label: 'facilitator', createdBy: null, expiresAt: null },
        trx,
      );
      const { participant, token } = await deps.participants.create(
        { workshopId: workshop.id, name: input.facilitatorName, role: 'facilitator', inviteId: link.invite.id },
        trx,
      );
      await deps.audit.record(
        workshop.id,
        'workshop.created',
        { id: participant.id, name: participant.name },
        { template },
        trx,
      );
      return {
        workshop: toWorkshopView(workshop),
        you: toParticipantView(participant),
        token,
        facilitatorLink: `/join/${link.token}`,
      };
    });
  }

  private startingPoint(input: { template?: 'messaging' | 'blank'; requirementsText?: string }): {
    requirements: Requirements;
    template: string;
  } {
    if (input.requirementsText !== undefined) {
      const parsed = parseRequirementsText(input.requirementsText);
      if (!parsed.ok) throw fileProblems(parsed.problems);
      // A YAML escape ("\0") can still decode to a control character; the title goes into a text column.
      const control = controlCharacterPath(parsed.value);
      if (control)
        throw new AccordError(
          'invalid_requirements',
          `requirementsText: ${control.join('.')} ${CONTROL_CHARACTER_MESSAGE}`,
          'requirementsText',
        );
      return { requirements: parsed.value, template: 'import' };
    }
    const template = templateById(input.template ?? 'blank');
    if (!template) throw new AccordError('invalid_body', 'template: choose "messaging" or "blank"', 'template');
    return { requirements: requirementsSchema.parse(template.requirements), template: template.id };
  }

  /** What an invite link leads to. Unknown links are 404; revoked or expired ones 410, saying which. */
  async previewInvite(token: string): Promise<InvitePreview> {
    const invite = await this.checkInvite(token);
    const workshop = await this.deps.workshops.get(invite.workshopId);
    if (!workshop)
      throw new AccordError('invite_unknown', 'this invite link is not valid: ask the facilitator for a new one');
    const seat = invite.seatId ? await this.deps.seats.get(invite.workshopId, invite.seatId) : undefined;
    if (invite.seatId && (!seat || seat.removed)) throw seatGone();
    return {
      workshopTitle: workshop.title,
      role: invite.role,
      expiresAt: invite.expiresAt,
      ...(seat
        ? {
            seat: {
              name: seat.name,
              title: seat.title,
              device: seat.participantId !== null,
              loginRequired: this.deps.seatsNeedLogin === true,
            },
          }
        : {}),
    };
  }

  private async checkInvite(token: string): Promise<CheckedInvite> {
    const checked = await this.deps.invites.check(token);
    if (checked.ok) return checked.invite;
    if (checked.reason === 'unknown') {
      this.deps.logger.warn({ reason: 'unknown' }, 'invite refused');
      throw new AccordError('invite_unknown', 'this invite link is not valid: ask the facilitator for a new one');
    }
    if (checked.reason === 'claimed') {
      throw new AccordError(
        'invite_claimed',
        'this personal invite has already been used, and it works only once: if it is yours, ask the facilitator (or open the room on your first device) for a link for another device',
      );
    }
    throw new AccordError(
      `invite_${checked.reason}`,
      `this invite link has been ${checked.reason === 'revoked' ? 'revoked' : 'expired'}: ask the facilitator for a new one`,
    );
  }

  /**
   * Joins by a seat's personal invite: the first claim makes the seat's participant, under the seat's name as
   * the facilitator wrote it; a later one-time link of a claimed seat adds a device of that same participant.
   * Either way the invite is used up, so a forwarded link adds nobody.
   */
  private async joinSeat(invite: CheckedInvite & { seatId: string }, login?: SeatLogin): Promise<SessionResponse> {
    const { deps } = this;
    if (deps.seatsNeedLogin && !login) {
      throw new AccordError(
        'login_required',
        'this sponsor seat is joined by logging in with your company account: use "Log in to join" on the invite page',
      );
    }
    const result = await deps.db.transaction().execute(async (trx) => {
      await deps.workshops.lockJoins(invite.workshopId, trx);
      const seat = await deps.seats.get(invite.workshopId, invite.seatId, trx);
      if (!seat || seat.removed) throw seatGone();
      // Checked before the invite is used up: someone else's login leaves the link usable by its person.
      if (login) await this.bindLogin(seat, login, trx);
      if (!(await deps.invites.claim(invite.id, trx)))
        throw new AccordError('invite_claimed', 'this personal invite has already been used, and it works only once');
      if (seat.participantId !== null) {
        const participant = await deps.participants.get(invite.workshopId, seat.participantId, trx);
        if (!participant || participant.revokedAt !== null)
          throw new AccordError('seat_revoked', 'the sponsor who holds this seat was revoked: ask the facilitator');
        const token = await deps.participants.addDevice(participant.id, trx);
        await deps.invites.countUse(invite.id, trx);
        await deps.audit.record(
          invite.workshopId,
          'participant.joined',
          { id: participant.id, name: participant.name },
          { role: 'sponsor', seatId: seat.id, inviteId: invite.id, device: true },
          trx,
        );
        return { participant, token };
      }
      const taken = (await deps.participants.list(invite.workshopId, trx)).some(
        (p) => p.name.toLowerCase() === seat.name.toLowerCase(),
      );
      if (taken)
        throw new AccordError(
          'name_taken',
          `"${seat.name}" is already the name of another participant: ask the facilitator to rename one of them`,
        );
      const joined = await deps.participants.create(
        { workshopId: invite.workshopId, name: seat.name, role: 'sponsor', inviteId: invite.id, seatId: seat.id },
        trx,
      );
      if (!(await deps.seats.claim(seat.id, joined.participant.id, trx)))
        throw new AccordError('invite_claimed', 'this seat has already been claimed');
      await deps.invites.countUse(invite.id, trx);
      await deps.audit.record(
        invite.workshopId,
        'participant.joined',
        { id: joined.participant.id, name: seat.name },
        { role: 'sponsor', seatId: seat.id, inviteId: invite.id },
        trx,
      );
      return joined;
    });
    const workshop = await this.workshop(invite.workshopId);
    deps.events.emit('participantJoined', invite.workshopId, { participantId: result.participant.id });
    return { workshop, you: toParticipantView(result.participant), token: result.token };
  }

  /** Joins by invite: a new participant in the invite's role, with a name unique in the workshop. */
  async join(token: string, name: string): Promise<SessionResponse> {
    const invite = await this.checkInvite(token);
    if (invite.seatId !== null) return this.joinSeat({ ...invite, seatId: invite.seatId });
    const { deps } = this;
    const joinOnce = () =>
      deps.db.transaction().execute(async (trx) => {
        // Names stay unique for the workshop's whole life (revoked people included): votes, proposals and the
        // decision log name people, so one name must always mean one person. Joins to one workshop take turns
        // (a lock held until commit, apart from the workshop row that edits lock), so each sees the names
        // taken before it.
        await deps.workshops.lockJoins(invite.workshopId, trx);
        // Sponsor seats' names are reserved for their people, claimed or not; lookalikes of any name are refused.
        const seatNames = (await deps.seats.list(invite.workshopId, trx)).filter((s) => !s.removed).map((s) => s.name);
        const chosen = chooseDisplayName(name, [
          ...(await deps.participants.list(invite.workshopId, trx)).map((p) => p.name),
          ...seatNames,
        ]);
        if (!chosen.ok) throw new AccordError('name_taken', chosen.message, 'name');
        const unique = chosen.name;
        const joined = await deps.participants.create(
          { workshopId: invite.workshopId, name: unique, role: invite.role, inviteId: invite.id },
          trx,
        );
        await deps.invites.countUse(invite.id, trx);
        await deps.audit.record(
          invite.workshopId,
          'participant.joined',
          { id: joined.participant.id, name: unique },
          { role: invite.role, inviteId: invite.id },
          trx,
        );
        return joined;
      });
    // The unique index on names backs the lock up: a join it refuses reads the names again and takes the next.
    let result: Awaited<ReturnType<typeof joinOnce>> | undefined;
    for (let attempt = 1; result === undefined; attempt += 1) {
      try {
        result = await joinOnce();
      } catch (error) {
        if (attempt >= JOIN_ATTEMPTS || (error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      }
    }
    const workshop = await this.workshop(invite.workshopId);
    deps.events.emit('participantJoined', invite.workshopId, { participantId: result.participant.id });
    return { workshop, you: toParticipantView(result.participant), token: result.token };
  }

  /**
   * A seat is its person's: the first login binds it to the identity the provider asserts, if the e-mail is
   * the seat's; later logins must be that same identity (issuer and subject).
   */
  private async bindLogin(seat: SponsorSeat, login: SeatLogin, trx: Kysely<Database>): Promise<void> {
    if (seat.identity) {
      if (seat.identity.issuer !== login.issuer || seat.identity.subject !== login.subject) {
        throw new AccordError(
          'identity_mismatch',
          `this seat belongs to ${seat.name}, who logged in with another account: you are logged in as ${login.email || login.subject}`,
        );
      }
      return;
    }
    if (login.email.toLowerCase() !== seat.email.toLowerCase()) {
      throw new AccordError(
        'identity_mismatch',
        `this seat is for ${seat.name} (${seat.email}); you are logged in as ${login.email || login.subject}: log in with that person's account`,
      );
    }
    if (!(await this.deps.seats.bindIdentity(seat.id, login, trx)))
      throw new AccordError('identity_mismatch', 'this seat is bound to another account');
    await this.deps.audit.record(
      seat.workshopId,
      'seat.bound',
      { id: null, name: seat.name },
      { seatId: seat.id, issuer: login.issuer, subject: login.subject, email: login.email },
      trx,
    );
  }

  /** Joins a seat by its invite after a single sign-on login as its person (the identity binds the seat). */
  async joinWithLogin(token: string, login: SeatLogin): Promise<SessionResponse> {
    const invite = await this.checkInvite(token);
    if (invite.seatId === null)
      throw new AccordError(
        'not_a_seat_invite',
        "logging in is for a sponsor seat's personal invite; this link is a role link",
      );
    return this.joinSeat({ ...invite, seatId: invite.seatId }, login);
  }

  async workshop(id: string): Promise<WorkshopView> {
    const row = await this.deps.workshops.get(id);
    if (!row) throw new AccordError('not_found', 'no such workshop');
    return toWorkshopView(row);
  }

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

function seatGone(): AccordError {
  return new AccordError('seat_removed', 'the sponsor seat this invite was for has been removed: ask the facilitator');
}

/** An `invalid_requirements` refusal carrying each problem of a requirements file, with its path. */
export function fileProblems(problems: readonly { path: string; message: string }[]): AccordError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  const summary =
    problems.length === 1 && first
      ? `the requirements file has a problem: ${where}${first.message}`
      : `the requirements file has ${problems.length} problems${first ? `; the first: ${where}${first.message}` : ''}`;
  return new AccordError('invalid_requirements', summary, 'requirementsText', problems.slice(0, 100));
}
