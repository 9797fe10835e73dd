import { openStore } from '../../../server/store';
import { medqaQuestions, o1AnswersFor, TEST_RUBRIC } from './realQuestions';

/** Creates a database with the 120 real MedQA questions, three models' answers to each, and the test rubric. */
export async function seedDatabase(db: string, questionCount = 120): Promise<void> {
  const store = await openStore(db);
  try {
    await store.registerRubric(TEST_RUBRIC);
    const questions = medqaQuestions(questionCount);
    const session = store.startImport('medqa');
    await session.addQuestions(questions);
    for (const model of ['model-a', 'model-b', 'model-c']) await session.addAnswers(o1AnswersFor(questions, model));
    await session.finish();
  } finally {
    await store.close();
  }
}
