import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Question } from '../dataset/model';
import { rubricCompletion, rubricHover } from '../rubric';
import { templateCompletion, templateHoverAt } from './templateFeatures';

/** Hovers and completions exist for files MedReview knows by name; datasets have diagnostics and lenses only. */
function kindByName(uri: string): 'rubric' | 'template' | undefined {
  const lower = uri.toLowerCase();
  if (lower.endsWith('.rubric.json')) return 'rubric';
  if (lower.endsWith('.prompt.md')) return 'template';
  return undefined;
}

/**
 * The one hover and completion handler of the server, dispatching by document kind: rubric files get field
 * documentation and value completions, prompt templates placeholder completions and a preview of the
 * rendered prompt for `previewQuestion` (the panel's current question, else the project's first).
 */
export function registerDocumentFeatures(connection: Connection, documents: TextDocuments<TextDocument>, previewQuestion: () => Promise<Question | undefined>): void {
  connection.onHover(async (p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    switch (kindByName(doc.uri)) {
      case 'rubric':
        return rubricHover(doc, p.position);
      case 'template':
        return templateHoverAt(doc, p.position, await previewQuestion());
      default:
        return null;
    }
  });
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    switch (kindByName(doc.uri)) {
      case 'rubric':
        return rubricCompletion(doc, p.position);
      case 'template':
        return templateCompletion(doc, p.position);
      default:
        return [];
    }
  });
}
