import type {
  BallotState,
  DecisionEvent,
  RoomFrozenEvent,
  SignatureEvent,
  VersionEvent,
} from '@accord/protocol/events';
import type { Phase } from '@accord/protocol/phases';

/** What happened in a workshop that connected people must hear about (the control plane relays these). */
export interface WorkshopEventMap {
  versionPublished: VersionEvent;
  signatureRecorded: SignatureEvent;
  decisionRecorded: DecisionEvent;
  /** What everyone may now see of a proposal's votes. */
  votesChanged: BallotState;
  /** A participant's own vote, for their connections only. */
  voteRecorded: {
    readonly participantId: string;
    readonly proposalId: string;
    readonly choice: 'for' | 'against' | null;
  };
  participantJoined: { readonly participantId: string };
  participantRevoked: { readonly participantId: string };
  phaseChanged: { readonly phase: Phase; readonly changedBy: string };
  /** The room was frozen or unfrozen for signing. */
  roomFrozen: RoomFrozenEvent;
  timerChanged: {
    readonly endsAtMs: number | null;
    readonly durationSeconds: number;
    readonly startedBy: string | null;
  };
}

type Listener<K extends keyof WorkshopEventMap> = (workshopId: string, event: WorkshopEventMap[K]) => void;

/** A small typed event bus between the HTTP services and the socket.io control plane. */
export class WorkshopEvents {
  private readonly listeners = new Map<keyof WorkshopEventMap, ((workshopId: string, event: never) => void)[]>();

  on<K extends keyof WorkshopEventMap>(kind: K, listener: Listener<K>): void {
    this.listeners.set(kind, [
      ...(this.listeners.get(kind) ?? []),
      listener as (workshopId: string, event: never) => void,
    ]);
  }

  emit<K extends keyof WorkshopEventMap>(kind: K, workshopId: string, event: WorkshopEventMap[K]): void {
    for (const listener of this.listeners.get(kind) ?? []) (listener as Listener<K>)(workshopId, event);
  }
}
