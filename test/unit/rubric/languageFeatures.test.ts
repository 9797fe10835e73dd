import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat, type MarkupContent, type TextEdit } from 'vscode-languageserver';
import { rubricCompletion, rubricCompletionsAt, rubricHover, rubricHoverAt } from '../../../server/rubric';

const text = `{
  "id": "study",
  "version": "1",
  "title": "Study",
  "axes": [
    {
      "id": "harm",
      "label": "Possible harm",
      "description": "How bad could it get?",
      "kind": "ordinal",
      "choices": [
        { "value": "low", "label": "Low", "description": "Unlikely to matter", "key": "1" },
        { "value": "high", "label": "High", "key": "2" }
      ]
    }
  ]
}`;

const inside = (needle: string, delta = 1): number => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + delta;
};

describe('rubric hovers', () => {
  it('explains a field from the schema when hovering its key', () => {
    const hover = rubricHoverAt(text, inside('"kind"'));
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*kind\*\*/);
    assert.match(hover.markdown, /Scale of the axis/);
    assert.deepEqual([hover.start, hover.end], [text.indexOf('"kind"'), text.indexOf('"kind"') + '"kind"'.length]);
  });

  it('explains an axis kind when hovering its value', () => {
    const hover = rubricHoverAt(text, inside('"ordinal"'));
    assert.match(hover?.markdown ?? '', /Ordered categories/);
  });

  it('shows what the rater sees for a choice value: label, axis, description, shortcut', () => {
    const hover = rubricHoverAt(text, inside('"low"'));
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*Low\*\* \(Possible harm\)/);
    assert.match(hover.markdown, /Unlikely to matter/);
    assert.match(hover.markdown, /Shortcut: `1`/);
  });

  it('summarizes an axis when hovering its id', () => {
    const hover = rubricHoverAt(text, inside('"harm"'));
    assert.match(hover?.markdown ?? '', /\*\*Possible harm\*\* \(ordinal\)[\s\S]*- Low \(`"low"`\)\n- High \(`"high"`\)/);
  });

  it('says nothing on punctuation or whitespace between members', () => {
    assert.equal(rubricHoverAt(text, text.indexOf('[')), null);
  });

  it('converts to an LSP hover with line/character range', () => {
    const doc = TextDocument.create('file:///s.rubric.json', 'json', 1, text);
    const hover = rubricHover(doc, doc.positionAt(inside('"kind"')));
    assert.ok(hover?.range);
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.deepEqual(hover.range.start, { line: 9, character: 6 });
  });
});

describe('rubric completions', () => {
  it('proposes the root fields not yet present', () => {
    const partial = '{\n  "id": "x",\n  \n}';
    const labels = rubricCompletionsAt(partial, partial.indexOf('\n  \n') + 3).map((c) => c.label);
    assert.deepEqual(labels.sort(), ['axes', 'comment', 'instructions', 'overall', 'title', 'version']);
  });

  it('proposes the five axis kinds for "kind", replacing the string being typed', () => {
    const partial = '{ "axes": [ { "id": "a", "kind": "ord" } ] }';
    const start = partial.indexOf('"ord"');
    const items = rubricCompletionsAt(partial, start + 3);
    assert.deepEqual(items.map((c) => c.label), ['ordinal', 'nominal', 'interval', 'boolean', 'text']);
    assert.deepEqual([items[0]?.replaceStart, items[0]?.replaceEnd, items[0]?.insertText], [start, start + '"ord"'.length, '"ordinal"']);
    assert.match(items[0]?.documentation ?? '', /Ordered categories/);
  });

  it('proposes true and false for a choice value of a boolean axis', () => {
    const partial = '{ "axes": [ { "id": "a", "kind": "boolean", "choices": [ { "value": } ] } ] }';
    assert.deepEqual(rubricCompletionsAt(partial, partial.indexOf('"value": ') + 9).map((c) => c.label), ['true', 'false']);
  });

  it('offers a template for each axis kind inside "axes"', () => {
    const partial = '{ "axes": [  ] }';
    const items = rubricCompletionsAt(partial, partial.indexOf('[') + 2);
    assert.deepEqual(items.map((c) => c.label), ['ordinal axis', 'nominal axis', 'interval axis', 'boolean axis', 'text axis']);
    assert.ok(items.every((c) => c.isSnippet && c.insertText.includes('"kind"')));
  });

  it('converts to LSP items with snippet format and a text edit', () => {
    const partial = '{ "axes": [ { "id": "a", "kind": "ord" } ] }';
    const doc = TextDocument.create('file:///s.rubric.json', 'json', 1, partial);
    const items = rubricCompletion(doc, doc.positionAt(partial.indexOf('"ord"') + 3));
    assert.equal(items[0]?.kind, CompletionItemKind.Value);
    assert.equal(items[0]?.insertTextFormat, InsertTextFormat.PlainText);
    const edit = items[0]?.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 0, character: 33 }, end: { line: 0, character: 38 } });
    const fields = rubricCompletion(doc, doc.positionAt(partial.indexOf('"id"')));
    assert.ok(fields.some((f) => f.label === 'label' && f.insertTextFormat === InsertTextFormat.Snippet && f.kind === CompletionItemKind.Property));
  });
});
