import { strict as assert } from 'node:assert';
import { jsonLines, runCliForTest } from '../../helpers/cliHarness';
import { seedAnswers } from './realOutputs';

describe('medreview split-think', () => {
  it('writes {reasoning, answer, state} per input line, exactly those keys', async () => {
    const input = [
      { output: '<think>r</think> a' },
      { output: 'r</think>a', thinkOpenedByPrompt: true },
      { output: 'only answer' },
      { output: '', reasoning: 'all reasoning' },
      { output: '<think>never closed' },
    ];
    const r = await runCliForTest(['split-think'], input.map((i) => JSON.stringify(i)).join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(jsonLines(r.stdout), [
      { reasoning: 'r', answer: 'a', state: 'complete' },
      { reasoning: 'r', answer: 'a', state: 'complete' },
      { reasoning: '', answer: 'only answer', state: 'none' },
      { reasoning: 'all reasoning', answer: '', state: 'unclosed' },
      { reasoning: 'never closed', answer: '', state: 'unclosed' },
    ]);
  });

  it('splits the real seed outputs', async () => {
    const seeds = seedAnswers();
    const r = await runCliForTest(['split-think'], seeds.map((s) => JSON.stringify({ output: s.output })).join('\n'));
    const out = jsonLines(r.stdout) as { answer: string; state: string }[];
    assert.deepEqual(out.map((o) => o.state), ['complete', 'unclosed']);
    assert.ok(out[0]?.answer.endsWith('severe respiratory failure.'));
  });

  it('answers a bad line in its place, names it on stderr, and exits 1', async () => {
    const r = await runCliForTest(['split-think'], '{"output":"a"}\nnot json\n{"output":1}\n{"output":"b","thinkOpenedByPrompt":"yes"}\n');
    assert.equal(r.code, 1);
    const out = jsonLines(r.stdout) as Record<string, unknown>[];
    assert.equal(out.length, 4);
    assert.deepEqual(out[0], { reasoning: '', answer: 'a', state: 'none' });
    assert.equal(out[1]?.line, 2);
    assert.deepEqual(out[2], { error: '"output" must be a string', line: 3 });
    assert.deepEqual(out[3], { error: '"thinkOpenedByPrompt" must be a boolean', line: 4 });
    assert.match(r.stderr, /stdin:2: /);
  });

  it('honours --tags and --flags', async () => {
    const r = await runCliForTest(['split-think', '--tags', 'reasoning', '--flags'], '{"output":"<reasoning>r</reasoning>a</s>"}\n');
    assert.deepEqual(jsonLines(r.stdout), [{ reasoning: 'r', answer: 'a', state: 'complete', flags: ['eos-stripped'] }]);
    const bad = await runCliForTest(['split-think', '--tags', '<x>']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--tags needs/);
  });
});
