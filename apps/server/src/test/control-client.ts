import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionState } from '@accord/protocol/events';
import { io, type Socket } from 'socket.io-client';

export type ControlClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client of the control plane, authenticated with a session token. */
export function connectControl(url: string, workshopId: string, token: string): ControlClient {
  return io(url, { auth: { workshopId, token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Connects and resolves with the session state the server sends first. */
export function sessionState(client: ControlClient): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    client.once('session:state', resolve);
    client.once('connect_error', reject);
  });
}

/** Emits an event and resolves with its acknowledgement. */
export function send(client: ControlClient, event: string, payload: unknown): Promise<Ack> {
  return new Promise((resolve) => {
    (client as unknown as { emit(event: string, payload: unknown, ack: (result: Ack) => void): void }).emit(
      event,
      payload,
      resolve,
    );
  });
}

/** Resolves with the next payload of a server event. */
export function next<E extends keyof ServerToClientEvents>(
  client: ControlClient,
  event: E,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    (
      client as unknown as {
        once(event: string, listener: (payload: Parameters<ServerToClientEvents[E]>[0]) => void): void;
      }
    ).once(event, resolve);
  });
}
