import { fileURLToPath } from 'node:url';
import { CompletionItemKind, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Question } from '../dataset/model';
import { placeholderCompletions, templateHover } from '../templates';

function fileOf(doc: TextDocument): string {
  return doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : doc.uri;
}

/** LSP hover for a `*.prompt.md` document: a front-matter key, a placeholder's value, or the rendered prompt for `question`. */
export function templateHoverAt(doc: TextDocument, position: Position, question: Question | undefined): Hover | null {
  const hover = templateHover(doc.getText(), doc.offsetAt(position), fileOf(doc), question);
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: doc.positionAt(hover.start), end: doc.positionAt(hover.end) },
  };
}

/** Placeholder names after `{{` in a template body, each replacing exactly the part of the name typed so far. */
export function templateCompletion(doc: TextDocument, position: Position): CompletionItem[] {
  const found = placeholderCompletions(doc.getText(), doc.offsetAt(position));
  if (!found) return [];
  const range = { start: doc.positionAt(found.replaceStart), end: doc.positionAt(found.replaceEnd) };
  return found.items.map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Variable,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    textEdit: { range, newText: c.insertText },
  }));
}
