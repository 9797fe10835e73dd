import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

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
  const bundled = join(dir, BUNDLED_WORKER);
  if (existsSync(bundled)) return (options) => new Worker(bundled, options);
  const source = join(dir, 'parseWorker.ts');
  const loader = typeScriptLoader();
  if (!existsSync(source) || !loader) return undefined;
  // Evaluated code rather than `execArgv: ['--require', loader]`: the worker then inherits the parent's
  // flags, which an explicit execArgv would replace (and Node refuses process-wide ones such as
  // --max-old-space-size in it).
  const code = `require(${JSON.stringify(loader)}); require(${JSON.stringify(source)});`;
  return (options) => new Worker(code, { ...options, eval: true });
}

/** tsx's CommonJS hook, when installed (it is a development dependency). */
function typeScriptLoader(): string | undefined {
  // Resolved at run time only: a bundle never runs from TypeScript and must not try to include tsx.
  const name = ['tsx', 'cjs'].join('/');
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}
