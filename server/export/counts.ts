import type { ExportQuestion } from '../store';
import type { ExportCounts, ExportFormat } from './types';

export function newCounts(format: ExportFormat, rubricKey: string | undefined): ExportCounts {
  const counts: ExportCounts = { format, questions: 0, answers: 0, ratings: 0, written: 0, skipped: {}, scores: { cached: 0, computed: 0 }, issues: [] };
  if (rubricKey !== undefined) counts.rubricKey = rubricKey;
  return counts;
}

/** Counts what was read of one question: it, its answers and their ratings. */
export function countRead(counts: ExportCounts, q: ExportQuestion): void {
  counts.questions++;
  counts.answers += q.answers.length;
  for (const a of q.answers) counts.ratings += a.ratings.length;
}

export function countSkip(counts: ExportCounts, reason: string, n = 1): void {
  if (n > 0) counts.skipped[reason] = (counts.skipped[reason] ?? 0) + n;
}
