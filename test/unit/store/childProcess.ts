import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/shared';

/** A running ratingWriter child with its stdout lines collected as they arrive. */
export interface Writer {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  stderr: () => string;
  /** Resolves when a line starting with `prefix` has been printed (rejects if the child exits first). */
  waitFor(prefix: string): Promise<string>;
  exited: Promise<number | null>;
}

export function startWriter(args: string[]): Writer {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'ratingWriter.ts'), ...args], { cwd: repoRoot });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  let partial = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => (err += d));
  child.stdout.on('data', (d: string) => {
    const parts = (partial + d).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => line.startsWith(x.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then(() => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child exited before printing '${w.prefix}': ${err}`));
  });
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitFor(prefix) {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ prefix, resolve, reject }));
    },
  };
}

/** Kills with SIGKILL and waits until the process is gone (reaped, so its pid reads as ended). */
export async function kill9(w: Writer): Promise<void> {
  w.child.kill('SIGKILL');
  await w.exited;
}
