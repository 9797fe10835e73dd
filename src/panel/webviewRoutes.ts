import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ResponseError } from 'vscode-languageclient/node';
import {
  GetQuestionRequest,
  GetRubricRequest,
  GetStatusRequest,
  ListQuestionsRequest,
  CorrectExtractionRequest,
  GetAdjudicationRequest,
  SaveDraftRequest,
  SavePreferenceRequest,
  SaveRatingRequest,
  ServerErrorCode,
  SetFlagRequest,
  UndoRequest,
  GenerateCancelRequest,
  GenerateRunningRequest,
  TemplatesListRequest,
  GetSummaryRequest,
} from '../../server/protocol';
import type { ExportActions } from '../export/exportActions';
import type { GenerationActions } from '../generation/generationActions';
import { panelShortcuts } from './shortcuts';
import * as wv from '../../webview/protocol';

/** Handles one webview request; `token` is cancelled when the request's timeout passes. */
type Handler = (params: unknown, token: vscode.CancellationToken) => Promise<unknown>;

/** A webview method bound to its handler, with the types checked where the route is declared. */
function route<P, R>(
  type: wv.WebviewRequestType<P, R>,
  handle: (params: P, token: vscode.CancellationToken) => Promise<R>,
): [string, Handler] {
  return [type.method, (params, token) => handle(params as P, token)];
}

/**
 * The table of webview requests the extension answers. Most forward to the language server unchanged: the
 * extension owns only what needs the VS Code API.
 */
export function webviewRoutes(client: () => LanguageClient | undefined, showLog: () => void, manifest: object, generation: GenerationActions, exports: ExportActions): Map<string, Handler> {
  const server = (): LanguageClient => {
    const c = client();
    if (!c?.isRunning()) throw new WebviewRequestError(wv.WebviewErrorCode.ServerUnavailable, 'The MedReview language server is not running. See the MedReview log.');
    return c;
  };
  return new Map<string, Handler>([
    route(wv.ListQuestions, (p, token) => server().sendRequest(ListQuestionsRequest, p, token)),
    route(wv.GetQuestion, (p, token) => server().sendRequest(GetQuestionRequest, p, token)),
    route(wv.GetStatus, (_p, token) => server().sendRequest(GetStatusRequest, token)),
    route(wv.GetRubric, (_p, token) => server().sendRequest(GetRubricRequest, token)),
    route(wv.SaveRating, (p, token) => server().sendRequest(SaveRatingRequest, p, token)),
    route(wv.SaveDraft, (p, token) => server().sendRequest(SaveDraftRequest, p, token)),
    route(wv.Undo, (_p, token) => server().sendRequest(UndoRequest, token)),
    route(wv.SetFlag, (p, token) => server().sendRequest(SetFlagRequest, p, token)),
    route(wv.GetAdjudication, (p, token) => server().sendRequest(GetAdjudicationRequest, p, token)),
    route(wv.SavePreference, (p, token) => server().sendRequest(SavePreferenceRequest, p, token)),
    route(wv.CorrectExtraction, (p, token) => server().sendRequest(CorrectExtractionRequest, p, token)),
    route(wv.StartGeneration, (p, token) => generation.start(p, token)),
    route(wv.ChooseAndGenerate, (p) => generation.choose(p ?? {})),
    route(wv.CancelGeneration, (p, token) => server().sendRequest(GenerateCancelRequest, p, token)),
    route(wv.RunningGenerations, (_p, token) => server().sendRequest(GenerateRunningRequest, token)),
    route(wv.ListEndpoints, (_p, token) => generation.endpoints(token)),
    route(wv.ListTemplates, (_p, token) => server().sendRequest(TemplatesListRequest, token)),
    route(wv.GenerateForQuestions, (p) => generation.generateAll(p?.filters)),
    route(wv.GetSummary, (p, token) => server().sendRequest(GetSummaryRequest, p ?? {}, token)),
    route(wv.ExportReview, (p) => exports.exportInteractively(p?.format)),
    route(wv.SaveFile, (p) => exports.saveFile(p)),
    route(wv.CopyText, async (p) => {
      await vscode.env.clipboard.writeText(typeof p?.text === 'string' ? p.text : '');
    }),
    route(wv.GetShortcuts, () => Promise.resolve(panelShortcuts(manifest, process.platform))),
    route(wv.OpenKeybindings, async () => {
      await vscode.commands.executeCommand('workbench.action.openGlobalKeybindings', 'medreview.review');
    }),
    route(wv.ShowLog, () => {
      showLog();
      return Promise.resolve();
    }),
  ]);
}

export class WebviewRequestError extends Error {
  constructor(
    readonly code: wv.WebviewErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const serverErrorCodes = new Map<number, wv.WebviewErrorCode>([
  [ServerErrorCode.NotFound, wv.WebviewErrorCode.NotFound],
  [ServerErrorCode.InvalidParams, wv.WebviewErrorCode.InvalidParams],
  [ServerErrorCode.StoreUnavailable, wv.WebviewErrorCode.ServerUnavailable],
]);

/** Maps any failure to the typed error the webview understands. */
export function toWebviewError(err: unknown): wv.WebviewError {
  if (err instanceof WebviewRequestError) return { code: err.code, message: err.message };
  if (err instanceof ResponseError) {
    return { code: serverErrorCodes.get(err.code) ?? wv.WebviewErrorCode.Internal, message: err.message };
  }
  return { code: wv.WebviewErrorCode.Internal, message: err instanceof Error ? err.message : String(err) };
}
