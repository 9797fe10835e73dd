import { setTimeout as sleep } from 'node:timers/promises';
import { StoreBusyError } from '../errors';
import { signalLockWanted } from './lockWanted';
import { judgeLock, recoverStaleLock, type StaleLockPolicy } from './staleLock';

export interface LockWaitPolicy {
  /** How long to wait for a lock held by a live process before giving up with StoreBusyError. */
  busyDeadlineMs: number;
  staleLock: StaleLockPolicy;
}

export const DEFAULT_BUSY_DEADLINE_MS = 30_000;

/** What one try to take the lock and do the work came to. */
export type LockAttempt<T> = { kind: 'done'; value: T } | { kind: 'busy' } | { kind: 'again' };

/**
 * Repeats `attempt` until it gets through. While the lock is busy it checks whether the holder is gone (and
 * then removes the stale lock and tries at once), otherwise waits with jittered exponential backoff on
 * timers, never blocking the event loop: the binding's own busy_timeout spins the CPU while it waits.
 */
export async function waitForLock<T>(
  dbPath: string,
  policy: LockWaitPolicy,
  attempt: () => LockAttempt<T> | Promise<LockAttempt<T>>,
): Promise<T> {
  const started = Date.now();
  for (let tries = 0; ; ) {
    const outcome = await attempt();
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'again') continue;
    const verdict = judgeLock(dbPath, Date.now(), policy.staleLock);
    if (verdict.state === 'stale' && recoverStaleLock(dbPath, Date.now(), policy.staleLock) === 'recovered') continue;
    const waited = Date.now() - started;
    if (waited > policy.busyDeadlineMs) {
      throw new StoreBusyError(dbPath, waited, verdict.state === 'held' ? verdict.holder : undefined);
    }
    // After a few misses, tell bulk writers someone is waiting (they pause between batches).
    if (tries >= 3) signalLockWanted(dbPath);
    await sleep(backoffMs(tries++));
  }
}

/**
 * 1, 2, 4 ms at first, then a random 1-5 ms: short enough to catch the pause a busy writer makes when it
 * sees the lock wanted (see Transactions), random so two waiters do not keep colliding.
 */
function backoffMs(tries: number): number {
  return tries < 3 ? 2 ** tries * (0.5 + Math.random()) : 1 + 4 * Math.random();
}
