import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageCapabilities, registerLanguageFeatures } from './lsp/languageFeatures';
import { SettingsChangedNotification, StatusNotification, type InitializationOptions, type ServerSettings } from './protocol';
import { Project } from './project/project';
import { registerQuestionHandlers } from './rpc/questionHandlers';
import { registerRatingHandlers } from './rpc/ratingHandlers';
import { registerReviewHandlers } from './rpc/reviewHandlers';
import { registerGenerationHandlers } from './rpc/generationHandlers';
import { registerExportHandlers } from './rpc/exportHandlers';
import { registerMergeHandlers } from './rpc/mergeHandlers';
import { previewQuestion } from './project/previewQuestion';

/**
 * The language server: the core behind the panel (data, scores, ratings, generations) and the language
 * features for dataset, rubric and template files. Started by the extension over IPC.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const defaultSettings: ServerSettings = {
  datasets: [],
  databasePath: '.medreview/review.sqlite',
  raterId: '',
  rubricPath: '',
  blind: false,
  ratersPerQuestion: 1,
  rouge: { useStemmer: false, metrics: ['rouge1', 'rouge2', 'rougeL'] },
  thinkTagNames: ['think', 'thinking'],
};
let project: Project | undefined;
let generation: { stop(): Promise<void> } | undefined;

connection.onInitialize((params) => {
  const init = params.initializationOptions as InitializationOptions | undefined;
  const settings = init?.settings ?? defaultSettings;
  const features = registerLanguageFeatures(connection, documents, () => ({
    questions: project?.questionLookup ?? { findQuestion: () => undefined },
    tagNames: project?.tagNames ?? settings.thinkTagNames,
  }), () => (project ? previewQuestion(project) : Promise.resolve(undefined)));
  project = new Project(
    settings,
    init?.workspaceFolders ?? [],
    (s) => {
      void connection.sendNotification(StatusNotification, s);
      if (s.state === 'ready') features.refreshDiagnostics();
    },
    (m) => connection.console.info(m),
  );
  registerQuestionHandlers(connection, project);
  registerRatingHandlers(connection, project);
  registerReviewHandlers(connection, project);
  registerExportHandlers(connection, project);
  registerMergeHandlers(connection, project);
  generation = registerGenerationHandlers(connection, project, init?.workspaceFolders ?? []);
  return {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...languageCapabilities },
    serverInfo: { name: 'medreview-server' },
  };
});

connection.onInitialized(() => {
  void project?.reload();
});

connection.onShutdown(async () => {
  // Running generations first: a batch puts its unfinished items back in the queue before the store closes.
  await generation?.stop();
  await project?.close();
});

connection.onNotification(SettingsChangedNotification, (settings) => {
  void project?.updateSettings(settings);
});

documents.listen(connection);
connection.listen();
