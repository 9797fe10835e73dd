/**
 * A server's parallel slots: a request beyond the free slots waits, first come first served, the way
 * llama-server holds the fifth request on four slots with zero bytes sent until a slot frees.
 */
export class SlotPool {
  private busy = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`slots must be a whole number >= 1, got ${size}`);
  }

  get inUse(): number {
    return this.busy;
  }

  /**
   * Resolves with a release function once a slot is free, or with undefined if `gaveUp` fires first
   * (the client hung up while queued).
   */
  acquire(gaveUp: AbortSignal): Promise<(() => void) | undefined> {
    if (gaveUp.aborted) return Promise.resolve(undefined);
    if (this.busy < this.size) {
      this.busy++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        gaveUp.removeEventListener('abort', leave);
        this.busy++;
        resolve(this.releaser());
      };
      const leave = (): void => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(undefined);
      };
      this.waiting.push(grant);
      gaveUp.addEventListener('abort', leave, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.busy--;
      this.waiting.shift()?.();
    };
  }
}
