/**
 * Errors the store raises. Each names what is wrong and where, so the language server can turn it into a
 * message a physician understands, and the panel can keep the form's values when a save fails.
 */

/** Why a database file at the configured path was refused; the file is never altered in these cases. */
export type RefusalReason =
  /** The file exists but is not an SQLite database (a text file, a zip, ...). */
  | 'not-sqlite'
  /** An SQLite database that belongs to another program (no MedReview application id or tables). */
  | 'foreign'
  /** A MedReview database written by a newer MedReview whose schema this version does not know. */
  | 'newer-version'
  /** The file is an SQLite database but truncated or otherwise damaged. */
  | 'damaged';

export class StoreRefusedError extends Error {
  override readonly name = 'StoreRefusedError';
  constructor(
    readonly path: string,
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(`${path}: ${detail} The file was left untouched.`);
  }
}

/**
 * The database stayed locked by another live process for longer than the store waits. Carries who holds
 * it, when known, so the message can say "MedReview in another window (pid 1234) is writing".
 */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
  constructor(
    readonly path: string,
    readonly waitedMs: number,
    readonly holder: string | undefined,
  ) {
    super(
      `${path}: the review database stayed locked for ${Math.round(waitedMs / 1000)} s` +
        (holder ? ` by ${holder}` : '') +
        '; nothing was written, try again.',
    );
  }
}

/** A referenced row (question, answer, rater, rubric version, job) does not exist. */
export class StoreNotFoundError extends Error {
  override readonly name = 'StoreNotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`no ${entity} '${key}' in the review database`);
  }
}

/** A write was refused because what it would overwrite changed in between (undo of a stale change, ...). */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
}

/** A value handed to the store is not acceptable (out of range, wrong shape); `field` names it. */
export class StoreInputError extends Error {
  override readonly name = 'StoreInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** SQLite reported the database as damaged while in use (after the store's own journal recovery). */
export class StoreDamagedError extends Error {
  override readonly name = 'StoreDamagedError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(
      `${path}: the review database is damaged (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'keep a copy of the file and its -journal before trying to repair it.',
    );
  }
}
