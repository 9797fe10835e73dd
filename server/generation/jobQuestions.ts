import type { QuestionFilter, Store } from '../store';
import { GenerationParamsError } from './sampling';

const PAGE = 1000;

/** The questions a job covers: the ids given (each must exist), else every question matching the filter. */
export async function jobQuestionUids(store: Store, questionIds: unknown, filter: QuestionFilter): Promise<string[]> {
  if (questionIds !== undefined && questionIds !== null) {
    if (!Array.isArray(questionIds) || !questionIds.every((q) => typeof q === 'string')) throw new GenerationParamsError('questionIds: expected a list of question ids');
    for (const id of questionIds) await store.getQuestion(id);
    return [...new Set(questionIds)];
  }
  const uids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listQuestions({ ...filter, offset, limit: PAGE });
    uids.push(...page.rows.map((r) => r.uid));
    if (page.rows.length < PAGE || uids.length >= page.total) return uids;
  }
}
