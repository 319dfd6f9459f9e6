/** A sleep that `wake()` cuts short; polling loops wait on it so new work or a stop is seen at once. */
export class Wakeup {
  private waiters: (() => void)[] = [];
  private pending = false;

  /** Resolves after `ms`, or as soon as `wake()` is called (also when it was called since the last wait). */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.push(done);
    });
  }

  wake(): void {
    if (this.waiters.length === 0) {
      this.pending = true;
      return;
    }
    for (const waiter of [...this.waiters]) waiter();
  }
}
