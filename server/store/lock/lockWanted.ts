import { closeSync, openSync, statSync, utimesSync } from 'node:fs';

/**
 * A hint that some process is waiting for the lock. Bulk work (an import holding the lock for a batch at a
 * time) looks at it between batches and pauses briefly, so a physician's save in another window is not
 * starved by a long import that re-takes the lock the moment it releases it.
 */
export function lockWantedPath(dbPath: string): string {
  return `${dbPath}.lock-wanted`;
}

/** How long a signal counts: waiters refresh it at every poll (1-5 ms apart) while they wait. */
const FRESH_MS = 20;

export function signalLockWanted(dbPath: string): void {
  const path = lockWantedPath(dbPath);
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    try {
      closeSync(openSync(path, 'a'));
    } catch {
      // Only a hint: a read-only folder just means no pause.
    }
  }
}

export function lockIsWanted(dbPath: string, now: number): boolean {
  try {
    return now - statSync(lockWantedPath(dbPath)).mtimeMs < FRESH_MS;
  } catch {
    return false;
  }
}
