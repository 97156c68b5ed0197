/**
 * y-websocket message types (the official provider's numbering) and Accord's one addition.
 * `MESSAGE_SAVED` carries the state vector the server has stored; only connections that ask for it
 * (`?saved=1`) receive it, so plain y-websocket clients never see an unknown type.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export { MESSAGE_SAVED } from '@accord/protocol/saved-state';

export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;
