import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What a worker thread runs: a file, or code to evaluate. */
export interface ThreadCode {
  code: string;
  eval: boolean;
}

/**
 * Where a worker thread's code is: its bundle beside the running one (the build writes every thread's bundle
 * next to cli.js and server.js in dist/), or its TypeScript source in `dir` when running from source (tests,
 * benchmarks, tsx), which the thread then loads through tsx as its parent does. Undefined when neither is there.
 */
export function threadCode(dir: string, bundled: string, source: string): ThreadCode | undefined {
  const file = join(dir, bundled);
  if (existsSync(file)) return { code: file, eval: false };
  const sourceFile = join(dir, source);
  const loader = typeScriptLoader();
  if (!existsSync(sourceFile) || !loader) return undefined;
  // Evaluated code rather than `execArgv: ['--require', loader]`: the thread then inherits the parent's
  // flags, which an explicit execArgv would replace (and Node refuses process-wide ones such as
  // --max-old-space-size in it).
  return { code: `require(${JSON.stringify(loader)}); require(${JSON.stringify(sourceFile)});`, eval: true };
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
