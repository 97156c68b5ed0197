import type { Phase } from '@accord/protocol/phases';
import { phaseSchema } from '@accord/protocol/phases';
import type { TimerState } from '@accord/protocol/events';
import { AccordError } from '@accord/protocol/errors';
import type { AuditRepository } from '../workshops/audit.repository.ts';
import type { Participant } from '../workshops/participant.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import type { SteeringRepository } from './steering.repository.ts';

export interface SteeringServiceDeps {
  readonly steering: SteeringRepository;
  readonly audit: AuditRepository;
  readonly events: WorkshopEvents;
}

/**
 * The facilitator's steering (phase, countdown), kept in the database so a restart or another node shows the
 * same. Proposals, votes and decisions are the `DeliberationService`'s.
 */
export class SteeringService {
  constructor(private readonly deps: SteeringServiceDeps) {}

  async state(
    workshopId: string,
  ): Promise<{ phase: Phase; timer: TimerState; frozen: { at: string; by: string } | null }> {
    const row = await this.deps.steering.find(workshopId);
    if (!row) throw new AccordError('not_found', 'no such workshop');
    const endsAtMs = row.timerEndsAt ? row.timerEndsAt.getTime() : null;
    return {
      phase: phaseSchema.catch('scope').parse(row.phase),
      timer: { endsAtMs, durationSeconds: row.timerDurationSeconds, startedBy: null },
      frozen: row.frozenAt ? { at: row.frozenAt.toISOString(), by: row.frozenBy ?? '' } : null,
    };
  }

  /**
   * Moves the room. A countdown belongs to the phase it was started in: moving on stops it, so the next
   * phase does not open with the last one's time (or its "time is up").
   */
  async setPhase(actor: Participant, phase: Phase): Promise<void> {
    const before = await this.state(actor.workshopId);
    const stopsTimer = before.timer.endsAtMs !== null && before.phase !== phase;
    await this.deps.steering.setPhase(actor.workshopId, phase, stopsTimer);
    await this.deps.audit.record(actor.workshopId, 'phase.changed', actor, {
      phase,
      ...(stopsTimer ? { timerStopped: true } : {}),
    });
    this.deps.events.emit('phaseChanged', actor.workshopId, { phase, changedBy: actor.name });
    if (stopsTimer)
      this.deps.events.emit('timerChanged', actor.workshopId, {
        endsAtMs: null,
        durationSeconds: 0,
        startedBy: actor.name,
      });
  }

  async startTimer(actor: Participant, durationSeconds: number): Promise<void> {
    const endsAt = new Date(Date.now() + durationSeconds * 1000);
    await this.deps.steering.startTimer(actor.workshopId, endsAt, durationSeconds);
    await this.deps.audit.record(actor.workshopId, 'timer.started', actor, { durationSeconds });
    this.deps.events.emit('timerChanged', actor.workshopId, {
      endsAtMs: endsAt.getTime(),
      durationSeconds,
      startedBy: actor.name,
    });
  }

  async stopTimer(actor: Participant): Promise<void> {
    await this.deps.steering.stopTimer(actor.workshopId);
    await this.deps.audit.record(actor.workshopId, 'timer.stopped', actor);
    this.deps.events.emit('timerChanged', actor.workshopId, {
      endsAtMs: null,
      durationSeconds: 0,
      startedBy: actor.name,
    });
  }
}
