import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyEdit, applyEdits, observeRequirements, readRaw, type Edit, type EditResult } from '@accord/core/ydoc';
import type { Role } from '@accord/protocol/roles';
import { shouldReconnect } from '@accord/protocol/close-codes';
import { SavedTracker, type SavedProvider } from '@accord/protocol/saved-state';
import type { RawRecord } from '../../lib/raw.ts';
import { markLoad } from '../../lib/load-marks.ts';
import { discardEarlySocket, EarlySocketPolyfill } from '../../lib/early-socket.ts';
import { keepLocalCopy, type LocalCopy } from '../../lib/local-copy.ts';

/** Someone in the room as their Yjs awareness says: who they are (stamped by the server) and what they edit. */
export interface Presence {
  readonly clientId: number;
  readonly participantId: string;
  readonly name: string;
  readonly role: Role;
  readonly editing: string | null;
}

/** Origin of this browser's own edits, so observers can tell them from remote ones. */
export const LOCAL_EDIT = Symbol('local-edit');
/** Origin of the document state the page carried (the server's, as of when the page was served). */
const INITIAL_STATE = Symbol('initial-state');

export interface DocConnectionEvents {
  /** The doc holds the real workshop for the first time (the state the page carried, or the first sync). */
  loaded(): void;
  /** The doc changed (local or remote), once per burst. */
  changed(): void;
  /** The server closed the connection for good: the provider will not reconnect. */
  closed(code: number, reason: string): void;
  /** The server closed the connection with a code in the retry range (a freeze, a restart): it reconnects. */
  dropped(code: number): void;
  /** The connection is open again (after a first connect or a reconnect). */
  connected(): void;
}

/**
 * The shared Y.Doc and its y-websocket connection: sync, Accord's "saved" acknowledgements, presence over
 * awareness, and this device's copy for editors. State is read through getters; edits go through `edit`.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly #provider: WebsocketProvider;
  readonly #savedTracker: SavedTracker;
  readonly #localCopy: LocalCopy | undefined;
  readonly #cleanups: (() => void)[] = [];
  #rawScheduled = false;
  #stopped = false;

  #raw = $state.raw<RawRecord>({});
  #revision = $state(0);
  #online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  #connected = $state(false);
  #synced = $state(false);
  #loaded = $state(false);
  #allSaved = $state(true);
  #presence = $state.raw<Presence[]>([]);

  constructor(
    workshopId: string,
    origin: string,
    private readonly editor: boolean,
    initialState: Uint8Array | undefined,
    private readonly events: DocConnectionEvents,
  ) {
    // The state the page carried goes in before anything listens: it is the server's, nothing to send back,
    // and the provider's first sync then asks only for what changed since the page was served.
    // The page's early socket asked only for what changed since that state: without it, it is of no use.
    if (!(initialState && this.#loadInitial(initialState))) discardEarlySocket();
    this.#localCopy = editor ? keepLocalCopy(workshopId, this.doc) : undefined;
    this.#provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/yjs`, workshopId, this.doc, {
      params: { saved: '1' },
      // Tabs of one browser must not sync behind the server's back: the server is the only relay,
      // so roles hold and "saved" means stored.
      disableBc: true,
      shouldReconnect: (event) => shouldReconnect(event.code),
      // The first connection takes the socket the page opened before this code arrived, if any.
      WebSocketPolyfill: EarlySocketPolyfill,
    });
    this.#savedTracker = new SavedTracker(this.#provider as unknown as SavedProvider, this.doc, () =>
      this.#refreshSaved(),
    );
    this.#watchProvider();
    this.#watchDoc();
    this.#watchNetwork();
  }

  /** The requirements as plain JSON, refreshed after every change (local or remote). */
  get raw(): RawRecord {
    return this.#raw;
  }
  /** Bumped after every change of the doc; the preview recomputes on it. */
  get revision(): number {
    return this.#revision;
  }
  get online(): boolean {
    return this.#online;
  }
  get connected(): boolean {
    return this.#connected;
  }
  get synced(): boolean {
    return this.#synced;
  }
  /**
   * The doc holds the real workshop — the state the page carried, or the first sync with the server — so
   * forms and the preview show it.
   */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** Every local change is stored by the server (always true for people who do not edit). */
  get allSaved(): boolean {
    return this.#allSaved;
  }
  get presence(): readonly Presence[] {
    return this.#presence;
  }

  edit(edit: Edit): EditResult {
    return applyEdit(this.doc, edit, LOCAL_EDIT);
  }

  edits(edits: readonly Edit[]): EditResult {
    return applyEdits(this.doc, edits, LOCAL_EDIT);
  }

  /** Says which field this participant is editing (or none), for everyone's presence markers. */
  setEditing(path: string | null): void {
    if (this.#provider.awareness.getLocalState()?.editing === path) return;
    this.#provider.awareness.setLocalStateField('editing', path);
  }

  /** Stops for good (revoked, unauthorised, gone); `erase` drops this device's copy of the workshop. */
  stop(erase: boolean): void {
    this.#stopped = true;
    this.#provider.shouldConnect = false;
    this.#provider.disconnect();
    if (erase) void this.#localCopy?.erase();
  }

  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#provider.awareness.setLocalState(null);
    this.#provider.destroy();
    void this.#localCopy?.close();
    this.doc.destroy();
  }

  /** Applies the state the page carried; false when it could not be read. */
  #loadInitial(state: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, state, INITIAL_STATE);
    } catch {
      // Unreadable: the first sync brings the whole document, as without a carried state.
      return false;
    }
    this.#loaded = true;
    markLoad('doc-loaded');
    // Said once whoever created this connection has finished setting up.
    queueMicrotask(() => this.events.loaded());
    return true;
  }

  #watchProvider(): void {
    const provider = this.#provider;
    provider.awareness.setLocalStateField('editing', null);
    provider.on('status', ({ status }) => {
      this.#connected = status === 'connected';
      if (status !== 'connected') this.#synced = false;
      else {
        markLoad('doc-open');
        this.events.connected();
      }
    });
    provider.on('sync', (synced: boolean) => {
      this.#synced = synced;
      if (synced) markLoad('doc-synced');
      if (synced && !this.#loaded) {
        this.#loaded = true;
        this.events.loaded();
      }
    });
    provider.on('connection-close', (event) => {
      if (event && shouldReconnect(event.code)) this.events.dropped(event.code);
    });
    provider.on('closed', (event) => this.events.closed(event.code, event.reason));
    provider.awareness.on('change', () => {
      const list: Presence[] = [];
      for (const [clientId, state] of provider.awareness.getStates()) {
        const identity = (state as { accord?: { participantId?: unknown; name?: unknown; role?: unknown } }).accord;
        if (!identity || typeof identity.participantId !== 'string' || typeof identity.name !== 'string') continue;
        const editing = (state as { editing?: unknown }).editing;
        list.push({
          clientId,
          participantId: identity.participantId,
          name: identity.name,
          role: identity.role as Role,
          editing: typeof editing === 'string' ? editing : null,
        });
      }
      this.#presence = list;
    });
  }

  #watchDoc(): void {
    this.#cleanups.push(observeRequirements(this.doc, () => this.#scheduleRaw()));
    this.doc.on('update', () => this.#refreshSaved());
    this.#raw = readRaw(this.doc);
  }

  /**
   * The browser knows first when the network is gone: stop the websocket at once (edits stay in the doc and
   * are sent on reconnect) rather than writing into a dead connection until the watchdog notices. Unsent
   * edits are kept on this device, but nobody else sees them until the server has them: ask before leaving.
   */
  #watchNetwork(): void {
    const goOnline = () => {
      this.#online = true;
      if (!this.#stopped) this.#provider.connect();
    };
    const goOffline = () => {
      this.#online = false;
      this.#provider.disconnect();
    };
    const guardUnsaved = (event: BeforeUnloadEvent) => {
      if (this.editor && !this.#allSaved && !this.#stopped) event.preventDefault();
    };
    addEventListener('online', goOnline);
    addEventListener('offline', goOffline);
    addEventListener('beforeunload', guardUnsaved);
    this.#cleanups.push(
      () => removeEventListener('online', goOnline),
      () => removeEventListener('offline', goOffline),
      () => removeEventListener('beforeunload', guardUnsaved),
    );
  }

  /** One read per burst of changes: a remote transaction or a keystroke can touch many maps at once. */
  #scheduleRaw(): void {
    if (this.#rawScheduled) return;
    this.#rawScheduled = true;
    queueMicrotask(() => {
      this.#rawScheduled = false;
      this.#raw = readRaw(this.doc);
      this.#revision += 1;
      this.events.changed();
    });
  }

  #refreshSaved(): void {
    // Read-only participants keep nothing to save; for editors the tracker counts acknowledged frames.
    this.#allSaved = !this.editor || !this.#savedTracker.hasUnsaved;
  }
}
