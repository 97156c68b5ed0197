import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import { CLOSE } from '@accord/protocol/close-codes';
import type { GroupCommitter } from './group-commit.ts';
import { WorkshopRoom, type RoomServices } from './workshop-room.ts';

export interface RegistryOptions {
  /** A room with no connection for this long is flushed and unloaded. */
  readonly idleUnloadMs: number;
}

/**
 * The workshops loaded in this process. Loading is shared by concurrent joiners; a load that fails is not
 * cached, so the next joiner tries again rather than meeting an empty document.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, WorkshopRoom>();
  private readonly loading = new Map<string, Promise<WorkshopRoom>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly listeners = new Set<(room: WorkshopRoom) => void>();
  private readonly unloadListeners = new Set<(workshopId: string) => void>();
  /** Holders of each room (connections and server-side work); a room is unloaded only at zero. */
  private readonly claims = new Map<WorkshopRoom, number>();
  /** Rooms reset after a failed store, until their commits in flight have landed (then the next load reads them). */
  private readonly resetting = new Map<string, Promise<void>>();

  constructor(
    private readonly services: RoomServices,
    private readonly committer: GroupCommitter,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    private readonly options: RegistryOptions,
  ) {}

  /** The loaded room, or undefined (no load is started). */
  peek(workshopId: string): WorkshopRoom | undefined {
    return this.rooms.get(workshopId);
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Called with every room once it has loaded (scale-out subscribes to its channel then). */
  onLoaded(listener: (room: WorkshopRoom) => void): void {
    this.listeners.add(listener);
  }

  /** Called with the id of every room unloaded. */
  onUnloaded(listener: (workshopId: string) => void): void {
    this.unloadListeners.add(listener);
  }

  /** Every loaded room. */
  loaded(): WorkshopRoom[] {
    return [...this.rooms.values()];
  }

  /**
   * The room of a workshop, loading it when needed, claimed until `release`. Rejects when the store cannot
   * be read.
   */
  async acquire(workshopId: string): Promise<WorkshopRoom> {
    this.cancelIdle(workshopId);
    const room = this.rooms.get(workshopId) ?? (await this.load(workshopId));
    this.claims.set(room, (this.claims.get(room) ?? 0) + 1);
    this.cancelIdle(workshopId);
    return room;
  }

  /** Runs `work` with the room claimed, so it cannot be unloaded meanwhile. */
  async withRoom<T>(workshopId: string, work: (room: WorkshopRoom) => Promise<T> | T): Promise<T> {
    const room = await this.acquire(workshopId);
    try {
      return await work(room);
    } finally {
      this.release(room);
    }
  }

  private load(workshopId: string): Promise<WorkshopRoom> {
    let pending = this.loading.get(workshopId);
    if (!pending) {
      const afterReset = this.resetting.get(workshopId) ?? Promise.resolve();
      pending = afterReset
        .then(() => WorkshopRoom.load(workshopId, this.services))
        .then((room) => {
          room.onReset(() => this.replace(room));
          this.rooms.set(workshopId, room);
          this.metrics.loadedDocs.set(this.rooms.size);
          for (const listener of this.listeners) listener(room);
          return room;
        });
      this.loading.set(workshopId, pending);
      void pending.catch(() => undefined).finally(() => this.loading.delete(workshopId));
    }
    return pending;
  }

  /** A holder is done with the room: start the idle clock when it was the last. */
  release(room: WorkshopRoom): void {
    const left = (this.claims.get(room) ?? 1) - 1;
    if (left > 0) {
      this.claims.set(room, left);
      return;
    }
    this.claims.delete(room);
    if (this.rooms.get(room.workshopId) !== room) return;
    this.cancelIdle(room.workshopId);
    const timer = setTimeout(() => void this.unload(room), this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.workshopId, timer);
  }

  private cancelIdle(workshopId: string): void {
    const timer = this.idleTimers.get(workshopId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(workshopId);
  }

  private async unload(room: WorkshopRoom): Promise<void> {
    this.idleTimers.delete(room.workshopId);
    await room.settled();
    if (this.claims.has(room) || this.rooms.get(room.workshopId) !== room) return;
    if (room.tailLength > 0) await room.compact();
    if (this.claims.has(room)) return;
    this.rooms.delete(room.workshopId);
    this.metrics.loadedDocs.set(this.rooms.size);
    room.destroy(CLOSE.shuttingDown);
    for (const listener of this.unloadListeners) listener(room.workshopId);
    this.logger.debug({ workshopId: room.workshopId }, 'unloaded idle workshop');
  }

  /**
   * A room whose store failed leaves at once (its connections are already closed); it is freed once its
   * commits in flight have landed, and the next connection loads the workshop again from the database —
   * after those commits, so the new room holds everything they stored.
   */
  private replace(room: WorkshopRoom): void {
    if (this.rooms.get(room.workshopId) !== room) return;
    this.cancelIdle(room.workshopId);
    this.rooms.delete(room.workshopId);
    this.claims.delete(room);
    this.metrics.loadedDocs.set(this.rooms.size);
    for (const listener of this.unloadListeners) listener(room.workshopId);
    this.logger.warn(
      { workshopId: room.workshopId },
      'reset a workshop after a failed store; reloading from the database',
    );
    const landed = room.settled().then(() => room.destroy(CLOSE.storageUnavailable));
    this.resetting.set(room.workshopId, landed);
    void landed.finally(() => {
      if (this.resetting.get(room.workshopId) === landed) this.resetting.delete(room.workshopId);
    });
  }

  /** Closes every Yjs connection of one participant (revocation). */
  disconnectParticipant(workshopId: string, participantId: string): number {
    const room = this.rooms.get(workshopId);
    if (!room) return 0;
    let closed = 0;
    for (const connection of [...room.connections]) {
      if (connection.identity.participantId !== participantId) continue;
      connection.close(CLOSE.revoked);
      closed += 1;
    }
    return closed;
  }

  /** Shutdown: waits for every pending commit, then closes all connections and frees the docs. */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values(), ...this.resetting.values()]);
    // Stop taking frames first, so the commits in flight are the last: clients resend anything not
    // acknowledged to whichever node they reconnect to.
    for (const room of this.rooms.values()) room.closeConnections(CLOSE.shuttingDown);
    await this.committer.drain();
    for (const room of this.rooms.values()) room.destroy(CLOSE.shuttingDown);
    this.rooms.clear();
    this.claims.clear();
    this.metrics.loadedDocs.set(0);
  }
}
