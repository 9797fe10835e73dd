import type { Connection } from 'vscode-languageserver/node';
import { ExportError } from '../export';
import { exportProject, ProjectExportError, projectSummary } from '../project/projectExport';
import type { Project } from '../project/project';
import { ExportRequest, GetSummaryRequest } from '../protocol';
import { invalid, typed } from './errors';

/** Export to a file and the summary view's data; an export that cannot be made as asked says why. */
export function registerExportHandlers(connection: Connection, project: Project): void {
  connection.onRequest(ExportRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      try {
        return await exportProject(p, params);
      } catch (err) {
        if (err instanceof ExportError || err instanceof ProjectExportError) throw invalid(err.message);
        throw err;
      }
    }),
  );
  connection.onRequest(GetSummaryRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      return projectSummary(p, params);
    }),
  );
}
