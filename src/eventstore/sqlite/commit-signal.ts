/**
 * Counts commits made through this process and wakes whoever waits for the next one.
 * Waiters also wake on a timer, to notice commits made by other processes sharing the file.
 */
export class CommitSignal {
  private commits = 0;
  private waiters = new Set<() => void>();

  get count(): number {
    return this.commits;
  }

  notify(): void {
    this.commits += 1;
    this.wakeAll();
  }

  /** Resolves at the first commit after `seen`, after `timeoutMs`, or on `wakeAll`. */
  wait(seen: number, timeoutMs: number): Promise<void> {
    if (this.commits !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
