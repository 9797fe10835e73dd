import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { jsonLines, runCliForTest } from '../../helpers/cliHarness';
import { sharedPath } from '../../helpers/shared';

const vectors = readFileSync(sharedPath('data', 'rouge_reference.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { id: string; reference: string; candidate: string; use_stemmer: boolean; scores: unknown });

describe('medreview rouge', () => {
  it('writes one line per input with the reference numbers to the last bit, in input order', async () => {
    const sample = vectors.filter((_, i) => i % 7 === 0);
    const stdin = sample.map((v) => JSON.stringify({ reference: v.reference, candidate: v.candidate, use_stemmer: v.use_stemmer })).join('\n') + '\n';
    const r = await runCliForTest(['rouge'], stdin);
    assert.equal(r.code, 0, r.stderr);
    const out = jsonLines(r.stdout);
    assert.equal(out.length, sample.length);
    // Full double precision: JSON numbers parse back to exactly the reference's doubles.
    sample.forEach((v, i) => assert.deepEqual(out[i], v.scores, v.id));
    assert.deepEqual(Object.keys(out[0] as object), ['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
  });

  it('answers bad lines in place with line and field, keeps going, and exits 1', async () => {
    const stdin = ['{"reference":"a b","candidate":"a","use_stemmer":false}', 'not json', '{"reference":"a","candidate":2}', '{"reference":"a","candidate":"a","use_stemmer":"yes"}', '{"reference":"a","candidate":"a","split_summaries":true}', '{"reference":"a","candidate":"a"}'].join('\n');
    const r = await runCliForTest(['rouge'], stdin);
    assert.equal(r.code, 1);
    const out = jsonLines(r.stdout) as Record<string, unknown>[];
    assert.equal(out.length, 6);
    assert.equal((out[0]!.rouge1 as { recall: number }).recall, 0.5);
    assert.deepEqual([out[1]!.line, out[2]!.field, out[3]!.field, out[4]!.field], [2, 'candidate', 'use_stemmer', 'split_summaries']);
    assert.equal((out[5]!.rougeL as { fmeasure: number }).fmeasure, 1);
    assert.match(r.stderr, /<stdin>:3:1: error \[candidate\]/);
  });
});

describe('medreview extract-choice', () => {
  it('extracts options and labels per the contract', async () => {
    const stdin = [
      { answer: 'The correct answer is D.', options: { A: 'Benign', B: 'Folate deficiency', C: 'Iron deficiency', D: 'Parvovirus B19 infection' } },
      { answer: 'It is either folate deficiency or iron deficiency.', options: { A: 'Benign', B: 'Folate deficiency', C: 'Iron deficiency' } },
      { answer: 'Supportive care.', options: { A: 'Benign', B: 'Folate deficiency' } },
      { answer: 'No, it does not.', labels: ['yes', 'no', 'maybe'] },
    ]
      .map((x) => JSON.stringify(x))
      .join('\n');
    const r = await runCliForTest(['extract-choice'], stdin);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(jsonLines(r.stdout), [
      { choice: 'D', state: 'chosen' },
      { choice: null, state: 'ambiguous' },
      { choice: null, state: 'none' },
      { choice: 'no', state: 'chosen' },
    ]);
  });

  it('rejects input with both or neither of options and labels, naming the field where there is one', async () => {
    const stdin = ['{"answer":"D","options":{"A":"x"},"labels":["yes"]}', '{"answer":"D"}', '{"answer":"D","options":{"A":3}}', '{"answer":5,"labels":["yes"]}'].join('\n');
    const r = await runCliForTest(['extract-choice'], stdin);
    assert.equal(r.code, 1);
    const out = jsonLines(r.stdout) as { line: number; field?: string }[];
    assert.deepEqual(out.map((o) => [o.line, o.field]), [[1, undefined], [2, undefined], [3, 'options.A'], [4, 'answer']]);
  });

  it('has usage text and rejects unknown arguments', async () => {
    assert.match((await runCliForTest(['extract-choice', '--help'])).stdout, /"state": "chosen"\|"ambiguous"\|"none"/);
    assert.equal((await runCliForTest(['rouge', '--bogus'])).code, 2);
  });
});
