import type { Database } from '@accord/db/schema';
import type { Phase } from '@accord/protocol/phases';
import { phaseSchema } from '@accord/protocol/phases';
import type { TimerState } from '@accord/protocol/events';
import { sql, type Kysely } from 'kysely';
import type * as Y from 'yjs';
import { randomId } from '../auth/secret-token.ts';
import { HttpError } from '../http/http-error.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from '../workshops/audit.repository.ts';
import type { Participant } from '../workshops/participant.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import { createProposal, decide, vote, withdraw, type ActionResult } from './proposal-actions.ts';

export interface SessionServiceDeps {
  readonly db: Kysely<Database>;
  readonly audit: AuditRepository;
  readonly registry: RoomRegistry;
  readonly events: WorkshopEvents;
}

/**
 * The facilitator's steering (phase, countdown), kept in the database so a restart or another node shows the
 * same, and proposals, votes and decisions, which change the workshop's Yjs document on the server.
 */
export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  async state(workshopId: string): Promise<{ phase: Phase; timer: TimerState }> {
    const row = await this.deps.db.selectFrom('workshops').select(['phase', 'timer_ends_at', 'timer_duration_s'])
      .where('id', '=', workshopId).executeTakeFirst();
    if (!row) throw new HttpError(404, 'not_found', 'no such workshop');
    const endsAtMs = row.timer_ends_at ? row.timer_ends_at.getTime() : null;
    return {
      phase: phaseSchema.catch('scope').parse(row.phase),
      timer: { endsAtMs, durationSeconds: row.timer_duration_s, startedBy: null },
    };
  }

  /**
   * Moves the room. A countdown belongs to the phase it was started in: moving on stops it, so the next
   * phase does not open with the last one's time (or its "time is up").
   */
  async setPhase(actor: Participant, phase: Phase): Promise<void> {
    const before = await this.state(actor.workshopId);
    const stopsTimer = before.timer.endsAtMs !== null && before.phase !== phase;
    await this.deps.db.updateTable('workshops')
      .set(stopsTimer ? { phase, timer_ends_at: sql<null>`null`, timer_duration_s: 0 } : { phase })
      .where('id', '=', actor.workshopId).execute();
    await this.deps.audit.record(actor.workshopId, 'phase.changed', actor, { phase, ...(stopsTimer ? { timerStopped: true } : {}) });
    this.deps.events.emit('phaseChanged', actor.workshopId, { phase, changedBy: actor.name });
    if (stopsTimer) this.deps.events.emit('timerChanged', actor.workshopId, { endsAtMs: null, durationSeconds: 0, startedBy: actor.name });
  }

  async startTimer(actor: Participant, durationSeconds: number): Promise<void> {
    const endsAt = new Date(Date.now() + durationSeconds * 1000);
    await this.deps.db.updateTable('workshops').set({ timer_ends_at: endsAt, timer_duration_s: durationSeconds }).where('id', '=', actor.workshopId).execute();
    await this.deps.audit.record(actor.workshopId, 'timer.started', actor, { durationSeconds });
    this.deps.events.emit('timerChanged', actor.workshopId, { endsAtMs: endsAt.getTime(), durationSeconds, startedBy: actor.name });
  }

  async stopTimer(actor: Participant): Promise<void> {
    await this.deps.db.updateTable('workshops').set({ timer_ends_at: sql<null>`null`, timer_duration_s: 0 }).where('id', '=', actor.workshopId).execute();
    await this.deps.audit.record(actor.workshopId, 'timer.stopped', actor);
    this.deps.events.emit('timerChanged', actor.workshopId, { endsAtMs: null, durationSeconds: 0, startedBy: actor.name });
  }

  async propose(actor: Participant, input: { field: string; value: string | number | boolean | null; reason: string }): Promise<string> {
    const id = `prop-${randomId(10)}`;
    await this.change(actor, (doc) => createProposal(doc, { id, ...input, proposedBy: actor.name, createdAt: new Date().toISOString() }));
    await this.deps.audit.record(actor.workshopId, 'proposal.created', actor, { proposalId: id, field: input.field, value: input.value });
    return id;
  }

  async vote(actor: Participant, input: { proposalId: string; choice: 'for' | 'against' | null }): Promise<void> {
    await this.change(actor, (doc) => vote(doc, { ...input, voter: actor.name }));
    await this.deps.audit.record(actor.workshopId, 'proposal.voted', actor, input);
  }

  async withdraw(actor: Participant, proposalId: string): Promise<void> {
    await this.change(actor, (doc) => withdraw(doc, { proposalId, by: actor.name, facilitator: actor.role === 'facilitator' }));
    await this.deps.audit.record(actor.workshopId, 'proposal.withdrawn', actor, { proposalId });
  }

  async decide(actor: Participant, input: { proposalId: string; outcome: 'accepted' | 'rejected'; note: string }): Promise<string> {
    const decisionId = `dec-${randomId(10)}`;
    const result = await this.change(actor, (doc) => decide(doc, { ...input, decidedBy: actor.name, decidedAt: new Date().toISOString(), decisionId }));
    await this.deps.audit.record(actor.workshopId, input.outcome === 'accepted' ? 'proposal.accepted' : 'proposal.rejected', actor, { ...input, field: result.field });
    this.deps.events.emit('decisionRecorded', actor.workshopId, { proposalId: input.proposalId, field: result.field ?? '', outcome: input.outcome, decidedBy: actor.name });
    return decisionId;
  }

  private async change(actor: Participant, action: (doc: Y.Doc) => ActionResult): Promise<ActionResult> {
    const result = await this.deps.registry.withRoom(actor.workshopId, (room) => room.applyServerChange(action));
    if (result.ok) return result;
    throw new HttpError(result.error === 'unknown-item' ? 404 : 400, result.error === 'unknown-item' ? 'not_found' : 'invalid_field', result.message);
  }
}
