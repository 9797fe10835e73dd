import type { EndpointSetting } from '../server/protocol';

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
  endpoints: [{ name: 'llama.cpp', preset: 'llama.cpp', url: 'http://127.0.0.1:8080' }] as EndpointSetting[],
  'generation.template': 'builtin:medical-cot',
  'generation.maxTokens': null as number | null,
  'generation.temperature': null as number | null,
  'generation.seed': null as number | null,
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;
