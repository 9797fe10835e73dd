import { StoreInputError, StoreNotFoundError } from '../errors';
import { appendEvent } from '../eventLog';
import { insertAnswer } from '../rows/answerInsert';
import { questionRowId } from '../rows/questionRows';
import type { Connection } from '../sqlite/connection';
import type { AnswerInput } from '../types';

/** Stores a freshly generated answer for a question; generating the identical text again stores nothing new. */
export function addGeneratedAnswer(c: Connection, questionUid: string, a: AnswerInput, now: number): { uid: string; inserted: boolean } {
  if (!a.generation) throw new StoreInputError('generation', 'a generated answer needs its endpoint and parameters');
  const question = questionRowId(c, questionUid);
  if (question === undefined) throw new StoreNotFoundError('question', questionUid);
  const result = insertAnswer(c, { questionId: question, questionUid, fileId: null }, a, now);
  if (result.inserted) {
    const after = { model: a.model, endpoint: a.generation.endpoint, templateHash: a.generation.template?.hash ?? null, finishReason: a.finishReason ?? null };
    appendEvent(c, { at: now, raterId: null, kind: 'import', entity: 'answer', entityKey: result.uid, before: null, after, undoable: false });
  }
  return result;
}
