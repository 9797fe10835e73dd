import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentKind } from './documentKind';

/** The command the client runs for the lens (declared in package.json and in the client's command table). */
export const OPEN_DATASET_COMMAND = 'medreview.openDataset';

/** "Open in MedReview" at the top of a dataset or model-answers file. */
export function datasetCodeLenses(doc: TextDocument): CodeLens[] {
  if (!doc.uri.startsWith('file:')) return [];
  const path = fileURLToPath(doc.uri);
  if (documentKind(path, doc.getText()) !== 'dataset') return [];
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range: top, command: { title: '$(preview) Open in MedReview', command: OPEN_DATASET_COMMAND, arguments: [doc.uri] } }];
}
