import { strict as assert } from 'node:assert';
import { Database } from 'node-sqlite3-wasm';
import { openStore, StoreConflictError, type RatingInput, type Store } from '../../../server/store';
import { seedDatabase } from './seededDatabase';
import { TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

describe('store: undo of the last change, from the event log', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let question: string;
  let answers: string[];

  beforeEach(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db, 3);
    store = await openStore(tmp.db);
    question = (await store.listQuestions({ limit: 1 })).rows[0]!.uid;
    answers = (await store.getQuestion(question)).answers.map((a) => a.uid);
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  const rate = (rater: string, answerUid: string, overall: number, comment = ''): RatingInput => ({
    rater,
    answerUid,
    rubricHash: TEST_RUBRIC.hash,
    values: { harm: overall },
    overall,
    comment,
    blind: false,
  });
  const myRatings = async (rater: string) => (await store.getQuestion(question, rater)).ratings.map((r) => [r.answerUid, r.overall, r.comment]);

  it('walks back through a rater’s own changes, newest first, across kinds of change', async () => {
    await store.saveRating(rate('dr-u', answers[0]!, 4, 'first'));
    await store.saveRating(rate('dr-u', answers[0]!, 2, 'second thoughts'));
    await store.setFlag('dr-u', answers[1]!, 'names its maker');
    await store.saveRating(rate('dr-other', answers[0]!, 5)); // someone else's change is not mine to undo

    let result = await store.undoLastChange('dr-u');
    assert.equal(result?.undone.entity, 'flag');
    assert.deepEqual((await store.getQuestion(question, 'dr-u')).flags, []);

    result = await store.undoLastChange('dr-u');
    assert.equal(result?.undone.entity, 'rating');
    assert.deepEqual(await myRatings('dr-u'), [[answers[0], 4, 'first']]);

    result = await store.undoLastChange('dr-u');
    assert.equal(result?.undone.before, null);
    assert.deepEqual(await myRatings('dr-u'), []);
    assert.equal(await store.undoLastChange('dr-u'), undefined);

    assert.deepEqual(await myRatings('dr-other'), [[answers[0], 5, '']]);
    // The undos are in the log too, each pointing at the change it took back.
    const log = await store.events({ rater: 'dr-u' });
    const undos = log.filter((e) => e.kind === 'undo');
    assert.equal(undos.length, 3);
    assert.deepEqual(
      undos.map((u) => u.undoes),
      [log[2]!.id, log[1]!.id, log[0]!.id],
    );
  });

  it('brings back a deleted rating with its uid, and undoes preferences and choice corrections', async () => {
    const saved = await store.saveRating(rate('dr-d', answers[0]!, 3, 'keep me'));
    await store.deleteRating('dr-d', answers[0]!, TEST_RUBRIC.key);
    await store.undoLastChange('dr-d');
    const back = (await store.getQuestion(question, 'dr-d')).ratings;
    assert.deepEqual(back.map((r) => [r.uid, r.overall, r.comment]), [[saved.uid, 3, 'keep me']]);
    assert.ok(back[0]!.revision > saved.revision);

    await store.savePreference({ rater: 'dr-d', answerA: answers[0]!, answerB: answers[1]!, choice: 'a', blind: true });
    await store.savePreference({ rater: 'dr-d', answerA: answers[0]!, answerB: answers[1]!, choice: 'both-bad', blind: true });
    await store.undoLastChange('dr-d');
    const prefs = (await store.getQuestion(question, 'dr-d')).preferences;
    assert.equal(prefs.length, 1);
    assert.equal(prefs[0]!.answerA < prefs[0]!.answerB, true);
    assert.equal(prefs[0]!.choice, answers[0]! < answers[1]! ? 'a' : 'b');

    await store.setChoiceOverride({ rater: 'dr-d', answerUid: answers[2]!, extracted: 'C', corrected: 'D' });
    await store.undoLastChange('dr-d');
    assert.deepEqual((await store.getQuestion(question, 'dr-d')).overrides, []);
  });

  it('with two windows of one rater, takes back the newest change whichever window made it', async () => {
    await store.saveRating(rate('dr-c', answers[0]!, 4));
    // A second Store on the same file is what a second VS Code window is.
    const other = await openStore(tmp.db);
    await other.saveRating(rate('dr-c', answers[0]!, 1, 'from the other window'));
    await other.close();
    const first = await store.undoLastChange('dr-c'); // takes back the other window's save: it is the newest
    assert.equal((first?.undone.after as { comment: string }).comment, 'from the other window');
    assert.deepEqual(await myRatings('dr-c'), [[answers[0], 4, '']]);
  });

  it('refuses, changing nothing, when the item no longer looks the way that change left it', async () => {
    await store.saveRating(rate('dr-x', answers[0]!, 4));
    await store.close();
    // An out-of-band edit (another tool on the file) that the log does not know about.
    const raw = new Database(tmp.db);
    raw.run("UPDATE ratings SET overall = 1 WHERE rater_id = (SELECT id FROM raters WHERE name = 'dr-x')");
    raw.close();
    store = await openStore(tmp.db);
    await assert.rejects(store.undoLastChange('dr-x'), StoreConflictError);
    assert.deepEqual(await myRatings('dr-x'), [[answers[0], 1, '']]);
  });
});
