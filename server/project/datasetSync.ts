import { stat } from 'node:fs/promises';
import { importDatasets, type ImportReport } from '../dataset';
import { formatProblem } from '../problem';
import { StoreImportSink, type Store } from '../store';

/** All of a workspace's datasets go into one question set, so answers files match questions from any file. */
export const WORKSPACE_SET = 'workspace';

export interface SyncOptions {
  tagNames: readonly string[];
  log(message: string): void;
}

/**
 * Imports the dataset files that are new or changed since their last import into the store. Re-importing is
 * harmless (the store recognises identical rows), but reading a large file again at every start is not,
 * so a file whose modification time is older than its last import is skipped.
 */
export async function syncDatasets(store: Store, files: readonly string[], options: SyncOptions): Promise<ImportReport | undefined> {
  const changed = await changedFiles(store, files);
  if (changed.length === 0) return undefined;
  options.log(`importing ${changed.length} file(s): ${changed.join(', ')}`);
  const sink = await StoreImportSink.open(store, WORKSPACE_SET);
  const report = await importDatasets(changed, { tagNames: options.tagNames, onProblem: (p) => options.log(formatProblem(p)) }, sink);
  await sink.finish(report.files.map((f) => ({ file: f.file, format: f.format, taken: f.taken, rejected: f.rejected })));
  return report;
}

async function changedFiles(store: Store, files: readonly string[]): Promise<string[]> {
  const sets = await store.questionSets();
  const importedAt = new Map<string, number>();
  for (const set of sets) for (const f of set.files) importedAt.set(f.file, Math.max(f.importedAt, importedAt.get(f.file) ?? 0));
  const changed: string[] = [];
  for (const file of files) {
    const last = importedAt.get(file);
    const modified = await stat(file).then((s) => s.mtimeMs, () => Infinity);
    if (last === undefined || modified > last) changed.push(file);
  }
  return changed;
}
