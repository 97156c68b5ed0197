import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { AccordError } from '@accord/protocol/errors';
import {
  clientPayloads,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type Participant as RosterEntry,
  type ServerToClientEvents,
  type SessionState,
} from '@accord/protocol/events';
import { can, type Permission } from '@accord/protocol/roles';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { authenticate } from '../auth/authenticate.ts';
import { describeIssue } from '../http/request-body.ts';
import type { Logger } from '../logger.ts';
import type { Participant, ParticipantRepository } from '../workshops/participant.repository.ts';
import type { WorkshopEvents } from '../workshops/workshop-events.ts';
import type { DeliberationService } from './deliberation.service.ts';
import { failureAck, handshakeRefusal, refusalAck } from './error-ack.ts';
import type { SteeringService } from './steering.service.ts';

interface SocketData {
  participant: Participant;
}

type ControlSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ControlServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface ControlPlaneDeps {
  readonly participants: ParticipantRepository;
  readonly steering: SteeringService;
  readonly deliberation: DeliberationService;
  readonly events: WorkshopEvents;
  readonly logger: Logger;
  /** The Redis adapter when several nodes share the workshops. */
  readonly adapter?: Parameters<ControlServer['adapter']>[0];
  /** Actions one participant may send per 10 seconds. */
  readonly eventsPerTenSeconds: number;
  /** Revoked while this connection was being set up (the revocation's disconnect could not see it yet). */
  readonly isRevoked: (participantId: string) => boolean;
  /** Whether a handshake may proceed (its `Origin`); a refused one gets an HTTP 403. */
  readonly allowRequest?: (request: IncomingMessage) => boolean;
  /** Another node revoked a participant: close their connections on this node too. */
  readonly onRemoteRevoke?: (workshopId: string, participantId: string) => void;
  /** Another node froze or unfroze a workshop: its Yjs connections on this node must take the new permission. */
  readonly onRemoteFreeze?: (workshopId: string) => void;
}

const REVOKE = 'accord:revoke';
const FREEZE = 'accord:freeze';

const WORKSHOP_ID = /^[a-z0-9]{1,64}$/;
const workshopRoom = (id: string): string => `w:${id}`;
const participantRoom = (id: string): string => `p:${id}`;

/** What each event needs, checked on every event (a modified client gets a refusal, never an effect). */
const NEEDS: Readonly<Record<ClientEventName, Permission>> = {
  'phase:set': 'steer',
  'timer:start': 'steer',
  'timer:stop': 'steer',
  'proposal:create': 'propose',
  'proposal:vote': 'vote',
  'proposal:withdraw': 'propose',
  'proposal:decide': 'decide',
  'proposal:ballot': 'decide',
  'proposal:reveal': 'decide',
};

/**
 * The socket.io control plane: presence roster, agenda phase, countdown, proposals and votes, publish and
 * sign-off notifications. Every connection authenticates as a participant of one workshop; every event is
 * validated with the shared zod schema, checked against the role and acknowledged.
 */
export class ControlPlane {
  readonly io: ControlServer;
  private readonly rosterTimers = new Map<string, NodeJS.Timeout>();
  private readonly eventLimiter: RateLimiterMemory;

  constructor(
    server: HttpServer,
    private readonly deps: ControlPlaneDeps,
  ) {
    this.eventLimiter = new RateLimiterMemory({
      keyPrefix: 'socket-events',
      points: deps.eventsPerTenSeconds,
      duration: 10,
    });
    this.io = new Server(server, {
      path: '/socket.io',
      serveClient: false,
      // Without this, engine.io destroys upgrades of other paths (the Yjs endpoint) after a second.
      destroyUpgrade: false,
      maxHttpBufferSize: 64 * 1024,
      ...(deps.allowRequest
        ? {
            allowRequest: (
              request: IncomingMessage,
              callback: (error: string | null | undefined, success: boolean) => void,
            ) => {
              const allowed = deps.allowRequest?.(request) ?? true;
              callback(allowed ? null : "connections are accepted only from the workshop's own site", allowed);
            },
          }
        : {}),
      ...(deps.adapter ? { adapter: deps.adapter } : {}),
    });
    this.io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          next(handshakeRefusal(error));
        },
      );
    });
    this.io.on('connection', (socket) => void this.welcome(socket));
    this.relayEvents();
  }

  private async authenticate(socket: ControlSocket): Promise<void> {
    const auth = socket.handshake.auth as { workshopId?: unknown; token?: unknown };
    const workshopId =
      typeof auth.workshopId === 'string' && WORKSHOP_ID.test(auth.workshopId) ? auth.workshopId : undefined;
    if (!workshopId) throw new AccordError('invalid_handshake', 'connect with auth: { workshopId }');
    const { authorization, cookie } = socket.handshake.headers;
    const token = typeof auth.token === 'string' ? auth.token : undefined;
    const participant = await authenticate(this.deps.participants, workshopId, { token, authorization, cookie });
    // The same answer whether or not the workshop exists: a socket without a session learns nothing.
    if (!participant)
      throw new AccordError('unauthenticated', 'not signed in to this workshop: open your invite link again');
    socket.data.participant = participant;
  }

  private async welcome(socket: ControlSocket): Promise<void> {
    const { participant } = socket.data;
    await socket.join([workshopRoom(participant.workshopId), participantRoom(participant.id)]);
    if (this.deps.isRevoked(participant.id)) {
      socket.emit('revoked', { reason: 'your access to this workshop was revoked by the facilitator' });
      socket.disconnect(true);
      return;
    }
    for (const event of Object.keys(clientPayloads) as ClientEventName[]) this.listen(socket, event);
    socket.on('disconnect', () => this.scheduleRoster(participant.workshopId));
    try {
      const [state, roster, ballots] = await Promise.all([
        this.deps.steering.state(participant.workshopId),
        this.roster(participant.workshopId),
        this.deps.deliberation.ballotsFor(participant),
      ]);
      socket.emit('session:state', sessionState(participant.workshopId, participant, state, roster, ballots));
      // A room frozen for signing is read-only: the page says so from the start.
      if (state.frozen) socket.emit('room:frozen', { frozen: true, by: state.frozen.by, at: state.frozen.at });
      this.scheduleRoster(participant.workshopId);
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'session state unavailable');
      socket.disconnect(true);
    }
  }

  private listen<E extends ClientEventName>(socket: ControlSocket, event: E): void {
    const handler = async (payload: unknown, ack: unknown): Promise<void> => {
      const reply = typeof ack === 'function' ? (ack as (result: Ack) => void) : () => undefined;
      const { participant } = socket.data;
      try {
        await this.eventLimiter.consume(participant.id);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return reply(refusalAck(new AccordError('rate_limited', 'too many actions; wait a few seconds')));
      }
      const parsed = clientPayloads[event].safeParse(payload);
      if (!parsed.success)
        return reply(refusalAck(new AccordError('invalid_payload', describeIssue(parsed.error).message)));
      if (!can(participant.role, NEEDS[event]))
        return reply(refusalAck(new AccordError('forbidden', `a ${participant.role} may not do ${event}`)));
      try {
        const id = await this.perform(event, parsed.data as z.output<(typeof clientPayloads)[E]>, participant);
        reply(id ? { ok: true, id } : { ok: true });
      } catch (error) {
        const { ack, unexpected } = failureAck(error);
        if (unexpected) this.deps.logger.error({ err: String(error), event }, 'control event failed');
        reply(ack);
      }
    };
    (socket as unknown as { on(event: string, listener: (payload: unknown, ack: unknown) => void): void }).on(
      event,
      (payload, ack) => void handler(payload, ack),
    );
  }

  /** What each event does, once its payload is valid and the role may send it. */
  private readonly actions: {
    [E in ClientEventName]: (
      payload: z.output<(typeof clientPayloads)[E]>,
      actor: Participant,
    ) => Promise<string | void>;
  } = {
    'phase:set': (p, actor) => this.deps.steering.setPhase(actor, p.phase),
    'timer:start': (p, actor) => this.deps.steering.startTimer(actor, p.durationSeconds),
    'timer:stop': (_p, actor) => this.deps.steering.stopTimer(actor),
    'proposal:create': (p, actor) => this.deps.deliberation.propose(actor, p),
    'proposal:vote': (p, actor) => this.deps.deliberation.vote(actor, p),
    'proposal:withdraw': (p, actor) => this.deps.deliberation.withdraw(actor, p.proposalId),
    'proposal:decide': (p, actor) => this.deps.deliberation.decide(actor, p),
    'proposal:ballot': (p, actor) => this.deps.deliberation.chooseBallot(actor, p),
    'proposal:reveal': (p, actor) => this.deps.deliberation.reveal(actor, p.proposalId),
  };

  private perform<E extends ClientEventName>(
    event: E,
    payload: z.output<(typeof clientPayloads)[E]>,
    actor: Participant,
  ): Promise<string | void> {
    return (
      this.actions[event] as (
        payload: z.output<(typeof clientPayloads)[E]>,
        actor: Participant,
      ) => Promise<string | void>
    )(payload, actor);
  }

  /** Everyone not revoked, with whether they have a live control connection on any node. */
  private async roster(workshopId: string): Promise<RosterEntry[]> {
    const [people, sockets] = await Promise.all([
      this.deps.participants.list(workshopId),
      this.io.in(workshopRoom(workshopId)).fetchSockets(),
    ]);
    const online = new Set(sockets.map((s) => s.data.participant?.id));
    return people
      .filter((p) => p.revokedAt === null)
      .map((p) => ({ id: p.id, name: p.name, role: p.role, online: online.has(p.id) }));
  }

  /** Joins and leaves come in bursts (a room reconnecting): send one roster per burst. */
  private scheduleRoster(workshopId: string): void {
    if (this.rosterTimers.has(workshopId)) return;
    this.rosterTimers.set(
      workshopId,
      setTimeout(() => {
        this.rosterTimers.delete(workshopId);
        this.roster(workshopId).then(
          (roster) => this.io.to(workshopRoom(workshopId)).emit('roster', roster),
          (error: unknown) => {
            this.deps.logger.warn({ err: String(error), workshopId }, 'roster not sent');
          },
        );
      }, 50),
    );
  }

  private relayEvents(): void {
    const { events } = this.deps;
    events.on('phaseChanged', (id, e) =>
      this.io.to(workshopRoom(id)).emit('phase', { phase: e.phase, changedBy: e.changedBy }),
    );
    events.on('timerChanged', (id, e) => this.io.to(workshopRoom(id)).emit('timer', { ...e, serverNowMs: Date.now() }));
    events.on('decisionRecorded', (id, e) => this.io.to(workshopRoom(id)).emit('decision:recorded', e));
    // A blind ballot's state carries no votes until the reveal; one's own vote goes to one's own connections.
    events.on('votesChanged', (id, e) => this.io.to(workshopRoom(id)).emit('proposal:votes', e));
    events.on('voteRecorded', (_id, e) =>
      this.io
        .to(participantRoom(e.participantId))
        .emit('proposal:your-vote', { proposalId: e.proposalId, choice: e.choice }),
    );
    events.on('versionPublished', (id, e) => this.io.to(workshopRoom(id)).emit('version:published', e));
    events.on('signatureRecorded', (id, e) => this.io.to(workshopRoom(id)).emit('signature:recorded', e));
    events.on('participantJoined', (id) => this.scheduleRoster(id));
    events.on('roomFrozen', (id, e) => {
      this.io.to(workshopRoom(id)).emit('room:frozen', e);
      if (this.deps.adapter) this.serverSideEmit(FREEZE, id);
    });
    this.onServerSide(FREEZE, (workshopId) => {
      if (typeof workshopId === 'string') this.deps.onRemoteFreeze?.(workshopId);
    });
    (
      this.io as unknown as { on(event: string, listener: (workshopId: unknown, participantId: unknown) => void): void }
    ).on(REVOKE, (workshopId, participantId) => {
      if (typeof workshopId === 'string' && typeof participantId === 'string')
        this.deps.onRemoteRevoke?.(workshopId, participantId);
    });
    events.on('participantRevoked', (id, e) => {
      // Yjs connections on other nodes; socket.io connections everywhere go through the adapter below.
      if (this.deps.adapter)
        (this.io as unknown as { serverSideEmit(event: string, ...args: unknown[]): void }).serverSideEmit(
          REVOKE,
          id,
          e.participantId,
        );
      const room = this.io.in(participantRoom(e.participantId));
      room.emit('revoked', { reason: 'your access to this workshop was revoked by the facilitator' });
      room.disconnectSockets(true);
      this.scheduleRoster(id);
    });
  }

  /** A message to the other nodes (through the Redis adapter), not to any client. */
  serverSideEmit(event: string, ...args: unknown[]): void {
    (this.io as unknown as { serverSideEmit(event: string, ...args: unknown[]): void }).serverSideEmit(event, ...args);
  }

  /** Listens to messages other nodes send with `serverSideEmit`. */
  onServerSide(event: string, listener: (...args: unknown[]) => void): void {
    (this.io as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, listener);
  }

  /**
   * Sends `session:state` again to every connection of a workshop on this node (after events may have been
   * missed): phase, timer, roster, and each participant's view of the ballots.
   */
  async resendSessionState(workshopId: string): Promise<number> {
    const sockets = (await this.io.local.in(workshopRoom(workshopId)).fetchSockets()).filter((s) => s.data.participant);
    if (sockets.length === 0) return 0;
    const [state, roster] = await Promise.all([this.deps.steering.state(workshopId), this.roster(workshopId)]);
    for (const socket of sockets) {
      const { participant } = socket.data;
      const ballots = await this.deps.deliberation.ballotsFor(participant);
      socket.emit('session:state', sessionState(workshopId, participant, state, roster, ballots));
    }
    return sockets.length;
  }

  async close(): Promise<void> {
    for (const timer of this.rosterTimers.values()) clearTimeout(timer);
    this.rosterTimers.clear();
    await new Promise<void>((resolve) => {
      this.io.close(() => resolve());
    });
  }
}

/** The room as one participant sees it on connecting or after a refresh: phase, timer, roster, their ballots. */
function sessionState(
  workshopId: string,
  participant: Participant,
  state: Awaited<ReturnType<SteeringService['state']>>,
  roster: RosterEntry[],
  ballots: Awaited<ReturnType<DeliberationService['ballotsFor']>>,
): SessionState {
  return {
    workshopId,
    you: { id: participant.id, name: participant.name, role: participant.role, online: true },
    phase: state.phase,
    timer: state.timer,
    roster,
    serverNowMs: Date.now(),
    ...ballots,
  };
}
