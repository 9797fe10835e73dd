import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve } from 'node:path';

const DATASET_EXTENSIONS = new Set(['.json', '.jsonl', '.csv']);

/**
 * Turns the `medreview.datasets` entries (files or folders, relative to a workspace folder) into the
 * dataset files on disk. A folder contributes its dataset files, sorted, not recursing: a study keeps
 * one folder per run. Entries that do not exist are returned as missing so the user is told.
 */
export async function resolveDatasetFiles(entries: string[], workspaceFolders: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const roots = workspaceFolders.length ? workspaceFolders : [process.cwd()];
  for (const entry of entries) {
    const candidates = isAbsolute(entry) ? [entry] : roots.map((r) => resolve(r, entry));
    const found = await firstExisting(candidates);
    if (!found) {
      missing.push(entry);
      continue;
    }
    if (found.isDirectory) files.push(...(await datasetFilesIn(found.path)));
    else files.push(found.path);
  }
  return { files: [...new Set(files)], missing };
}

async function firstExisting(paths: string[]): Promise<{ path: string; isDirectory: boolean } | undefined> {
  for (const p of paths) {
    try {
      const s = await stat(p);
      return { path: p, isDirectory: s.isDirectory() };
    } catch {
      // try the next workspace folder
    }
  }
  return undefined;
}

async function datasetFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => DATASET_EXTENSIONS.has(extname(n).toLowerCase()))
    .sort()
    .map((n) => join(dir, n));
}
