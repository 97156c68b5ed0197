import type { Role } from '@accord/protocol/roles';

/** What the room knows about its connection and what the server has stored. */
export interface SyncFacts {
  /** The browser believes it has a network (navigator.onLine). */
  readonly online: boolean;
  /** The Yjs websocket is open. */
  readonly connected: boolean;
  /** The first sync with the server has completed on this connection. */
  readonly synced: boolean;
  /** The server has acknowledged storing every local change (see `SavedTracker` in the protocol package). */
  readonly allSaved: boolean;
  /** This participant's edits are not taken by the server (observers, sponsors). */
  readonly readOnly: boolean;
  /** The server closed the connection for good (revoked, signed out, not found). */
  readonly stopped: boolean;
}

export type SavedState = 'saved' | 'saving' | 'offline' | 'offline-unsaved' | 'connecting' | 'read-only' | 'stopped';

/**
 * The one word the header shows. It says "saved" only when the server has confirmed storing every local
 * change; a read-only participant has nothing to save, so they see whether they are live instead.
 */
export function savedState(facts: SyncFacts): SavedState {
  if (facts.stopped) return 'stopped';
  if (!facts.online || !facts.connected) {
    if (facts.readOnly) return 'offline';
    return facts.allSaved ? 'offline' : 'offline-unsaved';
  }
  if (!facts.synced) return 'connecting';
  if (facts.readOnly) return 'read-only';
  return facts.allSaved ? 'saved' : 'saving';
}

export const SAVED_LABELS: Readonly<Record<SavedState, string>> = {
  saved: 'All changes saved',
  saving: 'Saving…',
  offline: 'Offline',
  'offline-unsaved': 'Offline — changes kept on this device',
  connecting: 'Connecting…',
  'read-only': 'Live (read-only)',
  stopped: 'Disconnected',
};

/**
 * The words for a state. A read-only participant is told what their role does rather than only what it
 * cannot: a sponsor edits nothing, yet proposes, votes and signs.
 */
export function savedLabel(state: SavedState, role: Role): string {
  if (state !== 'read-only') return SAVED_LABELS[state];
  switch (role) {
    case 'sponsor':
      return 'Live — you review and sign';
    case 'observer':
      return 'Live — you follow, read-only';
    case 'facilitator':
    case 'stakeholder':
      return SAVED_LABELS[state];
    default:
      return assertNever(role);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected role ${String(value)}`);
}
