import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const SKIPPED = new Set(['node_modules', 'dist', 'out', 'build', '__pycache__']);
const MAX_DEPTH = 6;
const MAX_FILES = 200;

/**
 * `*.prompt.md` files in the workspace folders, as paths relative to their folder (forward slashes). Skips
 * hidden folders and build output, and stops early: a workspace full of datasets must not stall the server.
 */
export async function findTemplateFiles(folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (root: string, dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (found.length >= MAX_FILES) return;
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED.has(e.name)) await walk(root, join(dir, e.name), depth + 1);
      else if (e.isFile() && e.name.toLowerCase().endsWith('.prompt.md')) found.push(relative(root, join(dir, e.name)).split(sep).join('/'));
    }
  };
  for (const folder of folders) await walk(folder, folder, 0);
  return [...new Set(found)];
}
