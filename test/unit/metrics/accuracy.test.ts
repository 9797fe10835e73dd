import { strict as assert } from 'node:assert';
import { extractChoice, gradeAnswer, gradeExtraction, summarizeAccuracy, type GradedAnswer } from '../../../server/metrics';
import type { Question } from '../../../server/dataset/model';

const MEDQA: Pick<Question, 'kind' | 'options' | 'reference'> = {
  kind: 'multiple-choice',
  options: { A: 'Benign genetic carrier condition', B: 'Folate deficiency', C: 'Iron deficiency', D: 'Parvovirus B19 infection', E: 'Vitamin B12 deficiency' },
  reference: { answer: 'Parvovirus B19 infection', label: 'D' },
};
const PUBMEDQA: Pick<Question, 'kind' | 'options' | 'reference'> = { kind: 'yes-no-maybe', reference: { answer: 'The Barthel index ...', label: 'yes' } };

describe('grading an answer against its label', () => {
  it('marks an extracted option correct or incorrect, ignoring case', () => {
    assert.equal(gradeAnswer(MEDQA, 'The answer is d.')?.verdict, 'correct');
    assert.equal(gradeAnswer(MEDQA, 'Iron deficiency.')?.verdict, 'incorrect');
    assert.equal(gradeAnswer(PUBMEDQA, 'Yes, it is adequate.')?.verdict, 'correct');
    assert.equal(gradeAnswer(PUBMEDQA, 'No.')?.verdict, 'incorrect');
  });

  it('says not extractable for nothing or several options, and keeps what was found', () => {
    const none = gradeAnswer(MEDQA, 'Supportive care.');
    assert.equal(none?.verdict, 'not-extractable');
    assert.equal(none?.extraction.state, 'none');
    const ambiguous = gradeAnswer(MEDQA, 'Either folate deficiency or parvovirus B19 infection.');
    assert.equal(ambiguous?.verdict, 'not-extractable');
    assert.deepEqual(ambiguous?.extraction.candidates, ['B', 'D']);
  });

  it("lets a physician's override replace the extraction", () => {
    const overridden = gradeAnswer(MEDQA, 'Either folate deficiency or parvovirus B19 infection.', 'D');
    assert.equal(overridden?.verdict, 'correct');
    assert.equal(overridden?.overridden, true);
    assert.equal(overridden?.graded, 'D');
    const wrongOverride = gradeExtraction(extractChoice('The answer is D', MEDQA.options!), 'D', 'B');
    assert.equal(wrongOverride.verdict, 'incorrect');
    assert.equal(gradeExtraction(extractChoice('The answer is D', MEDQA.options!), 'D', null).overridden, false);
  });

  it('has nothing to grade without a label or for open questions', () => {
    assert.equal(gradeAnswer({ ...MEDQA, reference: { answer: 'x' } }, 'D'), null);
    assert.equal(gradeAnswer({ kind: 'open', reference: { answer: 'x', label: 'D' } }, 'D'), null);
  });
});

describe('per-model accuracy', () => {
  it('counts verdicts per model and puts a Wilson interval on correct / all answers', () => {
    const graded: GradedAnswer[] = [
      ...Array.from({ length: 81 }, () => ({ model: 'llama', verdict: 'correct' as const })),
      ...Array.from({ length: 170 }, () => ({ model: 'llama', verdict: 'incorrect' as const })),
      ...Array.from({ length: 12 }, () => ({ model: 'llama', verdict: 'not-extractable' as const })),
      { model: 'deepseek', verdict: 'not-extractable' },
    ];
    const [deepseek, llama] = summarizeAccuracy(graded);
    assert.deepEqual(
      { model: llama?.model, answers: llama?.answers, correct: llama?.correct, incorrect: llama?.incorrect, notExtractable: llama?.notExtractable },
      { model: 'llama', answers: 263, correct: 81, incorrect: 170, notExtractable: 12 },
    );
    // 81/263 is a published Wilson example (Newcombe 1998): 0.2553 to 0.3662.
    assert.ok(Math.abs(llama!.accuracy! - 81 / 263) < 1e-15);
    assert.ok(Math.abs(llama!.low! - 0.2553) < 5e-5 && Math.abs(llama!.high! - 0.3662) < 5e-5);
    assert.equal(deepseek?.accuracy, 0);
    assert.equal(deepseek?.notExtractable, 1);
  });
});
