/**
 * The first script of every page, under a kilobyte with no imports, so the browser runs it long before the
 * app's code has arrived. On a room's page for a signed-in browser (the page carries the room's bootstrap)
 * it opens the room's Yjs websocket at once and does the first sync's two steps itself:
 *
 * - it asks for what changed since the page was served (sync step 1 with the bootstrap's state vector);
 * - it answers the server's sync step 1 with an empty sync step 2: before the app runs, this browser's
 *   document is the page's copy, which the server had stored before serving the page (room-bootstrap.ts
 *   waits for that), so it holds nothing the server lacks. The server stores and acknowledges that frame
 *   like any other (`SavedTracker` counts it: `documentFramesSentEarly`). A room that cannot use the
 *   page's copy closes this socket and opens its own (`discardEarlySocket`).
 *
 * Everything else the server sends is kept until the room takes the socket over (`takeEarlySocket` in
 * src/lib/early-socket.ts); a socket nobody takes (the app's code failed to load) is closed after a while,
 * or once it has kept more than a few megabytes, so it holds no connection seat and no memory for ever. On Fast 3G the handshake and both round trips then overlap the download of the
 * room's code instead of following it, and the room says "saved" as soon as it is drawn.
 */
import type { EarlySocket } from '../lib/early-socket.ts';

/** The bootstrap's element (`ROOM_BOOTSTRAP_ELEMENT_ID`; importing it would pull the protocol's schemas in). */
const BOOTSTRAP_ID = 'accord-room';
/** A room's address, as the server reads it (apps/server/src/http/room-bootstrap.ts). */
const ROOM_PATH = /^\/w\/([a-z0-9]{1,64})(?:\/[a-z]+)?\/?$/;
/** y-protocols' sync messages: `varUint 0 · varUint step · varUint8Array payload`. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
/** How long, and how many bytes, a socket nobody has taken is kept open. */
const UNTAKEN_MS = 30_000;
const MAX_KEPT_BYTES = 4 * 1024 * 1024;
/** A Yjs update with no structs and an empty delete set. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const length: number[] = [];
  let rest = payload.length;
  // lib0's varUint: seven bits a byte, the high bit saying more follow.
  while (rest > 0x7f) {
    length.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  length.push(rest);
  const message = new Uint8Array(2 + length.length + payload.length);
  message.set([MESSAGE_SYNC, step, ...length]);
  message.set(payload, 2 + length.length);
  return message;
}

function stateVectorOf(element: HTMLElement): Uint8Array {
  try {
    const { stateVector } = JSON.parse(element.textContent ?? '') as { stateVector?: unknown };
    if (typeof stateVector !== 'string') return new Uint8Array([0]);
    return Uint8Array.from(atob(stateVector), (char) => char.charCodeAt(0));
  } catch {
    // Unreadable: an empty state vector asks for the whole document, which is still right.
    return new Uint8Array([0]);
  }
}

const workshopId = ROOM_PATH.exec(location.pathname)?.[1];
const bootstrap = document.getElementById(BOOTSTRAP_ID);
if (workshopId && bootstrap) {
  // The address y-websocket builds for the room's provider (doc-connection.svelte.ts): any difference and
  // the room opens its own socket, so a mismatch costs time, never correctness.
  const url = `${location.origin.replace(/^http/, 'ws')}/yjs/${workshopId}?saved=1`;
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const received: ArrayBuffer[] = [];
  let kept = 0;
  const early: EarlySocket = { url, socket, received, documentFramesSent: 0, release };
  const giveUp = () => {
    if (globalThis.accordEarlySocket !== early) return;
    globalThis.accordEarlySocket = undefined;
    release();
    socket.close();
  };
  setTimeout(giveUp, UNTAKEN_MS);
  const ask = () => socket.send(syncMessage(SYNC_STEP_1, stateVectorOf(bootstrap)));
  const keep = (event: MessageEvent) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    const bytes = new Uint8Array(event.data);
    if (early.documentFramesSent === 0 && bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP_1) {
      socket.send(syncMessage(SYNC_STEP_2, EMPTY_UPDATE));
      early.documentFramesSent = 1;
      return;
    }
    received.push(event.data);
    kept += event.data.byteLength;
    if (kept > MAX_KEPT_BYTES) giveUp();
  };
  function release() {
    socket.removeEventListener('open', ask);
    socket.removeEventListener('message', keep);
  }
  socket.addEventListener('open', ask);
  socket.addEventListener('message', keep);
  globalThis.accordEarlySocket = early;
}
