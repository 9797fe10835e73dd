/**
 * Agreement statistics at the scale of a large study (300,000 ratings), masking of unblinding text over
 * the real datasets, and rubric validation as the language server runs it on each edit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cohenKappa, fleissKappa, krippendorffAlpha, type ReliabilityData } from '../server/agreement';
import { findUnblindingSpans } from '../server/review';
import { defaultRubricText, validateRubricText } from '../server/rubric';

const sharedData = join(__dirname, '..', '..', 'shared', 'data');

/** Raters who agree with a latent score most of the time; deterministic so runs compare. */
function simulatedRatings(raters: number, units: number, missingShare: number): ReliabilityData {
  let state = 20240601;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const truth = Array.from({ length: units }, () => 1 + Math.floor(next() * 5));
  return Array.from({ length: raters }, () =>
    truth.map((t) => (next() < missingShare ? null : next() < 0.7 ? t : 1 + Math.floor(next() * 5))),
  );
}

function timeMs(run: () => unknown, repeat = 1): number {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) run();
  return (performance.now() - start) / repeat;
}

function realTexts(): string[] {
  const o1 = JSON.parse(readFileSync(join(sharedData, 'medical_o1_sft.json'), 'utf8')) as Record<string, string>[];
  const pubmed = JSON.parse(readFileSync(join(sharedData, 'pubmedqa_pqal.json'), 'utf8')) as Record<string, { CONTEXTS: string[]; LONG_ANSWER: string }>;
  return [...o1.flatMap((r) => [r.Question ?? '', r.Complex_CoT ?? '', r.Response ?? '']), ...Object.values(pubmed).flatMap((r) => [...r.CONTEXTS, r.LONG_ANSWER])];
}

export default function bench(): Promise<Record<string, unknown>> {
  const units = 100_000;
  const three = simulatedRatings(3, units, 0.1);
  const complete = simulatedRatings(3, units, 0);
  const ratings = three.reduce((n, row) => n + row.filter((v) => v !== null).length, 0);
  const [a = [], b = []] = three;

  const texts = realTexts();
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const hostile = `${'Claude Bernard and llama-derived antibodies, with Gemini twins and serum GPT. '.repeat(13_000)}I am Claude.`;
  const rubricText = defaultRubricText();

  const result = {
    raters: 3,
    units,
    presentRatings: ratings,
    alphaNominalMs: timeMs(() => krippendorffAlpha(three, 'nominal')),
    alphaOrdinalMs: timeMs(() => krippendorffAlpha(three, 'ordinal')),
    alphaIntervalMs: timeMs(() => krippendorffAlpha(three, 'interval')),
    fleissCompleteMs: timeMs(() => fleissKappa(complete)),
    cohenQuadraticTwoRatersMs: timeMs(() => cohenKappa(a, b, { weights: 'quadratic' })),
    maskingRealTexts: texts.length,
    maskingRealChars: chars,
    maskingRealMs: timeMs(() => texts.forEach((t) => findUnblindingSpans(t))),
    maskingHostileChars: hostile.length,
    maskingHostileMs: timeMs(() => findUnblindingSpans(hostile)),
    rubricChars: rubricText.length,
    rubricValidateMs: timeMs(() => validateRubricText(rubricText, 'physician.rubric.json'), 20),
  };
  return Promise.resolve(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, k.endsWith('Ms') ? Math.round(v * 100) / 100 : v])));
}
