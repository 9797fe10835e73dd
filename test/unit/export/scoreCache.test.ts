import { strict as assert } from 'node:assert';
import { Database } from 'node-sqlite3-wasm';
import { scorerKey, type ExportedRating } from '../../../server/export';
import { DEFAULT_ROUGE_SETTINGS, gradeAnswer, scoreRougeTypes } from '../../../server/metrics';
import { openStore, SCHEMA_VERSION, type Store } from '../../../server/store';
import { exportText, parseLines } from './exportHarness';
import { medqaRows, MODELS, rate, StudyFiles, studyQuestions, useStudyStore, type StudyQuestion } from './studyFixture';

/** The answer score cache (migration 4, server/export/scoreCache.ts): filled by the first export, read by the next. */
describe('export: answer score cache', () => {
  let path: string;
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ path, store, qs } = opened));

  /** Runs SQL on the file with SQLite itself, as another program (or an older MedReview) would. */
  async function withRawDatabase<T>(fn: (db: Database) => T): Promise<T> {
    await store.close();
    const db = new Database(path);
    try {
      return fn(db);
    } finally {
      db.close();
      store = await openStore(path);
    }
  }

  const cachedRows = (db: Database) => Number(db.get('SELECT COUNT(*) AS n FROM answer_scores')?.n);

  async function jsonl(options: { texts?: boolean; useStemmer?: boolean } = {}) {
    const rouge = options.useStemmer ? { ...DEFAULT_ROUGE_SETTINGS, useStemmer: true } : undefined;
    const { text, counts } = await exportText(store, { format: 'jsonl', texts: options.texts, rouge });
    return { text, counts, lines: parseLines<ExportedRating>(text) };
  }

  async function rateThree(): Promise<string[]> {
    const uids = [qs[0]!.of(MODELS.thinking).uid, qs[0]!.of(MODELS.lettered).uid, qs[1]!.of(MODELS.plain).uid];
    for (const uid of uids) {
      await rate(store, 'dr-a', uid, 4);
      await rate(store, 'dr-b', uid, 2);
    }
    return uids;
  }

  it('is computed by the first export, read by the next, and the output is the same byte for byte', async () => {
    const uids = await rateThree();
    const first = await jsonl();
    assert.deepEqual(first.counts.scores, { cached: 0, computed: 3 });
    const cached = await store.answerScores(uids, scorerKey(DEFAULT_ROUGE_SETTINGS));
    assert.deepEqual([...cached.keys()].sort(), [...uids].sort());
    const second = await jsonl();
    assert.deepEqual(second.counts.scores, { cached: 3, computed: 0 });
    assert.equal(second.text, first.text);
    // The cached figures are the metrics' own, not a rounding of them.
    const a = qs[0]!.of(MODELS.lettered);
    const line = second.lines.find((l) => l.answer.uid === a.uid)!;
    assert.deepEqual(line.rouge.answer, scoreRougeTypes(medqaRows()[0]!.answer, a.split.answer, DEFAULT_ROUGE_SETTINGS.types));
    assert.equal(line.accuracy?.verdict, gradeAnswer(qs[0]!.question, a.split.answer)?.verdict);
    assert.equal(line.accuracy?.verdict, 'incorrect', 'the lettered model answers a wrong letter');
  });

  it('writes the texts SQLite cuts from the raw output exactly as the store reads them, whatever characters they hold', async () => {
    const q = qs.find((x) => x.question.kind === 'yes-no-maybe')!;
    const tricky = 'Dose: 5\u00a0mg/kg \u2014 "quoted", back\\slash, tab\there, bell\u0007, DEL\u007f, line\u2028sep, 日本語, é';
    const generate = (model: string, raw: string, reasoning: string, answer: string) =>
      store.addGeneratedAnswer(q.question.uid, {
        questionId: q.question.id,
        model,
        raw,
        split: { reasoning, answer, state: 'complete', flags: [] },
        generation: { endpoint: 'http://127.0.0.1:8080' },
      });
    const plain = await generate('gen/plain', `<think>${tricky} reasoning</think>yes. ${tricky}`, `${tricky} reasoning`, `yes. ${tricky}`);
    // A character outside the BMP (two UTF-16 units, one SQLite character) before the cut: SQLite must not cut.
    const astral = await generate('gen/astral', `<think>\u{1F9EA} lab ${tricky}</think>maybe \u{1F9EA} ${tricky}`, `\u{1F9EA} lab ${tricky}`, `maybe \u{1F9EA} ${tricky}`);
    // SQLite's substr() ends a text at a NUL.
    const nul = await generate('gen/nul', `<think>a\u0000b ${tricky}</think>no\u0000 ${tricky}`, `a\u0000b ${tricky}`, `no\u0000 ${tricky}`);
    // A final answer that is no slice of the raw output is stored as a text of its own.
    const own = await generate('gen/own', `<think>short</think>  no, ${tricky}  `, 'short', `no, ${tricky} (trimmed)`);
    const uids = [plain.uid, astral.uid, nul.uid, own.uid];
    for (const uid of uids) await rate(store, 'dr-a', uid, 3);
    const first = await jsonl();
    assert.deepEqual(first.counts.scores, { cached: 0, computed: 4 });
    const second = await jsonl();
    assert.deepEqual(second.counts.scores, { cached: 4, computed: 0 });
    const stored = await store.getAnswers(uids);
    for (const a of stored) {
      const line = second.lines.find((l) => l.answer.uid === a.uid)!;
      assert.equal(line.answer.text, a.split.answer, `${a.model}: final answer`);
      assert.equal(line.answer.reasoning, a.split.reasoning, `${a.model}: reasoning`);
      assert.deepEqual(line, first.lines.find((l) => l.answer.uid === a.uid));
    }
    assert.ok(stored.find((a) => a.uid === astral.uid)!.split.answer.includes('\u{1F9EA}'));
    // Which answers SQLite cut (the others were read as strings): both ways were taken above.
    const cut = await withRawDatabase((db) =>
      db.all("SELECT a.model AS model, s.plain_text AS plain FROM answer_scores s JOIN answers a ON a.id = s.answer_id WHERE a.model LIKE 'gen/%' ORDER BY a.model"),
    );
    assert.deepEqual(cut, [{ model: 'gen/astral', plain: 0 }, { model: 'gen/nul', plain: 0 }, { model: 'gen/own', plain: 1 }, { model: 'gen/plain', plain: 1 }]);
  });

  it('keeps scores per ROUGE settings: other settings are computed anew, not served from another key', async () => {
    await rateThree();
    await jsonl();
    const stemmed = await jsonl({ useStemmer: true });
    assert.deepEqual(stemmed.counts.scores, { cached: 0, computed: 3 });
    assert.deepEqual((await jsonl({ useStemmer: true })).counts.scores, { cached: 3, computed: 0 });
    assert.deepEqual((await jsonl()).counts.scores, { cached: 3, computed: 0 });
  });

  it('recomputes a cache row that is not scores instead of trusting it', async () => {
    await rateThree();
    const clean = await jsonl();
    await withRawDatabase((db) => db.run(`UPDATE answer_scores SET scores = '{"rouge": 1'`));
    const again = await jsonl();
    assert.deepEqual(again.counts.scores, { cached: 0, computed: 3 });
    assert.equal(again.text, clean.text);
    // JSON but not scores: the stream trusts it and leaves the texts out; they are fetched to score anew.
    const bare = await jsonl({ texts: false });
    await withRawDatabase((db) => db.run(`UPDATE answer_scores SET scores = '{}'`));
    const rescored = await jsonl({ texts: false });
    assert.deepEqual(rescored.counts.scores, { cached: 0, computed: 3 });
    assert.equal(rescored.text, bare.text);
    assert.ok(rescored.lines.some((l) => (l.rouge.answer?.rouge1?.fmeasure ?? 0) > 0), 'scored from the real texts: empty ones score 0');
  });

  it('still exports when the scores cannot be kept, and says why', async () => {
    await rateThree();
    await withRawDatabase((db) => db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON answer_scores BEGIN SELECT RAISE(ABORT, 'no room for scores'); END`));
    const out = await jsonl();
    assert.equal(out.lines.length, 6);
    assert.equal(out.counts.scores.computed, 3);
    assert.match(out.counts.scores.notKept ?? '', /no room for scores/);
    assert.equal((await store.answerScores(out.lines.map((l) => l.answer.uid), scorerKey(DEFAULT_ROUGE_SETTINGS))).size, 0);
    // Beside the open store (as another program would), which is closed only once its failed statement ran again.
    const db = new Database(path);
    db.exec('DROP TRIGGER refuse');
    db.close();
    const next = await jsonl();
    assert.deepEqual(next.counts.scores, { cached: 0, computed: 3 });
    assert.equal(next.text, out.text);
  });

  it('drops an answer’s scores when what they were made from changes (the reference), so none is stale', async () => {
    await rateThree();
    await jsonl();
    const q = qs[0]!;
    const changed = await withRawDatabase((db) => {
      const before = cachedRows(db);
      db.run('UPDATE question_references SET answer = ? WHERE question_id = (SELECT id FROM questions WHERE uid = ?)', ['Nitrofurantoin is the answer', q.question.uid]);
      return { before, after: cachedRows(db) };
    });
    assert.deepEqual(changed, { before: 3, after: 1 }, 'the two answers to the changed question lost their scores');
    const out = await jsonl();
    assert.deepEqual(out.counts.scores, { cached: 1, computed: 2 });
    const a = q.of(MODELS.thinking);
    assert.deepEqual(out.lines.find((l) => l.answer.uid === a.uid)!.rouge.answer, scoreRougeTypes('Nitrofurantoin is the answer', a.split.answer, DEFAULT_ROUGE_SETTINGS.types));
  });

  it('without texts writes the same records with the long texts null, scoring uncached answers from their texts', async () => {
    await rateThree();
    const full = (await jsonl()).lines;
    await store.clearAnswerScores();
    const bare = await jsonl({ texts: false });
    assert.deepEqual(bare.counts.scores, { cached: 0, computed: 3 });
    const warm = await jsonl({ texts: false });
    assert.deepEqual(warm.counts.scores, { cached: 3, computed: 0 });
    assert.equal(warm.text, bare.text);
    assert.equal(bare.lines.length, full.length);
    for (const [i, line] of bare.lines.entries()) {
      const f = full[i]!;
      assert.deepEqual([line.question.text, line.question.context, line.reference?.answer, line.reference?.reasoning, line.answer.text, line.answer.reasoning], [null, null, null, null, null, null]);
      assert.ok(f.answer.text !== null && f.answer.text.length > 0 && f.question.text !== null);
      const blank = (r: ExportedRating) => ({
        ...r,
        question: { ...r.question, text: null, context: null },
        reference: r.reference && { ...r.reference, answer: null, reasoning: null },
        answer: { ...r.answer, text: null, reasoning: null },
      });
      assert.deepEqual(line, blank(f), `rating ${i}: everything but the texts as in the full export`);
    }
  });
});

describe('store: schema 4 (answer score cache) upgrade', () => {
  let files: StudyFiles;
  before(async () => {
    files = await StudyFiles.create();
  });
  after(() => files.remove());

  it('upgrades a schema-3 database with ratings: data kept, the cache table added empty and then used', async () => {
    const path = files.copy();
    let store = await openStore(path);
    const qs = await studyQuestions(store);
    const uid = qs[0]!.of(MODELS.thinking).uid;
    await rate(store, 'dr-a', uid, 5);
    const before = (await exportText(store, { format: 'jsonl', texts: true })).text;
    await store.close();
    // A schema-3 file: what migration 4 adds removed, the version put back.
    const raw = new Database(path);
    for (const t of raw.all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'answer_scores%'")) raw.exec(`DROP TRIGGER ${t.name as string}`);
    raw.exec('DROP TABLE answer_scores; PRAGMA user_version = 3');
    assert.equal(raw.get("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'answer_scores%'")?.n, 0);
    raw.close();

    store = await openStore(path);
    try {
      const check = new Database(path, { readOnly: true });
      const version = Number(check.get('PRAGMA user_version')?.user_version);
      const triggers = check.all("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'answer_scores%'").length;
      check.close();
      assert.equal(version, SCHEMA_VERSION);
      assert.equal(SCHEMA_VERSION, 5);
      assert.equal(triggers, 8);
      const after = await exportText(store, { format: 'jsonl' });
      assert.deepEqual(after.counts.scores, { cached: 0, computed: 1 });
      assert.equal(after.text, before, 'the rating, answer and scores exported as before the upgrade');
      assert.equal((await store.answerScores([uid], scorerKey(DEFAULT_ROUGE_SETTINGS))).size, 1);
    } finally {
      await store.close();
    }
  });
});
