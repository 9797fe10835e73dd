import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { repoRoot, vsixPath } from './paths';

/**
 * The end-to-end tests run the extension as users get it: the packaged .vsix installed into code-server.
 * It is packaged once per test run (set MEDREVIEW_E2E_REUSE_VSIX=1 to reuse an existing one while iterating).
 */
export function packagedExtension(): string {
  if (process.env.MEDREVIEW_E2E_REUSE_VSIX === '1' && existsSync(vsixPath)) return vsixPath;
  execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(vsixPath) || statSync(vsixPath).size === 0) throw new Error(`packaging did not produce ${vsixPath}`);
  return vsixPath;
}
