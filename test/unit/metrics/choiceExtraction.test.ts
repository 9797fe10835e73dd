import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { extractChoice } from '../../../server/metrics';
import { sharedPath } from '../../helpers/shared';

interface MedQa {
  question: string;
  answer: string;
  options: Record<string, string>;
  answer_idx: string;
}

const medqa = readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as MedQa);
const responses = (JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as { Response: string }[]).map((r) => r.Response);

const ANEMIA = medqa[0]!.options; // A benign carrier, B folate, C iron, D parvovirus B19 infection, E B12

function expectChoice(answer: string, options: Record<string, string>, state: string, choice: string | null, candidates?: string[]): void {
  const r = extractChoice(answer, options);
  assert.equal(r.state, state, `${JSON.stringify(answer)} -> ${JSON.stringify(r)}`);
  assert.equal(r.choice, choice, JSON.stringify(answer));
  if (candidates) assert.deepEqual(r.candidates, candidates, JSON.stringify(answer));
}

describe('multiple-choice extraction', () => {
  it('reads a letter in its usual forms, in any case', () => {
    for (const answer of ['D', '(D)', 'D.', 'd', '(d).', 'Answer: D', 'answer: d', 'The correct answer is D.', 'the correct answer is d', 'Correct option: (D)', 'The answer is option D', '**Answer: D**', 'Final answer: \\boxed{D}', '\\boxed{\\text{D}}', 'I would choose D because parvovirus halts erythropoiesis.', 'D is correct.']) {
      expectChoice(answer, ANEMIA, 'chosen', 'D');
    }
  });

  it('reads the option text in any case, also possessive and hyphen variants', () => {
    expectChoice('Parvovirus B19 infection', ANEMIA, 'chosen', 'D');
    expectChoice('The most likely cause is PARVOVIRUS B19 INFECTION.', ANEMIA, 'chosen', 'D');
    expectChoice("The condition is Hoigne's syndrome.", { A: 'Jarisch-Herxheimer Reaction', B: 'Hoigne Syndrome' }, 'chosen', 'B');
    expectChoice('A Jarisch Herxheimer reaction.', { A: 'Jarisch-Herxheimer Reaction', B: 'Hoigne Syndrome' }, 'chosen', 'A');
  });

  it('does not take the article "a" or a sentence-initial "A" for option A', () => {
    expectChoice('This is a classic case; the answer is a bacterial infection.', ANEMIA, 'none', null);
    expectChoice('A 45-year-old man with anemia and low reticulocytes: the answer is D.', ANEMIA, 'chosen', 'D');
    expectChoice('A patient like this needs a transfusion.', ANEMIA, 'none', null);
  });

  it('does not take negated options: "not D", "options A and B are wrong, the answer is C"', () => {
    expectChoice('not D', ANEMIA, 'none', null);
    expectChoice('The answer is C, not D.', ANEMIA, 'chosen', 'C');
    expectChoice('Options A and B are wrong, the answer is C.', ANEMIA, 'chosen', 'C');
    expectChoice('options a and b are wrong; the answer is c.', ANEMIA, 'chosen', 'C');
    expectChoice('A is incorrect, B is incorrect, so D.', ANEMIA, 'chosen', 'D');
    expectChoice('The answer is not iron deficiency; it is parvovirus B19 infection.', ANEMIA, 'chosen', 'D');
    expectChoice('The answer is D. On reflection D is wrong; the answer is E.', ANEMIA, 'chosen', 'E');
  });

  it('gives a mention its place in a differential', () => {
    expectChoice('Iron deficiency is unlikely; folate deficiency is the most likely cause.', ANEMIA, 'chosen', 'B');
    expectChoice('Iron deficiency is less likely than folate deficiency here.', ANEMIA, 'chosen', 'B');
  });

  it('lets a longer option own the text that contains a shorter option', () => {
    const options = { A: 'Iron deficiency', B: 'Iron deficiency anemia', C: 'Anemia of chronic disease' };
    expectChoice('The diagnosis is iron deficiency anemia.', options, 'chosen', 'B');
    expectChoice('Iron deficiency.', options, 'chosen', 'A');
    expectChoice('Anemia of chronic disease is less likely than iron deficiency anemia.', options, 'chosen', 'B');
  });

  it('is ambiguous when several options are named as the answer, none when none is', () => {
    expectChoice('The answer is A or B.', ANEMIA, 'ambiguous', null, ['A', 'B']);
    expectChoice('It could be folate deficiency or iron deficiency.', ANEMIA, 'ambiguous', null, ['B', 'C']);
    expectChoice('A. Benign\nB. Folate\nC. Iron\nD. Parvovirus', ANEMIA, 'ambiguous', null, ['A', 'B', 'C', 'D']);
    expectChoice('Supportive care and a transfusion.', ANEMIA, 'none', null, []);
    expectChoice('', ANEMIA, 'none', null, []);
  });

  it('reads real medical-o1 responses against their MedQA options (expectations from reading each)', () => {
    const cases: [number, string, string | null][] = [
      [6, 'chosen', 'B'], // "haloperidol is a suitable medication"
      [20, 'chosen', 'D'], // 'is known as the "Kennedy phenomenon."'
      [27, 'chosen', 'D'], // "The protein heavily involved in this condition is CD21."
      [28, 'chosen', 'C'], // "a defect in the spectrin protein"
      [37, 'chosen', 'C'], // "also known as L-myc"
      [101, 'chosen', 'B'], // Hoigne's syndrome, "distinguishing it from ... the Jarisch-Herxheimer reaction"
      [118, 'chosen', 'C'], // "most consistent with alopecia areata", "such as tinea capitis"
      [16, 'ambiguous', null], // fastest in water, compared to air, slowest in soil
    ];
    for (const [i, state, choice] of cases) {
      const r = extractChoice(responses[i]!, medqa[i]!.options);
      assert.equal(r.state, state, `response ${i}: ${JSON.stringify(r)}`);
      assert.equal(r.choice, choice, `response ${i}`);
    }
  });

  it('recovers answer_idx from common answer styles on all 120 MedQA questions', () => {
    const styles: ((q: MedQa, i: number) => string)[] = [
      (q) => `Answer: ${q.answer_idx}`,
      (q) => `The correct answer is (${q.answer_idx}) ${q.options[q.answer_idx]}.`,
      (q) => `The most likely answer is ${q.options[q.answer_idx]}.`,
      (q) => `**${q.options[q.answer_idx]}**`,
      (q) => `So the final answer is \\boxed{${q.answer_idx}}`,
    ];
    for (const style of styles) {
      medqa.forEach((q, i) => assert.equal(extractChoice(style(q, i), q.options).choice, q.answer_idx, `question ${i}: ${style(q, i)}`));
    }
  });

  it('with a real explanation appended, never picks a wrong option, and says ambiguous where the explanation disagrees', () => {
    const styles: ((q: MedQa, i: number) => string)[] = [
      (q, i) => `${q.answer_idx}. ${q.options[q.answer_idx]}\n\n${responses[i]}`,
      (q, i) => `${responses[i]}\n\nTherefore, the answer is ${q.answer_idx.toLowerCase()}.`,
    ];
    for (const style of styles) {
      let exact = 0;
      medqa.forEach((q, i) => {
        const r = extractChoice(style(q, i), q.options);
        assert.ok(r.choice === q.answer_idx || (r.state === 'ambiguous' && r.candidates.includes(q.answer_idx)), `question ${i}: ${JSON.stringify(r)}`);
        if (r.choice === q.answer_idx) exact++;
      });
      assert.ok(exact >= 115, `exact ${exact}/120`);
    }
  });

  it('handles long runs of letter-like text (a pattern that once backtracked exponentially)', () => {
    expectChoice('A, '.repeat(3000) + 'x', ANEMIA, 'none', null);
    expectChoice('The answer is ' + 'E or '.repeat(2000), ANEMIA, 'chosen', 'E');
    expectChoice('a '.repeat(5000), ANEMIA, 'none', null);
  });

  it('reads the final answer of a real model output (seed DeepSeek-R1 distill)', () => {
    const seed = readFileSync(sharedPath('data', 'seed_model_answers.jsonl'), 'utf8').split('\n')[0]!;
    const output = (JSON.parse(seed) as { output: string }).output;
    const finalAnswer = output.slice(output.indexOf('</think>') + '</think>'.length);
    const options = { A: 'Nebulized salbutamol', B: 'Intravenous magnesium sulfate', C: 'Intubation', D: 'Subcutaneous terbutaline' };
    expectChoice(finalAnswer, options, 'chosen', 'C');
  });
});
