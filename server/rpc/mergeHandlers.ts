import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { Project } from '../project/project';
import { MergeRatingsRequest, type MergeRatingsParams, type MergeResultView } from '../protocol';
import { mergeReportText } from '../store';
import { invalid, typed } from './errors';

async function mergeRatings(project: Project, params: MergeRatingsParams): Promise<MergeResultView> {
  if (typeof params?.path !== 'string' || params.path === '') throw invalid('mergeRatings needs the path of a review database');
  const p = await project.ready();
  const other = resolve(params.path);
  if (!existsSync(other)) throw invalid(`${other}: no such file`);
  if (other === resolve(p.store.path)) throw invalid(`${other} is this workspace's own review database; choose another rater's file`);
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

/** Merging another rater's database from the panel (the same core as `medreview merge`). */
export function registerMergeHandlers(connection: Connection, project: Project): void {
  connection.onRequest(MergeRatingsRequest, (params) => typed(() => mergeRatings(project, params)));
}
