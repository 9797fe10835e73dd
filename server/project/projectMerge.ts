import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { MergeResultView } from '../protocol';
import { mergeReportText } from '../store';
import type { OpenProject } from './project';

/** A merge request that cannot be carried out: the message says which file and why. */
export class ProjectMergeError extends Error {
  override readonly name = 'ProjectMergeError';
}

/**
 * Brings another rater's review database into the open project's (Store.mergeFrom: nothing here is
 * overwritten), and says what came in, what was already here and what was left out.
 */
export async function mergeIntoProject(p: OpenProject, path: string): Promise<MergeResultView> {
  if (!isAbsolute(path)) throw new ProjectMergeError(`the database to merge must be given by its absolute path: ${path}`);
  const other = resolve(path);
  if (!existsSync(other)) throw new ProjectMergeError(`${other}: no such file`);
  if (other === resolve(p.store.path)) throw new ProjectMergeError(`${other} is this workspace's own review database; choose another rater's file`);
  const r = await p.store.mergeFrom(other);
  return {
    source: r.source,
    ratersAdded: r.ratersAdded,
    added: r.added,
    unchanged: r.unchanged,
    updated: r.updated,
    conflicts: r.conflicts.length,
    missingAnswers: r.missingAnswers.length,
    missingRubrics: r.missingRubrics.length,
    report: mergeReportText(r, p.store.path),
  };
}
