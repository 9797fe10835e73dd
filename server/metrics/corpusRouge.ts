import type { RougeScore, RougeType } from './rouge';
import { ROUGE_TYPES } from './rouge';
import { bootstrapMean, type BootstrapInterval, type BootstrapOptions } from './stats';

/** One scored answer: which model produced it and its ROUGE against the reference (metrics may be missing). */
export interface ScoredAnswer {
  model: string;
  scores: Partial<Record<RougeType, RougeScore>>;
}

/** The mean over answers of one figure, with its bootstrap interval. */
export interface MeanInterval {
  mean: number;
  low: number;
  high: number;
}

export interface RougeTypeSummary {
  /** Answers that had this metric. */
  n: number;
  fmeasure: MeanInterval;
  precision: MeanInterval;
  recall: MeanInterval;
}

export interface ModelRougeSummary {
  model: string;
  /** Answers of this model in the input. */
  answers: number;
  metrics: Partial<Record<RougeType, RougeTypeSummary>>;
}

/**
 * Per model, the mean ROUGE over its answers with a percentile bootstrap interval (seeded, so the summary
 * view and an exported report agree to the last digit). Models are listed by name.
 */
export function summarizeRougeByModel(answers: Iterable<ScoredAnswer>, options: BootstrapOptions = {}): ModelRougeSummary[] {
  const byModel = new Map<string, ScoredAnswer[]>();
  for (const answer of answers) {
    const list = byModel.get(answer.model);
    if (list) list.push(answer);
    else byModel.set(answer.model, [answer]);
  }
  return [...byModel.keys()].sort().map((model) => summarizeModel(model, byModel.get(model) ?? [], options));
}

function summarizeModel(model: string, answers: ScoredAnswer[], options: BootstrapOptions): ModelRougeSummary {
  const metrics: Partial<Record<RougeType, RougeTypeSummary>> = {};
  for (const type of ROUGE_TYPES) {
    const scored = answers.map((a) => a.scores[type]).filter((s): s is RougeScore => s !== undefined);
    if (scored.length === 0) continue;
    metrics[type] = {
      n: scored.length,
      fmeasure: meanInterval(scored.map((s) => s.fmeasure), options),
      precision: meanInterval(scored.map((s) => s.precision), options),
      recall: meanInterval(scored.map((s) => s.recall), options),
    };
  }
  return { model, answers: answers.length, metrics };
}

function meanInterval(values: number[], options: BootstrapOptions): MeanInterval {
  // Never null here: callers pass at least one value.
  const interval = bootstrapMean(values, options) as BootstrapInterval;
  return { mean: interval.estimate, low: interval.low, high: interval.high };
}
