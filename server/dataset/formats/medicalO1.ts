import type { Question } from '../model';
import { derivedQuestionId, questionTextKey } from '../questionIds';
import type { FieldReader } from './fieldReader';

export interface QuestionRecord {
  question: Question;
  textKey: string;
  /** Where the question's id came from, to point a duplicate at it. */
  idField?: string;
}

/** medical-o1-reasoning-SFT: `Question`, `Complex_CoT`, `Response`; an optional `id`. */
export function readMedicalO1(r: FieldReader): QuestionRecord | undefined {
  const text = r.string('Question', true);
  const response = r.string('Response', true);
  const reasoning = r.string('Complex_CoT');
  const ownId = r.id('id');
  if (r.hasErrors || text === undefined || response === undefined) return undefined;
  const textKey = questionTextKey(text);
  const reference: Question['reference'] = { answer: response.trim() };
  if (reasoning !== undefined && reasoning.trim() !== '') reference.reasoning = reasoning.trim();
  return {
    textKey,
    idField: ownId !== undefined ? 'id' : undefined,
    question: {
      id: ownId ?? derivedQuestionId('o1', textKey),
      text: text.trim(),
      kind: 'open',
      reference,
      source: { file: r.file, line: r.record.line },
    },
  };
}
