import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DEFAULT_ROUGE_SETTINGS, scoreAnswerRouge, scoreRouge } from '../../../server/metrics';
import { sharedPath } from '../../helpers/shared';

const row = (JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as { Complex_CoT: string; Response: string }[])[3]!;

describe('ROUGE of one answer for the panel', () => {
  it('scores the final answer against the reference answer and the reasoning against the reference reasoning', () => {
    const split = { answer: row.Response.slice(0, row.Response.lastIndexOf(' ', 300)), reasoning: row.Complex_CoT.slice(0, 800) };
    const r = scoreAnswerRouge({ answer: row.Response, reasoning: row.Complex_CoT }, split);
    assert.deepEqual(Object.keys(r.answer ?? {}), ['rouge1', 'rouge2', 'rougeL']);
    assert.deepEqual(r.answer?.rouge1, scoreRouge(row.Response, split.answer).rouge1);
    assert.deepEqual(r.reasoning?.rougeL, scoreRouge(row.Complex_CoT, split.reasoning).rougeL);
    // A prefix of the reference cut at a space: every candidate unigram is in the reference.
    assert.equal(r.answer?.rouge1?.precision, 1);
    assert.ok((r.answer?.rouge1?.recall ?? 1) < 1);
  });

  it('is n/a (null) where there is no reference, and for reasoning when the dataset has none', () => {
    assert.deepEqual(scoreAnswerRouge(undefined, { answer: 'x', reasoning: 'y' }), { answer: null, reasoning: null });
    const noReasoning = scoreAnswerRouge({ answer: 'Give amoxicillin.' }, { answer: 'Give amoxicillin.', reasoning: 'because' });
    assert.equal(noReasoning.reasoning, null);
    assert.equal(noReasoning.answer?.rougeL?.fmeasure, 1);
    assert.deepEqual(scoreAnswerRouge({ answer: '   ' }, { answer: 'x', reasoning: '' }).answer, null);
  });

  it('scores a missing model reasoning 0 against a reference reasoning', () => {
    const r = scoreAnswerRouge({ answer: 'a', reasoning: 'the patient is anemic' }, { answer: 'a', reasoning: '' });
    assert.equal(r.reasoning?.rouge1?.fmeasure, 0);
  });

  it('follows the stemming setting and the chosen metric set', () => {
    const reference = { answer: 'The patients were treated' };
    const split = { answer: 'patient treatment', reasoning: '' };
    const plain = scoreAnswerRouge(reference, split, DEFAULT_ROUGE_SETTINGS);
    const stemmed = scoreAnswerRouge(reference, split, { useStemmer: true, types: ['rouge1', 'rougeLsum'] });
    assert.equal(plain.answer?.rouge1?.fmeasure, 0);
    assert.ok((stemmed.answer?.rouge1?.fmeasure ?? 0) > 0, 'patients/patient and treated/treatment share stems');
    assert.deepEqual(Object.keys(stemmed.answer ?? {}), ['rouge1', 'rougeLsum']);
  });
});
