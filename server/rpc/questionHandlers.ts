import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { GetQuestionRequest, GetStatusRequest, ListQuestionsRequest, OpenDatasetRequest, ServerErrorCode } from '../protocol';
import type { Project } from '../project/project';

/** Answers the panel's question requests (forwarded by the extension) from the open project. */
export function registerQuestionHandlers(connection: Connection, project: Project): void {
  connection.onRequest(ListQuestionsRequest, (params) => project.catalog.list(params ?? {}));
  connection.onRequest(GetQuestionRequest, (params) => {
    if (typeof params?.id !== 'string') throw new ResponseError(ServerErrorCode.InvalidParams, 'getQuestion needs a string id');
    const detail = project.catalog.get(params.id);
    if (!detail) throw new ResponseError(ServerErrorCode.NotFound, `no question with id '${params.id}'`);
    return detail;
  });
  connection.onRequest(GetStatusRequest, () => project.status);
  connection.onRequest(OpenDatasetRequest, (params) => {
    if (typeof params?.file !== 'string') throw new ResponseError(ServerErrorCode.InvalidParams, 'openDataset needs a file path');
    return project.openFile(params.file);
  });
}
