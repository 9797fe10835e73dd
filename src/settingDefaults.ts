/**
 * Defaults of the `medreview.*` settings the config module reads, matching package.json's declarations
 * (a unit test checks they agree). Kept apart from config.ts so the test needs no VS Code.
 */
export const SETTING_DEFAULTS = {
  datasets: [] as string[],
  'database.path': '.medreview/review.sqlite',
  'rater.id': '',
  'rubric.path': '',
  'review.blind': false,
  'review.ratersPerQuestion': 1,
  'rouge.useStemmer': false,
  'rouge.metrics': ['rouge1', 'rouge2', 'rougeL'] as string[],
  'think.tagNames': ['think', 'thinking'] as string[],
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;
