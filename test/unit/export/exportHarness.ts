import { PassThrough } from 'node:stream';
import { exportReview, type ExportCounts, type ExportOptions } from '../../../server/export';
import type { Store } from '../../../server/store';

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
