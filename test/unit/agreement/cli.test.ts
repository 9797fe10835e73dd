import { strict as assert } from 'node:assert';
import { runCliForTest } from '../../helpers/cliHarness';

interface Output {
  krippendorffAlpha: number | null;
  fleissKappa: number | null;
  cohenKappa: number | null;
}

async function agreement(args: string[], input: unknown): Promise<{ out: Output; stderr: string }> {
  const r = await runCliForTest(['agreement', ...args], typeof input === 'string' ? input : JSON.stringify(input));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'one JSON line');
  return { out: JSON.parse(lines[0] ?? '') as Output, stderr: r.stderr };
}

// Krippendorff (2011), section C: interval alpha .849, with missing values.
const krippendorff2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('medreview agreement', () => {
  it('prints exactly the contract keys; alpha only when values are missing and there are four raters', async () => {
    const { out } = await agreement(['--level', 'interval'], krippendorff2011);
    assert.deepEqual(Object.keys(out), ['krippendorffAlpha', 'fleissKappa', 'cohenKappa']);
    assert.equal(out.krippendorffAlpha?.toFixed(3), '0.849');
    assert.equal(out.fleissKappa, null);
    assert.equal(out.cohenKappa, null);
  });

  it('gives all three for two raters without missing values', async () => {
    // Artstein and Poesio (2008), Table 1 as 100 rating pairs: kappa .348.
    const a = [...Array<string>(40).fill('yes'), ...Array<string>(60).fill('no')];
    const b = [...Array<string>(20).fill('yes'), ...Array<string>(20).fill('no'), ...Array<string>(10).fill('yes'), ...Array<string>(50).fill('no')];
    const { out } = await agreement(['--level=nominal'], [a, b]);
    assert.equal(out.cohenKappa?.toFixed(3), '0.348');
    assert.equal(typeof out.fleissKappa, 'number');
    assert.equal(typeof out.krippendorffAlpha, 'number');
  });

  it('uses --order for text categories and --weights for Cohen', async () => {
    const data = [['low', 'high', 'medium', 'low'], ['low', 'medium', 'medium', 'high']];
    const linear = await agreement(['--level', 'ordinal', '--order', 'low,medium,high'], data);
    const unweighted = await agreement(['--level', 'ordinal', '--order', '["low","medium","high"]', '--weights', 'none'], data);
    assert.equal(typeof linear.out.krippendorffAlpha, 'number');
    assert.notEqual(linear.out.cohenKappa, unweighted.out.cohenKappa);
  });

  it('prints null and says why on stderr when every value is the same', async () => {
    const { out, stderr } = await agreement(['--level', 'nominal'], [[3, 3], [3, 3]]);
    assert.deepEqual(out, { krippendorffAlpha: null, fleissKappa: null, cohenKappa: null });
    assert.match(stderr, /krippendorffAlpha is null: all compared values are the same/);
  });

  it('exits 2 with usage when --level is missing or unknown', async () => {
    for (const args of [[], ['--level', 'likert'], ['--level'], ['--bogus']]) {
      const r = await runCliForTest(['agreement', ...args], '[[1],[1]]');
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: medreview agreement/);
    }
  });

  it('points at invalid JSON by line and column', async () => {
    const r = await runCliForTest(['agreement', '--level', 'nominal'], '[[1, 2],\n [1 2]]');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^<stdin>:2:5: error: invalid JSON/);
  });

  it('names the rater and unit of a value that is not a rating', async () => {
    const r = await runCliForTest(['agreement', '--level', 'nominal'], '[[1, 2],\n [1, {"x": 1}]]');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^<stdin>:2:6: error \[\[1\]\[1\]\]: rater 2, unit 2/);
  });

  it('refuses raters with different numbers of units and tells how to mark a missing rating', async () => {
    const r = await runCliForTest(['agreement', '--level', 'nominal'], '[[1, 2, 3], [1, 2]]');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /rater 2 has 2 values but rater 1 has 3; use null/);
  });

  it('reports text values at interval level as an error, not a crash', async () => {
    const r = await runCliForTest(['agreement', '--level', 'interval'], '[["a", "b"], ["a", "a"]]');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /need numbers/);
  });
});
