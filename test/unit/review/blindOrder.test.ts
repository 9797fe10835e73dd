import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { blindLabel, blindOrder, blindShuffle } from '../../../server/review';
import { repoRoot } from '../../helpers/shared';

const answers = ['deepseek-r1-8b', 'mistral-7b', 'llama-3-8b', 'meditron-7b', 'qwen-2.5-7b'];

describe('blind order of answers', () => {
  it('is the same on every call and does not depend on the order the answers arrive in', () => {
    const first = blindOrder('dr.lee', 'q-17', answers);
    assert.deepEqual(blindOrder('dr.lee', 'q-17', answers), first);
    assert.deepEqual(blindOrder('dr.lee', 'q-17', [...answers].reverse()), first);
    assert.deepEqual([...first].sort(), [...answers].sort(), 'a permutation of the answers');
  });

  it('is the same in another process with another locale and time zone', () => {
    const script = `const { blindOrder } = require('./server/review'); process.stdout.write(JSON.stringify(blindOrder('dr.lee', 'q-17', ${JSON.stringify(answers)})));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), blindOrder('dr.lee', 'q-17', answers));
  });

  it('follows the documented derivation: sort by SHA-256 of the length-prefixed (tag, rater, question, answer)', () => {
    // Stored positions depend on this scheme; changing it would silently reshuffle every study.
    const rank = (r: string, q: string, a: string): string =>
      createHash('sha256')
        .update(['medreview-blind-order-v1', r, q, a].map((f) => `${f.length}:${f}`).join('|'))
        .digest('hex');
    for (const [rater, question] of [['dr.lee', 'q-17'], ['r2', 'pubmed:21645374'], ['', '']]) {
      const expected = [...answers].sort((x, y) => (rank(rater ?? '', question ?? '', x) < rank(rater ?? '', question ?? '', y) ? -1 : 1));
      assert.deepEqual(blindOrder(rater ?? '', question ?? '', answers), expected);
    }
  });

  it('differs between raters and between questions', () => {
    let sameForOtherRater = 0;
    let sameForOtherQuestion = 0;
    for (let q = 0; q < 200; q++) {
      const order = blindOrder('rater-a', `q${q}`, answers);
      if (JSON.stringify(order) === JSON.stringify(blindOrder('rater-b', `q${q}`, answers))) sameForOtherRater++;
      if (JSON.stringify(order) === JSON.stringify(blindOrder('rater-a', `q${q + 1000}`, answers))) sameForOtherQuestion++;
    }
    // 5 answers have 120 orders: about 2 of 200 coincide by chance.
    assert.ok(sameForOtherRater < 12, String(sameForOtherRater));
    assert.ok(sameForOtherQuestion < 12, String(sameForOtherQuestion));
  });

  it('keeps the answers a rater has seen in the same order when a new answer is added', () => {
    for (let q = 0; q < 50; q++) {
      const before = blindOrder('r', `q${q}`, answers);
      const after = blindOrder('r', `q${q}`, [...answers, 'new-model']).filter((k) => k !== 'new-model');
      assert.deepEqual(after, before);
    }
  });

  it('puts each answer first equally often (chi-square over 6,000 questions)', () => {
    const six = [...answers, 'phi-3'];
    const firsts = new Map(six.map((k) => [k, 0]));
    const n = 6000;
    for (let q = 0; q < n; q++) {
      const head = blindOrder('rater-1', `question-${q}`, six)[0] ?? '';
      firsts.set(head, (firsts.get(head) ?? 0) + 1);
    }
    const expected = n / six.length;
    const chi2 = [...firsts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // Critical value of chi-square with 5 degrees of freedom at p = 0.001.
    assert.ok(chi2 < 20.52, `chi-square ${chi2.toFixed(2)} for ${JSON.stringify([...firsts])}`);
  });

  it('shuffles any items by their key, keeping items that share a key together in input order', () => {
    const items = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
      { id: 'c', n: 4 },
    ];
    const shuffled = blindShuffle(items, (i) => i.id, 'r', 'q');
    const keyOrder = blindOrder('r', 'q', ['a', 'b', 'c']);
    assert.deepEqual([...new Set(shuffled.map((i) => i.id))], keyOrder);
    assert.deepEqual(shuffled.filter((i) => i.id === 'a').map((i) => i.n), [1, 3]);
  });

  it('labels positions A..Z, then AA, AB, ...', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 701, 702].map(blindLabel), ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
