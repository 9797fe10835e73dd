import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/shared';

/**
 * `medreview import ARGS` in its own process (its parse worker included), killed with SIGKILL as soon as
 * `ready(pid)` holds. `killed` is false when the import ended first.
 */
export async function killImportWhen(args: string[], ready: (pid: number) => boolean): Promise<{ killed: boolean; pid: number }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(repoRoot, 'server', 'cli', 'main.ts'), 'import', ...args], { cwd: repoRoot, stdio: 'ignore' });
  const pid = child.pid ?? 0;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && !ready(pid)) await new Promise((r) => setTimeout(r, 10));
  const killed = !finished;
  if (killed) child.kill('SIGKILL');
  await exited;
  return { killed, pid };
}
