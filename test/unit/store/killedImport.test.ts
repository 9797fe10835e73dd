import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../server/store';
import { generateImportSet } from '../../../bench/fixtures/generateImportSet';
import { runCliForTest } from '../../helpers/cliHarness';
import { TEST_RUBRIC } from './realQuestions';
import { seedDatabase } from './seededDatabase';
import { killImportWhen } from './killedImportProcess';
import { dumpImportTables } from './tableDump';
import { makeTempDir } from './tempDatabase';

/** A rated database: the seeded questions and answers, and one acknowledged rating; returns its uid. */
async function ratedDatabase(db: string): Promise<string> {
  await seedDatabase(db, 20);
  const store = await openStore(db);
  try {
    const [item] = await store.queue({ rater: 'dr-listing', overlap: 1_000, limit: 1 });
    const answerUid = item!.answerUids[0]!;
    const saved = await store.saveRating({ rater: 'dr-a', answerUid, rubricHash: TEST_RUBRIC.hash, values: { consensus: 'agrees', harm: 4 }, overall: 4, comment: 'kept', blind: true, shownPosition: 0 });
    return saved.uid;
  } finally {
    await store.close();
  }
}

/**
 * `medreview import FILES --db DB --set big`, killed once the database file has grown by `growth` bytes: the
 * import is then writing, with its pages spilled into the file before the commit or just committed.
 */
async function killImportWhenGrown(db: string, files: string[], growth: number): Promise<void> {
  const start = statSync(db).size;
  const { killed } = await killImportWhen([...files, '--db', db, '--set', 'big'], () => statSync(db).size >= start + growth);
  assert.ok(killed, 'the import ended before it could be killed: make the generated set larger');
}

describe('store: an import killed with SIGKILL', function () {
  this.timeout(180_000);
  let tmp: ReturnType<typeof makeTempDir>;

  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('keeps committed ratings and a sound database, and running it again finishes the job exactly', async () => {
    // 8,000 questions and 24,000 answers of 2-4 kB (92 MB of files): several import transactions, and enough
    // left after a first kill that got as far as a commit for the second run to grow the file by 40 MB (with
    // 4,000 questions a first kill after the first commit left too little, and the second run finished first).
    const set = generateImportSet(join(tmp.dir, 'set'), 8_000);
    const files = [...set.questionFiles, ...set.answerFiles];
    const killed = join(tmp.dir, 'killed.sqlite');
    const clean = join(tmp.dir, 'clean.sqlite');
    const ratingUid = await ratedDatabase(killed);
    await ratedDatabase(clean);

    // Killed twice: early (pages spilled into the file before the first commit: a hot journal to roll back),
    // then later, after an import transaction (10,000 rows, about 30 MB) has committed.
    const partials: number[] = [];
    for (const growth of [8 * 2 ** 20, 40 * 2 ** 20]) {
      await killImportWhenGrown(killed, files, growth);
      // The next opener recovers the lock and rolls back a half-written transaction by itself.
      const store = await openStore(killed);
      try {
        const ratings = [];
        for await (const r of store.streamRatings({ rater: 'dr-a' })) ratings.push(r);
        assert.deepEqual(ratings.map((r) => [r.uid, r.overall, r.comment]), [[ratingUid, 4, 'kept']]);
        assert.deepEqual(await store.integrityCheck(), ['ok']);
        partials.push((await store.listQuestions({ set: 'big', limit: 1 })).total);
      } finally {
        await store.close();
      }
    }
    // Not asserted (timing decides how far the first one got), but shown.
    console.log(`      killed with ${partials.join(', then ')} of ${set.questions} questions committed`);

    const again = await runCliForTest(['import', ...files, '--db', killed, '--set', 'big'], '', tmp.dir);
    assert.equal(again.code, 0, again.stderr);
    const counts = /(\d+) questions added \((\d+) already there\), (\d+) answers added \((\d+) already there\)/.exec(again.stderr);
    assert.ok(counts, again.stderr);
    const [qAdded, qThere, aAdded, aThere] = counts.slice(1).map(Number) as [number, number, number, number];
    assert.deepEqual([qAdded + qThere, aAdded + aThere, qThere], [set.questions, set.answers, partials[1]]);
    assert.ok(aThere > 0 && aAdded > 0, `the second kill left ${aThere} of ${set.answers} answers: not partly imported`);

    // Exactly what one uninterrupted import writes into the same rated database.
    const uninterrupted = await runCliForTest(['import', ...files, '--db', clean, '--set', 'big'], '', tmp.dir);
    assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
    assert.deepEqual(dumpImportTables(killed), dumpImportTables(clean));
  });
});
