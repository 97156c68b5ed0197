import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type {
  Ack,
  BallotState,
  ClientEventName,
  ClientPayload,
  ClientToServerEvents,
  DecisionEvent,
  Participant,
  ServerToClientEvents,
  SignatureEvent,
  TimerState,
  VersionEvent,
} from '@accord/protocol/events';
import type { ErrorCode } from '@accord/protocol/errors';
import type { Phase } from '@accord/protocol/phases';
import { markLoad } from '../../lib/load-marks.ts';

const ACK_TIMEOUT_MS = 8000;
/** After socket.io's code failed to arrive, the wait before asking for it again; doubled each time, up to the cap. */
const LOAD_RETRY_MS = 1000;
const LOAD_RETRY_CAP_MS = 30_000;

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** socket.io-client's `io`, as far as the control plane uses it. */
export type OpenSocket = (options: Partial<ManagerOptions & SocketOptions>) => ControlSocket;

/**
 * socket.io-client in a chunk of its own (some 11 KB brotli): the room's first paint takes its phase from the
 * workshop view the page carries, so on a phone network the room's code arrives sooner without it.
 */
async function loadSocketIo(): Promise<OpenSocket> {
  const { io } = await import('./socket-io.ts');
  return (options) => io(options);
}

/** The freeze as the server announces it on the control plane (`room:frozen`), when it does. */
export interface FreezeEvent {
  readonly frozen: boolean;
  readonly by?: string;
  readonly at?: string;
}

/** Why the server will not have this participant in the room. */
export type Refusal = 'revoked' | 'unauthorized' | 'not-found';

/** The handshake refusals that end the room, by the code the server sends in `connect_error`'s `data`. */
const HANDSHAKE_REFUSALS: Readonly<Partial<Record<ErrorCode, Refusal>>> = {
  unauthenticated: 'unauthorized',
  forbidden: 'unauthorized',
  invalid_handshake: 'not-found',
  not_found: 'not-found',
};

/**
 * What a refused socket.io handshake means for the room, read from the typed code the server puts in the
 * error's `data` (never from its words, which are for people): a refusal that ends the room, or null for
 * anything socket.io should retry (the network, a server that could not check). `data` is whatever the
 * server sent, so its shape is checked.
 */
export function handshakeRefusal(error: unknown): Refusal | null {
  const data = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !Object.hasOwn(HANDSHAKE_REFUSALS, code)) return null;
  return HANDSHAKE_REFUSALS[code as ErrorCode] ?? null;
}

export interface ControlChannelEvents {
  phaseChanged(phase: Phase, changedBy: string): void;
  decision(event: DecisionEvent): void;
  versionPublished(event: VersionEvent): void;
  signature(event: SignatureEvent): void;
  /** The room was frozen or unfrozen for signing. */
  freeze(event: FreezeEvent): void;
  /** The participant may no longer be here (revoked, unauthorised, the workshop gone): the room stops. */
  refused(kind: Refusal, reason: string): void;
}

/**
 * The session's control plane over socket.io: the room's phase and timer, the roster, ballots and this
 * participant's votes, and the events the activity feed tells. Which phase this participant looks at is
 * theirs to choose (`show`); the room's phase moves only when the server says so.
 *
 * socket.io's code is loaded when the channel is created and the socket connects once it has arrived; until
 * then the channel is not `connected` and `send` waits for the connection. Asked for at once rather than
 * after the phase is drawn: on Fast 3G its request then overlaps drawing the phase, it still arrives after the
 * room says "saved", and the control plane opens a few hundred milliseconds sooner.
 */
export class ControlChannel {
  #socket: ControlSocket | null = null;
  #closed = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The wait before asking again after a handshake the server could not check; reset by a connect. */
  #reconnectMs = LOAD_RETRY_MS;
  /** Whether the last attempt to load socket.io failed (cleared when one succeeds). */
  #loadFailed = $state(false);
  /** How many attempts to load socket.io have failed so far. */
  #failures = 0;
  /** Whether the socket has connected once: before that, `send` waits for it instead of answering offline. */
  #everConnected = false;
  /**
   * `send`s waiting for the first connect, with the failed loads there had been when each began; told when it
   * happens, when the channel closes, or when a load attempt made while they waited has failed too.
   */
  readonly #waiting = new Set<{ readonly since: number; readonly done: () => void }>();

  #phase = $state<Phase>('scope');
  #viewPhase = $state<Phase>('scope');
  #timer = $state.raw<TimerState>({ endsAtMs: null, durationSeconds: 0, startedBy: null });
  #clockSkewMs = $state(0);
  #roster = $state.raw<Participant[]>([]);
  #ballots = $state.raw<Record<string, BallotState>>({});
  #myVotes = $state.raw<Record<string, 'for' | 'against'>>({});
  #connected = $state(false);
  #ready = $state(false);

  /** `load` brings socket.io's `io` (its own chunk by default; tests pass their own). */
  constructor(
    private readonly workshopId: string,
    phase: Phase,
    private readonly events: ControlChannelEvents,
    private readonly load: () => Promise<OpenSocket> = loadSocketIo,
  ) {
    this.#phase = phase;
    this.#viewPhase = phase;
    void this.#open(LOAD_RETRY_MS);
  }

  /** The phase the facilitator has the room in. */
  get phase(): Phase {
    return this.#phase;
  }
  /** The phase this participant is looking at; moves with the room whenever the facilitator moves it. */
  get viewPhase(): Phase {
    return this.#viewPhase;
  }
  get timer(): TimerState {
    return this.#timer;
  }
  /** Server clock minus this browser's clock, so everyone's countdown ends at the same moment. */
  get clockSkewMs(): number {
    return this.#clockSkewMs;
  }
  get roster(): readonly Participant[] {
    return this.#roster;
  }
  /**
   * What this participant may see of each proposal's votes, by proposal id, as the server sends it: votes are
   * never in the shared doc, and a blind ballot arrives as a count until the facilitator reveals it.
   */
  get ballots(): Readonly<Record<string, BallotState>> {
    return this.#ballots;
  }
  /** This participant's own votes, by proposal id. */
  get myVotes(): Readonly<Record<string, 'for' | 'against'>> {
    return this.#myVotes;
  }
  get connected(): boolean {
    return this.#connected;
  }
  /** Whether socket.io's code failed to arrive and no attempt has succeeded since: the controls are out of reach. */
  get unavailable(): boolean {
    return this.#loadFailed && !this.#connected;
  }
  /**
   * Whether the session's state (`session:state`) has arrived once. Before that, the roster, ballots and this
   * participant's votes are empty because nothing is known yet, not because nobody is here or voted.
   */
  get ready(): boolean {
    return this.#ready;
  }

  /** Looks at a phase without moving the room. */
  show(phase: Phase): void {
    this.#viewPhase = phase;
  }

  /** Server time now, corrected for this browser's clock. */
  serverNow(): number {
    return Date.now() + this.#clockSkewMs;
  }

  /** Sends a control event and waits for the server's acknowledgement (or a timeout, said in words). */
  async send<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack> {
    if (!this.#socket?.connected && this.#opening()) await this.#firstConnect(ACK_TIMEOUT_MS);
    // Still not connected after the wait: when the last load failed, only a reload is sure to mend it (Chromium
    // will not fetch the chunk again).
    if (!this.#socket?.connected)
      return this.#loadFailed
        ? {
            ok: false,
            code: 'offline',
            error: "the room's live controls did not load (the network dropped); reload the page, your edits are kept",
          }
        : {
            ok: false,
            code: 'offline',
            error: 'not connected to the session; try again when the room is back online',
          };
    try {
      // socket.io's typings cannot follow a generic event name through the timeout's ack decoration.
      const timed = this.#socket.timeout(ACK_TIMEOUT_MS) as unknown as {
        emitWithAck(event: E, payload: ClientPayload<E>): Promise<Ack>;
      };
      return await timed.emitWithAck(event, payload);
    } catch {
      return {
        ok: false,
        code: 'timeout',
        error: 'the server did not answer in time; check the connection and try again',
      };
    }
  }

  /** Closes the socket, or, while socket.io is still on its way, makes sure none is opened when it arrives. */
  disconnect(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.disconnect();
    this.#wake();
  }

  /**
   * Whether the channel is still on its way to its first connection: socket.io's code loading (or being asked
   * for again after it failed to arrive) or its socket connecting. Someone who acts in that second (on a phone
   * network, the room paints before the control plane is up) is answered once it is up, not told at once that
   * the room is offline while a retry is about to connect.
   */
  #opening(): boolean {
    return !this.#everConnected && !this.#closed;
  }

  /**
   * Resolves on the first connect, `disconnect`, a failed load attempt made while waiting (a send made before
   * any failure waits through the first and its retry), or after `ms`, whichever comes first.
   */
  #firstConnect(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = {
        since: this.#failures,
        done: (): void => {
          clearTimeout(timer);
          this.#waiting.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.done, ms);
      this.#waiting.add(waiter);
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiting]) waiter.done();
  }

  /** After a failed load: answers the sends for which it was a retry that failed too (the reload advice). */
  #wakeAfterFailure(): void {
    for (const waiter of [...this.#waiting]) {
      if (this.#failures - waiter.since >= (waiter.since === 0 ? 2 : 1)) waiter.done();
    }
  }

  /** Loads socket.io and connects; a chunk that failed to arrive is asked for again after `retryMs`. */
  async #open(retryMs: number): Promise<void> {
    let open: OpenSocket;
    try {
      open = await this.load();
      this.#loadFailed = false;
    } catch {
      // Chromium remembers a module that failed to arrive and fails every later import of it without asking
      // again; other browsers fetch it anew. `send` tells the person to reload until an attempt succeeds.
      this.#loadFailed = true;
      this.#failures += 1;
      this.#wakeAfterFailure();
      if (!this.#closed)
        this.#retryTimer = setTimeout(() => void this.#open(Math.min(retryMs * 2, LOAD_RETRY_CAP_MS)), retryMs);
      return;
    }
    if (this.#closed) return;
    // The `workshop` query lets the balancer send socket.io to the node that serves this workshop's doc
    // (deploy/nginx.conf hashes on it); the server reads the id from `auth`.
    this.#socket = open({
      auth: { workshopId: this.workshopId },
      query: { workshop: this.workshopId },
      withCredentials: true,
      transports: ['websocket', 'polling'],
    });
    this.#watch(this.#socket);
  }

  #watch(socket: ControlSocket): void {
    socket.on('connect', () => {
      markLoad('control-open');
      this.#reconnectMs = LOAD_RETRY_MS;
      this.#connected = true;
      this.#everConnected = true;
      this.#wake();
    });
    socket.on('disconnect', () => {
      this.#connected = false;
    });
    socket.on('session:state', (state) => {
      this.#clockSkewMs = state.serverNowMs - Date.now();
      this.#moveTo(state.phase);
      this.#timer = state.timer;
      this.#roster = state.roster;
      this.#ballots = Object.fromEntries(state.ballots.map((b) => [b.proposalId, b]));
      this.#myVotes = Object.fromEntries(state.yourVotes.flatMap((v) => (v.choice ? [[v.proposalId, v.choice]] : [])));
      // A server that states the freeze with the session's state: take it (older servers leave it out).
      const frozen = (state as { frozen?: unknown }).frozen;
      if (frozen !== undefined) this.events.freeze(readFreeze(frozen));
      this.#ready = true;
    });
    socket.on('proposal:votes', (ballot) => {
      this.#ballots = { ...this.#ballots, [ballot.proposalId]: ballot };
    });
    socket.on('proposal:your-vote', ({ proposalId, choice }) => {
      const { [proposalId]: _previous, ...others } = this.#myVotes;
      this.#myVotes = choice ? { ...others, [proposalId]: choice } : others;
    });
    socket.on('roster', (roster) => {
      this.#roster = roster;
    });
    socket.on('phase', ({ phase, changedBy }) => {
      if (phase !== this.#phase) this.events.phaseChanged(phase, changedBy);
      this.#moveTo(phase);
    });
    socket.on('timer', ({ serverNowMs, ...timer }) => {
      this.#clockSkewMs = serverNowMs - Date.now();
      this.#timer = timer;
    });
    socket.on('decision:recorded', (event) => this.events.decision(event));
    socket.on('version:published', (event) => this.events.versionPublished(event));
    socket.on('signature:recorded', (event) => this.events.signature(event));
    // The freeze event reaches every node's clients; typed loosely so a client survives its shape changing.
    (socket as unknown as Socket).on('room:frozen', (event: unknown) => this.events.freeze(readFreeze(event)));
    socket.on('revoked', ({ reason }) => this.events.refused('revoked', reason));
    // The server refuses a handshake with a typed code that ends the room. socket.io retries a network error
    // on its own but gives up on any error the server answered with, so one that could not check this time
    // (`internal`: its database a moment away) is asked again here, later each time.
    socket.on('connect_error', (error) => {
      const refusal = handshakeRefusal(error);
      if (refusal) this.events.refused(refusal, error.message);
      else if (!socket.active) this.#reconnectLater(socket);
    });
  }

  #reconnectLater(socket: ControlSocket): void {
    if (this.#closed) return;
    const wait = this.#reconnectMs;
    this.#reconnectMs = Math.min(wait * 2, LOAD_RETRY_CAP_MS);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#closed && !socket.active) socket.connect();
    }, wait);
  }

  /**
   * Follows the room when the facilitator moves it. A reconnect repeats the current phase in
   * `session:state`; that must not pull someone away from the phase they are looking at.
   */
  #moveTo(phase: Phase): void {
    if (phase === this.#phase) return;
    this.#phase = phase;
    this.#viewPhase = phase;
  }
}

/**
 * `{ frozen, by, at }`, `{ frozen: { by, at } }`, `{ by, at }` or `null`/`false`: every shape a freeze has been
 * said in becomes one.
 */
export function readFreeze(value: unknown): FreezeEvent {
  if (value === null || value === false || value === undefined) return { frozen: false };
  if (value === true) return { frozen: true };
  if (typeof value !== 'object') return { frozen: false };
  const record = value as { frozen?: unknown; by?: unknown; at?: unknown };
  if (record.frozen !== undefined && typeof record.frozen === 'object') return readFreeze(record.frozen);
  const frozen = record.frozen === undefined ? true : record.frozen === true;
  const at = typeof record.at === 'string' || typeof record.at === 'number' ? new Date(record.at) : null;
  return {
    frozen,
    ...(typeof record.by === 'string' ? { by: record.by } : {}),
    ...(at && !Number.isNaN(at.getTime()) ? { at: at.toISOString() } : {}),
  };
}
