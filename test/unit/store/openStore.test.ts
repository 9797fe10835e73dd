import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import { openStore, SCHEMA_VERSION, StoreRefusedError, type RefusalReason } from '../../../server/store';
import { medqaQuestions, o1AnswersFor, TEST_RUBRIC } from './realQuestions';
import { makeTempDir } from './tempDatabase';

/** Reads header fields with SQLite itself (not with the store's own header parser). */
function pragma(db: string, name: string): number {
  const d = new Database(db, { readOnly: true });
  try {
    return Number(d.get(`PRAGMA ${name}`)?.[name]);
  } finally {
    d.close();
  }
}

async function assertRefusedUntouched(path: string, reason: RefusalReason): Promise<void> {
  const bytes = readFileSync(path);
  await assert.rejects(openStore(path), (err: unknown) => {
    assert.ok(err instanceof StoreRefusedError, String(err));
    assert.equal(err.reason, reason);
    assert.ok(err.message.startsWith(path), 'the message names the file');
    return true;
  });
  assert.deepEqual(readFileSync(path), bytes, 'the refused file was altered');
  assert.equal(existsSync(`${path}-journal`), false, 'a journal was created beside the refused file');
  assert.equal(existsSync(`${path}.lock`), false, 'a lock was left beside the refused file');
}

describe('store: opening, refusing and upgrading a database file', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('creates the folder and a database marked as MedReview at the newest schema', async () => {
    const path = join(tmp.dir, '.medreview', 'nested', 'review.sqlite');
    const store = await openStore(path);
    await store.close();
    assert.ok(statSync(path).size > 0);
    assert.equal(pragma(path, 'application_id'), 0x4d645276);
    assert.equal(pragma(path, 'user_version'), SCHEMA_VERSION);
  });

  it('commits through a rollback journal in TRUNCATE mode (kept, emptied), never WAL', async () => {
    const store = await openStore(tmp.db);
    await store.addRater('someone');
    await store.close();
    // TRUNCATE leaves an empty journal file after a commit; WAL would leave -wal and -shm files.
    assert.equal(statSync(`${tmp.db}-journal`).size, 0);
    assert.equal(existsSync(`${tmp.db}-wal`), false);
    assert.equal(existsSync(`${tmp.db}-shm`), false);
  });

  it('refuses a text file at the path and leaves it as it was', async () => {
    writeFileSync(tmp.db, '{"this": "is a rubric, not a database"}\n');
    await assertRefusedUntouched(tmp.db, 'not-sqlite');
  });

  it("refuses another program's SQLite database and leaves it as it was", async () => {
    const d = new Database(tmp.db);
    d.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'x\')');
    d.close();
    await assertRefusedUntouched(tmp.db, 'foreign');
  });

  it('refuses a database from a newer MedReview, byte for byte untouched', async () => {
    const store = await openStore(tmp.db);
    await store.close();
    const d = new Database(tmp.db);
    d.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    d.close();
    await assertRefusedUntouched(tmp.db, 'newer-version');
  });

  it('refuses a truncated copy of a database as damaged', async () => {
    const store = await openStore(tmp.db);
    const session = store.startImport('s');
    await session.addQuestions(medqaQuestions(60));
    await session.finish();
    await store.close();
    const copy = join(tmp.dir, 'copy.sqlite');
    copyFileSync(tmp.db, copy);
    truncateSync(copy, statSync(copy).size - 4096);
    await assertRefusedUntouched(copy, 'damaged');
  });

  it('takes an empty (zero-byte) file as a new database', async () => {
    writeFileSync(tmp.db, '');
    const store = await openStore(tmp.db);
    await store.close();
    assert.equal(pragma(tmp.db, 'user_version'), SCHEMA_VERSION);
  });

  it('upgrades a database of the first schema version, keeping its questions, answers and ratings', async () => {
    // A version-1 database: only the first step applied; rows the version-1 tables hold.
    const old = await openStore(tmp.db, { schemaVersion: 1 });
    await old.registerRubric(TEST_RUBRIC);
    await old.addRater('dr-a');
    const questions = medqaQuestions(5);
    const session = old.startImport('s');
    await session.addQuestions(questions);
    await session.addAnswers(o1AnswersFor(questions, 'm'));
    await session.finish();
    await old.close();
    const raw = new Database(tmp.db);
    raw.run(
      `INSERT INTO ratings (uid, rater_id, answer_id, rubric_key, rubric_version_id, axis_values, overall, comment, blind, shown_position, revision, created_at, updated_at)
       VALUES ('r-1', 1, 1, ?, 1, '{"harm":1}', 4, 'old note', 0, NULL, 1, 10, 20)`,
      [TEST_RUBRIC.key],
    );
    const answerUid = raw.get('SELECT uid FROM answers WHERE id = 1')?.uid as string;
    const questionUid = raw.get('SELECT q.uid AS uid FROM questions q JOIN answers a ON a.question_id = q.id WHERE a.id = 1')?.uid as string;
    raw.close();
    assert.equal(pragma(tmp.db, 'user_version'), 1);

    const store = await openStore(tmp.db);
    try {
      assert.equal(pragma(tmp.db, 'user_version'), SCHEMA_VERSION);
      const detail = await store.getQuestion(questionUid, 'dr-a');
      assert.equal(detail.question.text, questions[0]!.text);
      assert.equal(detail.answers.length, 1);
      assert.deepEqual(
        detail.ratings.map((r) => [r.uid, r.answerUid, r.values, r.overall, r.comment, r.rubricHash]),
        [['r-1', answerUid, { harm: 1 }, 4, 'old note', TEST_RUBRIC.hash]],
      );
      // Tables of the later steps work.
      await store.saveDraft({ rater: 'dr-a', answerUid, rubricKey: TEST_RUBRIC.key, form: { harm: 2 } });
      const job = await store.createJob({ name: 'j', config: {}, items: [{ questionUid, model: 'm2' }] });
      assert.equal(job.counts.pending, 1);
    } finally {
      await store.close();
    }
  });
});
