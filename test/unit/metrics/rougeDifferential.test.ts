import { strict as assert } from 'node:assert';
import { RougeScorer, seededRandom, type RougeScore } from '../../../server/metrics';

/*
 * The bit-parallel LCS, its carry-based backtrack, the guarded multi-line layout and the n-gram hash table
 * are checked against a direct transcription of rouge-score's algorithms (the O(n*m) table, `_backtrack_norec`,
 * `_summary_level_lcs`, Counter-based n-grams) on random texts. A small vocabulary makes ties, repeats and
 * long common subsequences frequent; lengths cross the 32- and 64-column word boundaries.
 */

function fmeasure(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function table(ref: string[], can: string[]): number[][] {
  const t = Array.from({ length: ref.length + 1 }, () => new Array<number>(can.length + 1).fill(0));
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      const row = t[i]!;
      row[j] = ref[i - 1] === can[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, row[j - 1]!);
    }
  }
  return t;
}

function backtrack(ref: string[], can: string[]): number[] {
  const t = table(ref, can);
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
    else i--;
  }
  return out;
}

function lcsScore(ref: string[], can: string[]): RougeScore {
  if (ref.length === 0 || can.length === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const n = table(ref, can)[ref.length]![can.length]!;
  const p = n / can.length;
  const r = n / ref.length;
  return { precision: p, recall: r, fmeasure: fmeasure(p, r) };
}

function summaryScore(refLines: string[][], canLines: string[][]): RougeScore {
  const m = refLines.reduce((s, l) => s + l.length, 0);
  const n = canLines.reduce((s, l) => s + l.length, 0);
  if (refLines.length === 0 || canLines.length === 0 || m === 0 || n === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const countR = new Map<string, number>();
  const countC = new Map<string, number>();
  for (const l of refLines) for (const t of l) countR.set(t, (countR.get(t) ?? 0) + 1);
  for (const l of canLines) for (const t of l) countC.set(t, (countC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refLines) {
    const union = new Set<number>();
    for (const c of canLines) for (const i of backtrack(r, c)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const t = r[i]!;
      if ((countC.get(t) ?? 0) > 0 && (countR.get(t) ?? 0) > 0) {
        hits++;
        countC.set(t, countC.get(t)! - 1);
        countR.set(t, countR.get(t)! - 1);
      }
    }
  }
  const p = hits / n;
  const r = hits / m;
  return { precision: p, recall: r, fmeasure: fmeasure(p, r) };
}

function ngramScore(ref: string[], can: string[], size: number): RougeScore {
  const grams = (tokens: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (let i = 0; i + size <= tokens.length; i++) {
      const g = tokens.slice(i, i + size).join(' ');
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const a = grams(ref);
  const b = grams(can);
  let overlap = 0;
  for (const [g, k] of a) overlap += Math.min(k, b.get(g) ?? 0);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((s, k) => s + k, 0);
  const p = overlap / Math.max(total(b), 1);
  const r = overlap / Math.max(total(a), 1);
  return { precision: p, recall: r, fmeasure: fmeasure(p, r) };
}

/** Random text over a few words, with blank and token-less lines mixed in; returns text and its lines. */
function randomText(random: ReturnType<typeof seededRandom>, words: string[], maxTokens: number, breakOdds: number): { text: string; lines: string[][] } {
  const count = random.below(maxTokens + 1);
  const lines: string[][] = [[]];
  let text = '';
  for (let k = 0; k < count; k++) {
    const roll = random.below(breakOdds);
    if (roll === 0) {
      text += '\n';
      lines.push([]);
    } else if (roll === 1) {
      text += ' -- \n\n';
      lines.push([], []);
    }
    const w = words[random.below(words.length)]!;
    text += (random.below(3) === 0 ? w.toUpperCase() : w) + (random.below(4) === 0 ? ', ' : ' ');
    lines[lines.length - 1]!.push(w);
  }
  return { text, lines: lines.filter((l) => l.length > 0) };
}

describe('ROUGE computation against a direct port of the reference algorithms', () => {
  const scorer = new RougeScorer();

  const manyWords = Array.from({ length: 300 }, (_, i) => `w${i.toString(36)}`);
  for (const [label, vocabulary, maxTokens, trials, breakOdds] of [
    ['tiny vocabulary, short texts', ['a', 'b', 'c'], 40, 400, 12],
    ['small vocabulary, across word boundaries', ['x', 'y', 'z', 'w', 'v'], 140, 250, 12],
    ['common words, long texts', 'the of and to in is was for on with as by at from it an be this that or'.split(' '), 400, 60, 12],
    // Long lines and rare words: a token's columns sit in a few words of a wide layout.
    ['rare words, long lines', [...'the of and to a in'.split(' '), ...manyWords], 600, 60, 150],
    ['one word per line', ['a', 'b', 'c', 'd', 'e', 'f'], 120, 100, 2],
  ] as const) {
    it(`agrees on every figure: ${label}`, () => {
      const random = seededRandom(label.length * 7919);
      for (let trial = 0; trial < trials; trial++) {
        const ref = randomText(random, [...vocabulary], maxTokens, breakOdds);
        const can = randomText(random, [...vocabulary], maxTokens, breakOdds);
        const refTokens = ref.lines.flat();
        const canTokens = can.lines.flat();
        const got = scorer.score(ref.text, can.text);
        const context = `trial ${trial}: ${JSON.stringify(ref.text)} vs ${JSON.stringify(can.text)}`;
        assert.deepEqual(got.rouge1, ngramScore(refTokens, canTokens, 1), `rouge1 ${context}`);
        assert.deepEqual(got.rouge2, ngramScore(refTokens, canTokens, 2), `rouge2 ${context}`);
        assert.deepEqual(got.rougeL, lcsScore(refTokens, canTokens), `rougeL ${context}`);
        assert.deepEqual(got.rougeLsum, summaryScore(ref.lines, can.lines), `rougeLsum ${context}`);
      }
    });
  }

  it('agrees on texts large enough to grow the kernels\' memory, before and after smaller ones', () => {
    // Thousands of tokens over many lines: masks, trace and bigram table outgrow their first allocation; the
    // short pairs around check that nothing stale is left behind.
    const random = seededRandom(4242);
    const words = [...'the of and to a in is'.split(' '), ...manyWords.slice(0, 120)];
    for (const maxTokens of [30, 3000, 40, 2500, 20]) {
      const ref = randomText(random, words, maxTokens, 40);
      const can = randomText(random, words, maxTokens, 40);
      const got = scorer.score(ref.text, can.text);
      const context = `${ref.lines.flat().length} vs ${can.lines.flat().length} tokens`;
      assert.deepEqual(got.rouge2, ngramScore(ref.lines.flat(), can.lines.flat(), 2), `rouge2 ${context}`);
      assert.deepEqual(got.rougeL, lcsScore(ref.lines.flat(), can.lines.flat()), `rougeL ${context}`);
      assert.deepEqual(got.rougeLsum, summaryScore(ref.lines, can.lines), `rougeLsum ${context}`);
    }
  });

  it('computes only the metrics asked for, with the same values', () => {
    const full = scorer.score('the cat sat on the mat\nthe dog', 'a cat sat\non a mat');
    const some = scorer.scoreTypes('the cat sat on the mat\nthe dog', 'a cat sat\non a mat', ['rouge2', 'rougeLsum']);
    assert.deepEqual(Object.keys(some).sort(), ['rouge2', 'rougeLsum']);
    assert.deepEqual(some.rouge2, full.rouge2);
    assert.deepEqual(some.rougeLsum, full.rougeLsum);
  });
});
