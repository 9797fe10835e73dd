import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../server/protocol';
import { serverSettings } from './config';

/** Files the server gives diagnostics, hovers and code lenses for. */
const documentSelector = [
  { scheme: 'file', pattern: '**/*.jsonl' },
  { scheme: 'file', pattern: '**/*.json' },
  { scheme: 'file', pattern: '**/*.csv' },
  { scheme: 'file', pattern: '**/*.prompt.md' },
];

/**
 * Creates the language server client. The client id `medreview` makes vscode-languageclient honour the
 * `medreview.trace.server` setting by itself.
 */
export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = {
    settings: serverSettings(),
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: log,
    initializationOptions,
  };
  return new LanguageClient('medreview', 'MedReview Language Server', serverOptions, clientOptions);
}
