export { extractChoice } from './choice';
export { extractDecision, PUBMEDQA_LABELS } from './decision';
export { gradeExtraction, summarizeAccuracy, type Grade, type GradedAnswer, type ModelAccuracy, type Verdict } from './grading';
export type { Extraction, ExtractionState } from './types';
