import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentProblems, type ProblemContext } from './documentProblems';
import { toDiagnostic } from './problemDiagnostics';

const DEBOUNCE_MS = 250;

/**
 * Publishes diagnostics for open MedReview files as they are edited, debounced per document so a large
 * dataset is not re-validated on every keystroke, and cleared when the document closes.
 */
export function publishDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, context: () => ProblemContext): { refreshAll(): void } {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const validate = (doc: TextDocument): void => {
    const diagnostics = documentProblems(doc, context()).map((p) => toDiagnostic(doc, p));
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  const schedule = (doc: TextDocument): void => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) validate(current);
      }, DEBOUNCE_MS),
    );
  };

  documents.onDidOpen((e) => validate(e.document));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return { refreshAll: () => documents.all().forEach(validate) };
}
