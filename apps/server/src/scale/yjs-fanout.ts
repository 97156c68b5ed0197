import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { UpdateStore } from '../sync/update-store.ts';
import type { WorkshopRoom } from '../sync/workshop-room.ts';

export interface YjsFanoutOptions {
  /** Channel prefix, so several deployments (or test runs) can share one Redis. */
  readonly prefix: string;
  /** This node's id; a node ignores its own messages. */
  readonly nodeId: string;
  /** How often loaded rooms compare their position with the database's counter, ms. */
  readonly catchUpIntervalMs: number;
}

const FORMAT = 1;

/**
 * Cross-node fan-out of stored Yjs updates. Every update this node stores is published with its sequence
 * number; other nodes with the workshop loaded apply it (it is already in the database). Redis is only the
 * fast path: a node that sees a gap in the sequence, reconnects to Redis, or finds the database's counter
 * ahead of it on its periodic check reads what it missed from PostgreSQL, the source of truth.
 */
export class YjsFanout {
  private readonly poller: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly registry: RoomRegistry,
    private readonly store: UpdateStore,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly options: YjsFanoutOptions,
  ) {
    subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    // After Redis was away, messages of that time are gone: read what was missed from the database.
    subscriber.on('ready', () => this.catchUpAll('redis-reconnected'));
    registry.onLoaded((room) => this.follow(room));
    registry.onUnloaded(
      (workshopId) => void this.subscriber.unsubscribe(this.channel(workshopId)).catch(() => undefined),
    );
    this.poller = setInterval(() => void this.poll(), options.catchUpIntervalMs);
    this.poller.unref();
  }

  private channel(workshopId: string): string {
    return `${this.options.prefix}:yjs:${workshopId}`;
  }

  /** Publishes an update this node has stored. A failed publish only delays peers until they catch up. */
  publish(workshopId: string, seq: number, update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, FORMAT);
    encoding.writeVarString(encoder, this.options.nodeId);
    encoding.writeVarUint(encoder, seq);
    encoding.writeVarUint8Array(encoder, update);
    this.publisher
      .publish(this.channel(workshopId), Buffer.from(encoding.toUint8Array(encoder)))
      .catch((error: unknown) => {
        this.logger.warn(
          { workshopId, seq, err: String(error) },
          'fan-out publish failed; peers will catch up from the database',
        );
      });
  }

  private follow(room: WorkshopRoom): void {
    // Subscribe, then read once more: what was stored between loading and subscribing is not lost.
    this.subscriber
      .subscribe(this.channel(room.workshopId))
      .then(() => room.catchUp())
      .catch((error: unknown) =>
        this.logger.warn(
          { workshopId: room.workshopId, err: String(error) },
          'fan-out subscribe failed; relying on catch-up',
        ),
      );
  }

  private receive(channel: string, message: Buffer): void {
    const prefix = `${this.options.prefix}:yjs:`;
    if (!channel.startsWith(prefix)) return;
    const room = this.registry.peek(channel.slice(prefix.length));
    if (!room) return;
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      if (decoding.readVarUint(decoder) !== FORMAT) return;
      if (decoding.readVarString(decoder) === this.options.nodeId) return;
      const seq = decoding.readVarUint(decoder);
      // A gap this opens is the room's to fill: it waits briefly for the late message, then reads the database.
      room.applyStored(seq, decoding.readVarUint8Array(decoder));
    } catch (error) {
      this.logger.warn({ channel, err: String(error) }, 'unreadable fan-out message ignored');
    }
  }

  private async fill(room: WorkshopRoom, why: 'redis-reconnected' | 'behind'): Promise<void> {
    try {
      this.metrics.catchUps.inc({ why });
      await room.catchUp();
      this.logger.debug({ workshopId: room.workshopId, why }, 'caught up from the database');
    } catch (error) {
      this.logger.warn({ workshopId: room.workshopId, why, err: String(error) }, 'catch-up failed; will retry');
    }
  }

  private catchUpAll(why: 'redis-reconnected'): void {
    for (const room of this.registry.loaded()) void this.fill(room, why);
  }

  /** The periodic check: the last message of a burst has no successor to reveal that it was lost. */
  private async poll(): Promise<void> {
    if (this.closed) return;
    const rooms = this.registry.loaded();
    if (rooms.length === 0) return;
    try {
      const counters = await this.store.lastSeqs(rooms.map((r) => r.workshopId));
      for (const room of rooms) {
        if ((counters.get(room.workshopId) ?? 0) > room.lastAppliedSeq || room.hasGap) void this.fill(room, 'behind');
      }
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'catch-up poll failed');
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.poller);
  }
}
