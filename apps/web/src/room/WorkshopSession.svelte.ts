import { createContext } from 'svelte';
import type { Edit, EditResult } from '@accord/core/ydoc';
import type { ParticipantView, RoomStatus, WorkshopView } from '@accord/protocol/api';
import { CLOSE } from '@accord/protocol/close-codes';
import type {
  Ack,
  BallotState,
  ClientEventName,
  ClientPayload,
  Participant,
  TimerState,
  VersionEvent,
} from '@accord/protocol/events';
import type { Phase } from '@accord/protocol/phases';
import { can, type Permission, type Role } from '@accord/protocol/roles';
import type { ApiResult } from '../lib/api.ts';
import { editAt } from '../lib/path-edit.ts';
import type { RawRecord } from '../lib/raw.ts';
import { savedState, type SavedState } from '../lib/saved-indicator.ts';
import { ActivityFeed, type Activity, type Notice } from './session/activity-feed.svelte.ts';
import { ControlChannel } from './session/control-channel.svelte.ts';
import { DocConnection, type Presence } from './session/doc-connection.svelte.ts';
import { RoomFreezeWatch, type Freeze } from './session/room-freeze.svelte.ts';

export type { Activity, Notice } from './session/activity-feed.svelte.ts';
export type { Freeze } from './session/room-freeze.svelte.ts';
export { LOCAL_EDIT, type Presence } from './session/doc-connection.svelte.ts';

/** Why the room stopped for good, in words for the participant. */
export interface Stopped {
  readonly code: number;
  readonly reason: string;
}

export interface SessionOptions {
  /** The server's origin (the page's by default). */
  readonly origin?: string | undefined;
  /** The document as the page carried it (see `takeRoomBootstrap`): the forms show it before the first sync. */
  readonly docState?: Uint8Array | undefined;
  /** Whether the page said the room is frozen, so forms carried with the page are read-only when they must be. */
  readonly frozen?: boolean | undefined;
}

/** The code the server closes document connections with when the room is frozen or unfrozen for signing. */
const ROOM_FREEZE_CODE = 4505;

const CANNOT_EDIT = 'your role cannot change the requirements';
const FROZEN = 'the room is frozen while sponsors sign: nobody can change the requirements until it is unfrozen';

/**
 * One participant's live connection to a workshop, made of three parts with their own state: the shared doc
 * (`DocConnection`), the session's control plane (`ControlChannel`) and what happened during the visit
 * (`ActivityFeed`), plus the facilitator's freeze. Components read state through getters and change things
 * through intent methods (`edit`, `send`, `show`, `dismissNotice`); nothing here is assigned from outside.
 */
export class WorkshopSession {
  /** The role may change the requirements (whether the room lets it right now is `canEdit`). */
  readonly mayEdit: boolean;
  readonly #docs: DocConnection;
  readonly #control: ControlChannel;
  readonly #feed: ActivityFeed;
  readonly #freeze: RoomFreezeWatch;
  readonly #listeners = new Set<() => void>();
  #stopped = $state.raw<Stopped | null>(null);

  constructor(
    readonly workshop: WorkshopView,
    readonly you: ParticipantView,
    options: SessionOptions = {},
  ) {
    const { origin = location.origin, docState, frozen } = options;
    this.mayEdit = can(you.role, 'editRequirements');
    this.#feed = new ActivityFeed(you.name);
    this.#freeze = new RoomFreezeWatch(workshop.id, (frozen, first) => {
      if (!first || frozen) this.#feed.freeze(frozen !== null, frozen?.by ?? undefined);
    });
    if (frozen !== undefined) this.#freeze.seed(frozen);
    this.#docs = new DocConnection(workshop.id, origin, this.mayEdit, docState, {
      loaded: () => {
        this.#feed.loaded(this.#docs.raw);
        this.#notify();
      },
      changed: () => {
        this.#feed.docChanged(this.#docs.raw);
        this.#notify();
      },
      connected: () => void this.#freeze.refresh(),
      dropped: (code) => {
        if (code === ROOM_FREEZE_CODE) void this.#freeze.refresh();
      },
      closed: (code, reason) => this.#stop(code, reason || closeReason(code)),
    });
    this.#control = new ControlChannel(workshop.id, workshop.phase, {
      phaseChanged: (phase, by) => this.#feed.phaseChanged(phase, by),
      decision: (event) => this.#feed.decision(event, this.#docs.raw),
      versionPublished: (event) => this.#feed.versionPublished(event),
      signature: (event) => this.#feed.signature(event),
      freeze: (event) => this.#freeze.apply(event),
      refused: (kind, reason) => {
        if (kind === 'revoked') this.#stop(CLOSE.revoked.code, reason || CLOSE.revoked.reason);
        else if (kind === 'not-found') this.#stop(CLOSE.notFound.code, reason || CLOSE.notFound.reason);
        else this.#stop(CLOSE.unauthorized.code, reason || CLOSE.unauthorized.reason);
      },
    });
  }

  get doc() {
    return this.#docs.doc;
  }
  get role(): Role {
    return this.you.role;
  }
  /** The requirements as plain JSON, refreshed after every change (local or remote). */
  get raw(): RawRecord {
    return this.#docs.raw;
  }
  /** Bumped after every change of the doc; the preview recomputes on it. */
  get revision(): number {
    return this.#docs.revision;
  }
  get loaded(): boolean {
    return this.#docs.loaded;
  }
  get allSaved(): boolean {
    return this.#docs.allSaved;
  }
  get presence(): readonly Presence[] {
    return this.#docs.presence;
  }
  get phase(): Phase {
    return this.#control.phase;
  }
  get viewPhase(): Phase {
    return this.#control.viewPhase;
  }
  get timer(): TimerState {
    return this.#control.timer;
  }
  get clockSkewMs(): number {
    return this.#control.clockSkewMs;
  }
  get roster(): readonly Participant[] {
    return this.#control.roster;
  }
  get ballots(): Readonly<Record<string, BallotState>> {
    return this.#control.ballots;
  }
  get myVotes(): Readonly<Record<string, 'for' | 'against'>> {
    return this.#control.myVotes;
  }
  get controlConnected(): boolean {
    return this.#control.connected;
  }
  /** Whether the control plane's state has arrived: until then the roster and votes are not known, not empty. */
  get controlReady(): boolean {
    return this.#control.ready;
  }
  /** Whether the live controls' code failed to arrive (no attempt has succeeded since): a reload brings them. */
  get controlUnavailable(): boolean {
    return this.#control.unavailable;
  }
  get activity(): readonly Activity[] {
    return this.#feed.entries;
  }
  get notice(): Notice | null {
    return this.#feed.notice;
  }
  get publishedNow(): VersionEvent | null {
    return this.#feed.publishedNow;
  }
  get versionsRevision(): number {
    return this.#feed.versionsRevision;
  }
  get stopped(): Stopped | null {
    return this.#stopped;
  }
  /** The facilitator froze the room while sponsors sign: every form is read-only until it is unfrozen. */
  get frozen(): Freeze | null {
    return this.#freeze.frozen;
  }
  /** This participant may change the requirements now: their role allows it and the room is not frozen. */
  get canEdit(): boolean {
    return this.mayEdit && this.#freeze.frozen === null;
  }

  may(permission: Permission): boolean {
    return can(this.you.role, permission);
  }

  /** The header's saved indicator: "saved" only once the server confirmed storing every local change. */
  get savedState(): SavedState {
    const docs = this.#docs;
    return savedState({
      online: docs.online,
      connected: docs.connected,
      synced: docs.synced,
      allSaved: docs.allSaved,
      readOnly: !this.mayEdit,
      stopped: this.#stopped !== null,
    });
  }

  /** Applies a typed edit to the shared doc; refused locally for roles that may not edit and in a frozen room. */
  edit(edit: Edit): EditResult {
    const refusal = this.#refusal();
    return refusal ?? this.#docs.edit(edit);
  }

  /** Applies several typed edits as one change (one update to the server), e.g. the row edits of one paint stroke. */
  edits(edits: readonly Edit[]): EditResult {
    const refusal = this.#refusal();
    return refusal ?? this.#docs.edits(edits);
  }

  /** Stores a value at a field path, whatever kind of place the path names (see `editAt`). */
  write(path: string, value: unknown): EditResult {
    return this.edit(editAt(path, value));
  }

  /** Sends a control event and waits for the server's acknowledgement (or a timeout, said in words). */
  send<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack> {
    return this.#control.send(event, payload);
  }

  /** Looks at a phase without moving the room. */
  show(phase: Phase): void {
    this.#control.show(phase);
  }

  /** Freezes the room while sponsors sign, or unfreezes it (the facilitator's act). */
  setFrozen(frozen: boolean): Promise<ApiResult<RoomStatus>> {
    return this.#freeze.set(frozen);
  }

  /** The participant read the notice (pass its id so a newer notice stays). */
  dismissNotice(id?: number): void {
    this.#feed.dismissNotice(id);
  }

  /** Says which field this participant is editing (or none), for everyone's presence markers. */
  setEditing(path: string | null): void {
    this.#docs.setEditing(path);
  }

  /** Calls back after every doc change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Server time now, corrected for this browser's clock. */
  serverNow(): number {
    return this.#control.serverNow();
  }

  destroy(): void {
    this.#control.disconnect();
    this.#docs.destroy();
  }

  #refusal(): EditResult | null {
    if (!this.mayEdit) return { ok: false, error: 'unknown-field', message: CANNOT_EDIT };
    if (this.#freeze.frozen) return { ok: false, error: 'unknown-field', message: FROZEN };
    return null;
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }

  #stop(code: number, reason: string): void {
    if (this.#stopped) return;
    this.#stopped = { code, reason };
    // Someone who may no longer enter keeps no copy of the workshop on this device.
    this.#docs.stop(code === CLOSE.revoked.code || code === CLOSE.unauthorized.code);
    this.#control.disconnect();
  }
}

function closeReason(code: number): string {
  return Object.values(CLOSE).find((c) => c.code === code)?.reason ?? `the connection closed (${code})`;
}

export const [getSession, setSession] = createContext<WorkshopSession>();
