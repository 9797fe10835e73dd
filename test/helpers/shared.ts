import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (tests run from anywhere). */
export const repoRoot = resolve(__dirname, '..', '..');

/**
 * A path inside `../shared` (the real public data and recorded server transcripts beside the checkout).
 * Tests read these files in place; copies are never committed.
 */
export function sharedPath(...parts: string[]): string {
  const p = resolve(repoRoot, '..', 'shared', ...parts);
  if (!existsSync(p)) throw new Error(`shared test data not found at ${p}: check out the project beside ../shared`);
  return p;
}
