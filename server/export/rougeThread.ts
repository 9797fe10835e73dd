import { Worker } from 'node:worker_threads';
import type { BootstrapOptions } from '../metrics/stats';
import { rougeByModel, type RougeByModel, type RougeMeansOf, type SummaryRouge } from '../summary';
import { threadCode, type ThreadCode } from '../workerThreads/threadCode';
import type { RougeThreadResult, RougeThreadStart } from './rougeThreadMessages';

/** File name of the ROUGE thread's bundle, next to the bundles of the CLI and the language server. */
export const BUNDLED_ROUGE = 'summary-worker.js';

/**
 * From this many ROUGE rows on, a thread of its own pays: each answer's figures are resampled 2000 times,
 * about 0.85 s for 150,000 answers on the benchmark machine, against a tenth of a second to start a thread.
 */
const THREAD_FROM_ROWS = 20_000;

/**
 * How the summary gets its ROUGE means: on a thread of its own when `inThread` says so or (undefined) when
 * the rows are many and the thread's code is there, so they are resampled while this thread summarizes
 * the ratings; otherwise here, at once. Either way the same numbers (same code, same seed).
 */
export function rougeMeansOf(inThread: boolean | undefined): RougeMeansOf {
  return async (rows, options) => {
    const script = inThread === false ? undefined : rougeScript();
    if (!script || (inThread === undefined && rows.length < THREAD_FROM_ROWS)) return rougeByModel(rows, options);
    return onThread(script, rows, options);
  };
}

function onThread(script: ThreadCode, rows: readonly SummaryRouge[], options: BootstrapOptions): Promise<RougeByModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.code, { eval: script.eval, workerData: { rows, options } satisfies RougeThreadStart });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
      void worker.terminate();
    };
    worker.on('message', (m: RougeThreadResult) => settle(() => (m.kind === 'means' ? resolve(new Map(m.byModel)) : reject(new Error(m.message)))));
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', () => settle(() => reject(new Error('the summary’s ROUGE thread stopped before it answered'))));
  });
}

/** The thread's bundle beside this one, or its TypeScript source through tsx when running from source. */
function rougeScript(dir = __dirname): ThreadCode | undefined {
  return threadCode(dir, BUNDLED_ROUGE, 'rougeWorker.ts');
}
