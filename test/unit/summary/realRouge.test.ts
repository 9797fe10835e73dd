import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { defaultRubric } from '../../../server/rubric';
import { summarizeStudy, type SummaryRouge } from '../../../server/summary';
import { sharedPath } from '../../helpers/shared';

interface Vector {
  id: string;
  scores: Record<'rouge1' | 'rouge2' | 'rougeL', { fmeasure: number }>;
}

/**
 * ROUGE F-measures computed by the reference implementation (rouge-score 0.1.2) on real dataset texts,
 * grouped as two "models": final responses scored against their reasoning (60 pairs without stemming) and
 * PubMedQA long answers against their question (20 pairs).
 */
function realRouge(): SummaryRouge[] {
  const lines = readFileSync(sharedPath('data', 'rouge_reference.jsonl'), 'utf8').split('\n').filter(Boolean);
  const groups: Record<string, string> = { 'med-resp-vs-cot-': 'response-vs-reasoning', 'pubmed-la-vs-question-': 'long-answer-vs-question' };
  return lines.flatMap((line) => {
    const v = JSON.parse(line) as Vector;
    const prefix = Object.keys(groups).find((p) => v.id.startsWith(p) && v.id.endsWith(':nostem'));
    if (!prefix) return [];
    return [{ answerId: v.id, model: groups[prefix]!, rouge1: v.scores.rouge1.fmeasure, rouge2: v.scores.rouge2.fmeasure, rougeL: v.scores.rougeL.fmeasure }];
  });
}

describe('summary ROUGE on reference-implementation scores of real texts', () => {
  const rows = realRouge();
  const summary = summarizeStudy({ rubric: defaultRubric(), ratings: [], rouge: rows });

  it('averages every answer of each group', () => {
    assert.deepEqual(summary.models.map((m) => [m.model, m.rouge?.answers]), [
      ['long-answer-vs-question', 20],
      ['response-vs-reasoning', 60],
    ]);
    for (const m of summary.models) {
      const own = rows.filter((r) => r.model === m.model);
      const mean = own.reduce((s, r) => s + r.rougeL, 0) / own.length;
      assert.ok(Math.abs((m.rouge?.rougeL.estimate ?? NaN) - mean) < 1e-12, m.model);
      assert.equal(m.ratings, 0);
      assert.equal(m.overall, null);
    }
  });

  it('gives intervals close to the normal approximation 1.96 s / sqrt(n)', () => {
    for (const m of summary.models) {
      const values = rows.filter((r) => r.model === m.model).map((r) => r.rouge1);
      const n = values.length;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
      const expected = 1.959964 * (sd / Math.sqrt(n));
      const e = m.rouge!.rouge1;
      const half = (e.high - e.low) / 2;
      assert.ok(e.low < e.estimate && e.estimate < e.high);
      assert.ok(Math.abs(half - expected) / expected < 0.2, `${m.model}: half-width ${half} vs ${expected}`);
    }
  });
});
