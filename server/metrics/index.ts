/**
 * Automatic scores: ROUGE exactly as rouge-score 0.1.2 (HuggingFace `evaluate`), corpus means with bootstrap
 * intervals, answer extraction and accuracy with Wilson intervals, and the per-answer figures the panel shows.
 */
export * from './rouge';
export * from './stats';
export * from './extraction';
export { summarizeRougeByModel, type MeanInterval, type ModelRougeSummary, type RougeTypeSummary, type ScoredAnswer } from './corpusRouge';
export { scoreAnswerRouge, DEFAULT_ROUGE_SETTINGS, type AnswerRouge, type RougeFigures, type RougeSettings } from './answerRouge';
export { gradeAnswer, type AnswerAccuracy } from './answerAccuracy';
