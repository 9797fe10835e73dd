import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rubricCompletionsAt } from './completion';
import { rubricHoverAt } from './hover';

/** LSP hover for a rubric document (the language server's `textDocument/hover` for `*.rubric.json`). */
export function rubricHover(doc: TextDocument, position: Position): Hover | null {
  const hover = rubricHoverAt(doc.getText(), doc.offsetAt(position));
  if (!hover) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hover.markdown },
    range: { start: doc.positionAt(hover.start), end: doc.positionAt(hover.end) },
  };
}

/** LSP completion items for a rubric document, each with the exact range it replaces. */
export function rubricCompletion(doc: TextDocument, position: Position): CompletionItem[] {
  const kinds = { field: CompletionItemKind.Property, value: CompletionItemKind.Value, snippet: CompletionItemKind.Snippet } as const;
  return rubricCompletionsAt(doc.getText(), doc.offsetAt(position)).map((c) => {
    const item: CompletionItem = {
      label: c.label,
      kind: kinds[c.kind],
      insertTextFormat: c.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: { start: doc.positionAt(c.replaceStart), end: doc.positionAt(c.replaceEnd) }, newText: c.insertText },
    };
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    return item;
  });
}
