import { strict as assert } from 'node:assert';
import { BUILTIN_TEMPLATE_TEXTS, builtinTemplate, hasErrors, parseTemplate } from '../../../server/templates';

/** Diagnostics: each bad template reports the exact line, column and field. */
function only(text: string, code: string) {
  const found = parseTemplate(text, 'study/cot.prompt.md').problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `${code}: ${JSON.stringify(parseTemplate(text, 'x').problems)}`);
  return found[0];
}

describe('prompt template parsing and diagnostics', () => {
  it('parses the built-in templates without any problem', () => {
    for (const [id, text] of Object.entries(BUILTIN_TEMPLATE_TEXTS)) {
      const { template, problems } = parseTemplate(text, `builtin:${id}`);
      assert.deepEqual(problems, [], id);
      assert.equal(template?.id, id);
    }
    const cot = builtinTemplate('medical-cot');
    assert.equal(cot.mode, 'completion');
    assert.equal(cot.thinkOpenedByPrompt, true);
    assert.ok(cot.body.includes('### Question:\n{{question}}'));
    assert.ok(cot.body.endsWith('### Response:\n<think>'));
    assert.deepEqual(cot.stop, ['### Question:']);
    assert.deepEqual(cot.params, { temperature: 0.6, top_p: 0.95, max_tokens: 2048 });
    assert.equal(builtinTemplate('plain-chat').thinkOpenedByPrompt, false);
  });

  it('reads every front-matter field with its type', () => {
    const { template, problems } = parseTemplate('---\nid: mc-v2\nmode: chat\nsystem: Be brief.\nstop: END\ntop_k: 40\nseed: 7\nmin_p: 0.05\n---\n{{question}}\n', 'a.prompt.md');
    assert.deepEqual(problems, []);
    assert.deepEqual([template?.id, template?.system, template?.stop, template?.params], ['mc-v2', 'Be brief.', ['END'], { top_k: 40, seed: 7, min_p: 0.05 }]);
  });

  it('takes the id from the file name when the front matter has none', () => {
    assert.equal(parseTemplate('---\nmode: chat\n---\n{{question}}', 'prompts/short-answer.prompt.md').template?.id, 'short-answer');
  });

  it('unknown placeholder: at the name, with a suggestion', () => {
    const p = only('---\nmode: chat\n---\nContext:\n  {{ contxt }} and {{question}}\n', 'unknown-placeholder');
    assert.deepEqual([p?.line, p?.column, p?.field, p?.severity], [5, 6, 'contxt', 'error']);
    assert.match(p?.message ?? '', /did you mean '\{\{context\}\}'/);
    assert.equal(p?.file, 'study/cot.prompt.md');
  });

  it('missing {{question}}: at the start of the body', () => {
    const p = only('---\nmode: completion\n---\n### Question:\n{{options}}\n', 'missing-question');
    assert.deepEqual([p?.line, p?.column], [4, 1]);
  });

  it('unclosed placeholder: at its braces', () => {
    const p = only('---\nmode: chat\n---\n{{question}} {{options\n', 'unclosed-placeholder');
    assert.deepEqual([p?.line, p?.column], [4, 14]);
  });

  it('bad YAML: at the offending character, and no template', () => {
    const text = '---\nmode: chat\nstop: [a, b\n---\n{{question}}\n';
    const { template, problems } = parseTemplate(text, 't.prompt.md');
    assert.equal(template, undefined);
    const p = problems.find((x) => x.code === 'bad-front-matter');
    assert.deepEqual([p?.line, p?.column], [3, 12]);
    assert.match(p?.message ?? '', /not valid YAML/);
    const nested = parseTemplate('---\nmode: chat\nstop: a: b\n---\n{{question}}\n', 't.prompt.md').problems[0];
    assert.deepEqual([nested?.code, nested?.line, nested?.column], ['bad-front-matter', 3, 7]);
  });

  it('wrong types: at the value, naming the field', () => {
    const text = '---\nmode: chat\ntemperature: warm\nmax_tokens: 12.5\ntop_p: 3\nstop: [1, 2]\n---\n{{question}}\n';
    const problems = parseTemplate(text, 't').problems.filter((p) => p.code === 'wrong-type');
    assert.deepEqual(
      problems.map((p) => [p.field, p.line, p.column]),
      [
        ['temperature', 3, 14],
        ['max_tokens', 4, 13],
        ['top_p', 5, 8],
        ['stop', 6, 7],
      ],
    );
    assert.match(problems[2]?.message ?? '', /between 0 and 1/);
  });

  it('mode: missing, or not chat/completion', () => {
    const missing = parseTemplate('---\ntemperature: 0.2\n---\n{{question}}', 't');
    assert.equal(missing.template, undefined);
    assert.deepEqual(missing.problems.map((p) => [p.code, p.line, p.column, p.field]), [['missing-mode', 1, 1, 'mode']]);
    const wrong = only('---\nmode: instruct\n---\n{{question}}', 'wrong-type');
    assert.deepEqual([wrong?.line, wrong?.column, wrong?.field], [2, 7, 'mode']);
  });

  it('no front matter, or one never closed', () => {
    assert.deepEqual(parseTemplate('{{question}}\n', 't').problems.map((p) => [p.code, p.line, p.column]), [['missing-front-matter', 1, 1]]);
    assert.deepEqual(parseTemplate('---\nmode: chat\n{{question}}\n', 't').problems.map((p) => [p.code, p.line]), [['unclosed-front-matter', 1]]);
  });

  it('warns (without failing) about an unknown key and a system message in completion mode', () => {
    const { template, problems } = parseTemplate('---\nmode: completion\nsystem: You are a doctor.\nmodel: llama\n---\n{{question}}\n', 't');
    assert.ok(template);
    assert.equal(hasErrors(problems), false);
    assert.deepEqual(
      problems.map((p) => [p.code, p.line, p.column, p.severity]),
      [
        ['system-ignored', 3, 1, 'warning'],
        ['unknown-field', 4, 1, 'warning'],
      ],
    );
    assert.equal(template.system, undefined);
  });

  it('positions are right in a CRLF file with a byte-order mark', () => {
    const p = only('\uFEFF---\r\nmode: chat\r\n---\r\nA\r\n{{nope}} {{question}}\r\n', 'unknown-placeholder');
    assert.deepEqual([p?.line, p?.column], [5, 3]);
  });
});
