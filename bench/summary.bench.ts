/**
 * The per-model summary at study scale: means with bootstrap intervals over every axis, harm rates,
 * agreement, ROUGE and accuracy, then the Markdown, CSV and chart SVG renderers. Question ids come from the
 * real MedQA sample and ROUGE F-measures from the reference-implementation vectors on real texts; the
 * ratings are simulated (raters who mostly agree), since no real study's ratings are shared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultRubric, type RatingValue } from '../server/rubric';
import { renderSummaryCsv, renderSummaryMarkdown, summarizeStudy, type SummaryRating, type SummaryRouge } from '../server/summary';
import { barChartSvg } from '../webview/summary/barChartSvg';
import { summaryCharts } from '../webview/summary/chartModel';

const sharedData = join(__dirname, '..', '..', 'shared', 'data');
const MODELS = ['DeepSeek-R1-Distill-Llama-8B', 'Llama-3.1-8B-Instruct', 'Mistral-7B-Instruct-v0.3', 'medical-o1-finetune'];

function realQuestionIds(): string[] {
  return readFileSync(join(sharedData, 'medqa_usmle.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((_, i) => `medqa-${i}`);
}

function realRougeFigures(): [number, number, number][] {
  return readFileSync(join(sharedData, 'rouge_reference.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const s = (JSON.parse(line) as { scores: Record<string, { fmeasure: number }> }).scores;
      return [s.rouge1?.fmeasure ?? 0, s.rouge2?.fmeasure ?? 0, s.rougeL?.fmeasure ?? 0];
    });
}

/** `questions` questions (the real ids, repeated with a suffix past 120), every model, two raters. */
function simulatedStudy(questions: number): { ratings: SummaryRating[]; rouge: SummaryRouge[] } {
  let state = 20240601;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const ids = realQuestionIds();
  const figures = realRougeFigures();
  const rubric = defaultRubric();
  const ratings: SummaryRating[] = [];
  const rouge: SummaryRouge[] = [];
  for (let q = 0; q < questions; q++) {
    const questionId = `${ids[q % ids.length]}-${Math.floor(q / ids.length)}`;
    MODELS.forEach((model, m) => {
      const answerId = `${questionId}/${m}`;
      const truth = rubric.axes.map((axis) => axis.choices[Math.floor(next() * axis.choices.length)]?.value ?? null);
      const overallTruth = 1 + Math.floor(next() * 5);
      for (const raterId of ['rater-a', 'rater-b']) {
        const values: Record<string, RatingValue | null> = {};
        rubric.axes.forEach((axis, i) => {
          values[axis.id] = next() < 0.75 ? (truth[i] ?? null) : (axis.choices[Math.floor(next() * axis.choices.length)]?.value ?? null);
        });
        ratings.push({ raterId, answerId, questionId, model, values, overall: next() < 0.75 ? overallTruth : 1 + Math.floor(next() * 5) });
      }
      const [r1, r2, rl] = figures[(q * MODELS.length + m) % figures.length]!;
      rouge.push({ answerId, model, rouge1: r1, rouge2: r2, rougeL: rl });
    });
  }
  return { ratings, rouge };
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}

function measure(questions: number, resamples: number): Record<string, unknown> {
  const { ratings, rouge } = simulatedStudy(questions);
  const accuracy = MODELS.map((model, i) => ({ model, correct: Math.floor(questions * (0.5 + i * 0.1)), total: questions, unextractable: Math.floor(questions * 0.05) }));
  const summary = timed(() => summarizeStudy({ rubric: defaultRubric(), ratings, rouge, accuracy }, { resamples }));
  // One resample leaves everything but the bootstrap: intake, grouping, Wilson intervals and agreement.
  const withoutBootstrap = timed(() => summarizeStudy({ rubric: defaultRubric(), ratings, rouge, accuracy }, { resamples: 1 }));
  const markdown = timed(() => renderSummaryMarkdown(summary.value));
  const csv = timed(() => renderSummaryCsv(summary.value));
  const charts = timed(() => summaryCharts(summary.value).map((c) => barChartSvg(c, { paint: { kind: 'theme' } })));
  return {
    questions,
    models: MODELS.length,
    answers: questions * MODELS.length,
    ratings: ratings.length,
    axes: defaultRubric().axes.length,
    resamples,
    summarizeMs: summary.ms,
    summarizeOneResampleMs: withoutBootstrap.ms,
    markdownMs: markdown.ms,
    markdownBytes: markdown.value.length,
    csvMs: csv.ms,
    csvRows: csv.value.split('\n').length - 2,
    chartsMs: charts.ms,
    charts: charts.value.length,
    svgBytes: charts.value.reduce((s, c) => s + c.length, 0),
  };
}

export default function bench(): Promise<Record<string, unknown>> {
  return Promise.resolve({
    pilot: measure(120, 2000),
    study: measure(2500, 2000),
    large: measure(12_500, 2000),
  });
}
