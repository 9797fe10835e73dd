export type {
  DatasetFormat,
  GenerationParams,
  GenerationTimings,
  ModelAnswer,
  Question,
  QuestionKind,
  ReferenceAnswer,
  SourceLocation,
} from './model';
export { importDatasets, type ImportOptions } from './importDatasets';
export { validateDatasetText, type ValidateOptions } from './validateText';
export type { ImportSink, QuestionLookup } from './sink';
export { MemoryImportSink } from './memorySink';
export type { ParseOptions } from './parseContext';
export { formatProblems, formatReport, type FileImportReport, type ImportReport } from './report';
export { DATASET_FORMATS, detectFormat } from './formats/detectFormat';
export { sniffDatasetFormat } from './sniffFile';
export { derivedQuestionId, questionTextKey } from './questionIds';
export { sniffDatasetText } from './sniffText';
