import { strict as assert } from 'node:assert';
import { openStore, type Store } from '../../../server/store';
import { medqaQuestions, o1AnswersFor, TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

describe('store: the panel’s list, question, queue and progress queries', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  /** Question uid -> answer uids, in set order. */
  let qs: { uid: string; answers: string[] }[];

  const rate = (rater: string, answerUid: string, overall: number) =>
    store.saveRating({ rater, answerUid, rubricHash: TEST_RUBRIC.hash, values: { harm: overall }, overall, blind: true });

  beforeEach(async () => {
    tmp = makeTempDir();
    store = await openStore(tmp.db);
    await store.registerRubric(TEST_RUBRIC);
    const questions = medqaQuestions(6);
    const session = store.startImport('medqa');
    await session.addQuestions(questions);
    const a = o1AnswersFor(questions, 'model-a');
    const b = o1AnswersFor(questions, 'model-b').map((x, i) =>
      // model-b never closes its reasoning on question 3 and was cut off on question 4.
      i === 2 ? { ...x, split: { ...x.split, answer: '', state: 'unclosed' as const } } : i === 3 ? { ...x, finishReason: 'length' } : x,
    );
    await session.addAnswers([...a, ...b]);
    await session.finish();
    const page = await store.listQuestions({ set: 'medqa' });
    qs = await Promise.all(page.rows.map(async (r) => ({ uid: r.uid, answers: (await store.getQuestion(r.uid)).answers.map((x) => x.uid) })));
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const listed = async (params: Parameters<Store['listQuestions']>[0]) => (await store.listQuestions({ set: 'medqa', ...params })).rows.map((r) => qs.findIndex((q) => q.uid === r.uid));

  it('lists in set order with totals, pages, and the rater’s progress per row', async () => {
    await rate('ann', qs[0]!.answers[0]!, 4);
    await rate('ann', qs[0]!.answers[1]!, 2);
    await rate('ann', qs[1]!.answers[0]!, 3);
    await rate('ben', qs[0]!.answers[0]!, 5);
    const page = await store.listQuestions({ set: 'medqa', rater: 'ann', offset: 0, limit: 3 });
    assert.equal(page.total, 6);
    assert.deepEqual(
      page.rows.map((r) => [r.gradedByRater, r.answerCount, r.ratersComplete]),
      [
        [2, 2, 1],
        [1, 2, 0],
        [0, 2, 0],
      ],
    );
    assert.equal(page.rows[0]!.title, medqaQuestions(1)[0]!.text.replace(/\s+/g, ' ').slice(0, 159) + '…');
    assert.deepEqual(await listed({ offset: 4, limit: 10 }), [4, 5]);
  });

  it('filters: ungraded by a rater, flagged, disagreement, model, reasoning state, finish reason, search', async () => {
    await rate('ann', qs[0]!.answers[0]!, 5);
    await rate('ann', qs[0]!.answers[1]!, 5);
    await rate('ben', qs[0]!.answers[0]!, 2); // 3 points apart from ann on the same answer
    await rate('ann', qs[1]!.answers[0]!, 4);
    await rate('ben', qs[1]!.answers[0]!, 3); // 1 point apart
    await store.setFlag('ben', qs[5]!.answers[1]!, 'names its maker');
    assert.deepEqual(await listed({ ungradedBy: 'ann' }), [1, 2, 3, 4, 5]);
    assert.deepEqual(await listed({ ungradedBy: 'nobody-yet' }), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(await listed({ flagged: true }), [5]);
    assert.deepEqual(await listed({ disagreementAtLeast: 2 }), [0]);
    assert.deepEqual(await listed({ disagreementAtLeast: 1 }), [0, 1]);
    assert.deepEqual(await listed({ thinkState: 'unclosed' }), [2]);
    assert.deepEqual(await listed({ finishReason: 'length' }), [3]);
    assert.deepEqual(await listed({ model: 'model-b', thinkState: 'unclosed' }), [2]);
    assert.deepEqual(await listed({ model: 'model-z' }), []);
    const word = medqaQuestions(6)[4]!.text.split(/\s+/).find((w) => w.length > 9)!;
    assert.ok((await listed({ search: word.toUpperCase() })).includes(4));
    assert.deepEqual(await listed({ search: 'medqa-6' }), [5]);
  });

  it('filters to a rater’s queue under an overlap: the same questions Store.queue hands out', async () => {
    await rate('ann', qs[0]!.answers[0]!, 4);
    await rate('ann', qs[0]!.answers[1]!, 4);
    await rate('ben', qs[0]!.answers[0]!, 4);
    await rate('ann', qs[1]!.answers[0]!, 4);
    // Overlap 1: whatever someone rated is done; question 1 still has an unrated answer.
    assert.deepEqual(await listed({ queuedFor: { rater: 'cat', overlap: 1 } }), [1, 2, 3, 4, 5]);
    // Overlap 2: question 0's answer 1 has one rater, so cat still has work there; ben too.
    assert.deepEqual(await listed({ queuedFor: { rater: 'cat', overlap: 2 } }), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(await listed({ queuedFor: { rater: 'ben', overlap: 2 } }), [0, 1, 2, 3, 4, 5]);
    await rate('ben', qs[0]!.answers[1]!, 4);
    assert.deepEqual(await listed({ queuedFor: { rater: 'cat', overlap: 2 } }), [1, 2, 3, 4, 5], 'question 0 is covered twice');
    const queued = (await store.queue({ rater: 'cat', overlap: 2, limit: 100 })).map((i) => qs.findIndex((q) => q.uid === i.questionUid)).sort();
    assert.deepEqual(queued, await listed({ queuedFor: { rater: 'cat', overlap: 2 } }));
    await assert.rejects(listed({ queuedFor: { rater: 'cat', overlap: 0 } }), /overlap/);
  });

  it('returns a question with this rater’s work only, counting the others', async () => {
    await rate('ann', qs[0]!.answers[0]!, 4);
    await rate('ben', qs[0]!.answers[0]!, 2);
    await rate('cat', qs[0]!.answers[0]!, 3);
    const detail = await store.getQuestion(qs[0]!.uid, 'ann');
    assert.deepEqual(detail.ratings.map((r) => r.rater), ['ann']);
    assert.deepEqual(detail.otherRaters, { [qs[0]!.answers[0]!]: 2 });
    assert.deepEqual((await store.ratingsOfQuestion(qs[0]!.uid)).map((r) => r.rater), ['ann', 'ben', 'cat']);
  });

  it('queues to an overlap of 2: started questions first, never an answer the rater did, none past the overlap', async () => {
    await rate('ann', qs[2]!.answers[0]!, 4); // question 2 started by ann
    let queue = await store.queue({ rater: 'ben', overlap: 2, limit: 3 });
    assert.deepEqual(
      queue.map((i) => [qs.findIndex((q) => q.uid === i.questionUid), i.answerUids.length]),
      [
        [2, 2],
        [0, 2],
        [1, 2],
      ],
    );
    await rate('ben', qs[2]!.answers[0]!, 3);
    await rate('cat', qs[2]!.answers[1]!, 3);
    await rate('ann', qs[2]!.answers[1]!, 3);
    // Question 2 is now fully covered twice: queued for nobody new.
    queue = await store.queue({ rater: 'dan', overlap: 2, limit: 10 });
    assert.ok(!queue.some((i) => i.questionUid === qs[2]!.uid));
    // ben rated answer 0 of question 2; answer 1 has two raters: nothing left there for ben.
    queue = await store.queue({ rater: 'ben', overlap: 2, limit: 10 });
    assert.ok(!queue.some((i) => i.questionUid === qs[2]!.uid));
    const all = queue.flatMap((i) => i.answerUids);
    assert.equal(new Set(all).size, all.length, 'an answer appears twice in one queue');
    assert.equal(all.length, 10);
  });

  it('reports progress per rater and per question', async () => {
    for (const a of qs[0]!.answers) await rate('ann', a, 4);
    await rate('ann', qs[1]!.answers[0]!, 4);
    await rate('ben', qs[0]!.answers[0]!, 2);
    const progress = await store.raterProgress({ set: 'medqa' });
    assert.deepEqual(
      progress.map((p) => [p.rater, p.gradedAnswers, p.totalAnswers, p.gradedQuestions, p.totalQuestions]),
      [
        ['ann', 3, 12, 1, 6],
        ['ben', 1, 12, 0, 6],
      ],
    );
    const [q0, q1] = await store.questionProgress([qs[0]!.uid, qs[1]!.uid]);
    assert.deepEqual([q0!.ratersComplete, q0!.minRatersPerAnswer, q0!.maxRatersPerAnswer], [1, 1, 2]);
    assert.deepEqual([q1!.ratersComplete, q1!.minRatersPerAnswer, q1!.maxRatersPerAnswer], [0, 0, 1]);
  });

  it('streams every rating with its model and generation details, across chunk boundaries', async () => {
    let n = 0;
    for (const q of qs) for (const a of q.answers) await rate(`r${n++ % 3}`, a, (n % 5) + 1);
    const records = [];
    for await (const r of store.streamRatings({ chunkSize: 5 })) records.push(r);
    assert.equal(records.length, 12);
    assert.deepEqual(new Set(records.map((r) => r.model)), new Set(['model-a', 'model-b']));
    assert.ok(records.every((r) => r.rubricHash === TEST_RUBRIC.hash && r.params?.temperature === 0.6 && r.questionId.startsWith('medqa-')));
    const ids = records.map((r) => r.uid);
    assert.equal(new Set(ids).size, 12);
    const onlyR1 = [];
    for await (const r of store.streamRatings({ rater: 'r1', chunkSize: 2 })) onlyR1.push(r.rater);
    assert.deepEqual(onlyR1, ['r1', 'r1', 'r1', 'r1']);
  });
});
