import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';

/** Makes a directory entry (a new or renamed file) durable; not possible on every platform (Windows). */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The files' own syncs still hold.
  }
}

/**
 * Writes a growing file's data to disk on a thread of Node's pool while the caller goes on writing, so the
 * single sync at the end has little left to do. One sync at a time: a call while one runs does nothing.
 */
export class BackgroundSync {
  private fd: number | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly path: string) {}

  soon(): void {
    if (this.running) return;
    this.fd ??= openSync(this.path, 'r+');
    const fd = this.fd;
    // An error here is not lost: the same file's final sync fails the same way, and the build with it.
    this.running = new Promise<void>((resolve) => fdatasync(fd, () => resolve())).finally(() => (this.running = undefined));
  }

  /** Waits for a sync under way, then syncs everything (data and size) and lets the file go. */
  async finish(): Promise<void> {
    await this.running;
    const fd = this.fd ?? openSync(this.path, 'r+');
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
