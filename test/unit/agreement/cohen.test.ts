import { strict as assert } from 'node:assert';
import { cohenKappa, cohenKappaFromTable, weightMatrix } from '../../../server/agreement';

function kappa(r: { kappa: number | null; reason?: string }): number {
  assert.notEqual(r.kappa, null, r.reason);
  return r.kappa as number;
}

/**
 * Cohen, J. (1968). Weighted kappa. Psychological Bulletin 70, 213-220: the 3x3 table of proportions
 * for 200 cases that the paper uses (as reproduced in the examples of R's psych::cohen.kappa).
 * Published: kappa = .492; weighted with the disagreement weights below, kappa_w = .348; with the
 * asymmetric weights, kappa_w = .353.
 */
const cohen1968 = [
  [0.44, 0.07, 0.09],
  [0.05, 0.2, 0.05],
  [0.01, 0.03, 0.06],
];

describe("Cohen's kappa", () => {
  describe('Cohen (1968) worked example', () => {
    it('unweighted: .492', () => assert.equal(kappa(cohenKappaFromTable(cohen1968)).toFixed(3), '0.492'));
    it('weighted with symmetric disagreement weights (0,1,3 / 1,0,6 / 3,6,0): .348', () => {
      const w = [
        [0, 1, 3],
        [1, 0, 6],
        [3, 6, 0],
      ];
      assert.equal(kappa(cohenKappaFromTable(cohen1968, w)).toFixed(3), '0.348');
    });
    it('weighted with asymmetric weights (0,1,4 / 1,0,6 / 2,2,0): .353', () => {
      const w = [
        [0, 1, 4],
        [1, 0, 6],
        [2, 2, 0],
      ];
      assert.equal(kappa(cohenKappaFromTable(cohen1968, w)).toFixed(3), '0.353');
    });
    it('gives the same result from counts as from proportions', () => {
      const counts = cohen1968.map((row) => row.map((p) => Math.round(p * 200)));
      assert.ok(Math.abs(kappa(cohenKappaFromTable(counts)) - kappa(cohenKappaFromTable(cohen1968))) < 1e-12);
    });
  });

  it('matches the two-coder table of Artstein and Poesio (2008), Computational Linguistics 34(4), Table 1: .348', () => {
    // 100 items, rows coder A, columns coder B: p_o = .7, p_e = .4*.3 + .6*.7 = .54, kappa = .16/.46.
    assert.equal(kappa(cohenKappaFromTable([[20, 20], [10, 50]])).toFixed(3), '0.348');
  });

  it('matches unweighted, linear and quadratic kappa of the scikit-learn reference test (0.9315, 0.9412, 0.9541)', () => {
    // Table [[46,0,0],[4,40,0],[0,0,10]]. By hand: p_o = .96, p_e = .416, kappa = .544/.584; linear
    // disagreement observed .04, expected .68; quadratic observed .04, expected .872.
    const a = [...Array<number>(46).fill(0), ...Array<number>(44).fill(1), ...Array<number>(10).fill(2)];
    const b = [...Array<number>(50).fill(0), ...Array<number>(40).fill(1), ...Array<number>(10).fill(2)];
    assert.equal(kappa(cohenKappa(a, b)).toFixed(4), '0.9315');
    assert.equal(kappa(cohenKappa(a, b, { weights: 'linear' })).toFixed(4), '0.9412');
    assert.equal(kappa(cohenKappa(a, b, { weights: 'quadratic' })).toFixed(4), '0.9541');
  });

  it("matches R irr::kappa2 on the irr 'anxiety' ratings, raters 2 and 3 (-0.00629, 0.14591, 0.25203)", () => {
    // Values from kappa2(anxiety[,2:3]) with weights "unweighted", "equal" and "squared"; irr ranks the
    // categories in use (1, 2, 3, 4, 6), which is also this module's default.
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    assert.equal(kappa(cohenKappa(rater2, rater3)).toFixed(6), '-0.006289');
    assert.equal(kappa(cohenKappa(rater2, rater3, { weights: 'linear' })).toFixed(6), '0.145907');
    assert.equal(kappa(cohenKappa(rater2, rater3, { weights: 'quadratic' })).toFixed(6), '0.252033');
  });

  it('leaves out units either rater did not rate', () => {
    const withGaps = cohenKappa([1, 2, null, 2, 1, 3], [1, 2, 3, undefined, 2, 3]);
    const without = cohenKappa([1, 2, 1, 3], [1, 2, 2, 3]);
    assert.equal(withGaps.units, 4);
    assert.equal(withGaps.kappa, without.kappa);
  });

  it('counts an unused category of the given scale in weighted distances', () => {
    // Categories 1, 2 and 4 in use on a 1-4 scale: 2 and 4 are two steps apart, not one.
    const a = [1, 2, 4, 1, 4, 2];
    const b = [2, 2, 4, 1, 2, 4];
    const seen = kappa(cohenKappa(a, b, { weights: 'linear' }));
    assert.equal(kappa(cohenKappa(a, b, { weights: 'linear', categories: [1, 2, 4] })), seen);
    const fullScale = kappa(cohenKappa(a, b, { weights: 'linear', categories: [1, 2, 3, 4] }));
    assert.ok(Math.abs(fullScale - seen) > 0.01, `${fullScale} vs ${seen}`);
  });

  it('builds linear and quadratic weights from rank distance', () => {
    assert.deepEqual(weightMatrix('linear', 3), [[0, 0.5, 1], [0.5, 0, 0.5], [1, 0.5, 0]]);
    assert.deepEqual(weightMatrix('quadratic', 3), [[0, 0.25, 1], [0.25, 0, 0.25], [1, 0.25, 0]]);
  });

  describe('degenerate cases return null with a reason', () => {
    it('both raters always use the same single category', () => {
      const r = cohenKappa(['yes', 'yes', 'yes'], ['yes', 'yes', 'yes']);
      assert.deepEqual([r.kappa, r.reason], [null, 'no-variation']);
    });
    it('no unit rated by both', () => {
      const r = cohenKappa([1, null], [null, 2]);
      assert.deepEqual([r.kappa, r.reason, r.units], [null, 'no-pairable-values', 0]);
    });
    it('an empty table', () => assert.equal(cohenKappaFromTable([]).reason, 'no-pairable-values'));
  });

  it('refuses mismatched lengths and a non-square table with a clear message', () => {
    assert.throws(() => cohenKappa([1, 2], [1]), /2 and 1 values/);
    assert.throws(() => cohenKappaFromTable([[1, 2], [3]]), /square/);
    assert.throws(() => cohenKappaFromTable([[1, 0], [0, 1]], [[0, 1]]), /2x2 matrix/);
  });
});
