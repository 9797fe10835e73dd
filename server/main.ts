import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SettingsChangedNotification, StatusNotification, type InitializationOptions } from './protocol';
import { Project } from './project/project';
import { registerQuestionHandlers } from './rpc/questionHandlers';

/**
 * The language server: the core behind the panel (data, scores, ratings, generations) and the language
 * features for dataset, rubric and template files. Started by the extension over IPC.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let project: Project | undefined;

connection.onInitialize((params) => {
  const init = params.initializationOptions as InitializationOptions | undefined;
  const settings = init?.settings ?? { datasets: [], thinkTagNames: ['think', 'thinking'] };
  project = new Project(
    settings,
    init?.workspaceFolders ?? [],
    (s) => void connection.sendNotification(StatusNotification, s),
    (m) => connection.console.info(m),
  );
  registerQuestionHandlers(connection, project);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
    serverInfo: { name: 'medreview-server' },
  };
});

connection.onInitialized(() => {
  void project?.reload();
});

connection.onNotification(SettingsChangedNotification, (settings) => {
  void project?.updateSettings(settings);
});

documents.listen(connection);
connection.listen();
