import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rubricCompletion, rubricHover } from '../rubric';

const isRubric = (uri: string): boolean => uri.toLowerCase().endsWith('.rubric.json');

/** Hovers and completions in `*.rubric.json` files. */
export function registerRubricFeatures(connection: Connection, documents: TextDocuments<TextDocument>): void {
  connection.onHover((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc && isRubric(doc.uri) ? rubricHover(doc, p.position) : null;
  });
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    return doc && isRubric(doc.uri) ? rubricCompletion(doc, p.position) : [];
  });
}
