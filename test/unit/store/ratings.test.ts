import { strict as assert } from 'node:assert';
import { Database } from 'node-sqlite3-wasm';
import { openStore, StoreConflictError, StoreInputError, StoreNotFoundError, type RatingInput, type Store } from '../../../server/store';
import { seedDatabase } from './seededDatabase';
import { TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

describe('store: ratings, drafts and the event log', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let clock: number;
  let answers: string[];

  before(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db, 10);
  });
  after(() => tmp.cleanup());
  beforeEach(async () => {
    clock = 1_000;
    store = await openStore(tmp.db, { now: () => clock++ });
    const q = (await store.listQuestions({ limit: 1 })).rows[0]!;
    answers = (await store.getQuestion(q.uid)).answers.map((a) => a.uid);
  });
  afterEach(() => store.close());

  const input = (rater: string, answerUid: string, overall: number): RatingInput => ({
    rater,
    answerUid,
    rubricHash: TEST_RUBRIC.hash,
    values: { consensus: 'agrees', harm: overall > 3 ? 'none' : 'moderate' },
    overall,
    comment: 'Misses the contraindication.',
    blind: true,
    shownPosition: 2,
  });

  it('saves a rating with its rubric version, rater and position, and reads it back', async () => {
    const saved = await store.saveRating(input('dr-save', answers[0]!, 4));
    assert.equal(saved.revision, 1);
    assert.equal(saved.rubricKey, TEST_RUBRIC.key);
    assert.equal(saved.rubricVersion, TEST_RUBRIC.version);
    assert.equal(saved.shownPosition, 2);
    assert.equal(saved.blind, true);
    const detail = await store.getQuestion(saved.questionUid, 'dr-save');
    assert.deepEqual(detail.ratings, [saved]);
  });

  it('updates in place with a new revision, and a save of identical content changes nothing', async () => {
    const first = await store.saveRating(input('dr-update', answers[0]!, 4));
    const second = await store.saveRating(input('dr-update', answers[0]!, 2));
    assert.equal(second.uid, first.uid);
    assert.equal(second.revision, 2);
    assert.equal(second.createdAt, first.createdAt);
    const third = await store.saveRating(input('dr-update', answers[0]!, 2));
    assert.deepEqual(third, second);
    const events = await store.events({ rater: 'dr-update' });
    assert.deepEqual(events.map((e) => [e.kind, e.entity, (e.before as { overall?: number } | null)?.overall ?? null, (e.after as { overall: number }).overall]), [
      ['save', 'rating', null, 4],
      ['save', 'rating', 4, 2],
    ]);
  });

  it('refuses a save based on an outdated revision', async () => {
    await store.saveRating(input('dr-rev', answers[0]!, 4));
    await assert.rejects(store.saveRating({ ...input('dr-rev', answers[0]!, 3), expectedRevision: 0 }), StoreConflictError);
    const ok = await store.saveRating({ ...input('dr-rev', answers[0]!, 3), expectedRevision: 1 });
    assert.equal(ok.revision, 2);
  });

  it('says which field is wrong for bad input, and which thing is missing', async () => {
    await assert.rejects(store.saveRating(input('dr-bad', answers[0]!, 7)), (e: unknown) => e instanceof StoreInputError && e.field === 'overall');
    await assert.rejects(
      store.saveRating({ ...input('dr-bad', answers[0]!, 3), values: { harm: { nested: true } as unknown as string } }),
      (e: unknown) => e instanceof StoreInputError && e.field === 'values.harm',
    );
    await assert.rejects(store.saveRating({ ...input('dr-bad', answers[0]!, 3), shownPosition: -1 }), (e: unknown) => e instanceof StoreInputError && e.field === 'shownPosition');
    await assert.rejects(store.saveRating(input('', answers[0]!, 3)), (e: unknown) => e instanceof StoreInputError && e.field === 'rater');
    await assert.rejects(store.saveRating(input('dr-bad', 'f'.repeat(32), 3)), (e: unknown) => e instanceof StoreNotFoundError && e.entity === 'answer');
    await assert.rejects(store.saveRating({ ...input('dr-bad', answers[0]!, 3), rubricHash: 'sha256-unknownunknown' }), StoreNotFoundError);
    assert.deepEqual((await store.getQuestion((await store.listQuestions({ limit: 1 })).rows[0]!.uid, 'dr-bad')).ratings, []);
  });

  it('keeps a draft across reopening, never counts it as a rating, and drops it when the rating is saved', async () => {
    await store.saveDraft({ rater: 'dr-draft', answerUid: answers[1]!, rubricKey: TEST_RUBRIC.key, form: { harm: 'moderate', comment: 'half' } });
    await store.close();
    store = await openStore(tmp.db, { now: () => clock++ });
    const qUid = (await store.listQuestions({ limit: 1 })).rows[0]!.uid;
    let detail = await store.getQuestion(qUid, 'dr-draft');
    assert.deepEqual(detail.drafts.map((d) => d.form), [{ harm: 'moderate', comment: 'half' }]);
    assert.deepEqual(detail.ratings, []);
    assert.equal((await store.listQuestions({ rater: 'dr-draft', limit: 1 })).rows[0]!.gradedByRater, 0);
    await store.saveRating(input('dr-draft', answers[1]!, 3));
    detail = await store.getQuestion(qUid, 'dr-draft');
    assert.deepEqual(detail.drafts, []);
    assert.equal(detail.ratings.length, 1);
  });

  it('keeps the event log append-only even for direct SQL', async () => {
    await store.saveRating(input('dr-log', answers[2]!, 5));
    await store.close();
    const raw = new Database(tmp.db);
    try {
      assert.throws(() => raw.run("UPDATE events SET kind = 'save' WHERE id = 1"), /append-only/);
      assert.throws(() => raw.run('DELETE FROM events'), /append-only/);
    } finally {
      raw.close();
    }
    store = await openStore(tmp.db);
  });

  it('stores pairwise preferences in one order whichever way the pair is given', async () => {
    const [x, y] = [answers[0]!, answers[1]!].sort();
    const p = await store.savePreference({ rater: 'dr-pair', answerA: y!, answerB: x!, choice: 'a', blind: true, shownFirst: 'a' });
    // Given as (y, x) preferring y, shown y first: stored as (x, y) preferring b, shown b first.
    assert.deepEqual([p.answerA, p.answerB, p.choice, p.shownFirst], [x, y, 'b', 'b']);
    const again = await store.savePreference({ rater: 'dr-pair', answerA: x!, answerB: y!, choice: 'tie', blind: true });
    assert.equal(again.uid, p.uid);
    assert.equal(again.revision, 2);
    await assert.rejects(store.savePreference({ rater: 'dr-pair', answerA: x!, answerB: x!, choice: 'a', blind: false }), StoreInputError);
  });
});
