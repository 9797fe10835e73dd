import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test for a real database file; removed by `cleanup`. */
export function makeTempDir(prefix = 'medreview-store-'): { dir: string; db: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'review.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
