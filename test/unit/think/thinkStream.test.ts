import { strict as assert } from 'node:assert';
import { createThinkStream, mergeReasoningFields, splitThink } from '../../../server/think';

describe('createThinkStream: what each push makes visible', () => {
  it('appends reasoning and answer deltas and reports the provisional state', () => {
    const s = createThinkStream();
    const a = s.push({ content: '<think>Fever and' });
    assert.deepEqual([a.reasoningDelta, a.answerDelta, a.state, a.replaced], ['Fever and', '', 'unclosed', false]);
    const b = s.push({ content: ' cough</think>\n\nRest.' });
    assert.deepEqual([b.reasoningDelta, b.answerDelta, b.state], [' cough', '\n\nRest.', 'complete']);
    assert.equal(b.reasoning, 'Fever and cough');
    assert.equal(s.end().answer, 'Rest.');
  });

  it('never shows a tag split across chunks as text', () => {
    const s = createThinkStream();
    const shown: string[] = [];
    for (const piece of ['<th', 'in', 'k>r', 'ea', 'son</', 'thi', 'nk', '>ans', 'wer<|eo', 't_id|>']) {
      const u = s.push({ content: piece });
      shown.push(u.reasoningDelta, u.answerDelta);
    }
    assert.equal(shown.join(''), 'reasonanswer');
    assert.deepEqual(s.end(), { reasoning: 'reason', answer: 'answer', state: 'complete', flags: ['eos-stripped'] });
  });

  it('redraws when a </think> with no opening turns the answer so far into reasoning', () => {
    const s = createThinkStream();
    const a = s.push({ content: 'Preload-dependent' });
    assert.deepEqual([a.answer, a.state], ['Preload-dependent', 'none']);
    const b = s.push({ content: ' RV.</think>Avoid' });
    assert.equal(b.replaced, true);
    assert.equal(b.reasoning, 'Preload-dependent RV.');
    assert.equal(b.answer, 'Avoid');
    const c = s.push({ content: ' nitrates.' });
    assert.deepEqual([c.replaced, c.answerDelta, c.answer, c.state], [false, ' nitrates.', 'Avoid nitrates.', 'complete']);
  });

  it('starts inside reasoning when the prompt opened the block', () => {
    const s = createThinkStream({}, { thinkOpenedByPrompt: true });
    const u = s.push({ content: 'thinking' });
    assert.deepEqual([u.reasoning, u.answer, u.state], ['thinking', '', 'unclosed']);
  });

  it('accepts reasoning_content and reasoning deltas, taking identical text once', () => {
    const s = createThinkStream();
    s.push({ reasoning_content: 'Viral', reasoning: 'Viral' });
    s.push({ reasoning: ' illness.' });
    const u = s.push({ content: 'Rest.' });
    assert.deepEqual([u.reasoning, u.answer, u.state], ['Viral illness.', 'Rest.', 'complete']);
    assert.deepEqual(s.end(), splitThink({ output: 'Rest.', reasoning: 'Viral illness.' }));
  });

  it('holds back text that might still be the echoed prompt, then drops it', () => {
    const prompt = 'Q: What next?\nA: <think>';
    const s = createThinkStream({}, { prompt });
    assert.deepEqual([s.push({ content: 'Q: What' }).reasoning, s.push({ content: ' next?\nA: <think>Hmm' }).reasoning], ['', 'Hmm']);
    assert.deepEqual(s.end().flags, ['prompt-echoed']);
  });

  it('refuses pushes after end and returns the same result again', () => {
    const s = createThinkStream();
    s.push({ content: 'x' });
    const r = s.end();
    assert.equal(s.end(), r);
    assert.throws(() => s.push({ content: 'y' }), /already ended/);
  });
});

describe('mergeReasoningFields', () => {
  it('takes identical text once, keeps both when they differ, ignores null', () => {
    assert.equal(mergeReasoningFields('abc', 'abc'), 'abc');
    assert.equal(mergeReasoningFields('abc', null), 'abc');
    assert.equal(mergeReasoningFields(undefined, 'xyz'), 'xyz');
    assert.equal(mergeReasoningFields('a', 'b'), 'ab');
  });
});
