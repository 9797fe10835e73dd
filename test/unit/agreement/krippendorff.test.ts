import { strict as assert } from 'node:assert';
import { krippendorffAlpha, type ReliabilityData } from '../../../server/agreement';

const _ = null;

/**
 * Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania, section C (any number of observers, missing data):
 * 4 observers, 12 units, values 1-5. Published: nominal .743, ordinal .815, interval .849, ratio .797.
 */
const krippendorff2011: ReliabilityData = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

function alpha(data: ReliabilityData, level: 'nominal' | 'ordinal' | 'interval' | 'ratio', order?: (string | number)[]): number {
  const r = krippendorffAlpha(data, level, order ? { order } : {});
  assert.notEqual(r.alpha, null, r.reason);
  return r.alpha as number;
}

describe("Krippendorff's alpha", () => {
  describe('against the published worked example with missing values (Krippendorff 2011)', () => {
    it('nominal: 0.743', () => assert.equal(alpha(krippendorff2011, 'nominal').toFixed(3), '0.743'));
    it('ordinal: 0.815', () => assert.equal(alpha(krippendorff2011, 'ordinal').toFixed(3), '0.815'));
    it('interval: 0.849', () => assert.equal(alpha(krippendorff2011, 'interval').toFixed(3), '0.849'));
    it('ratio: 0.797', () => assert.equal(alpha(krippendorff2011, 'ratio').toFixed(3), '0.797'));

    it('pairs only the 40 values of the 11 units coded by two or more observers', () => {
      const r = krippendorffAlpha(krippendorff2011, 'nominal');
      assert.equal(r.pairableValues, 40);
      assert.equal(r.units, 11);
      // Counted by hand: off-diagonal coincidences are 2 (unit 2: one 3 among 2s, 6 ordered pairs / 3),
      // 4 (unit 6: four different values, 12 / 3) and 2 (unit 8), so D_o = 8 / 40.
      assert.equal(r.observedDisagreement.toFixed(3), '0.200');
    });
  });

  it('matches the binary two-observer example of the same paper (section A): 0.095', () => {
    const data: ReliabilityData = [
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ];
    assert.equal(alpha(data, 'nominal').toFixed(3), '0.095');
  });

  it('matches the three-coder computational example of the Wikipedia article: nominal 0.691, interval 0.811', () => {
    // https://en.wikipedia.org/wiki/Krippendorff%27s_alpha, "A computational example" (15 units, 3 coders).
    const data: ReliabilityData = [
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ];
    assert.equal(alpha(data, 'nominal').toFixed(3), '0.691');
    assert.equal(alpha(data, 'interval').toFixed(3), '0.811');
  });

  it('gives the same ordinal alpha for text categories in a given order as for their ranks', () => {
    const names = ['none', 'mild', 'moderate', 'severe', 'fatal'];
    const asText = krippendorff2011.map((row) => row.map((v) => (typeof v === 'number' ? (names[v - 1] ?? null) : null)));
    assert.equal(alpha(asText, 'ordinal', names), alpha(krippendorff2011, 'ordinal'));
    assert.equal(alpha(asText, 'nominal'), alpha(krippendorff2011, 'nominal'));
  });

  it('does not change when interval data are shifted and scaled (and keeps its digits far from zero)', () => {
    const shifted = krippendorff2011.map((row) => row.map((v) => (typeof v === 'number' ? 1e9 + 3 * v : null)));
    assert.ok(Math.abs(alpha(shifted, 'interval') - alpha(krippendorff2011, 'interval')) < 1e-9);
  });

  it('is 1 for perfect agreement and lower when one value is changed', () => {
    const perfect: ReliabilityData = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, _],
    ];
    assert.equal(alpha(perfect, 'interval'), 1);
    const changed = perfect.map((row, r) => row.map((v, u) => (r === 0 && u === 0 ? 4 : v)));
    assert.ok(alpha(changed, 'interval') < 1);
  });

  describe('degenerate data return null with a reason instead of throwing', () => {
    it('every pairable value the same: no variation', () => {
      const r = krippendorffAlpha([[2, 2, 2], [2, 2, _]], 'nominal');
      assert.deepEqual([r.alpha, r.reason], [null, 'no-variation']);
      assert.equal(krippendorffAlpha([[0.1, 0.1], [0.1, 0.1]], 'interval').reason, 'no-variation');
    });

    it('no unit rated twice: nothing to pair', () => {
      const r = krippendorffAlpha([[1, _, 3], [_, 2, _]], 'interval');
      assert.deepEqual([r.alpha, r.reason, r.pairableValues], [null, 'no-pairable-values', 0]);
    });

    it('a single rater, or no data at all', () => {
      assert.equal(krippendorffAlpha([[1, 2, 3]], 'ordinal').reason, 'no-pairable-values');
      assert.equal(krippendorffAlpha([], 'nominal').reason, 'no-pairable-values');
    });
  });

  describe('bad input is refused with a message naming the spot', () => {
    it('ragged rows', () => assert.throws(() => krippendorffAlpha([[1, 2], [1]], 'nominal'), /rater 2 has 1 values but rater 1 has 2/));
    it('text at interval level', () => assert.throws(() => krippendorffAlpha([['a', 'b'], ['a', 'a']], 'interval'), /need numbers/));
    it('ordinal text without an order', () => assert.throws(() => krippendorffAlpha([['low', 'high'], ['low', 'low']], 'ordinal'), /explicit order/));
    it('a value missing from the order', () => assert.throws(() => alpha([['low', 'huge'], ['low', 'low']], 'ordinal', ['low', 'high']), /"huge" is not in the given order/));
  });
});
