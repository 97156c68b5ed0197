/**
 * Runs the deliberation actions of one workshop one after the other on this node: a vote must see whether the
 * proposal is still open and its ballot still hidden, and a decision or a reveal must not slip in between that
 * check and the vote being recorded. Different workshops do not wait for each other.
 */
export class WorkshopTurns {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(workshopId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(workshopId, tail);
    // Forget a workshop once nothing waits on it, so the map does not grow with every workshop ever seen.
    void tail.then(() => {
      if (this.tails.get(workshopId) === tail) this.tails.delete(workshopId);
    });
    return result;
  }
}
