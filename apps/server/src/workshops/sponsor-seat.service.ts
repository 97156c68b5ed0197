import type { Database } from '@accord/db/schema';
import type { CreateSeatBody, SeatLink, SeatView } from '@accord/protocol/api';
import type { Kysely } from 'kysely';
import { AccordError } from '@accord/protocol/errors';
import type { AuditRepository } from './audit.repository.ts';
import type { InviteRepository } from './invite.repository.ts';
import type { Participant, ParticipantRepository } from './participant.repository.ts';
import type { SponsorSeat, SponsorSeatRepository } from './sponsor-seat.repository.ts';

export interface SponsorSeatServiceDeps {
  readonly db: Kysely<Database>;
  readonly seats: SponsorSeatRepository;
  readonly invites: InviteRepository;
  readonly participants: ParticipantRepository;
  readonly audit: AuditRepository;
}

export function toSeatView(seat: SponsorSeat): SeatView {
  return {
    id: seat.id,
    name: seat.name,
    email: seat.email,
    title: seat.title,
    claimed: seat.participantId !== null,
    boundToLogin: seat.identity !== null,
    removed: seat.removed,
  };
}

/** Hours a link for another device of a claimed seat stays usable: it is meant to be opened now. */
const DEVICE_LINK_HOURS = 24;

/**
 * Named sponsor seats: the facilitator names each sponsor; each seat has its own personal invite, claimed
 * once. A link passed around cannot add an approver: a claimed invite is refused, and more devices of the
 * seat's person come only from a fresh one-time link the facilitator or the seat's own session asks for.
 */
export class SponsorSeatService {
  constructor(private readonly deps: SponsorSeatServiceDeps) {}

  async list(workshopId: string): Promise<SeatView[]> {
    return (await this.deps.seats.list(workshopId)).filter((s) => !s.removed).map(toSeatView);
  }

  async name(
    actor: Participant,
    input: Required<Omit<CreateSeatBody, 'expiresInHours'>> & { expiresInHours: number },
  ): Promise<SeatLink> {
    const { deps } = this;
    return deps.db.transaction().execute(async (trx) => {
      const seats = (await deps.seats.list(actor.workshopId, trx)).filter((s) => !s.removed);
      const name = input.name.normalize('NFC');
      if (seats.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
        throw new AccordError('seat_exists', `a sponsor named "${name}" is already named in this workshop`, 'name');
      }
      if (seats.some((s) => s.email.toLowerCase() === input.email.toLowerCase())) {
        throw new AccordError(
          'seat_exists',
          `a sponsor with the e-mail ${input.email} is already named in this workshop`,
          'email',
        );
      }
      const people = await deps.participants.list(actor.workshopId, trx);
      if (people.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        throw new AccordError(
          'name_taken',
          `"${name}" is already the name of a participant: one name must always mean one person`,
          'name',
        );
      }
      const seat = await deps.seats.create(
        { workshopId: actor.workshopId, name, email: input.email, title: input.title },
        trx,
      );
      const link = await deps.invites.create(
        {
          workshopId: actor.workshopId,
          role: 'sponsor',
          label: `personal invite for ${name}`,
          createdBy: actor.id,
          expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
          seatId: seat.id,
        },
        trx,
      );
      await deps.audit.record(
        actor.workshopId,
        'seat.named',
        actor,
        { seatId: seat.id, name, email: input.email, title: input.title, inviteId: link.invite.id },
        trx,
      );
      return { seat: toSeatView(seat), link: `/join/${link.token}`, device: false };
    });
  }

  /**
   * A fresh one-time link for a seat. Unclaimed: it replaces the seat's earlier invite (lost or expired).
   * Claimed: it adds a device of the seat's person, and only the facilitator or that person may ask for it.
   */
  async link(actor: Participant, seatId: string): Promise<SeatLink> {
    const seat = await this.deps.seats.get(actor.workshopId, seatId);
    if (!seat || seat.removed) throw new AccordError('not_found', 'no such sponsor seat in this workshop');
    const own = actor.seatId === seat.id;
    if (actor.role !== 'facilitator' && !own)
      throw new AccordError('forbidden', "only the facilitator or the seat's own sponsor may add a device to a seat");
    const device = seat.participantId !== null;
    const { deps } = this;
    return deps.db.transaction().execute(async (trx) => {
      if (!device) await deps.invites.revokeUnclaimedForSeat(actor.workshopId, seat.id, trx);
      const hours = device ? DEVICE_LINK_HOURS : 168;
      const link = await deps.invites.create(
        {
          workshopId: actor.workshopId,
          role: 'sponsor',
          label: device ? `another device for ${seat.name}` : `personal invite for ${seat.name}`,
          createdBy: actor.id,
          expiresAt: new Date(Date.now() + hours * 3_600_000),
          seatId: seat.id,
        },
        trx,
      );
      await deps.audit.record(
        actor.workshopId,
        device ? 'seat.device-added' : 'invite.created',
        actor,
        { seatId: seat.id, inviteId: link.invite.id },
        trx,
      );
      return { seat: toSeatView(seat), link: `/join/${link.token}`, device };
    });
  }

  /** Removes a seat from versions published from now on; its person can no longer sign anything new. */
  async remove(actor: Participant, seatId: string): Promise<void> {
    const removed = await this.deps.seats.remove(actor.workshopId, seatId);
    if (!removed) throw new AccordError('not_found', 'no such sponsor seat in this workshop');
    await this.deps.invites.revokeUnclaimedForSeat(actor.workshopId, seatId);
    await this.deps.audit.record(actor.workshopId, 'seat.removed', actor, { seatId, name: removed.name });
  }
}
