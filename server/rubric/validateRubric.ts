import { readFile } from 'node:fs/promises';
import { getNodeValue } from 'jsonc-parser';
import type { Problem } from '../problem';
import { JsonDocument } from './jsonDocument';
import { normalizeRubric } from './normalize';
import { schemaProblems } from './schemaValidation';
import { semanticProblems } from './semanticChecks';
import type { Rubric } from './types';

export interface RubricValidation {
  /** The normalized rubric, present only when no problem is an error. */
  rubric?: Rubric;
  /** Every problem, in document order. */
  problems: Problem[];
}

/**
 * Validates the text of a `*.rubric.json` file: JSON syntax, duplicate keys, the JSON Schema and the
 * rules across fields. The language server calls this on each edit; the store calls it before a
 * rubric is used for ratings.
 */
export function validateRubricText(text: string, file: string): RubricValidation {
  const doc = new JsonDocument(file, text);
  const problems = [...doc.problems];
  if (doc.root) problems.push(...schemaProblems(doc), ...semanticProblems(doc));
  else if (problems.length === 0) problems.push(doc.problemAtOffset(0, 'the file is empty; a rubric is a JSON object', 'empty-file'));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const result: RubricValidation = { problems };
  if (doc.root && !problems.some((p) => p.severity === 'error')) result.rubric = normalizeRubric(getNodeValue(doc.root));
  return result;
}

/** Reads and validates a rubric file; an unreadable file is one problem at 1:1. */
export async function loadRubricFile(path: string): Promise<RubricValidation> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { problems: [{ file: path, line: 1, column: 1, message: `cannot read the rubric: ${message}`, severity: 'error', code: 'unreadable-file' }] };
  }
  // A byte-order mark is invisible in editors; tolerate it rather than report column 1 as invalid.
  return validateRubricText(text.replace(/^\uFEFF/, ''), path);
}
