import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { scoreRouge, ROUGE_TYPES, UnsupportedRougeOptionError, type RougeScore, type RougeType } from '../../../server/metrics';
import { sharedPath } from '../../helpers/shared';

interface Vector {
  id: string;
  reference: string;
  candidate: string;
  use_stemmer: boolean;
  split_summaries: boolean;
  scores: Record<RougeType, RougeScore>;
}

const vectors = readFileSync(sharedPath('data', 'rouge_reference.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Vector);

describe('ROUGE against rouge-score 0.1.2 reference vectors', () => {
  it('has all 412 vectors, with and without stemming', () => {
    assert.equal(vectors.length, 412);
    assert.equal(vectors.filter((v) => v.use_stemmer).length, 206);
  });

  it('vectors were made with split_summaries=false: Lsum splits at newlines only', () => {
    assert.ok(vectors.every((v) => v.split_summaries === false));
    // A one-line reference of many sentences against its sentences shuffled: split into sentences (NLTK), the
    // union-LCS would recover the reordered sentences; split at newlines there is one "sentence" each side,
    // so the reference's Lsum equals its L, and so must ours.
    const shuffled = vectors.find((v) => v.id === 'long-oneline-vs-shuffled-sentences:nostem');
    assert.ok(shuffled, 'the shuffled-sentences vector is present');
    assert.ok(!shuffled.reference.includes('\n') && shuffled.reference.split('. ').length > 20);
    assert.deepEqual(shuffled.scores.rougeLsum, shuffled.scores.rougeL);
    const got = scoreRouge(shuffled.reference, shuffled.candidate);
    assert.deepEqual(got.rougeLsum, got.rougeL);
    assert.ok(got.rougeL.fmeasure < 0.5);
  });

  it('refuses split_summaries=true rather than silently splitting differently', () => {
    assert.throws(() => scoreRouge('a. b.', 'a. b.', { splitSummaries: true }), UnsupportedRougeOptionError);
  });

  for (const v of vectors) {
    it(`matches ${v.id} to 1e-9`, () => {
      const got = scoreRouge(v.reference, v.candidate, { useStemmer: v.use_stemmer });
      for (const type of ROUGE_TYPES) {
        for (const field of ['precision', 'recall', 'fmeasure'] as const) {
          const want = v.scores[type][field];
          assert.ok(Math.abs(got[type][field] - want) <= 1e-9, `${type}.${field}: got ${got[type][field]}, reference ${want}`);
        }
      }
    });
  }
});
