/**
 * ROUGE throughput and latency: MedReview's scorer against the js-rouge package, in the same run on the same
 * pairs, and how often js-rouge disagrees with the reference implementation (rouge-score 0.1.2).
 *
 * Pairs: the 412 reference vectors, and the 120 medical-o1 pairs (Response as candidate against Complex_CoT as
 * reference). "All four metrics" is ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum for us; js-rouge has ROUGE-N and
 * one LCS metric (summary-level, its `l`), so it runs n(1), n(2) and l() per pair, case-insensitive (closest to
 * the reference, which lower-cases).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { l as jsRougeL, n as jsRougeN } from 'js-rouge';
import { RougeScorer, scoreRouge, tokenize, tokenizeLines, type RougeScores } from '../server/metrics';

interface Vector {
  id: string;
  reference: string;
  candidate: string;
  use_stemmer: boolean;
  scores: RougeScores;
}

interface Pair {
  reference: string;
  candidate: string;
  useStemmer: boolean;
}

const dataDir = join(__dirname, '..', '..', 'shared', 'data');

function loadVectors(): Vector[] {
  return readFileSync(join(dataDir, 'rouge_reference.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector);
}

function loadMedicalPairs(): Pair[] {
  const rows = JSON.parse(readFileSync(join(dataDir, 'medical_o1_sft.json'), 'utf8')) as { Complex_CoT: string; Response: string }[];
  return rows.map((r) => ({ reference: r.Complex_CoT, candidate: r.Response, useStemmer: false }));
}

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Pairs per second, repeating whole passes until at least `minSeconds` have elapsed. */
function throughput(pairs: readonly Pair[], scoreOne: (p: Pair) => void, minSeconds: number): { pairsPerSecond: number; passes: number } {
  let passes = 0;
  const start = nowNs();
  for (;;) {
    for (const p of pairs) scoreOne(p);
    passes++;
    const elapsed = Number(nowNs() - start) / 1e9;
    if (elapsed >= minSeconds) return { pairsPerSecond: (pairs.length * passes) / elapsed, passes };
  }
}

/** Median and 90th percentile of single-call latency, in microseconds. */
function latency(run: () => void, runs: number): { medianUs: number; p90Us: number; runs: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowNs();
    run();
    times.push(Number(nowNs() - t0) / 1e3);
  }
  times.sort((a, b) => a - b);
  return { medianUs: round(times[Math.floor(runs / 2)] ?? NaN), p90Us: round(times[Math.floor(runs * 0.9)] ?? NaN), runs };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** js-rouge's three scores for a pair, or null when it throws (it rejects empty and whitespace-only texts). */
function jsRouge(p: Pair): { rouge1: number; rouge2: number; lcs: number } | null {
  try {
    const options = { caseSensitive: false };
    return { rouge1: jsRougeN(p.candidate, p.reference, { ...options, n: 1 }), rouge2: jsRougeN(p.candidate, p.reference, { ...options, n: 2 }), lcs: jsRougeL(p.candidate, p.reference, options) };
  } catch {
    return null;
  }
}

function disagreements(vectors: readonly Vector[]): Record<string, number> {
  const off = (a: number, b: number): boolean => !(Math.abs(a - b) <= 1e-6);
  const counts = { anyMetric: 0, rouge1: 0, rouge2: 0, rougeLvsL: 0, rougeLsumVsL: 0, threw: 0 };
  for (const v of vectors) {
    const js = jsRouge({ reference: v.reference, candidate: v.candidate, useStemmer: v.use_stemmer });
    if (!js) {
      counts.threw++;
      counts.anyMetric++;
      continue;
    }
    const d1 = off(js.rouge1, v.scores.rouge1.fmeasure);
    const d2 = off(js.rouge2, v.scores.rouge2.fmeasure);
    const dL = off(js.lcs, v.scores.rougeL.fmeasure);
    const dLsum = off(js.lcs, v.scores.rougeLsum.fmeasure);
    counts.rouge1 += Number(d1);
    counts.rouge2 += Number(d2);
    counts.rougeLvsL += Number(dL);
    counts.rougeLsumVsL += Number(dLsum);
    // js-rouge has one LCS figure; it disagrees when it matches neither of the reference's two.
    if (d1 || d2 || (dL && dLsum)) counts.anyMetric++;
  }
  return counts;
}

function oursDisagreements(scorer: RougeScorer, vectors: readonly Vector[]): number {
  let count = 0;
  for (const v of vectors) {
    const got = scorer.score(v.reference, v.candidate, { useStemmer: v.use_stemmer });
    const same = (['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const).every((t) =>
      (['precision', 'recall', 'fmeasure'] as const).every((f) => Math.abs(got[t][f] - v.scores[t][f]) <= 1e-9),
    );
    if (!same) count++;
  }
  return count;
}

/** Real text cut just before its (n+1)th token, so it holds exactly n rouge-score tokens. */
function firstTokens(text: string, n: number): string {
  const re = /[a-z0-9]+/gi;
  let k = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (k++ === n) return text.slice(0, m.index);
  return text;
}

function sizeOf(pairs: readonly Pair[]): Record<string, number> {
  let tokens = 0;
  let lines = 0;
  for (const p of pairs) {
    tokens += tokenize(p.reference).length + tokenize(p.candidate).length;
    lines += tokenizeLines(p.reference).length + tokenizeLines(p.candidate).length;
  }
  return { pairs: pairs.length, tokens, meanTokensPerText: round(tokens / (2 * pairs.length)), meanLinesPerText: round(lines / (2 * pairs.length)) };
}

export default function rougeBench(): Promise<Record<string, unknown>> {
  return Promise.resolve(measure());
}

function measure(): Record<string, unknown> {
  // The machine may be shared: its load says how much to trust the absolute times.
  const loadBefore = loadavg()[0] ?? NaN;
  const vectors = loadVectors();
  const vectorPairs: Pair[] = vectors.map((v) => ({ reference: v.reference, candidate: v.candidate, useStemmer: v.use_stemmer }));
  const medicalPairs = loadMedicalPairs();
  const scorer = new RougeScorer();
  const ours = (p: Pair): void => void scorer.score(p.reference, p.candidate, { useStemmer: p.useStemmer });
  const theirs = (p: Pair): void => void jsRouge(p);

  // Warm up both before measuring.
  throughput(vectorPairs, ours, 0.5);
  throughput(vectorPairs.slice(0, 40), theirs, 0.2);

  const oursVectors = throughput(vectorPairs, ours, 2);
  const jsVectors = throughput(vectorPairs, theirs, 2);
  const oursMedical = throughput(medicalPairs, ours, 2);
  const jsMedical = throughput(medicalPairs, theirs, 2);

  // One pair of ~700-token texts: real medical-o1 reasoning chains (four concatenated per side), cut at 700 tokens.
  const cots = medicalPairs.map((p) => p.reference);
  const a = firstTokens(cots.slice(0, 4).join('\n\n'), 700);
  const b = firstTokens(cots.slice(4, 8).join('\n\n'), 700);
  const aOneLine = a.replace(/\n+/g, ' ');
  const bOneLine = b.replace(/\n+/g, ' ');
  for (let i = 0; i < 500; i++) scorer.score(a, b);
  const single = {
    tokens: [tokenize(a).length, tokenize(b).length],
    lines: [tokenizeLines(a).length, tokenizeLines(b).length],
    allFour: latency(() => scorer.score(a, b), 3000),
    // The same through the module's shared scorer, which the panel's per-answer figures use (scoreRougeTypes).
    allFourViaScoreRouge: latency(() => scoreRouge(a, b), 3000),
    allFourStemmed: latency(() => scorer.score(a, b, { useStemmer: true }), 3000),
    allFourOneLineEach: latency(() => scorer.score(aOneLine, bOneLine), 3000),
    rouge1And2AndLOnly: latency(() => scorer.scoreTypes(a, b, ['rouge1', 'rouge2', 'rougeL']), 3000),
    jsRouge: latency(() => jsRouge({ reference: a, candidate: b, useStemmer: false }), 30),
  };

  return {
    note: 'all four metrics per pair; js-rouge runs n(1), n(2), l() with caseSensitive:false; times include tokenization; singlePair700Tokens times one reused RougeScorer, and scoreRouge where named',
    loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? NaN, 2) },
    vectors: {
      ...sizeOf(vectorPairs),
      oursPairsPerSecond: round(oursVectors.pairsPerSecond),
      jsRougePairsPerSecond: round(jsVectors.pairsPerSecond),
      speedup: round(oursVectors.pairsPerSecond / jsVectors.pairsPerSecond),
      oursVectorsOffBy1e9: oursDisagreements(scorer, vectors),
      jsRougeDisagreesBeyond1e6: disagreements(vectors),
    },
    medicalO1ResponseVsCot: {
      ...sizeOf(medicalPairs),
      oursPairsPerSecond: round(oursMedical.pairsPerSecond),
      jsRougePairsPerSecond: round(jsMedical.pairsPerSecond),
      speedup: round(oursMedical.pairsPerSecond / jsMedical.pairsPerSecond),
    },
    singlePair700Tokens: single,
  };
}
