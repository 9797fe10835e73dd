import { strict as assert } from 'node:assert';
import { blindOrder, presentAnswers, type ReviewAnswer } from '../../../server/review';

const answers: ReviewAnswer[] = [
  { key: 'ans-1', model: 'unsloth/DeepSeek-R1-Distill-Llama-8B', reasoning: 'Okay, so the child cannot speak.', answer: 'Intubate.' },
  { key: 'ans-2', model: 'unsloth/mistral-7b-instruct', answer: 'As an AI developed by Mistral AI, I suggest nebulised salbutamol.' },
  { key: 'ans-3', model: 'meditron-7b', reasoning: 'I am Meditron-7B, so I recall that...', answer: 'Give oxygen.' },
];
const context = { raterId: 'dr.lee', questionId: 'seed-asthma-1', blind: true, revealed: false };

describe('presenting answers to a rater', () => {
  it('in blind mode: the rater\'s own order, letters for names, no model, masked self-identification', () => {
    const shown = presentAnswers(answers, context);
    assert.deepEqual(shown.map((a) => a.key), blindOrder('dr.lee', 'seed-asthma-1', ['ans-1', 'ans-2', 'ans-3']));
    assert.deepEqual(shown.map((a) => [a.position, a.label]), [[0, 'Answer A'], [1, 'Answer B'], [2, 'Answer C']]);
    assert.ok(shown.every((a) => a.model === undefined));
    const mistral = shown.find((a) => a.key === 'ans-2');
    assert.equal(mistral?.answer.text, 'As an AI developed by [name hidden], I suggest nebulised salbutamol.');
    assert.equal(mistral?.unblinding, true);
    const meditron = shown.find((a) => a.key === 'ans-3');
    assert.equal(meditron?.reasoning?.text, 'I am [name hidden], so I recall that...');
    assert.equal(meditron?.unblinding, true, 'a name in the reasoning unblinds too');
    assert.equal(shown.find((a) => a.key === 'ans-1')?.unblinding, false);
  });

  it('after saving: same positions, names and original text back, the flag kept', () => {
    const blind = presentAnswers(answers, context);
    const revealed = presentAnswers(answers, { ...context, revealed: true });
    assert.deepEqual(revealed.map((a) => [a.key, a.position]), blind.map((a) => [a.key, a.position]));
    const mistral = revealed.find((a) => a.key === 'ans-2');
    assert.equal(mistral?.model, 'unsloth/mistral-7b-instruct');
    assert.equal(mistral?.label, 'unsloth/mistral-7b-instruct');
    assert.equal(mistral?.answer.text, answers[1]?.answer);
    assert.equal(mistral?.unblinding, true);
  });

  it('another rater sees another order of the same answers', () => {
    const orders = new Set(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8'].map((raterId) => presentAnswers(answers, { ...context, raterId }).map((a) => a.key).join()));
    assert.ok(orders.size > 1);
  });

  it('without blind mode: input order, model names, original text', () => {
    const shown = presentAnswers(answers, { ...context, blind: false });
    assert.deepEqual(shown.map((a) => [a.key, a.label]), answers.map((a) => [a.key, a.model]));
    assert.equal(shown[1]?.answer.text, answers[1]?.answer);
  });
});
