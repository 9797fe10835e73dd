import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { extractDecision } from '../../../server/metrics';
import { sharedPath } from '../../helpers/shared';

interface PubMedQa {
  QUESTION: string;
  LONG_ANSWER: string;
  final_decision: string;
}

const pubmedqa = Object.values(JSON.parse(readFileSync(sharedPath('data', 'pubmedqa_pqal.json'), 'utf8')) as Record<string, PubMedQa>);

function expectDecision(answer: string, state: string, choice: string | null, labels?: string[]): void {
  const r = extractDecision(answer, labels);
  assert.equal(r.state, state, `${JSON.stringify(answer)} -> ${JSON.stringify(r)}`);
  assert.equal(r.choice, choice, JSON.stringify(answer));
}

describe('yes/no/maybe extraction', () => {
  it('reads a decision stated as the answer', () => {
    expectDecision('Yes.', 'chosen', 'yes');
    expectDecision('No, the study shows otherwise.', 'chosen', 'no');
    expectDecision('Yes it does, in most patients.', 'chosen', 'yes');
    expectDecision('The answer is maybe.', 'chosen', 'maybe');
    expectDecision('Final decision: NO', 'chosen', 'no');
    expectDecision('In conclusion, yes, it does.', 'chosen', 'yes');
    expectDecision('**Answer:** Yes', 'chosen', 'yes');
    expectDecision('There is no evidence of benefit. Therefore, the answer is no.', 'chosen', 'no');
    expectDecision('\\boxed{maybe}', 'chosen', 'maybe');
  });

  it('does not read "no" or "maybe" used as ordinary words', () => {
    expectDecision('No significant difference was found between the groups.', 'none', null);
    expectDecision('Maybe the drug helps some patients.', 'none', null);
    expectDecision('There is no evidence that it works, and no trial addressed it.', 'none', null);
    expectDecision('It is unclear.', 'none', null);
  });

  it('is ambiguous when it states two different decisions', () => {
    expectDecision('Yes. The data are weak, though; so the answer is maybe.', 'ambiguous', null);
  });

  it('returns the label as the caller spelled it, for any label set', () => {
    expectDecision('The answer is Maybe.', 'chosen', 'MAYBE', ['YES', 'NO', 'MAYBE']);
    expectDecision('Verdict: benign', 'chosen', 'benign', ['benign', 'malignant']);
  });

  it('reads no decision into any of the 300 PubMedQA expert conclusions, which state findings', () => {
    assert.equal(pubmedqa.length, 300);
    for (const item of pubmedqa) assert.equal(extractDecision(item.LONG_ANSWER).state, 'none', item.LONG_ANSWER);
  });

  it('recovers final_decision from common answer styles around the real conclusions', () => {
    const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
    const styles = [
      (v: PubMedQa) => `${capital(v.final_decision)}. ${v.LONG_ANSWER}`,
      (v: PubMedQa) => `${v.LONG_ANSWER}\n\nAnswer: ${v.final_decision}`,
      (v: PubMedQa) => `**Final decision:** ${v.final_decision.toUpperCase()}\n\n${v.LONG_ANSWER}`,
      (v: PubMedQa) => `${v.LONG_ANSWER} In conclusion, ${v.final_decision}.`,
    ];
    for (const style of styles) {
      for (const item of pubmedqa) assert.equal(extractDecision(style(item)).choice, item.final_decision, style(item));
    }
  });
});
