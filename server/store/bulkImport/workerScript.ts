import { Worker, type WorkerOptions } from 'node:worker_threads';
import { threadCode } from '../../workerThreads/threadCode';

/** File name of the parse worker's bundle, next to the bundle of the CLI and the language server in dist/. */
export const BUNDLED_WORKER = 'import-worker.js';

/** Starts the parse worker with these options. */
export type WorkerStarter = (options: WorkerOptions) => Worker;

/**
 * Where the parse worker's code is: the bundle's own file in dist/ (the build writes it next to cli.js and
 * server.js), or this folder's TypeScript source when running from source (tests, benchmarks, tsx), which
 * the worker then loads through tsx as its parent does. Undefined when neither is there; the import then
 * parses on the writing thread.
 */
export function parseWorkerStarter(dir = __dirname): WorkerStarter | undefined {
  const found = threadCode(dir, BUNDLED_WORKER, 'parseWorker.ts');
  return found && ((options) => new Worker(found.code, { ...options, eval: found.eval }));
}
