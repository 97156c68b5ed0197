import type { RoomStatus } from '@accord/protocol/api';
import { api, type ApiResult } from '../../lib/api.ts';
import type { FreezeEvent } from './control-channel.svelte.ts';

/** The facilitator's freeze while sponsors sign: who froze the room and when (either may be unknown). */
export interface Freeze {
  readonly by: string | null;
  readonly at: string | null;
}

/**
 * Whether the room is frozen for signing. The server says so in three ways, all taken: the room status
 * (read when the doc connects, and again whenever the server drops the connection for a freeze), and the
 * control plane's `room:frozen` event where the server sends it.
 */
export class RoomFreezeWatch {
  #frozen = $state.raw<Freeze | null>(null);
  /** Bumped on every news of the freeze, so an older status answer never overwrites a newer event. */
  #news = 0;
  #known = false;

  constructor(
    private readonly workshopId: string,
    private readonly changed: (frozen: Freeze | null, first: boolean) => void,
  ) {}

  get frozen(): Freeze | null {
    return this.#frozen;
  }

  /**
   * What the page said when it was served, until the server's first word: who froze the room, and when,
   * come with the read on connecting, which also tells the room as if it were the first (so the activity
   * feed names who froze it).
   */
  seed(frozen: boolean): void {
    if (this.#known) return;
    this.#frozen = frozen ? { by: null, at: null } : null;
  }

  /** Reads the room status from the server. A failed read changes nothing: the next event or reconnect will tell. */
  async refresh(): Promise<void> {
    const asked = ++this.#news;
    const result = await api.roomStatus(this.workshopId);
    if (!result.ok || asked !== this.#news) return;
    const frozen = result.value.frozen;
    this.#set(frozen ? { by: frozen.by || null, at: frozen.at } : null);
  }

  /** Freezes or unfreezes the room (the facilitator's act); the answer is the room's new status. */
  async set(frozen: boolean): Promise<ApiResult<RoomStatus>> {
    const asked = ++this.#news;
    const result = await api.freeze(this.workshopId, frozen);
    if (result.ok && asked === this.#news) {
      const now = result.value.frozen;
      this.#set(now ? { by: now.by || null, at: now.at } : null);
    }
    return result;
  }

  /** The server announced a freeze or an unfreeze. */
  apply(event: FreezeEvent): void {
    this.#news += 1;
    this.#set(
      event.frozen ? { by: event.by ?? this.#frozen?.by ?? null, at: event.at ?? this.#frozen?.at ?? null } : null,
    );
  }

  #set(next: Freeze | null): void {
    const first = !this.#known;
    this.#known = true;
    const was = this.#frozen !== null;
    this.#frozen = next;
    if (first || was !== (next !== null)) this.changed(next, first);
  }
}
