import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot } from './paths';

/** The sample workspace the extension ships, copied so a test run never writes into the repository. */
export const sampleWorkspaceSource = resolve(repoRoot, 'media', 'sample-workspace');

/** A fresh copy of the sample workspace, with extra workspace settings merged into its own. */
export function copyOfSampleWorkspace(extraSettings: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-ws-'));
  cpSync(sampleWorkspaceSource, dir, { recursive: true });
  const settingsFile = join(dir, '.vscode', 'settings.json');
  const current = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify({ ...current, ...extraSettings }, null, 2));
  return dir;
}
