import { strict as assert } from 'node:assert';
import { fleissKappa, fleissKappaFromCounts } from '../../../server/agreement';

/**
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin
 * 76, 378-382, Table 1: 30 patients, each diagnosed by 6 psychiatrists into depression, personality
 * disorder, schizophrenia, neurosis, other. Published kappa = .430 (R irr::kappam.fleiss: 0.4302445).
 * Rows are the counts per category; the raw form below (one diagnosis per rater) is irr's `diagnoses`.
 */
const fleiss1971Counts = [
  [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
  [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
  [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
  [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
  [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
  [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
];

const diagnosesByPatient = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];
const ratersByPatient = [0, 1, 2, 3, 4, 5].map((r) => diagnosesByPatient.map((patient) => patient[r] ?? null));

describe("Fleiss' kappa", () => {
  it('Fleiss (1971) Table 1: .430', () => {
    const r = fleissKappaFromCounts(fleiss1971Counts);
    assert.equal(r.kappa?.toFixed(3), '0.430');
    assert.equal(r.units, 30);
  });

  it('the same data as six raters per patient agree with R irr to seven digits (0.4302445)', () => {
    assert.equal(fleissKappa(ratersByPatient).kappa?.toFixed(7), '0.4302445');
  });

  it('the 14-rater, 10-subject example of the Wikipedia article: 0.210', () => {
    // https://en.wikipedia.org/wiki/Fleiss%27_kappa, worked example (P-bar = 0.378, P-bar_e = 0.213).
    const counts = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const r = fleissKappaFromCounts(counts);
    assert.equal(r.kappa?.toFixed(3), '0.210');
    assert.equal((1 - r.observedDisagreement).toFixed(3), '0.378');
    assert.equal((1 - r.expectedDisagreement).toFixed(3), '0.213');
  });

  describe('degenerate cases return null with a reason', () => {
    it('a missing rating (Fleiss has no missing-data form)', () => {
      const r = fleissKappa([[1, 2, 3], [1, null, 3], [1, 2, 2]]);
      assert.deepEqual([r.kappa, r.reason], [null, 'missing-values']);
    });
    it('every rating the same', () => assert.equal(fleissKappa([['a', 'a'], ['a', 'a'], ['a', 'a']]).reason, 'no-variation'));
    it('a single rater', () => assert.equal(fleissKappa([[1, 2, 3]]).reason, 'too-few-raters'));
    it('one rating per unit in a count table', () => assert.equal(fleissKappaFromCounts([[1, 0], [0, 1]]).reason, 'too-few-raters'));
    it('no units', () => assert.equal(fleissKappaFromCounts([]).reason, 'no-pairable-values'));
  });

  it('refuses a count table with different numbers of raters per unit', () => {
    assert.throws(() => fleissKappaFromCounts([[3, 0], [1, 1]]), /unit 2 has 2 ratings but unit 1 has 3/);
  });
});
