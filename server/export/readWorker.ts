/**
 * The export's reader thread: opens the review database itself and reads the export (Store.exportChunks, the
 * same snapshot and the same short read transactions) for the thread that writes it, a chunk per message, at
 * most two chunks ahead. Started by readerThread.ts; the bundle has it as export-worker.js next to cli.js and
 * server.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isBuiltLines, isDpoRows, isSummaryRows, openStore, type ExportItem } from '../store';
import type { ReaderMessage, ReaderStart } from './readerMessages';

const AHEAD = 2;

async function run(port: NonNullable<typeof parentPort>, start: ReaderStart): Promise<void> {
  let credits = AHEAD;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  const store = await openStore(start.path, { create: false });
  try {
    for await (const items of store.exportChunks(start.filter)) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      port.postMessage({ kind: 'chunk', items } satisfies ReaderMessage, transferred(items));
    }
    port.postMessage({ kind: 'end' } satisfies ReaderMessage);
  } finally {
    await store.close();
  }
}

/** The bytes SQLite made (built lines, summary and DPO rows) change threads without a copy. */
function transferred(items: readonly ExportItem[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const item of items) {
    if (isBuiltLines(item)) out.push(item.parts.buffer as ArrayBuffer, item.pieces.buffer as ArrayBuffer);
    else if (isSummaryRows(item)) out.push(item.summary.ratings.buffer as ArrayBuffer, item.summary.answers.buffer as ArrayBuffer);
    else if (isDpoRows(item)) out.push(item.dpo.answers.buffer as ArrayBuffer, item.dpo.finals.buffer as ArrayBuffer);
  }
  return out;
}

if (parentPort) {
  const port = parentPort;
  const start = workerData as ReaderStart;
  run(port, start).catch((err: unknown) => {
    port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ReaderMessage);
  });
}
