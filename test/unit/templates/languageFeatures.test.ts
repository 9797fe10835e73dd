import { strict as assert } from 'node:assert';
import type { Question } from '../../../server/dataset/model';
import { splitThink } from '../../../server/think';
import { BUILTIN_TEMPLATE_TEXTS, placeholderCompletions, templateHover, templateModeHint } from '../../../server/templates';

const question: Question = {
  id: 'q-7',
  text: 'A 62-year-old man has crushing chest pain for 40 minutes. What is the next step?',
  kind: 'multiple-choice',
  options: { A: 'Aspirin and an ECG', B: 'Discharge', C: 'Chest X-ray only' },
  source: { file: 'f', line: 1 },
};

const doc = '---\nmode: chat\ntemperature: 0.2\n---\nQuestion: {{question}}\n{{options}}\nAnswer briefly.\n';

describe('template language features', () => {
  describe('placeholder completions', () => {
    it('offers every placeholder right after {{, closing the braces', () => {
      const text = '---\nmode: chat\n---\nQ: {{';
      const c = placeholderCompletions(text, text.length);
      assert.deepEqual(c?.items.map((i) => i.label), ['question', 'options', 'letters', 'context']);
      assert.equal(c?.items[0]?.insertText, 'question}}');
      assert.deepEqual([c?.replaceStart, c?.replaceEnd], [text.length, text.length]);
    });

    it('filters by what is typed and replaces the whole partial name when }} is already there', () => {
      const text = '---\nmode: chat\n---\n{{ opt}}';
      const at = text.indexOf('opt') + 2;
      const c = placeholderCompletions(text, at);
      assert.deepEqual(c?.items.map((i) => [i.label, i.insertText]), [['options', 'options']]);
      assert.deepEqual([c?.replaceStart, c?.replaceEnd], [text.indexOf('opt'), text.indexOf('}}')]);
    });

    it('offers nothing outside {{ or inside the front matter', () => {
      assert.equal(placeholderCompletions(doc, doc.indexOf('Answer') + 3), undefined);
      const fm = '---\nsystem: {{\nmode: chat\n---\n{{question}}';
      assert.equal(placeholderCompletions(fm, fm.indexOf('{{') + 2), undefined);
    });
  });

  describe('hover', () => {
    it('on a placeholder: what it holds and its value for the current question', () => {
      const h = templateHover(doc, doc.indexOf('{{options}}') + 3, 't.prompt.md', question);
      assert.match(h?.markdown ?? '', /\*\*\{\{options\}\}\*\*/);
      assert.ok(h?.markdown.includes('A. Aspirin and an ECG\nB. Discharge\nC. Chest X-ray only'));
      assert.deepEqual([h?.start, h?.end], [doc.indexOf('{{options}}'), doc.indexOf('{{options}}') + '{{options}}'.length]);
    });

    it('elsewhere in the body: the whole rendered prompt for the question', () => {
      const h = templateHover(doc, doc.indexOf('Answer briefly'), 't.prompt.md', question);
      assert.ok(h?.markdown.includes(`Question: ${question.text}\nA. Aspirin and an ECG`));
      assert.match(h?.markdown ?? '', /chat mode, sha256:/);
    });

    it('on a front-matter key: what the key means', () => {
      assert.match(templateHover(doc, doc.indexOf('temperature'), 't', question)?.markdown ?? '', /^\*\*temperature\*\*: Sampling temperature/);
    });

    it('keeps dataset text inside its code block even when it contains backticks', () => {
      const tricky = { ...question, text: 'Is ```` a fence? ``` no' };
      const md = templateHover(doc, doc.indexOf('Answer'), 't', tricky)?.markdown ?? '';
      assert.ok(md.includes('`````text\n'), md);
    });

    it('without a current question, says how to get a preview', () => {
      assert.match(templateHover(BUILTIN_TEMPLATE_TEXTS['medical-cot'] ?? '', 300, 'builtin')?.markdown ?? '', /Open a question/);
    });
  });

  describe('degenerate-output hint', () => {
    it('suggests checking the template mode for an answer the splitter flags as degenerate', () => {
      const loop = Array.from({ length: 40 }, () => '<think>').join('\n');
      const split = splitThink({ output: loop });
      assert.ok(split.flags.includes('degenerate-repetition'), JSON.stringify(split.flags));
      assert.match(templateModeHint(split.flags, 'completion') ?? '', /check the template mode.*try `mode: chat`/);
      assert.match(templateModeHint(split.flags, 'chat') ?? '', /try `mode: completion`/);
      assert.match(templateModeHint(split.flags) ?? '', /check the template mode/);
    });

    it('says nothing for a normal answer', () => {
      assert.equal(templateModeHint(splitThink({ output: '<think>Chest pain.</think>Aspirin and an ECG.' }).flags, 'chat'), undefined);
    });
  });
});
