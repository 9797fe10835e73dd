import type { DatasetFormat } from '../model';
import { OUTPUT_KEYS } from './modelAnswer';

export const DATASET_FORMATS: readonly DatasetFormat[] = ['medical-o1', 'medqa', 'pubmedqa', 'model-answers'];

/** The dataset format a record's fields say it belongs to; undefined when they say nothing clear. */
export function detectFormat(value: unknown): DatasetFormat | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const has = (k: string): boolean => k in value;
  if (OUTPUT_KEYS.some(has)) return 'model-answers';
  if (has('QUESTION')) return 'pubmedqa';
  if (has('Question') && (has('Response') || has('Complex_CoT'))) return 'medical-o1';
  if (has('question') && has('options')) return 'medqa';
  return undefined;
}

export function isQuestionFormat(format: DatasetFormat): boolean {
  return format !== 'model-answers';
}
