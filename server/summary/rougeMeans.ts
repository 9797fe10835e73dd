import type { BootstrapOptions } from '../metrics/stats';
import { answerMeans, byName, meanEstimates, sortByAnswer } from './estimates';
import type { MeanEstimate, RougeMeans, SummaryIssue, SummaryRouge } from './types';

const FIGURES = ['rouge1', 'rouge2', 'rougeL'] as const;

/** ROUGE rows that hold three F-measures in 0..1; the others are reported and left out. */
export function takeRouge(rows: readonly SummaryRouge[], issues: SummaryIssue[]): SummaryRouge[] {
  return rows.filter((row, index) => {
    const bad = FIGURES.find((f) => !(typeof row[f] === 'number' && row[f] >= 0 && row[f] <= 1));
    if (bad === undefined) return true;
    issues.push({ field: `rouge[${index}].${bad}`, code: 'invalid-rouge', message: `ROUGE of answer ${JSON.stringify(row.answerId)}: ${bad} ${JSON.stringify(row[bad]) ?? String(row[bad])} is not an F-measure between 0 and 1; the row is left out` });
    return false;
  });
}

/**
 * Mean F-measures of one model's answers with bootstrap intervals. An answer listed twice (scored twice)
 * counts once, with the mean of its rows, like an answer rated twice.
 */
export function rougeMeans(rows: readonly SummaryRouge[], options: BootstrapOptions): RougeMeans | null {
  if (rows.length === 0) return null;
  // Never null: rows is not empty. Estimated together: the three samples share their resampling draws.
  const [rouge1, rouge2, rougeL] = meanEstimates(
    FIGURES.map((figure) => answerMeans(rows, (r) => r[figure])),
    options,
  ) as [MeanEstimate, MeanEstimate, MeanEstimate];
  return { answers: new Set(rows.map((r) => r.answerId)).size, rouge1, rouge2, rougeL };
}

/** Each model's rougeMeans, by model name. */
export type RougeByModel = Map<string, RougeMeans | null>;

/** rougeMeans of every model of checked rows (takeRouge), each model's rows in answer id order. */
export function rougeByModel(rows: readonly SummaryRouge[], options: BootstrapOptions): RougeByModel {
  const byModel = new Map<string, SummaryRouge[]>();
  for (const row of rows) {
    const list = byModel.get(row.model);
    if (list) list.push(row);
    else byModel.set(row.model, [row]);
  }
  const out: RougeByModel = new Map();
  for (const model of [...byModel.keys()].sort(byName)) out.set(model, rougeMeans(sortByAnswer(byModel.get(model)!), options));
  return out;
}
