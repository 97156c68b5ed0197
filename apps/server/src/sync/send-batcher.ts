import { atTurnEnd } from './turn-end.ts';

/** Something with frames waiting to be written; `flush` writes them and says how many. */
export interface Flushable {
  flush(): number;
}

/**
 * Writes to sockets once per turn of the event loop. Frames a connection is sent while the loop reads
 * sockets (a burst of relayed edits, their saved messages) wait until every socket with data has been
 * read, then each connection's frames go out corked: one write system call per connection per turn, not
 * one per frame.
 */
export class SendBatcher {
  private readonly waiting = new Set<Flushable>();
  private scheduled = false;

  /** `observe` is told of each turn's writes: frames written and seconds spent writing them. */
  constructor(private readonly observe?: (frames: number, seconds: number) => void) {}

  /** A connection has frames waiting: flush it at the end of this turn. */
  want(connection: Flushable): void {
    this.waiting.add(connection);
    if (this.scheduled) return;
    this.scheduled = true;
    atTurnEnd('writes', () => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const started = performance.now();
    const due = [...this.waiting];
    this.waiting.clear();
    let frames = 0;
    for (const connection of due) frames += connection.flush();
    if (frames > 0) this.observe?.(frames, (performance.now() - started) / 1000);
  }
}
