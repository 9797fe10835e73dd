import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { scoreRouge, summarizeRougeByModel, type ScoredAnswer } from '../../../server/metrics';
import { sharedPath } from '../../helpers/shared';

interface O1Row {
  Question: string;
  Complex_CoT: string;
  Response: string;
}

const rows = JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as O1Row[];

describe('corpus ROUGE per model', () => {
  // Two "models" on the 120 medical-o1 questions: the full response, and only its first sentence.
  const answers: ScoredAnswer[] = rows.flatMap((r) => [
    { model: 'full-response', scores: scoreRouge(r.Complex_CoT, r.Response) },
    { model: 'first-sentence', scores: scoreRouge(r.Complex_CoT, r.Response.split('. ')[0] ?? '') },
  ]);
  const summary = summarizeRougeByModel(answers, { seed: 9 });

  it('lists each model once, by name, with its answer count', () => {
    assert.deepEqual(summary.map((s) => [s.model, s.answers]), [['first-sentence', 120], ['full-response', 120]]);
  });

  it('reports the plain mean over answers, inside its interval', () => {
    for (const s of summary) {
      const own = answers.filter((a) => a.model === s.model);
      for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) {
        const m = s.metrics[type];
        assert.ok(m);
        assert.equal(m.n, 120);
        const mean = own.reduce((sum, a) => sum + a.scores[type]!.fmeasure, 0) / own.length;
        assert.ok(Math.abs(m.fmeasure.mean - mean) < 1e-12);
        assert.ok(m.fmeasure.low < m.fmeasure.mean && m.fmeasure.mean < m.fmeasure.high, `${s.model} ${type}`);
        assert.ok(m.recall.low <= m.recall.mean && m.recall.mean <= m.recall.high);
      }
    }
  });

  it('separates a first sentence from the full response on recall', () => {
    const first = summary[0]!.metrics.rouge1!;
    const full = summary[1]!.metrics.rouge1!;
    assert.ok(first.recall.high < full.recall.low, 'intervals of very different recalls do not overlap');
  });

  it('is reproducible with a seed and counts only answers that have a metric', () => {
    assert.deepEqual(summarizeRougeByModel(answers, { seed: 9 }), summary);
    const partial = summarizeRougeByModel([
      { model: 'm', scores: { rouge1: { precision: 1, recall: 0.5, fmeasure: 2 / 3 } } },
      { model: 'm', scores: {} },
    ]);
    assert.equal(partial[0]?.answers, 2);
    assert.equal(partial[0]?.metrics.rouge1?.n, 1);
    assert.equal(partial[0]?.metrics.rouge2, undefined);
  });
});
