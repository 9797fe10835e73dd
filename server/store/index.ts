/**
 * The review database: questions, answers, ratings and everything raters do, in one SQLite file per project.
 * See README.md in this folder for the binding, the durability design and the lock recovery.
 */
export { openStore, type StoreOptions } from './openStore';
export { DatabaseAppearedError, NewDatabase } from './newDatabase';
export { Store } from './store';
export type { ImportSession, ImportSessionOptions } from './writes/importSession';
export { StoreImportSink } from './importSink';
export type { QuestionKeys } from './queries/questionSets';
export type { RatingStreamFilter } from './queries/ratingStream';
export { isBuiltLines, isDpoRows, isExportQuestion, isRatingTally, isSummaryRows, onlyQuestions, type ExportAnswer, type ExportItem, type ExportQuestion, type ExportStreamFilter, type RatingTally } from './queries/exportSnapshot';
export { LinePiece, type BuiltLines, type LinePieceKind } from './queries/builtLines';
export { readBuiltRating, type BuiltRating } from './queries/builtRatings';
export type { SummaryAnswerRow, SummaryRatingRow, SummaryRows } from './queries/summaryRows';
export type { DpoAnswerRow, DpoRows } from './queries/dpoRows';
export { axisCells, axisCellsText, scoreCells } from './queries/csvLines';
export { jsonOrNull } from './rows/answerInsert';
export type { CachedScores, UnscoredAnswer } from './queries/answerScores';
export type { ExportTexts } from './queries/exportRows';
export type { ProgressScope } from './queries/progress';
export type { EventQuery } from './eventLog';
export type { MergeBatch } from './writes/merge';
export { mergeLeftOut, mergeReportText } from './mergeReportText';
export type { StaleLockPolicy } from './lock/staleLock';
export { SCHEMA_VERSION } from './migrations/index';
export { questionUid, answerUid, textKey } from './uids';
export { compareCodePoints } from './textOrder';
export { distinctRaters, meanOverallOf, reachesThreshold, thresholdMiss, type RatingThreshold, type ThresholdMiss } from './ratingFigures';
export {
  StoreBusyError,
  StoreConflictError,
  StoreDamagedError,
  StoreInputError,
  StoreNotFoundError,
  StoreRefusedError,
  type RefusalReason,
} from './errors';
export type * from './types';
