import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { Database } from 'node-sqlite3-wasm';
import { exportReview, type ExportCounts, type ExportOptions } from '../../../server/export';
import { openStore, type Store } from '../../../server/store';

/** Runs an export into memory; the text and the counts. */
export async function exportText(store: Store, options: ExportOptions): Promise<{ text: string; counts: ExportCounts }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const counts = await exportReview(store, options, out);
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), counts };
}

/** Each line of a JSON Lines text, parsed. */
export function parseLines<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as T);
}

/**
 * Closes the store, edits its file with SQLite itself as another program would (each statement changes
 * exactly one row), and opens it again.
 */
export async function editRaw(store: Store, path: string, statements: [string, unknown[]][]): Promise<Store> {
  await store.close();
  const db = new Database(path);
  try {
    for (const [sql, params] of statements) assert.equal(db.run(sql, params as never).changes, 1, sql);
  } finally {
    db.close();
  }
  return openStore(path);
}
