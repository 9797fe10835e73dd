import { proportionEstimate } from './estimates';
import type { AccuracySummary, SummaryAccuracy, SummaryIssue } from './types';

/**
 * Accuracy of one model with its Wilson interval. Counts that cannot be (negative, fractional, more
 * correct or unextractable answers than graded ones) are reported and left out rather than clamped.
 */
export function accuracySummary(row: SummaryAccuracy, index: number, issues: SummaryIssue[]): AccuracySummary | null {
  const { correct, total, unextractable } = row;
  const counts = [correct, total, unextractable];
  if (!counts.every((c) => Number.isInteger(c) && c >= 0) || correct + unextractable > total) {
    issues.push({
      field: `accuracy[${index}]`,
      code: 'invalid-accuracy',
      message: `accuracy of model ${JSON.stringify(row.model)}: ${correct} correct and ${unextractable} unextractable of ${total} graded is not possible; left out`,
    });
    return null;
  }
  return { correct, total, unextractable, accuracy: proportionEstimate(correct, total) };
}
