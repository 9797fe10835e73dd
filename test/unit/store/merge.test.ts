import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, StoreConflictError, type Rating, type RatingInput, type RubricVersion, type Store } from '../../../server/store';
import { seedDatabase } from './seededDatabase';
import { TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

describe('store: merging another rater’s database', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ours: Store;
  let theirsPath: string;
  let answers: string[];

  const rate = (rater: string, answerUid: string, overall: number, comment = ''): RatingInput => ({
    rater,
    answerUid,
    rubricHash: TEST_RUBRIC.hash,
    values: { harm: overall },
    overall,
    comment,
    blind: true,
    shownPosition: 1,
  });

  /** Opens the other rater's database, runs `fn`, and closes it (a merge needs it closed). */
  async function inTheirs(fn: (s: Store) => Promise<unknown>): Promise<void> {
    const s = await openStore(theirsPath);
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  }

  beforeEach(async () => {
    tmp = makeTempDir();
    theirsPath = join(tmp.dir, 'theirs.sqlite');
    // Both imported the same dataset, each into their own database.
    await seedDatabase(tmp.db, 4);
    await seedDatabase(theirsPath, 4);
    ours = await openStore(tmp.db);
    const q = (await ours.listQuestions({ limit: 1 })).rows[0]!;
    answers = (await ours.getQuestion(q.uid)).answers.map((a) => a.uid);
  });
  afterEach(async () => {
    await ours.close();
    tmp.cleanup();
  });

  it('adds their ratings and preferences, and a second merge finds them unchanged', async () => {
    await inTheirs(async (s) => {
      await s.saveRating(rate('dr-bea', answers[0]!, 2, 'unsafe dose'));
      await s.saveRating(rate('dr-bea', answers[1]!, 5));
      await s.savePreference({ rater: 'dr-bea', answerA: answers[0]!, answerB: answers[1]!, choice: 'b', blind: true });
      await s.setChoiceOverride({ rater: 'dr-bea', answerUid: answers[2]!, extracted: null, corrected: 'B' });
    });
    const first = await ours.mergeFrom(theirsPath);
    assert.deepEqual(first.added, { ratings: 2, preferences: 1, overrides: 1 });
    assert.deepEqual(first.ratersAdded, ['dr-bea']);
    assert.deepEqual(first.conflicts, []);
    const detail = await ours.getQuestion((await ours.listQuestions({ limit: 1 })).rows[0]!.uid, 'dr-bea');
    assert.deepEqual(detail.ratings.map((r) => [r.answerUid, r.overall, r.comment, r.blind, r.shownPosition]), [
      [answers[0], 2, 'unsafe dose', true, 1],
      [answers[1], 5, '', true, 1],
    ]);
    const second = await ours.mergeFrom(theirsPath);
    assert.deepEqual(second.added, { ratings: 0, preferences: 0, overrides: 0 });
    assert.deepEqual(second.unchanged, { ratings: 2, preferences: 1, overrides: 1 });
    // Merged items are logged, but are not the local rater's to undo.
    assert.equal(await ours.undoLastChange('dr-bea'), undefined);
  });

  it('takes their later edit of a merged rating, but never overwrites a differing local one', async () => {
    await inTheirs((s) => s.saveRating(rate('dr-bea', answers[0]!, 2)));
    await ours.mergeFrom(theirsPath);
    await inTheirs((s) => s.saveRating(rate('dr-bea', answers[0]!, 3, 'on reflection')));
    const update = await ours.mergeFrom(theirsPath);
    assert.deepEqual(update.updated.ratings, 1);

    // Now the same rater's rating differs on both sides, edited independently: reported, not written.
    await ours.saveRating(rate('dr-bea', answers[0]!, 1, 'edited here'));
    await inTheirs((s) => s.saveRating(rate('dr-bea', answers[0]!, 4, 'edited there')));
    const clash = await ours.mergeFrom(theirsPath);
    assert.equal(clash.conflicts.length, 1);
    assert.equal(clash.conflicts[0]!.entity, 'rating');
    assert.equal((clash.conflicts[0]!.theirs as { comment: string }).comment, 'edited there');
    const mine = (await ours.getQuestion((await ours.listQuestions({ limit: 1 })).rows[0]!.uid, 'dr-bea')).ratings;
    assert.deepEqual(mine.map((r) => r.comment), ['edited here']);
  });

  it('reports ratings of answers this database does not have', async () => {
    await inTheirs(async (s) => {
      const session = s.startImport('extra');
      await session.addQuestions([{ id: 'only-theirs', text: 'A question only they imported?', kind: 'open', source: { file: '/extra.jsonl', line: 1 } }]);
      await session.addAnswers([{ questionId: 'only-theirs', model: 'm', raw: 'answer', split: { reasoning: '', answer: 'answer', state: 'none', flags: [] } }]);
      await session.finish();
      const q = (await s.listQuestions({ set: 'extra' })).rows[0]!;
      await s.saveRating(rate('dr-bea', (await s.getQuestion(q.uid)).answers[0]!.uid, 3));
    });
    const report = await ours.mergeFrom(theirsPath);
    assert.equal(report.missingAnswers.length, 1);
    assert.equal(report.added.ratings, 0);
  });

  it('merges ratings read from an export, with the rubric version they need', async () => {
    const exported: Rating[] = [];
    let rubrics: RubricVersion[] = [];
    await inTheirs(async (s) => {
      await s.saveRating(rate('dr-exp', answers[2]!, 4, 'from the export'));
      for await (const r of s.streamRatings({ rater: 'dr-exp' })) exported.push(r);
      rubrics = await s.rubrics();
    });
    const fresh = join(tmp.dir, 'fresh.sqlite');
    const target = await openStore(fresh);
    try {
      // Without the rubric version, the ratings cannot be placed: reported, not guessed.
      const without = await target.mergeRecords({ ratings: exported, preferences: [], overrides: [], rubrics: [] }, 'export.jsonl');
      assert.deepEqual(without.missingRubrics, [TEST_RUBRIC.hash]);
      assert.equal(without.added.ratings, 0);
    } finally {
      await target.close();
    }
    const report = await ours.mergeRecords({ ratings: exported, preferences: [], overrides: [], rubrics }, 'export.jsonl');
    assert.equal(report.source, 'export.jsonl');
    assert.equal(report.added.ratings, 1);
    const q = (await ours.listQuestions({ limit: 1 })).rows[0]!.uid;
    assert.deepEqual((await ours.getQuestion(q, 'dr-exp')).ratings.map((r) => r.comment), ['from the export']);
  });

  it('refuses a database that is open or was left by a crash', async () => {
    mkdirSync(`${theirsPath}.lock`);
    await assert.rejects(ours.mergeFrom(theirsPath), StoreConflictError);
  });
});
