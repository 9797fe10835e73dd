/**
 * The summary's ROUGE thread: computes the ROUGE means of every model (server/summary's rougeByModel) while
 * the thread that started it summarizes the ratings. Started by rougeThread.ts; the bundle has it as
 * summary-worker.js next to cli.js and server.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rougeByModel } from '../summary';
import type { RougeThreadResult, RougeThreadStart } from './rougeThreadMessages';

if (parentPort) {
  const port = parentPort;
  const { rows, options } = workerData as RougeThreadStart;
  try {
    port.postMessage({ kind: 'means', byModel: [...rougeByModel(rows, options)] } satisfies RougeThreadResult);
  } catch (err) {
    port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies RougeThreadResult);
  }
}
