import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver';
import type { Question } from '../../../server/dataset/model';
import { documentProblems } from '../../../server/lsp/documentProblems';
import { templateCompletion, templateHoverAt } from '../../../server/lsp/templateFeatures';

const text = `---
mode: completion
stop: ["### Question:"]
---
### Question:
{{question}}
{{options}}
{{refrence}}

### Response:
<think>
`;

const uri = pathToFileURL('/work/study/prompts/cot.prompt.md').toString();
const doc = TextDocument.create(uri, 'markdown', 1, text);
const question: Question = {
  id: 'medqa-17',
  text: 'A 45-year-old man has crushing chest pain. What is the next step?',
  kind: 'multiple-choice',
  options: { A: 'ECG', B: 'Discharge' },
  source: { file: 'medqa.jsonl', line: 17 },
};
const noQuestions = { questions: { findQuestion: () => undefined }, tagNames: ['think'] };

describe('prompt template documents in the language server', () => {
  it('reports template problems as diagnostics at their line and column', () => {
    const problems = documentProblems(doc, noQuestions);
    assert.deepEqual(
      problems.map((p) => [p.line, p.column, p.code, p.severity]),
      [[8, 3, 'unknown-placeholder', 'error']],
    );
    assert.equal(problems[0]!.field, 'refrence');
    assert.match(problems[0]!.message, /^unknown placeholder '\{\{refrence\}\}' \(known: question, options, letters, context\)$/);
    assert.equal(problems[0]!.file, '/work/study/prompts/cot.prompt.md');
  });

  it('previews the whole rendered prompt for the current question on hover in the body', () => {
    const hover = templateHoverAt(doc, { line: 9, character: 3 }, question);
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*cot\*\* \(completion mode/);
    assert.ok(value.includes('A 45-year-old man has crushing chest pain. What is the next step?'));
    assert.ok(value.includes('A. ECG'));
    assert.match(value, /opens `<think>`/);
  });

  it("shows a placeholder's value for the question on hover over it, and asks for a question when there is none", () => {
    const onPlaceholder = templateHoverAt(doc, { line: 5, character: 4 }, question);
    assert.match((onPlaceholder?.contents as MarkupContent).value, /\*\*\{\{question\}\}\*\*[\s\S]*crushing chest pain/);
    assert.deepEqual(onPlaceholder?.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 12 } });
    const none = templateHoverAt(doc, { line: 9, character: 3 }, undefined);
    assert.match((none?.contents as MarkupContent).value, /Open a question in the MedReview panel/);
  });

  it('completes placeholder names after {{, replacing what was typed and closing the braces', () => {
    const typing = TextDocument.create(uri, 'markdown', 1, '---\nmode: chat\n---\n{{question}}\n{{op');
    const items = templateCompletion(typing, { line: 4, character: 4 });
    assert.deepEqual(
      items.map((i) => i.label),
      ['options'],
    );
    assert.deepEqual(items[0]?.textEdit, { range: { start: { line: 4, character: 2 }, end: { line: 4, character: 4 } }, newText: 'options}}' });
    assert.deepEqual(templateCompletion(typing, { line: 3, character: 3 }).length > 0, true);
    assert.deepEqual(templateCompletion(typing, { line: 1, character: 2 }), [], 'nothing in the front matter');
  });
});
