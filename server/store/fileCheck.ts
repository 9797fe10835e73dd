import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { StoreRefusedError } from './errors';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations/index';

/**
 * What is at the database path, read from the file's first 100 bytes (SQLite's documented header) before
 * SQLite or the lock ever touch it, so a file that is not ours can be refused without being altered.
 */
export type FileInspection =
  | { kind: 'absent' }
  /** Zero bytes: SQLite's own empty database (also what a crash during our first transaction leaves). */
  | { kind: 'empty' }
  | {
      kind: 'ours';
      schemaVersion: number;
      pageSize: number;
      /** The page count the header records, when the header says it is current (offset 92 = offset 24). */
      pageCount: number | undefined;
      size: number;
    };

const MAGIC = 'SQLite format 3\0';

export function inspectDatabaseFile(path: string): FileInspection {
  let fd: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new StoreRefusedError(path, 'not-sqlite', 'this is a folder, not a database file.');
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    throw err;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { kind: 'empty' };
    const head = Buffer.alloc(100);
    const n = readSync(fd, head, 0, 100, 0);
    return classify(path, head.subarray(0, n), size);
  } finally {
    closeSync(fd);
  }
}

function classify(path: string, head: Buffer, size: number): FileInspection {
  if (head.length < 100 || head.toString('latin1', 0, 16) !== MAGIC) {
    throw new StoreRefusedError(path, 'not-sqlite', 'this file is not an SQLite database, so it cannot be a MedReview review database.');
  }
  const applicationId = head.readUInt32BE(68);
  const schemaVersion = head.readUInt32BE(60);
  if (applicationId !== APPLICATION_ID) {
    throw new StoreRefusedError(path, 'foreign', 'this SQLite database belongs to another program (it is not marked as a MedReview database).');
  }
  if (schemaVersion > SCHEMA_VERSION) {
    throw new StoreRefusedError(
      path,
      'newer-version',
      `this review database was written by a newer MedReview (schema ${schemaVersion}; this version knows up to ${SCHEMA_VERSION}). Update MedReview to open it.`,
    );
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCountValid = head.readUInt32BE(92) === head.readUInt32BE(24);
  return { kind: 'ours', schemaVersion, pageSize, pageCount: pageCountValid ? head.readUInt32BE(28) : undefined, size };
}

/**
 * Structural checks on our own file, made after any hot journal has been rolled back: a page size SQLite
 * allows, and a file as long as the page count its header records (a truncated copy fails here).
 */
export function checkStructure(path: string, f: Extract<FileInspection, { kind: 'ours' }>): void {
  const validPageSize = f.pageSize >= 512 && f.pageSize <= 65536 && (f.pageSize & (f.pageSize - 1)) === 0;
  if (!validPageSize) {
    throw new StoreRefusedError(path, 'damaged', `the database header is damaged (page size ${f.pageSize}).`);
  }
  if (f.size % f.pageSize !== 0 || f.size < (f.pageCount ?? 0) * f.pageSize) {
    throw new StoreRefusedError(
      path,
      'damaged',
      `the database file is truncated or damaged (${f.size} bytes for ${f.pageCount} pages of ${f.pageSize}).`,
    );
  }
}
