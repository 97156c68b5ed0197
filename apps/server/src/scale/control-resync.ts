import type { DecisionEvent, StateRefresh } from '@accord/protocol/events';
import { phaseSchema } from '@accord/protocol/phases';
import type { ControlPlane } from '../control/control-plane.ts';
import type { SteeringRepository } from '../control/steering.repository.ts';
import type { Logger } from '../logger.ts';
import type { VersionRepository } from '../versions/version.repository.ts';
import type { AuditRepository } from '../workshops/audit.repository.ts';

/** Where the control state is read from: the repositories of the workshop row, its versions and its audit trail. */
export interface ControlResyncRepositories {
  readonly steering: SteeringRepository;
  readonly versions: VersionRepository;
  readonly audit: AuditRepository;
}

/** Most decisions a refresh carries (the latest ones). */
const MAX_DECISIONS = 500;
/** A second pass after a restore: a message published while the subscription was being renewed is covered too. */
const SECOND_PASS_MS = 1_000;
/** Asks the other nodes to refresh their clients (this node's publishing connection was away). */
export const RESYNC_REQUEST = 'accord:resync';

/**
 * Control events (phase, timer, decisions, versions, signatures, freeze) travel between nodes through Redis
 * and are lost for good when sent while a node's subscriber reconnects. PostgreSQL is the authority: when a
 * Redis connection comes back, this re-reads every workshop with a participant connected here and sends its
 * clients `state:refresh` (everything), `session:state` (phase, timer, roster, ballots), and the `phase`,
 * `timer` and `room:frozen` events again; clients apply the same state twice harmlessly.
 */
export class ControlResync {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly repositories: ControlResyncRepositories,
    private readonly control: ControlPlane,
    private readonly logger: Logger,
  ) {
    control.onServerSide(RESYNC_REQUEST, () => void this.run('requested'));
  }

  /** A Redis connection of this node is back: refresh now and once more shortly after. */
  restored(role: string): void {
    void this.run(role);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.run(role);
    }, SECOND_PASS_MS);
    timer.unref();
    this.timers.add(timer);
    // What this node published while its publisher was away may never have reached the others.
    if (role === 'io-pub') this.control.serverSideEmit(RESYNC_REQUEST);
  }

  /** Refreshes every workshop with a control connection on this node; resolves with how many. */
  async run(why: string): Promise<number> {
    const ids = [...this.control.io.of('/').adapter.rooms.keys()]
      .filter((room) => room.startsWith('w:'))
      .map((room) => room.slice(2));
    let refreshed = 0;
    for (const id of ids) {
      try {
        if (await this.refresh(id)) refreshed += 1;
      } catch (error) {
        this.logger.warn(
          { workshopId: id, why, err: String(error) },
          'could not re-read control state; clients keep what they have',
        );
      }
    }
    if (refreshed > 0) this.logger.info({ workshops: refreshed, why }, 'control state re-sent from the database');
    return refreshed;
  }

  private async refresh(workshopId: string): Promise<boolean> {
    const state = await this.read(workshopId);
    if (!state) return false;
    const { phaseChangedBy, ...refresh } = state;
    const room = this.control.io.local.to(`w:${workshopId}`);
    room.emit('state:refresh', refresh);
    room.emit('phase', { phase: state.phase, changedBy: phaseChangedBy });
    room.emit('timer', { ...state.timer, serverNowMs: Date.now() });
    room.emit(
      'room:frozen',
      state.frozen ? { frozen: true, by: state.frozen.by, at: state.frozen.at } : { frozen: false, by: null, at: null },
    );
    await this.control.resendSessionState(workshopId);
    return true;
  }

  /** The workshop's control state as PostgreSQL has it. */
  async read(workshopId: string): Promise<(StateRefresh & { phaseChangedBy: string }) | undefined> {
    const { steering, versions, audit } = this.repositories;
    const row = await steering.find(workshopId);
    if (!row) return undefined;
    const [changer, published, signatures, decided] = await Promise.all([
      audit.latestActor(workshopId, 'phase.changed'),
      versions.list(workshopId),
      versions.signatures(workshopId),
      audit.latestOfKinds(workshopId, ['proposal.accepted', 'proposal.rejected'], MAX_DECISIONS),
    ]);
    const running = row.timerEndsAt !== null && row.timerEndsAt.getTime() > Date.now();
    return {
      workshopId,
      phase: phaseSchema.catch('scope').parse(row.phase),
      phaseChangedBy: changer ?? 'the facilitator',
      timer: {
        endsAtMs: running ? (row.timerEndsAt?.getTime() ?? null) : null,
        durationSeconds: running ? row.timerDurationSeconds : 0,
        startedBy: null,
      },
      serverNowMs: Date.now(),
      frozen: row.frozenAt ? { at: row.frozenAt.toISOString(), by: row.frozenBy ?? '' } : null,
      versions: published.map((v) => ({
        number: v.number,
        hash: v.hash,
        publishedBy: v.publishedBy,
        publishedAt: v.publishedAt,
      })),
      signatures: signatures.map((s) => ({
        versionNumber: s.versionNumber,
        hash: s.hash,
        sponsor: s.evidence.name,
        decision: s.decision,
        at: s.at,
      })),
      decisions: decided.map((d) => decision(d.kind, d.actorName, d.data)),
    };
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function decision(kind: string, decidedBy: string, data: string): DecisionEvent {
  let parsed: { proposalId?: unknown; field?: unknown } = {};
  try {
    parsed = JSON.parse(data) as typeof parsed;
  } catch {
    // An unreadable entry still says that a decision was taken, and by whom.
  }
  return {
    proposalId: typeof parsed.proposalId === 'string' ? parsed.proposalId : '',
    field: typeof parsed.field === 'string' ? parsed.field : '',
    outcome: kind === 'proposal.accepted' ? 'accepted' : 'rejected',
    decidedBy,
  };
}
