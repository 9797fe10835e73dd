import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem } from '../problem';

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Longest stretch underlined: a JSON Lines record can be one very long line. */
const MAX_UNDERLINE = 80;

/** A Problem (1-based line and column) as an LSP diagnostic underlining from its column onwards. */
export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const line = Math.max(0, p.line - 1);
  const character = Math.max(0, p.column - 1);
  const lineEnd = doc.positionAt(doc.offsetAt({ line: line + 1, character: 0 }) - 1);
  const endCharacter = lineEnd.line === line ? Math.min(lineEnd.character, character + MAX_UNDERLINE) : character + 1;
  return {
    range: { start: { line, character }, end: { line, character: Math.max(endCharacter, character + 1) } },
    severity: severities[p.severity],
    code: p.code,
    source: 'medreview',
    message: p.field ? `${p.field}: ${p.message}` : p.message,
  };
}
