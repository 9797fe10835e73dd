import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Question } from '../dataset/model';
import { datasetCodeLenses } from './codeLenses';
import { publishDiagnostics } from './diagnosticsPublisher';
import type { ProblemContext } from './documentProblems';
import { registerDocumentFeatures } from './documentFeatures';

/** What the server announces for MedReview's files. */
export const languageCapabilities: ServerCapabilities = {
  codeLensProvider: { resolveProvider: false },
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['"', ':', '{'] },
};

/**
 * Diagnostics, code lenses, hovers and completions for dataset, rubric and template files. Returns a hook
 * to re-validate open documents when the project's questions change (answers files are checked against them).
 */
export function registerLanguageFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  context: () => ProblemContext,
  previewQuestion: () => Promise<Question | undefined> = () => Promise.resolve(undefined),
): { refreshDiagnostics(): void } {
  const diagnostics = publishDiagnostics(connection, documents, context);
  connection.onCodeLens((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc ? datasetCodeLenses(doc) : [];
  });
  registerDocumentFeatures(connection, documents, previewQuestion);
  return { refreshDiagnostics: () => diagnostics.refreshAll() };
}
