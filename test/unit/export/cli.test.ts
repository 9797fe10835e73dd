import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'node-sqlite3-wasm';
import type { ExportedRating } from '../../../server/export';
import { openStore, type MergeReport } from '../../../server/store';
import { jsonLines, runCliForTest } from '../../helpers/cliHarness';
import { repoRoot } from '../../helpers/shared';
import { openSampleProject } from '../project/projectHarness';
import { MODELS, rate, StudyFiles, studyQuestions } from './studyFixture';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('medreview export and merge (CLI)', () => {
  let files: StudyFiles;
  let db: string;

  before(async () => {
    files = await StudyFiles.create();
  });
  after(() => files.remove());
  beforeEach(async () => {
    db = files.copy();
    const store = await openStore(db);
    const qs = await studyQuestions(store);
    await rate(store, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 5);
    await rate(store, 'dr-b', qs[0]!.of(MODELS.thinking).uid, 4);
    await rate(store, 'dr-a', qs[0]!.of(MODELS.plain).uid, 2);
    await store.close();
  });

  it('exports to stdout, says what it read and wrote on stderr, and exits 0', async () => {
    const r = await runCliForTest(['export', '--db', db, '--format', 'jsonl'], '', files.dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = jsonLines(r.stdout) as ExportedRating[];
    assert.deepEqual(lines.map((l) => [l.rater, l.overall]).sort(), [['dr-a', 2], ['dr-a', 5], ['dr-b', 4]]);
    assert.match(r.stderr, /^read 1 questions, 2 answers, 3 ratings; wrote 3 jsonl record\(s\)$/m);
  });

  it('--no-texts leaves the long texts out; the first export says it scored the answers, the next reuses the scores', async () => {
    const args = ['export', '--db', db, '--format', 'jsonl', '--no-texts'];
    const first = await runCliForTest(args, '', files.dir);
    assert.equal(first.code, 0, first.stderr);
    const lines = jsonLines(first.stdout) as ExportedRating[];
    assert.equal(lines.length, 3);
    assert.ok(lines.every((l) => l.answer.text === null && l.answer.reasoning === null && l.question.text === null && l.answer.model !== ''));
    assert.match(first.stderr, /^ {2}scored \d+ answer\(s\) anew/m);
    const second = await runCliForTest(args, '', files.dir);
    assert.equal(second.stdout, first.stdout);
    assert.doesNotMatch(second.stderr, /scored/);
  });

  it('writes --out FILE whole (no .partial left), the same as stdout; relative paths from the working folder', async () => {
    const name = db.slice(files.dir.length + 1);
    const r = await runCliForTest(['export', '--db', name, '--format', 'sft', '--min-overall', '4.5', '--out', 'train.jsonl'], '', files.dir);
    assert.equal(r.code, 0, r.stderr);
    const written = readFileSync(join(files.dir, 'train.jsonl'), 'utf8');
    assert.equal(existsSync(join(files.dir, 'train.jsonl.partial')), false);
    assert.equal((jsonLines(written) as { meta: { meanOverall: number } }[]).map((l) => l.meta.meanOverall).join(), '4.5');
    const again = await runCliForTest(['export', '--db', name, '--format', 'sft', '--min-overall', '4.5'], '', files.dir);
    assert.equal(again.stdout, written);
  });

  it('never writes the export over the database itself, and says when the output cannot be written', async () => {
    const before = fileHash(db);
    const overDb = await runCliForTest(['export', '--db', db, '--format', 'jsonl', '--out', db], '', files.dir);
    assert.deepEqual([overDb.code, /is the review database itself/.test(overDb.stderr), fileHash(db)], [1, true, before]);
    const noFolder = await runCliForTest(['export', '--db', db, '--format', 'jsonl', '--out', 'missing-folder/x.jsonl'], '', files.dir);
    assert.equal(noFolder.code, 1);
    assert.match(noFolder.stderr, /medreview export: cannot write .*missing-folder\/x\.jsonl: ENOENT/);
  });

  it('refuses a missing database with exit 1, naming it, and creates nothing', async () => {
    const missing = join(files.dir, 'nowhere', 'review.sqlite');
    for (const command of [['export', '--db', missing, '--format', 'csv'], ['merge', '--db', missing, db]]) {
      const r = await runCliForTest(command, '', files.dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: no such review database`));
      assert.equal(r.stdout, '');
    }
    assert.equal(existsSync(join(files.dir, 'nowhere')), false);
  });

  it('refuses another program’s SQLite database and a file that is not SQLite, leaving both untouched', async () => {
    const foreign = join(files.dir, 'other-program.sqlite');
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
    other.close();
    const text = join(files.dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n'.repeat(20));
    const before = [fileHash(foreign), fileHash(text)];
    const foreignRun = await runCliForTest(['export', '--db', foreign, '--format', 'jsonl'], '', files.dir);
    assert.equal(foreignRun.code, 1);
    assert.match(foreignRun.stderr, /other-program\.sqlite: this SQLite database belongs to another program .*The file was left untouched\./);
    const textRun = await runCliForTest(['export', '--db', text, '--format', 'jsonl'], '', files.dir);
    assert.equal(textRun.code, 1);
    assert.match(textRun.stderr, /notes\.txt: .*left untouched/);
    assert.deepEqual([fileHash(foreign), fileHash(text)], before);
    assert.deepEqual(readdirSync(files.dir).filter((f) => f.startsWith('other-program') || f.startsWith('notes')).sort(), ['notes.txt', 'other-program.sqlite']);
  });

  it('exits 2 with the usage for a bad command line, and 1 for an export that cannot be made', async () => {
    const noFormat = await runCliForTest(['export', '--db', db], '', files.dir);
    assert.deepEqual([noFormat.code, /--format is required/.test(noFormat.stderr), /usage: medreview export/.test(noFormat.stderr)], [2, true, true]);
    assert.equal((await runCliForTest(['export', '--db', db, '--format', 'xml'], '', files.dir)).code, 2);
    assert.equal((await runCliForTest(['export', '--db', db, '--format', 'sft', '--min-raters', '0'], '', files.dir)).code, 2);
    assert.equal((await runCliForTest(['export', '--db', db, '--format', 'sft', '--min-overall', '7'], '', files.dir)).code, 2);
    const unknownRubric = await runCliForTest(['export', '--db', db, '--format', 'summary-md', '--rubric', 'nope'], '', files.dir);
    assert.equal(unknownRubric.code, 1);
    assert.match(unknownRubric.stderr, /medreview export: no rubric 'nope' in the review database \(rubrics: medpalm-physician\)/);
    const unknownSet = await runCliForTest(['export', '--db', db, '--format', 'jsonl', '--set', 'nope'], '', files.dir);
    assert.deepEqual([unknownSet.code, /no question set 'nope' .*\(sets: workspace\)/.test(unknownSet.stderr)], [1, true]);
  });

  describe('merge', () => {
    let theirs: string;
    beforeEach(() => {
      // The other rater's copy: the same study, their own ratings.
      theirs = files.copy();
    });

    async function inTheirs(fn: (qs: Awaited<ReturnType<typeof studyQuestions>>, s: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>) {
      const s = await openStore(theirs);
      try {
        await fn(await studyQuestions(s), s);
      } finally {
        await s.close();
      }
    }

    it('adds the other rater’s ratings and reports them; exit 0', async () => {
      await inTheirs(async (qs, s) => {
        await rate(s, 'dr-c', qs[1]!.of(MODELS.thinking).uid, 3, { comment: 'from the other window' });
        await s.savePreference({ rater: 'dr-c', answerA: qs[1]!.of(MODELS.thinking).uid, answerB: qs[1]!.of(MODELS.plain).uid, choice: 'b', blind: true });
      });
      const r = await runCliForTest(['merge', '--db', db, theirs], '', files.dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^raters added: dr-c$/m);
      assert.match(r.stdout, /^added: 1 ratings, 1 preferences, 0 choice corrections$/m);
      const exported = jsonLines((await runCliForTest(['export', '--db', db, '--format', 'jsonl'], '', files.dir)).stdout) as ExportedRating[];
      assert.ok(exported.some((l) => l.rater === 'dr-c' && l.comment === 'from the other window'));
    });

    it('lists a conflicting rating, keeps ours, and exits 1; --json prints the report', async () => {
      await inTheirs(async (qs, s) => {
        // dr-a rated the same answer in both databases, differently.
        await rate(s, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 1, { comment: 'theirs' });
        await rate(s, 'dr-c', qs[0]!.of(MODELS.plain).uid, 4);
      });
      const r = await runCliForTest(['merge', '--db', db, theirs], '', files.dir);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /conflicts, not merged \(1\):\n {2}rating by dr-a \(.+\):\n {4}here: {3}.*overall 5.*\n {4}theirs: .*overall 1, comment "theirs"/);
      assert.match(r.stderr, /1 conflict\(s\).*nothing here was overwritten/);
      const exported = jsonLines((await runCliForTest(['export', '--db', db, '--format', 'jsonl'], '', files.dir)).stdout) as ExportedRating[];
      assert.deepEqual(exported.filter((l) => l.rater === 'dr-a' && l.answer.model === MODELS.thinking).map((l) => l.overall), [5]);
      assert.ok(exported.some((l) => l.rater === 'dr-c'), 'the rest was merged');
      const json = await runCliForTest(['merge', '--db', db, theirs, '--json'], '', files.dir);
      const report = JSON.parse(json.stdout) as MergeReport;
      assert.deepEqual([json.code, report.conflicts.length, report.unchanged.ratings], [1, 1, 1]);
    });

    it('says so when the other database is missing or is this one, and needs exactly one other database', async () => {
      const r = await runCliForTest(['merge', '--db', db, join(files.dir, 'no-such.sqlite')], '', files.dir);
      assert.deepEqual([r.code, /no-such\.sqlite: no such file/.test(r.stderr)], [1, true]);
      assert.equal((await runCliForTest(['merge', '--db', db], '', files.dir)).code, 2);
      const itself = await runCliForTest(['merge', '--db', db, db], '', files.dir);
      assert.deepEqual([itself.code, /is the database being merged into/.test(itself.stderr)], [1, true]);
    });
  });
});

describe('medreview import --db (CLI) and the extension agree', () => {
  const SAMPLE_FILES = ['questions.jsonl', 'medqa-style.jsonl', 'answers/llama3-med-8b.jsonl', 'answers/mistral-med-7b.csv', 'answers/r1-distill-med-8b.jsonl'];
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'medreview-cli-import-'));
    cpSync(join(repoRoot, 'media', 'sample-workspace'), workspace, { recursive: true });
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('imports into the set the extension uses, which then opens the database without reading the files again', async () => {
    const r = await runCliForTest(['import', ...SAMPLE_FILES, '--db', '.medreview/review.sqlite'], '', workspace);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /question set 'workspace': 10 questions added \(0 already there\), 19 answers added/);
    const opened = await openSampleProject({}, workspace);
    try {
      assert.equal(opened.project.status.state, 'ready', opened.log.join('\n'));
      assert.deepEqual([opened.project.status.questionCount, opened.project.status.answerCount], [10, 19]);
      assert.deepEqual(opened.log.filter((l) => l.startsWith('importing')), [], 'the extension found every file imported');
      assert.equal(opened.project.status.files.length, SAMPLE_FILES.length);
    } finally {
      await opened.close(false);
    }
  });

  it('imports into another set with --set, and a second import finds everything already there', async () => {
    const first = await runCliForTest(['import', 'questions.jsonl', '--db', 'review.sqlite', '--set', 'pilot'], '', workspace);
    assert.equal(first.code, 0, first.stderr);
    const again = await runCliForTest(['import', 'questions.jsonl', '--db', 'review.sqlite', '--set', 'pilot'], '', workspace);
    assert.match(again.stderr, /question set 'pilot': 0 questions added \(6 already there\)/);
    const store = await openStore(join(workspace, 'review.sqlite'));
    try {
      assert.deepEqual((await store.questionSets()).map((s) => [s.name, s.questionCount, s.files.map((f) => f.file)]), [['pilot', 6, [join(workspace, 'questions.jsonl')]]]);
    } finally {
      await store.close();
    }
    assert.equal((await runCliForTest(['import', 'questions.jsonl', '--set', 'pilot'], '', workspace)).code, 2, '--set needs --db');
  });
});
