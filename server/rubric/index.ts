/**
 * Rubrics: the `*.rubric.json` format (schema in rubric.schema.json), the default physician rubric,
 * validation with positions, the language features of rubric files, content hashes, and the check of a
 * rating against its rubric.
 */
export * from './types';
export { validateRubricText, loadRubricFile, type RubricValidation } from './validateRubric';
export { defaultRubric, defaultRubricText, DEFAULT_RUBRIC_FILE_NAME } from './defaultRubric';
export { rubricContentHash, canonicalJson } from './contentHash';
export { checkRating, type RatingInput, type RatingProblem, type RatingCheck } from './ratingValidation';
export { rubricHoverAt, type RubricHover } from './hover';
export { rubricCompletionsAt, type RubricCompletion } from './completion';
export { rubricHover, rubricCompletion } from './languageFeatures';
export { LineIndex } from './jsonPositions';

/** Path of the JSON Schema file relative to this folder, for the extension's `jsonValidation` contribution. */
export const RUBRIC_SCHEMA_FILE = 'rubric.schema.json';
