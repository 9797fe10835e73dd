import type { Connection } from 'vscode-languageserver/node';
import { mergeIntoProject, ProjectMergeError } from '../project/projectMerge';
import type { Project } from '../project/project';
import { MergeRatingsRequest } from '../protocol';
import { invalid, typed } from './errors';

/** Merging another rater's database from the panel (the same core as `medreview merge`). */
export function registerMergeHandlers(connection: Connection, project: Project): void {
  connection.onRequest(MergeRatingsRequest, (params) =>
    typed(async () => {
      if (typeof params?.path !== 'string' || params.path === '') throw invalid('mergeRatings needs the path of a review database');
      const p = await project.ready();
      try {
        return await mergeIntoProject(p, params.path);
      } catch (err) {
        if (err instanceof ProjectMergeError) throw invalid(err.message);
        throw err;
      }
    }),
  );
}
