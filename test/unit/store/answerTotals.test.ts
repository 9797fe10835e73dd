import { strict as assert } from 'node:assert';
import { openStore, type Store } from '../../../server/store';
import { medqaQuestions, o1AnswersFor, TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

describe('store: progress totals kept between calls', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let mine: Store;
  let theirs: Store;
  const questions = medqaQuestions(8);

  const importAnswers = async (store: Store, model: string, count: number): Promise<void> => {
    const session = store.startImport('medqa');
    await session.addQuestions(questions);
    await session.addAnswers(o1AnswersFor(questions.slice(0, count), model));
    await session.finish();
  };
  const totals = async (store: Store) => {
    const [p] = await store.raterProgress({ rubricKey: TEST_RUBRIC.key });
    return [p?.gradedAnswers, p?.totalAnswers, p?.totalQuestions];
  };

  beforeEach(async () => {
    tmp = makeTempDir();
    mine = await openStore(tmp.db);
    theirs = await openStore(tmp.db);
    await mine.registerRubric(TEST_RUBRIC);
    await importAnswers(mine, 'model-a', 3);
    const [first] = (await mine.getQuestion((await mine.listQuestions({ set: 'medqa' })).rows[0]!.uid)).answers;
    await mine.saveRating({ rater: 'ann', answerUid: first!.uid, rubricHash: TEST_RUBRIC.hash, values: { harm: 4 }, overall: 4, blind: false });
  });
  afterEach(async () => {
    await mine.close();
    await theirs.close();
    tmp.cleanup();
  });

  it('counts answers added later by this store', async () => {
    assert.deepEqual(await totals(mine), [1, 3, 3]);
    await importAnswers(mine, 'model-b', 5);
    assert.deepEqual(await totals(mine), [1, 8, 5]);
  });

  it('counts answers another connection added to the same file (another window, the CLI)', async () => {
    assert.deepEqual(await totals(mine), [1, 3, 3]);
    await importAnswers(theirs, 'model-c', 8);
    assert.deepEqual(await totals(mine), [1, 11, 8]);
  });

  it('gives the same totals as a set-scoped count of the only set', async () => {
    await importAnswers(theirs, 'model-c', 6);
    const [storeWide] = await mine.raterProgress({ rubricKey: TEST_RUBRIC.key });
    const [inSet] = await mine.raterProgress({ set: 'medqa', rubricKey: TEST_RUBRIC.key });
    assert.deepEqual(storeWide, inSet);
  });
});
