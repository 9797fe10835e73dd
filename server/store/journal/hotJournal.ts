import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';

/**
 * Rolling back a hot rollback journal, done by the store because node-sqlite3-wasm never does it.
 *
 * SQLite rolls a journal back when it finds one that no connection holds a RESERVED lock for. This binding's
 * lock check reports the lock directory as held even when the asking connection created it itself, so a
 * journal left by a writer that was killed mid-commit is never played back and the half-written database
 * is read as it is (verified: a killed bulk UPDATE left "Rowid out of order" corruption behind).
 *
 * The journal format is SQLite's documented one (https://www.sqlite.org/fileformat.html, "The Rollback
 * Journal"): segments, each a header padded to the sector size followed by page records (page number,
 * original page content, checksum). Playback follows the same rules as SQLite's pager: a segment with a bad
 * magic number, invalid sizes, a zero page number or a wrong checksum ends the journal; pages beyond the
 * database's size at the start of the transaction are not restored, and the file is truncated back to it.
 *
 * Must only be called while holding the database's lock.
 */
export function journalPath(dbPath: string): string {
  return `${dbPath}-journal`;
}

const MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
const HEADER_BYTES = 28;
/** SQLite never stores the page holding byte 2^30 (its lock byte range); a record naming it ends playback. */
const PENDING_BYTE = 0x40000000;

/** A journal is hot when it is non-empty and starts with a valid header; an empty one is a committed state. */
export function journalIsHot(dbPath: string): boolean {
  return hotJournalHeader(dbPath) !== undefined;
}

/**
 * The database size in pages before the interrupted transaction, when the journal is hot. 0 means the
 * database was empty: the crash happened during its very first transaction.
 */
export function hotJournalOriginalPages(dbPath: string): number | undefined {
  return hotJournalHeader(dbPath)?.originalPages;
}

function hotJournalHeader(dbPath: string): SegmentHeader | undefined {
  let size: number;
  try {
    size = statSync(journalPath(dbPath)).size;
  } catch {
    return undefined;
  }
  if (size < HEADER_BYTES) return undefined;
  const fd = openSync(journalPath(dbPath), 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    readSync(fd, head, 0, HEADER_BYTES, 0);
    return parseHeader(head);
  } finally {
    closeSync(fd);
  }
}

interface SegmentHeader {
  records: number;
  nonce: number;
  originalPages: number;
  sectorSize: number;
  pageSize: number;
}

function isPowerOfTwoBetween(n: number, lo: number, hi: number): boolean {
  return n >= lo && n <= hi && (n & (n - 1)) === 0;
}

function parseHeader(head: Buffer): SegmentHeader | undefined {
  if (!head.subarray(0, 8).equals(MAGIC)) return undefined;
  const h: SegmentHeader = {
    records: head.readUInt32BE(8),
    nonce: head.readUInt32BE(12),
    originalPages: head.readUInt32BE(16),
    sectorSize: head.readUInt32BE(20),
    pageSize: head.readUInt32BE(24),
  };
  if (!isPowerOfTwoBetween(h.pageSize, 512, 65536) || !isPowerOfTwoBetween(h.sectorSize, 32, 65536)) return undefined;
  return h;
}

/** SQLite's page checksum: the nonce plus every 200th byte counted back from the end of the page. */
function pageChecksum(nonce: number, page: Buffer): number {
  let sum = nonce;
  for (let i = page.length - 200; i > 0; i -= 200) sum = (sum + (page[i] ?? 0)) >>> 0;
  return sum >>> 0;
}

export interface RollbackResult {
  pagesRestored: number;
  /** Size in pages the database was truncated back to, or undefined when the journal held no valid header. */
  originalPages: number | undefined;
}

export function rollBackHotJournal(dbPath: string): RollbackResult {
  const jfd = openSync(journalPath(dbPath), 'r+');
  try {
    const dbfd = openSync(dbPath, 'r+');
    try {
      const result = playBack(jfd, dbfd);
      if (result.originalPages !== undefined) {
        fsyncSync(dbfd);
      }
      // The database is durable in its old state before the journal stops saying so.
      ftruncateSync(jfd, 0);
      fsyncSync(jfd);
      return result;
    } finally {
      closeSync(dbfd);
    }
  } finally {
    closeSync(jfd);
  }
}

function playBack(jfd: number, dbfd: number): RollbackResult {
  const size = fstatSync(jfd).size;
  const restored = new Set<number>();
  let first: SegmentHeader | undefined;
  let offset = 0;
  for (;;) {
    const header = readHeaderAt(jfd, offset, size);
    if (!header || (first && header.pageSize !== first.pageSize)) break;
    first ??= header;
    const end = playSegment(jfd, dbfd, header, offset + header.sectorSize, size, restored);
    if (end === undefined) break;
    // The next segment's header starts at the next sector boundary.
    offset = Math.ceil(end / header.sectorSize) * header.sectorSize;
  }
  if (!first) return { pagesRestored: 0, originalPages: undefined };
  ftruncateSync(dbfd, first.originalPages * first.pageSize);
  return { pagesRestored: restored.size, originalPages: first.originalPages };
}

function readHeaderAt(jfd: number, offset: number, size: number): SegmentHeader | undefined {
  if (offset + HEADER_BYTES > size) return undefined;
  const head = Buffer.alloc(HEADER_BYTES);
  readSync(jfd, head, 0, HEADER_BYTES, offset);
  return parseHeader(head);
}

/** Restores one segment's pages; returns the offset after its last record, or undefined when playback ends. */
function playSegment(
  jfd: number,
  dbfd: number,
  h: SegmentHeader,
  start: number,
  size: number,
  restored: Set<number>,
): number | undefined {
  const recordBytes = h.pageSize + 8;
  // 0xffffffff: written without syncing, so the records run to the end of the file.
  const count = h.records === 0xffffffff ? Math.floor((size - start) / recordBytes) : h.records;
  const pendingPage = Math.floor(PENDING_BYTE / h.pageSize) + 1;
  const record = Buffer.alloc(recordBytes);
  let at = start;
  for (let i = 0; i < count; i++, at += recordBytes) {
    if (at + recordBytes > size) return undefined;
    readSync(jfd, record, 0, recordBytes, at);
    const pgno = record.readUInt32BE(0);
    const page = record.subarray(4, 4 + h.pageSize);
    if (pgno === 0 || pgno === pendingPage) return undefined;
    if (record.readUInt32BE(4 + h.pageSize) !== pageChecksum(h.nonce, page)) return undefined;
    // The first record of a page holds its content from before the transaction.
    if (pgno <= h.originalPages && !restored.has(pgno)) {
      writeSync(dbfd, page, 0, h.pageSize, (pgno - 1) * h.pageSize);
      restored.add(pgno);
    }
  }
  return at;
}
