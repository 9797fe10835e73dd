import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDatasets, type ImportReport } from '../../../server/dataset';
import type { Problem } from '../../../server/problem';
import { answerUid, openStore, questionUid, StoreImportSink, type ImportSummary } from '../../../server/store';
import { answerUidOfUtf8, answerUidPrefix, uidOfBytes } from '../../../server/store/uids';
import { generateImportSet } from '../../../bench/fixtures/generateImportSet';
import { sharedPath } from '../../helpers/shared';
import { medqaQuestions } from './realQuestions';
import { dumpImportTables } from './tableDump';
import { makeTempDir } from './tempDatabase';

interface ImportRun {
  report: ImportReport;
  summary: ImportSummary;
  problems: Problem[];
}

/** One import through `importDatasets` into a StoreImportSink, parsing in the worker thread or not. */
async function importInto(db: string, files: string[], parseWorker: boolean, set = 'study'): Promise<ImportRun> {
  const store = await openStore(db, { import: { parseWorker } });
  try {
    const problems: Problem[] = [];
    const sink = await StoreImportSink.open(store, set);
    const report = await importDatasets(files, { onProblem: (p) => problems.push(p) }, sink);
    const summary = await sink.finish(report.files);
    return { report, summary, problems };
  } finally {
    await store.close();
  }
}

/**
 * Model answers with the awkward text real outputs carry: a NUL, characters outside the BMP, a lone
 * surrogate (stored as U+FFFD by either path), Windows line ends, the server's own reasoning field, and a
 * stray tag inside the reasoning (so that part is not a slice of the raw output and is stored as text).
 */
function writeHostileAnswers(path: string): void {
  const questions = medqaQuestions(12);
  const outputs = [
    '<think>Reasoning with a NUL \u0000 inside.</think>\nAnswer: B \u{1F9EA} done.',
    '<think>Lone surrogate \ud800 here.</think>\r\nAnswer with CRLF\r\nlines.',
    'Plain answer, no markup, ünïcödé and 漢字.',
    '<think>first part <think> second part</think>The answer.',
    '<think>one</think>mid<think>two</think>end',
    '<think>never closed reasoning',
  ];
  const rows = questions.map((q, i) => {
    const row: Record<string, unknown> = { question: q.text, model: 'hostile-model', output: outputs[i % outputs.length] };
    if (i % 4 === 1) row.reasoning_content = `Server-side reasoning ${i} \u0000 with a NUL.`;
    if (i % 3 === 0) Object.assign(row, { temperature: 0.7, timings: { ttft_ms: 120 + i } });
    return JSON.stringify(row);
  });
  rows.push(JSON.stringify({ question: 'A question that no file has.', model: 'hostile-model', output: 'x' }));
  writeFileSync(path, rows.join('\r\n') + '\r\n');
}

describe('store: import with the parse worker', function () {
  this.timeout(120_000);
  let tmp: ReturnType<typeof makeTempDir>;

  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('stores exactly what the record-by-record import stores, and reports the same, on real and generated files', async () => {
    const generated = generateImportSet(join(tmp.dir, 'generated'), 700);
    const hostile = join(tmp.dir, 'hostile.jsonl');
    writeHostileAnswers(hostile);
    const real = ['medqa_usmle.jsonl', 'medical_o1_sft.json', 'pubmedqa_pqal.json', 'seed_model_answers.jsonl'].map((f) => sharedPath('data', f));
    const files = [...real, hostile, ...generated.questionFiles, ...generated.answerFiles];
    const inWorker = join(tmp.dir, 'worker.sqlite');
    const onThread = join(tmp.dir, 'thread.sqlite');

    const first = [await importInto(inWorker, files, true), await importInto(onThread, files, false)];
    assert.deepEqual(first[0], first[1]);
    const worker = first[0]!;
    // 2,100 generated answers of 2-4 kB: several batches, so batch boundaries are crossed.
    assert.ok(worker.summary.answers.added > generated.answers, `${worker.summary.answers.added} answers`);
    assert.equal(worker.summary.questions.added, worker.report.questions);
    assert.ok(worker.problems.some((p) => p.code === 'unknown-question' && p.file === hostile), 'the answer to no question is reported');

    const tables = dumpImportTables(inWorker);
    assert.deepEqual(tables, dumpImportTables(onThread));
    // The awkward cases were really there: a part stored as its own text, server reasoning, a NUL kept.
    assert.ok(tables.answers!.some((row) => row.split(' | ').slice(-6, -3).join() === 'NULL,NULL,NULL'), 'a split part that is not a slice');
    assert.ok(tables.answers!.some((row) => row.split(' | ').slice(-3).join() === 'NULL,NULL,NULL'), 'an answer part that is not a slice');
    assert.ok(tables.answer_texts!.some((row) => row.split(' | ')[2] !== 'NULL'), 'server reasoning stored');
    const nul = Buffer.from(' \u0000 ').toString('hex').toUpperCase();
    assert.ok(tables.answer_texts!.some((row) => row.split(' | ')[1]!.includes(nul)), 'a NUL inside the raw output kept');

    // Importing again adds nothing, by either path, and leaves the same database.
    const again = [await importInto(inWorker, files, true), await importInto(onThread, files, false)];
    assert.deepEqual(again[0]!.summary.answers, { added: 0, existing: worker.summary.answers.added });
    assert.deepEqual(again[0]!.summary, again[1]!.summary);
    assert.deepEqual(dumpImportTables(inWorker), dumpImportTables(onThread));
  });

  it('refuses a reused id with other text and files its answers under the stored question', async () => {
    const firstFile = join(tmp.dir, 'first.jsonl');
    const secondFile = join(tmp.dir, 'second.jsonl');
    const answersFile = join(tmp.dir, 'answers.jsonl');
    const [a, b] = medqaQuestions(2);
    writeFileSync(firstFile, JSON.stringify({ id: 'q-7', question: a!.text, options: a!.options, answer_idx: 'A', answer: a!.options!.A }) + '\n');
    writeFileSync(secondFile, JSON.stringify({ id: 'q-7', question: b!.text, options: b!.options, answer_idx: 'B', answer: b!.options!.B }) + '\n');
    writeFileSync(answersFile, JSON.stringify({ question_id: 'q-7', model: 'm', output: '<think>r</think>The answer.' }) + '\n');
    const runs: ImportRun[] = [];
    for (const parseWorker of [true, false]) {
      const db = join(tmp.dir, `${parseWorker}.sqlite`);
      await importInto(db, [firstFile], parseWorker);
      runs.push(await importInto(db, [secondFile, answersFile], parseWorker));
    }
    const [worker, onThread] = runs;
    assert.deepEqual(worker, onThread);
    assert.deepEqual(worker!.summary.problems.map((p) => [p.file, p.line, p.field, p.code]), [[secondFile, 1, 'id', 'duplicate-id']]);
    assert.deepEqual(worker!.summary.answers, { added: 1, existing: 0 });
    assert.deepEqual(dumpImportTables(join(tmp.dir, 'true.sqlite')), dumpImportTables(join(tmp.dir, 'false.sqlite')));
    // The worker hashed the answer for the question it parsed; the stored one is the first file's.
    const store = await openStore(join(tmp.dir, 'true.sqlite'));
    try {
      const stored = questionUid('q-7', a!.text);
      const detail = await store.getQuestion(stored);
      assert.deepEqual(detail.answers.map((x) => x.uid), [answerUid(stored, 'm', '<think>r</think>The answer.')]);
    } finally {
      await store.close();
    }
  });

  it('finds the questions of its first import when the same sink imports again', async () => {
    const questionsFile = join(tmp.dir, 'q.jsonl');
    const answersFile = join(tmp.dir, 'a.jsonl');
    const questions = medqaQuestions(3);
    writeFileSync(questionsFile, questions.map((q, i) => JSON.stringify({ id: `q-${i}`, question: q.text, options: q.options, answer_idx: 'A', answer: q.options!.A })).join('\n') + '\n');
    // One answer by id, one by the exact question text.
    writeFileSync(answersFile, [JSON.stringify({ question_id: 'q-1', model: 'm', output: 'one' }), JSON.stringify({ question: questions[2]!.text, model: 'm', output: 'two' })].join('\n') + '\n');
    const store = await openStore(join(tmp.dir, 'twice.sqlite'), { import: { parseWorker: true } });
    try {
      const sink = await StoreImportSink.open(store, 'study');
      const problems: Problem[] = [];
      const first = await importDatasets([questionsFile], { onProblem: (p) => problems.push(p) }, sink);
      const second = await importDatasets([answersFile], { onProblem: (p) => problems.push(p) }, sink);
      const summary = await sink.finish([...first.files, ...second.files]);
      assert.deepEqual(problems, []);
      assert.deepEqual([second.answers, second.rejected], [2, 0]);
      assert.deepEqual([summary.questions, summary.answers], [{ added: 3, existing: 0 }, { added: 2, existing: 0 }]);
    } finally {
      await store.close();
    }
  });

  it('hashes answer uids from UTF-8 bytes exactly as from text', () => {
    const outputs = ['plain', '', 'NUL \u0000 inside', 'emoji \u{1F600} and 漢字', 'lone \ud800 surrogate', 'ends with a high surrogate \ud83d'];
    for (const raw of outputs) {
      for (const template of [undefined, 'tmpl-hash']) {
        const expected = answerUid('q-uid', 'model/ä', raw, template);
        const bytes = Buffer.from(raw, 'utf8');
        assert.equal(answerUidOfUtf8('q-uid', 'model/ä', bytes, template), expected, JSON.stringify(raw));
        const input = Buffer.concat([Buffer.from(answerUidPrefix('q-uid', 'model/ä', template)), bytes, Buffer.from([0])]);
        assert.equal(uidOfBytes(input), expected, JSON.stringify(raw));
      }
    }
  });
});

describe('store: an import session’s view of the set', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;

  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.cleanup());

  it('sees questions another connection added to the set between its transactions', async () => {
    const [q1, q2, q3, other] = medqaQuestions(4);
    const mine = await openStore(tmp.db, { import: { batchRows: 2 } });
    const theirs = await openStore(tmp.db);
    try {
      const session = mine.startImport('s');
      await session.addQuestions([q1!, q2!]); // one transaction: the session now knows the set
      const elsewhere = theirs.startImport('s');
      await elsewhere.addQuestions([{ ...other!, id: 'shared-id' }]);
      await elsewhere.finish();
      await session.addQuestions([{ ...q3!, id: 'shared-id', source: { file: '/q.jsonl', line: 3 } }]);
      await session.addAnswers([{ questionId: 'shared-id', model: 'm', raw: 'answer', split: { reasoning: '', answer: 'answer', state: 'none', flags: [] } }]);
      const summary = await session.finish();
      assert.deepEqual(summary.problems.map((p) => [p.line, p.code]), [[3, 'duplicate-id']]);
      assert.deepEqual(summary.questions, { added: 2, existing: 0 });
      const detail = await mine.getQuestion(questionUid('shared-id', other!.text));
      assert.deepEqual(detail.answers.map((a) => a.raw), ['answer']);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('forgets what a rolled-back transaction added', async () => {
    const [q1, q2] = medqaQuestions(2);
    const store = await openStore(tmp.db, { import: { batchRows: 3 } });
    try {
      const session = store.startImport('s');
      // The third violates the schema's CHECK on kind: the whole transaction is rolled back.
      const bad = { ...q2!, id: 'bad', kind: 'bogus' } as unknown as typeof q1;
      await assert.rejects(session.addQuestions([q1!, q2!, bad!]), /CHECK constraint/);
      await session.addQuestions([q1!, q2!]);
      const summary = await session.finish();
      assert.deepEqual(summary.questions, { added: 2, existing: 0 });
      assert.equal((await store.listQuestions({ set: 's' })).total, 2);
    } finally {
      await store.close();
    }
  });
});
