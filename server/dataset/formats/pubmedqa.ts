import { derivedQuestionId, questionTextKey } from '../questionIds';
import type { FieldReader } from './fieldReader';
import type { QuestionRecord } from './medicalO1';

const DECISIONS = ['yes', 'no', 'maybe'];

/**
 * PubMedQA: an object keyed by PubMed id whose members hold `QUESTION`, `CONTEXTS`, `LONG_ANSWER` and
 * `final_decision`; the same members one per JSON Lines line carry the id in `pubid` or `id`.
 */
export function readPubmedqa(r: FieldReader): QuestionRecord | undefined {
  const text = r.string('QUESTION', true);
  const contexts = r.stringArray('CONTEXTS');
  const longAnswer = r.string('LONG_ANSWER', true);
  const decision = r.string('final_decision', true)?.trim().toLowerCase();
  const idField = r.record.key !== undefined ? undefined : r.firstPresent(['pubid', 'id']);
  const ownId = r.record.key ?? (idField ? r.id(idField) : undefined);
  if (decision !== undefined && !DECISIONS.includes(decision)) {
    r.report(['final_decision'], 'invalid-value', `'final_decision' must be yes, no or maybe, not "${decision}"`);
  }
  if (r.hasErrors || text === undefined || longAnswer === undefined || decision === undefined) return undefined;
  const textKey = questionTextKey(text);
  const question: QuestionRecord['question'] = {
    id: ownId ?? derivedQuestionId('pubmedqa', textKey),
    text: text.trim(),
    kind: 'yes-no-maybe',
    reference: { answer: longAnswer.trim(), label: decision },
    source: { file: r.file, line: r.record.keyPosition?.line ?? r.record.line },
  };
  if (contexts && contexts.length > 0) question.context = contexts;
  return { textKey, idField, question };
}
