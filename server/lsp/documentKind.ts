import { sniffDatasetText } from '../dataset/sniffText';

export type DocumentKind = 'dataset' | 'rubric' | 'template' | 'other';

/** What a workspace document is to MedReview: by name for rubrics and templates, by content for datasets. */
export function documentKind(path: string, text: string): DocumentKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.rubric.json')) return 'rubric';
  if (lower.endsWith('.prompt.md')) return 'template';
  if (/\.(jsonl|ndjson|json|csv)$/.test(lower) && sniffDatasetText(path, text) !== undefined) return 'dataset';
  return 'other';
}
