import type { Problem } from '../problem';
import { FileParser } from './fileParser';
import type { ParseOptions } from './parseContext';
import { QuestionIndex } from './questionIndex';
import type { QuestionLookup } from './sink';

export interface ValidateOptions extends ParseOptions {
  /**
   * The questions answers may refer to (e.g. the workspace's loaded question set). Without it an
   * answers file's rows are checked on their own and not matched to questions.
   */
  questions?: QuestionLookup;
}

/**
 * The problems in one dataset file's text, for diagnostics on an open (possibly unsaved) document:
 * the same checks, positions and messages as `importDatasets`, with nothing stored.
 */
export function validateDatasetText(fileName: string, text: string, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const parser = new FileParser({ file: fileName, options, index: new QuestionIndex(), lookup: options.questions, onProblem: (p) => problems.push(p) });
  parser.pushText(text);
  parser.end();
  return problems;
}
