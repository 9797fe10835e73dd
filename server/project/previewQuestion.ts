import type { Question } from '../dataset/model';
import { StoreNotFoundError } from '../store';
import type { Project } from './project';

/**
 * The question a template hover renders its prompt for: the one the panel shows, else the project's first.
 * Undefined while the project is not open or has no question (the hover then says so).
 */
export async function previewQuestion(project: Project): Promise<Question | undefined> {
  let p;
  try {
    p = await project.ready();
  } catch {
    return undefined; // loading failed; the status says why
  }
  if (project.viewedQuestionId !== undefined) {
    try {
      return (await p.store.getQuestion(project.viewedQuestionId)).question;
    } catch (err) {
      if (!(err instanceof StoreNotFoundError)) throw err;
    }
  }
  const first = (await p.store.listQuestions({ limit: 1 })).rows[0]?.uid;
  return first === undefined ? undefined : (await p.store.getQuestion(first)).question;
}
