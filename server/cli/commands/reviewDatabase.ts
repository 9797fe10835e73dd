import { resolve } from 'node:path';
import { openStore, StoreNotFoundError, type Store } from '../../store';
import type { CommandIO } from '../command';

/** The database could not be opened for the reason the message gives (missing, foreign, newer, damaged). */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

/**
 * Opens an existing review database for reading its ratings (export, merge): a missing file is an error
 * here, never silently created, and a file that is not a MedReview database is refused and left untouched
 * (the store's own check, whose message names the file and the reason).
 */
export async function openExistingDatabase(db: string, io: CommandIO): Promise<Store> {
  const path = resolve(io.cwd, db);
  try {
    return await openStore(path, { create: false });
  } catch (err) {
    if (err instanceof StoreNotFoundError) {
      throw new DatabaseOpenError(`${path}: no such review database (the extension creates one in .medreview/, or run medreview import --db ${db})`);
    }
    throw err;
  }
}

/** Runs `fn` with the store and closes it however `fn` ends. */
export async function withDatabase<T>(db: string, io: CommandIO, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openExistingDatabase(db, io);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
