import { createContext } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyEdit, applyEdits, observeRequirements, readRaw, type Edit, type EditResult } from '@accord/core/ydoc';
import type { ParticipantView, WorkshopView } from '@accord/protocol/api';
import { CLOSE, shouldReconnect } from '@accord/protocol/close-codes';
import type {
  Ack, BallotState, ClientEventName, ClientPayload, ClientToServerEvents, DecisionEvent, Participant, ServerToClientEvents,
  SignatureEvent, TimerState, VersionEvent,
} from '@accord/protocol/events';
import { PHASE_TITLES, type Phase } from '@accord/protocol/phases';
import { can, type Permission, type Role } from '@accord/protocol/roles';
import { SavedTracker, type SavedProvider } from '@accord/protocol/saved-state';
import { readProposals } from '../lib/proposals.ts';
import { describeValue } from '../lib/value-label.ts';
import type { RawRecord } from '../lib/raw.ts';
import { keepLocalCopy, type LocalCopy } from '../lib/local-copy.ts';
import { savedState, type SavedState } from '../lib/saved-indicator.ts';

/** Someone in the room as their Yjs awareness says: who they are (stamped by the server) and what they edit. */
export interface Presence {
  readonly clientId: number;
  readonly participantId: string;
  readonly name: string;
  readonly role: Role;
  readonly editing: string | null;
}

/** A line of the room's activity feed (decisions, versions, signatures), newest first. */
export interface Activity {
  readonly id: number;
  readonly at: number;
  readonly text: string;
  /** A field the entry is about, named by the room in words. */
  readonly field?: string;
}

/** Why the room stopped for good, in words for the participant. */
export interface Stopped {
  readonly code: number;
  readonly reason: string;
}

/** Origin of this browser's own edits, so observers can tell them from remote ones. */
export const LOCAL_EDIT = Symbol('local-edit');

const ACK_TIMEOUT_MS = 8000;

/**
 * One participant's live connection to a workshop: the shared Y.Doc over y-websocket (with Accord's saved
 * message), presence over awareness, and the session control plane over socket.io. Components read its
 * `$state` fields; every change to the doc or the session goes through its methods.
 */
export class WorkshopSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  /** The requirements as plain JSON, refreshed after every change (local or remote). */
  raw = $state.raw<RawRecord>({});
  /** Bumped after every change of the doc; the preview recomputes on it. */
  revision = $state(0);
  phase = $state<Phase>('scope');
  /** The phase this participant is looking at; moves with the room whenever the facilitator moves it. */
  viewPhase = $state<Phase>('scope');
  timer = $state.raw<TimerState>({ endsAtMs: null, durationSeconds: 0, startedBy: null });
  /** Server clock minus this browser's clock, so everyone's countdown ends at the same moment. */
  clockSkewMs = $state(0);
  roster = $state.raw<Participant[]>([]);
  presence = $state.raw<Presence[]>([]);
  activity = $state.raw<Activity[]>([]);
  /**
   * What this participant may see of each proposal's votes, by proposal id, as the server sends it: votes are
   * never in the shared doc, and a blind ballot arrives as a count until the facilitator reveals it.
   */
  ballots = $state.raw<Record<string, BallotState>>({});
  /** This participant's own votes, by proposal id. */
  myVotes = $state.raw<Record<string, 'for' | 'against'>>({});
  /** Bumped when a version is published or signed, so version lists reload. */
  versionsRevision = $state(0);
  /**
   * What happened to something of yours that you would otherwise learn only from the activity list (folded
   * away on a phone): the facilitator accepted or rejected your proposal.
   */
  notice = $state.raw<{ readonly id: number; readonly text: string; readonly field?: string } | null>(null);
  /** The version published during this visit, for the sponsor's "ready to sign" banner. */
  publishedNow = $state.raw<VersionEvent | null>(null);

  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  connected = $state(false);
  synced = $state(false);
  /** The doc has synced with the server at least once: forms and the preview show the real workshop. */
  loaded = $state(false);
  allSaved = $state(true);
  controlConnected = $state(false);
  stopped = $state.raw<Stopped | null>(null);

  readonly canEdit: boolean;
  private readonly savedTracker: SavedTracker;
  private rawScheduled = false;
  private activityId = 0;
  /** The proposals already in the doc, so a new one can be said in the activity list (null until loaded). */
  private knownProposals: Set<string> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: (() => void)[] = [];
  /** This browser's copy of the document, for people who edit (see `keepLocalCopy`). */
  private readonly localCopy: LocalCopy | undefined;

  constructor(readonly workshop: WorkshopView, readonly you: ParticipantView, origin = location.origin) {
    this.canEdit = can(you.role, 'editRequirements');
    this.localCopy = this.canEdit ? keepLocalCopy(workshop.id, this.doc) : undefined;
    this.phase = workshop.phase;
    this.viewPhase = workshop.phase;
    this.provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, workshop.id, this.doc, {
      params: { saved: '1' },
      // Tabs of one browser must not sync behind the server's back: the server is the only relay,
      // so roles hold and "saved" means stored.
      disableBc: true,
      shouldReconnect: (event) => shouldReconnect(event.code),
    });
    this.savedTracker = new SavedTracker(this.provider as unknown as SavedProvider, this.doc, () => this.refreshSaved());
    this.watchProvider();
    this.watchDoc();
    this.socket = io({ auth: { workshopId: workshop.id }, withCredentials: true, transports: ['websocket', 'polling'] });
    this.watchSocket();
    // The browser knows first when the network is gone: stop the websocket at once (edits stay in the doc and
    // are sent on reconnect) rather than writing into a dead connection until the watchdog notices.
    const goOnline = () => {
      this.online = true;
      if (!this.stopped) this.provider.connect();
    };
    const goOffline = () => {
      this.online = false;
      this.provider.disconnect();
    };
    // Unsent edits are kept on this device, but nobody else sees them until the server has them: ask first.
    const guardUnsaved = (event: BeforeUnloadEvent) => {
      if (this.canEdit && !this.allSaved && !this.stopped) event.preventDefault();
    };
    addEventListener('online', goOnline);
    addEventListener('offline', goOffline);
    addEventListener('beforeunload', guardUnsaved);
    this.cleanups.push(
      () => removeEventListener('online', goOnline),
      () => removeEventListener('offline', goOffline),
      () => removeEventListener('beforeunload', guardUnsaved),
    );
  }

  get role(): Role {
    return this.you.role;
  }

  may(permission: Permission): boolean {
    return can(this.you.role, permission);
  }

  /** The header's saved indicator: "saved" only once the server confirmed storing every local change. */
  get savedState(): SavedState {
    return savedState({
      online: this.online, connected: this.connected, synced: this.synced, allSaved: this.allSaved,
      readOnly: !this.canEdit, stopped: this.stopped !== null,
    });
  }

  /** Applies a typed edit to the shared doc; refused locally for roles that may not edit. */
  edit(edit: Edit): EditResult {
    if (!this.canEdit) return { ok: false, error: 'unknown-field', message: 'your role cannot change the requirements' };
    return applyEdit(this.doc, edit, LOCAL_EDIT);
  }

  /** Applies several typed edits as one change (one update to the server), e.g. the row edits of one paint stroke. */
  edits(edits: readonly Edit[]): EditResult {
    if (!this.canEdit) return { ok: false, error: 'unknown-field', message: 'your role cannot change the requirements' };
    return applyEdits(this.doc, edits, LOCAL_EDIT);
  }

  /** Sends a control event and waits for the server's acknowledgement (or a timeout, said in words). */
  async send<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack> {
    if (!this.socket.connected) return { ok: false, code: 'offline', error: 'not connected to the session; try again when the room is back online' };
    try {
      // socket.io's typings cannot follow a generic event name through the timeout's ack decoration.
      const timed = this.socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: E, payload: ClientPayload<E>): Promise<Ack> };
      return await timed.emitWithAck(event, payload);
    } catch {
      return { ok: false, code: 'timeout', error: 'the server did not answer in time; check the connection and try again' };
    }
  }

  /** Says which field this participant is editing (or none), for everyone's presence markers. */
  setEditing(path: string | null): void {
    if (this.provider.awareness.getLocalState()?.editing === path) return;
    this.provider.awareness.setLocalStateField('editing', path);
  }

  /** Calls back after every doc change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Server time now, corrected for this browser's clock. */
  serverNow(): number {
    return Date.now() + this.clockSkewMs;
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.socket.disconnect();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    void this.localCopy?.close();
    this.doc.destroy();
  }

  private watchProvider(): void {
    const provider = this.provider;
    provider.awareness.setLocalStateField('editing', null);
    provider.on('status', ({ status }) => {
      this.connected = status === 'connected';
      if (status !== 'connected') this.synced = false;
    });
    provider.on('sync', (synced: boolean) => {
      this.synced = synced;
      if (synced && !this.loaded) {
        this.loaded = true;
        this.knownProposals = new Set(readProposals(readRaw(this.doc)).map((p) => p.id));
        for (const listener of this.listeners) listener();
      }
    });
    provider.on('closed', (event) => this.stop(event.code, event.reason || closeReason(event.code)));
    const onAwareness = () => {
      const list: Presence[] = [];
      for (const [clientId, state] of provider.awareness.getStates()) {
        const identity = (state as { accord?: { participantId?: unknown; name?: unknown; role?: unknown } }).accord;
        if (!identity || typeof identity.participantId !== 'string' || typeof identity.name !== 'string') continue;
        const editing = (state as { editing?: unknown }).editing;
        list.push({
          clientId, participantId: identity.participantId, name: identity.name, role: identity.role as Role,
          editing: typeof editing === 'string' ? editing : null,
        });
      }
      this.presence = list;
    };
    provider.awareness.on('change', onAwareness);
  }

  private watchDoc(): void {
    this.cleanups.push(observeRequirements(this.doc, () => this.scheduleRaw()));
    const onUpdate = () => this.refreshSaved();
    this.doc.on('update', onUpdate);
    this.raw = readRaw(this.doc);
  }

  /** One read per burst of changes: a remote transaction or a keystroke can touch many maps at once. */
  private scheduleRaw(): void {
    if (this.rawScheduled) return;
    this.rawScheduled = true;
    queueMicrotask(() => {
      this.rawScheduled = false;
      this.raw = readRaw(this.doc);
      this.revision += 1;
      this.noteNewProposals();
      for (const listener of this.listeners) listener();
    });
  }

  private refreshSaved(): void {
    // Read-only participants keep nothing to save; for editors the tracker counts acknowledged frames.
    this.allSaved = !this.canEdit || !this.savedTracker.hasUnsaved;
  }

  private watchSocket(): void {
    const socket = this.socket;
    socket.on('connect', () => { this.controlConnected = true; });
    socket.on('disconnect', () => { this.controlConnected = false; });
    socket.on('session:state', (state) => {
      this.clockSkewMs = state.serverNowMs - Date.now();
      this.moveTo(state.phase);
      this.timer = state.timer;
      this.roster = state.roster;
      this.ballots = Object.fromEntries(state.ballots.map((b) => [b.proposalId, b]));
      this.myVotes = Object.fromEntries(state.yourVotes.flatMap((v) => (v.choice ? [[v.proposalId, v.choice]] : [])));
    });
    socket.on('proposal:votes', (ballot) => {
      this.ballots = { ...this.ballots, [ballot.proposalId]: ballot };
    });
    socket.on('proposal:your-vote', ({ proposalId, choice }) => {
      const { [proposalId]: _previous, ...others } = this.myVotes;
      this.myVotes = choice ? { ...others, [proposalId]: choice } : others;
    });
    socket.on('roster', (roster) => { this.roster = roster; });
    socket.on('phase', ({ phase, changedBy }) => {
      if (phase !== this.phase) this.log(`${changedBy} moved the room to ${PHASE_TITLES[phase]}`);
      this.moveTo(phase);
    });
    socket.on('timer', ({ serverNowMs, ...timer }) => {
      this.clockSkewMs = serverNowMs - Date.now();
      this.timer = timer;
    });
    socket.on('decision:recorded', (event: DecisionEvent) => {
      this.log(`${event.decidedBy} ${event.outcome} a proposal for`, event.field);
      const proposal = readProposals(this.raw).find((p) => p.id === event.proposalId);
      if (proposal && proposal.proposedBy === this.you.name && event.decidedBy !== this.you.name) {
        this.notice = { id: this.activityId, text: `${event.decidedBy} ${event.outcome} your proposal for`, field: event.field };
      }
    });
    socket.on('version:published', (event: VersionEvent) => {
      this.log(`${event.publishedBy} published version ${event.number}`);
      this.versionsRevision += 1;
      this.publishedNow = event;
    });
    socket.on('signature:recorded', (event: SignatureEvent) => {
      this.log(`${event.sponsor} ${event.decision} version ${event.versionNumber}${event.approved ? ' — approved' : ''}`);
      this.versionsRevision += 1;
      // Once this sponsor has decided, the version no longer waits for them: drop the "ready to sign" prompts.
      if (this.publishedNow?.number === event.versionNumber && event.sponsor === this.you.name) this.publishedNow = null;
    });
    socket.on('revoked', ({ reason }) => this.stop(CLOSE.revoked.code, reason || CLOSE.revoked.reason));
    socket.on('connect_error', (error) => {
      if (/unauthori[sz]ed|revoked|forbidden|not found/i.test(error.message)) this.stop(CLOSE.unauthorized.code, error.message);
    });
  }

  /**
   * Follows the room when the facilitator moves it. A reconnect repeats the current phase in
   * `session:state`; that must not pull someone away from the phase they are looking at.
   */
  private moveTo(phase: Phase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.viewPhase = phase;
  }

  private stop(code: number, reason: string): void {
    if (this.stopped) return;
    this.stopped = { code, reason };
    this.provider.shouldConnect = false;
    this.provider.disconnect();
    this.socket.disconnect();
    // Someone who may no longer enter keeps no copy of the workshop on this device.
    if (code === CLOSE.revoked.code || code === CLOSE.unauthorized.code) void this.localCopy?.erase();
  }

  /** Proposals live in the doc, not on the control plane: say each new one in the activity list. */
  private noteNewProposals(): void {
    if (!this.knownProposals) return;
    for (const proposal of readProposals(this.raw)) {
      if (this.knownProposals.has(proposal.id)) continue;
      this.knownProposals.add(proposal.id);
      const who = proposal.proposedBy === this.you.name ? 'You' : proposal.proposedBy;
      this.log(`${who} proposed ${describeValue(proposal.field, proposal.value, this.raw)} for`, proposal.field);
    }
  }

  private log(text: string, field?: string): void {
    this.activityId += 1;
    this.activity = [{ id: this.activityId, at: Date.now(), text, ...(field ? { field } : {}) }, ...this.activity].slice(0, 30);
  }
}

function closeReason(code: number): string {
  return Object.values(CLOSE).find((c) => c.code === code)?.reason ?? `the connection closed (${code})`;
}

export const [getSession, setSession] = createContext<WorkshopSession>();
