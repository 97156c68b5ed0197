import type { Database } from '@accord/db/schema';
import type { InvitePreview, SessionResponse } from '@accord/protocol/api';
import { AccordError } from '@accord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import type { AuditRepository } from './audit.repository.ts';
import type { CheckedInvite, InviteRepository } from './invite.repository.ts';
import { chooseDisplayName } from './participant-names.ts';
import type { ParticipantRepository } from './participant.repository.ts';
import type { SponsorSeat, SponsorSeatRepository } from './sponsor-seat.repository.ts';
import type { WorkshopEvents } from './workshop-events.ts';
import { readWorkshopView, toParticipantView } from './workshop-views.ts';
import type { WorkshopRepository } from './workshop.repository.ts';

/** PostgreSQL's code for a unique constraint refusing a row (PGlite reports the same). */
const UNIQUE_VIOLATION = '23505';
const JOIN_ATTEMPTS = 3;

export interface JoinServiceDeps {
  readonly db: Kysely<Database>;
  readonly workshops: WorkshopRepository;
  readonly participants: ParticipantRepository;
  readonly invites: InviteRepository;
  readonly seats: SponsorSeatRepository;
  readonly audit: AuditRepository;
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

/**
 * Coming in by an invite link: what the link leads to, joining in the invite's role under a unique name, and
 * claiming a sponsor seat by its personal invite (with a single sign-on login where one is configured).
 */
export class JoinService {
  constructor(private readonly deps: JoinServiceDeps) {}

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
    const workshop = await readWorkshopView(deps.workshops, invite.workshopId);
    deps.events.emit('participantJoined', invite.workshopId, { participantId: result.participant.id });
    return { workshop, you: toParticipantView(result.participant), token: result.token };
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
    const workshop = await readWorkshopView(deps.workshops, invite.workshopId);
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
}

function seatGone(): AccordError {
  return new AccordError('seat_removed', 'the sponsor seat this invite was for has been removed: ask the facilitator');
}
