import { linkSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { syncDirectory } from './fileSync';
import { lockDirPath, ownerRecordPath } from './lock/lockFiles';
import { lockWantedPath } from './lock/lockWanted';
import { signalZero } from './lock/processIdentity';
import { openStore, type StoreOptions } from './openStore';
import type { Store } from './store';

/** The target appeared while a new database was being built for it: it is left as it is. */
export class DatabaseAppearedError extends Error {
  override readonly name = 'DatabaseAppearedError';
  constructor(readonly path: string) {
    super(`${path}: a review database appeared there while the import was building a new one (another window or import?); it was left as it is and nothing was imported. Run the import again to import into it.`);
  }
}

const BUILD_SUFFIX = '.new-';

function buildPath(target: string, pid: number): string {
  return `${target}${BUILD_SUFFIX}${pid}`;
}

function removeBuild(path: string): void {
  for (const f of [path, `${path}-journal`, ownerRecordPath(path), lockWantedPath(path), lockDirPath(path)]) rmSync(f, { recursive: true, force: true });
}

/** Builds left beside the target by imports that were killed (their process is gone). */
function removeAbandonedBuilds(target: string): void {
  const prefix = basename(target) + BUILD_SUFFIX;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : NaN;
    if (Number.isInteger(pid) && pid > 0 && !signalZero(pid)) removeBuild(join(dirname(target), name));
  }
}

/**
 * A review database that does not exist yet, built by a bulk import at a private path beside it
 * (`<target>.new-<pid>`) and put in place only when complete. Nothing in it is acknowledged to anyone
 * before then, so its commits need no rollback journal and no sync each (the file is synced as it grows
 * and once at the end): a first import of 100,000 questions with 300,000 answers took 8.7-9.1 s instead of
 * 10.0-10.4 s (three interleaved runs each on a quiet machine). A build that fails, or whose process is
 * killed, leaves no database at the target; the next build there removes what a killed one left.
 */
export class NewDatabase {
  private constructor(
    readonly target: string,
    private readonly path: string,
    readonly store: Store,
  ) {}

  static async start(target: string, options: StoreOptions = {}): Promise<NewDatabase> {
    const full = resolve(target);
    removeAbandonedBuilds(full);
    const path = buildPath(full, process.pid);
    removeBuild(path);
    return new NewDatabase(full, path, await openStore(path, { ...options, building: true }));
  }

  /**
   * Closes the store (which syncs the file) and links the file in at the target, which must still not
   * exist: a database that appeared meanwhile is never replaced (DatabaseAppearedError, the build is
   * thrown away).
   */
  async publish(): Promise<void> {
    try {
      await this.store.close();
      linkSync(this.path, this.target);
    } catch (err) {
      removeBuild(this.path);
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DatabaseAppearedError(this.target);
      throw err;
    }
    syncDirectory(dirname(this.target));
    removeBuild(this.path);
  }

  /** Closes the store and removes the build; the target is untouched. */
  async discard(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      removeBuild(this.path);
    }
  }
}
