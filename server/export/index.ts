/**
 * Export of the review database: every rating with what was rated (JSONL, CSV), training data for preference
 * tuning (DPO pairs) and fine-tuning (SFT completions), and the per-model summary (Markdown, CSV). Streaming,
 * from one moment's state of the database; see README.md in this folder for the formats and their rules.
 */
export { exportReview } from './exportReview';
export { exportToFile } from './exportFile';
export { summarizeReview } from './reviewSummary';
export { scorerKey, SCORER_VERSION } from './scoreCache';
export {
  EXPORT_FORMATS,
  isExportFormat,
  ExportError,
  DEFAULT_DPO_MIN_OVERALL,
  DEFAULT_SFT_MIN_OVERALL,
  type ExportCounts,
  type ExportFormat,
  type ExportOptions,
} from './types';
export type { ExportedRating, ExportedQuestion, ExportedAnswer, ExportedGeneration, ExportedAccuracy } from './ratingRecord';
export { csvHeader, type CsvLayout } from './csvColumns';
export { dpoPairs, type DpoPair, type PairLabel, type PairRules, type PairSelection, type PreferenceVotes } from './dpoPairs';
export { sftRejection } from './sftExport';
export { promptText, completionText, PROMPT_TEMPLATE_ID } from './promptText';
