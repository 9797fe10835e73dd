import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateDatasetText, type QuestionLookup } from '../dataset';
import type { Problem } from '../problem';
import { validateRubricText } from '../rubric';
import { parseTemplate } from '../templates';
import { documentKind } from './documentKind';

export interface ProblemContext {
  /** Questions answers files may refer to: the loaded project. */
  questions: QuestionLookup;
  tagNames: readonly string[];
}

/** The problems MedReview finds in an open document, whatever kind of MedReview file it is. */
export function documentProblems(doc: TextDocument, ctx: ProblemContext): Problem[] {
  if (!doc.uri.startsWith('file:')) return [];
  const path = fileURLToPath(doc.uri);
  const text = doc.getText();
  switch (documentKind(path, text)) {
    case 'dataset':
      return validateDatasetText(path, text, { questions: ctx.questions, tagNames: ctx.tagNames });
    case 'rubric':
      return validateRubricText(text, path).problems;
    case 'template':
      return parseTemplate(text, path).problems;
    default:
      return [];
  }
}
