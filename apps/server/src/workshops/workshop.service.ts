import { parseRequirementsText, requirementsSchema, type Requirements } from '@accord/core/model';
import { TEMPLATES, templateById } from '@accord/core/templates';
import type { Database } from '@accord/db/schema';
import type { InvitePreview, InviteView, ParticipantView, SessionResponse, WorkshopView } from '@accord/protocol/api';
import { phaseSchema } from '@accord/protocol/phases';
import type { InviteRole } from '@accord/protocol/roles';
import { sql, type Kysely } from 'kysely';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterPath } from '@accord/protocol/plain-text';
import { chooseDisplayName } from './participant-names.ts';
import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from './audit.repository.ts';
import type { InviteRepository } from './invite.repository.ts';
import type { Participant, ParticipantRepository } from './participant.repository.ts';
import type { WorkshopEvents } from './workshop-events.ts';
import type { WorkshopRepository, WorkshopRow } from './workshop.repository.ts';

/** PostgreSQL's code for a unique constraint refusing a row (PGlite reports the same). */
const UNIQUE_VIOLATION = '23505';
const JOIN_ATTEMPTS = 3;
/** First key of the advisory lock that makes joins to one workshop take turns (the second is the workshop's). */
const JOIN_LOCK_CLASS = 4_711;

export interface WorkshopServiceDeps {
  readonly db: Kysely<Database>;
  readonly workshops: WorkshopRepository;
  readonly participants: ParticipantRepository;
  readonly invites: InviteRepository;
  readonly audit: AuditRepository;
  readonly registry: RoomRegistry;
  readonly events: WorkshopEvents;
  readonly logger: Logger;
}

export function toWorkshopView(row: WorkshopRow): WorkshopView {
  return { id: row.id, title: row.title, template: row.template, phase: phaseSchema.catch('scope').parse(row.phase), createdAt: row.createdAt };
}

export function toParticipantView(participant: Participant): ParticipantView {
  return { id: participant.id, name: participant.name, role: participant.role, joinedAt: participant.createdAt, revoked: participant.revokedAt !== null };
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
  async create(input: { template?: 'messaging' | 'blank'; requirementsText?: string; facilitatorName: string }): Promise<SessionResponse> {
    const { requirements, template } = this.startingPoint(input);
    const { deps } = this;
    return deps.db.transaction().execute(async (trx) => {
      const workshop = await deps.workshops.create({ title: requirements.meta.title, template, requirements }, trx);
      const link = await deps.invites.create({ workshopId: workshop.id, role: 'facilitator', label: 'facilitator', createdBy: null, expiresAt: null }, trx);
      const { participant, token } = await deps.participants.create({ workshopId: workshop.id, name: input.facilitatorName, role: 'facilitator', inviteId: link.invite.id }, trx);
      await deps.audit.record(workshop.id, 'workshop.created', { id: participant.id, name: participant.name }, { template }, trx);
      return { workshop: toWorkshopView(workshop), you: toParticipantView(participant), token, facilitatorLink: `/join/${link.token}` };
    });
  }

  private startingPoint(input: { template?: 'messaging' | 'blank'; requirementsText?: string }): { requirements: Requirements; template: string } {
    if (input.requirementsText !== undefined) {
      const parsed = parseRequirementsText(input.requirementsText);
      if (!parsed.ok) throw fileProblems(parsed.problems);
      // A YAML escape ("\0") can still decode to a control character; the title goes into a text column.
      const control = controlCharacterPath(parsed.value);
      if (control) throw new HttpError(400, 'invalid_requirements', `requirementsText: ${control.join('.')} ${CONTROL_CHARACTER_MESSAGE}`, 'requirementsText');
      return { requirements: parsed.value, template: 'import' };
    }
    const template = templateById(input.template ?? 'blank');
    if (!template) throw new HttpError(400, 'invalid_body', 'template: choose "messaging" or "blank"', 'template');
    return { requirements: requirementsSchema.parse(template.requirements), template: template.id };
  }

  /** What an invite link leads to. Unknown links are 404; revoked or expired ones 410, saying which. */
  async previewInvite(token: string): Promise<InvitePreview> {
    const invite = await this.checkInvite(token);
    const workshop = await this.deps.workshops.get(invite.workshopId);
    if (!workshop) throw new HttpError(404, 'invite_unknown', 'this invite link is not valid: ask the facilitator for a new one');
    return { workshopTitle: workshop.title, role: invite.role, expiresAt: invite.expiresAt };
  }

  private async checkInvite(token: string): Promise<InviteView & { workshopId: string }> {
    const checked = await this.deps.invites.check(token);
    if (checked.ok) return checked.invite;
    if (checked.reason === 'unknown') {
      this.deps.logger.warn({ reason: 'unknown' }, 'invite refused');
      throw new HttpError(404, 'invite_unknown', 'this invite link is not valid: ask the facilitator for a new one');
    }
    throw new HttpError(410, `invite_${checked.reason}`, `this invite link has been ${checked.reason === 'revoked' ? 'revoked' : 'expired'}: ask the facilitator for a new one`);
  }

  /** Joins by invite: a new participant in the invite's role, with a name unique in the workshop. */
  async join(token: string, name: string): Promise<SessionResponse> {
    const invite = await this.checkInvite(token);
    const { deps } = this;
    const joinOnce = () => deps.db.transaction().execute(async (trx) => {
      // Names stay unique for the workshop's whole life (revoked people included): votes, proposals and the
      // decision log name people, so one name must always mean one person. Joins to one workshop take turns
      // (a lock held until commit, apart from the workshop row that edits lock), so each sees the names
      // taken before it.
      await sql`SELECT pg_advisory_xact_lock(${JOIN_LOCK_CLASS}, hashtext(${invite.workshopId}))`.execute(trx);
      const chosen = chooseDisplayName(name, (await deps.participants.list(invite.workshopId, trx)).map((p) => p.name));
      if (!chosen.ok) throw new HttpError(409, 'name_taken', chosen.message, 'name');
      const unique = chosen.name;
      const joined = await deps.participants.create({ workshopId: invite.workshopId, name: unique, role: invite.role, inviteId: invite.id }, trx);
      await deps.invites.countUse(invite.id, trx);
      await deps.audit.record(invite.workshopId, 'participant.joined', { id: joined.participant.id, name: unique }, { role: invite.role, inviteId: invite.id }, trx);
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

  async workshop(id: string): Promise<WorkshopView> {
    const row = await this.deps.workshops.get(id);
    if (!row) throw new HttpError(404, 'not_found', 'no such workshop');
    return toWorkshopView(row);
  }

  async invites(workshopId: string): Promise<InviteView[]> {
    return this.deps.invites.list(workshopId);
  }

  async createInvite(actor: Participant, input: { role: InviteRole; expiresInHours: number; label: string }): Promise<{ invite: InviteView; link: string }> {
    const expiresAt = new Date(Date.now() + input.expiresInHours * 3_600_000);
    const created = await this.deps.invites.create({ workshopId: actor.workshopId, role: input.role, label: input.label, createdBy: actor.id, expiresAt });
    await this.deps.audit.record(actor.workshopId, 'invite.created', actor, { inviteId: created.invite.id, role: input.role, expiresAt: expiresAt.toISOString() });
    return { invite: created.invite, link: `/join/${created.token}` };
  }

  async revokeInvite(actor: Participant, inviteId: string): Promise<void> {
    if (!(await this.deps.invites.revoke(actor.workshopId, inviteId))) throw new HttpError(404, 'not_found', 'no active invite with that id in this workshop');
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
  async revokeParticipant(actor: Participant, participantId: string, options: { alsoInvite?: boolean } = {}): Promise<void> {
    if (participantId === actor.id) throw new HttpError(400, 'cannot_revoke_self', 'you cannot revoke yourself; another facilitator can');
    const revoked = await this.deps.participants.revoke(actor.workshopId, participantId);
    if (!revoked) throw new HttpError(404, 'not_found', 'no active participant with that id in this workshop');
    this.deps.events.emit('participantRevoked', actor.workshopId, { participantId });
    await this.deps.audit.record(actor.workshopId, 'participant.revoked', actor, { participantId });
    if (options.alsoInvite && revoked.inviteId && await this.deps.invites.revoke(actor.workshopId, revoked.inviteId)) {
      await this.deps.audit.record(actor.workshopId, 'invite.revoked', actor, { inviteId: revoked.inviteId });
    }
  }
}

/** A 400 carrying each problem of a requirements file, with its path. */
export function fileProblems(problems: readonly { path: string; message: string }[]): HttpError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  const summary = problems.length === 1 && first
    ? `the requirements file has a problem: ${where}${first.message}`
    : `the requirements file has ${problems.length} problems${first ? `; the first: ${where}${first.message}` : ''}`;
  return new HttpError(400, 'invalid_requirements', summary, 'requirementsText', problems.slice(0, 100));
}
