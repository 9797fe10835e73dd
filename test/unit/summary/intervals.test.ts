import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../../server/rubric';
import { summarizeStudy, type MeanEstimate, type SummaryRating } from '../../../server/summary';
import { rating, twoModelStudy } from './studyFixture';

/** `answers` answers of one model, one rating each, overall scores cycling 1, 2, 3, 4, 5. */
function cyclingScores(answers: number): SummaryRating[] {
  return Array.from({ length: answers }, (_, i) => rating('r1', `a${String(i).padStart(4, '0')}`, 'm', {}, (i % 5) + 1));
}

function overallOf(ratings: SummaryRating[], seed?: number): MeanEstimate {
  const overall = summarizeStudy({ rubric: defaultRubric(), ratings }, seed === undefined ? {} : { seed }).models[0]?.overall;
  assert.ok(overall);
  return overall;
}

describe('summary intervals', () => {
  it('contain the estimate and stay inside the scale', () => {
    const s = summarizeStudy({ rubric: defaultRubric(), ratings: twoModelStudy() });
    for (const m of s.models) {
      const means = [m.overall, ...m.axes.map((a) => (a.measure === 'mean' ? a.mean : null))].filter((e): e is MeanEstimate => e !== null);
      for (const e of means) assert.ok(e.low <= e.estimate && e.estimate <= e.high, `${m.model}: ${JSON.stringify(e)}`);
      assert.ok(m.overall && m.overall.low >= 1 && m.overall.high <= 5);
    }
  });

  it('are reproducible for a seed and change with it', () => {
    const data = cyclingScores(40);
    assert.deepEqual(overallOf(data, 7), overallOf(data, 7));
    assert.notDeepEqual(overallOf(data, 7), overallOf(data, 8));
    assert.deepEqual(overallOf(data), overallOf(data, 1), 'the default seed is 1');
  });

  it('shrink like 1/sqrt(n): four times the answers, about half the width', () => {
    const small = overallOf(cyclingScores(20));
    const large = overallOf(cyclingScores(80));
    const ratio = (large.high - large.low) / (small.high - small.low);
    assert.ok(ratio > 0.35 && ratio < 0.65, `width ratio ${ratio}`);
  });

  it('match the normal approximation on a large sample', () => {
    // Scores 1..5 in equal numbers: mean 3, population variance 2, so the standard error over 400 answers
    // is sqrt(2/400) and the 95% interval is about 3 +- 1.96 * 0.0707 = [2.861, 3.139].
    const e = overallOf(cyclingScores(400));
    assert.equal(e.estimate, 3);
    const half = 1.959964 * Math.sqrt(2 / 400);
    assert.ok(Math.abs(e.low - (3 - half)) < 0.02, `low ${e.low}`);
    assert.ok(Math.abs(e.high - (3 + half)) < 0.02, `high ${e.high}`);
  });

  it('collapse to the value when every answer scores the same', () => {
    const e = overallOf(Array.from({ length: 6 }, (_, i) => rating('r1', `a${i}`, 'm', {}, 4)));
    assert.deepEqual([e.estimate, e.low, e.high, e.n], [4, 4, 4, 6]);
  });

  it('resample answers, not ratings: two identical raters do not narrow the interval', () => {
    const one = cyclingScores(30);
    const two = [...one, ...one.map((r) => ({ ...r, raterId: 'r2' }))];
    assert.deepEqual(overallOf(two), overallOf(one));
  });
});
