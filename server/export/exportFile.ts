import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Store } from '../store';
import { exportReview } from './exportReview';
import { ExportError, type ExportCounts, type ExportOptions } from './types';

/**
 * Exports into a file. The data goes to `<path>.partial` first and takes the file's name only once complete,
 * so a failed or interrupted export never leaves a truncated file that looks finished.
 */
export async function exportToFile(store: Store, options: ExportOptions, path: string): Promise<ExportCounts> {
  const target = resolve(path);
  if (target === resolve(store.path)) throw new ExportError(`${target} is the review database itself; choose another file for the export`);
  const partial = `${target}.partial`;
  const out = createWriteStream(partial);
  let failure: Error | undefined;
  // Kept so an error between two writes (a full disk) never goes unhandled; the next write or `finished` reports it.
  out.on('error', (err) => (failure ??= err));
  try {
    const counts = await exportReview(store, options, out);
    out.end();
    await finished(out);
    if (failure) throw failure;
    await rename(partial, target);
    return counts;
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    if (failure) throw new ExportError(`cannot write ${target}: ${failure.message}`);
    throw err;
  }
}
