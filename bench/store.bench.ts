/**
 * Store benchmarks (issue 6 and the store half of issue 4):
 * - rating commit latency through the public API (one durable transaction per save), alone and while a
 *   second process writes to the same database, next to the raw cost of the fsyncs it needs;
 * - bulk import of 100,000 questions and 300,000 synthetic answers of 2-4 kB (insert side only, in a child
 *   process so its peak RSS is its own);
 * - reading 300,000 ratings out with `streamRatings` (the later export's read side);
 * - the whole import of issue 4, parsing included: the dataset importer's synthetic 100,000-question set
 *   (bench/fixtures/generateImportSet.ts, files on disk) through `importDatasets` into `StoreImportSink`.
 *
 * Run: npx tsx bench/run.ts store      (MEDREVIEW_BENCH_SCALE=0.1 for a quick run at a tenth of the size)
 */
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDatasets } from '../server/dataset';
import type { Question } from '../server/dataset/model';
import { openStore, StoreImportSink, type AnswerInput, type Store } from '../server/store';
import { DEFAULT_SET_DIR, generateImportSet } from './fixtures/generateImportSet';

const SCALE = Number(process.env.MEDREVIEW_BENCH_SCALE ?? 1);
const HEAP_CAP_MB = 256;
const RUBRIC = { key: 'bench', version: '1', hash: 'sha256-bench-rubric-0001', body: '{"id":"bench"}' };

// ---------------------------------------------------------------- synthetic data

/** A small deterministic generator so every run writes the same text. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = (
  'patient presents with acute chest pain radiating left arm diaphoresis nausea troponin elevated ECG shows ST ' +
  'elevation leads inferior myocardial infarction management aspirin heparin urgent reperfusion therapy history ' +
  'hypertension diabetes mellitus smoking examination reveals tachycardia hypotension crackles bases bilaterally ' +
  'differential diagnosis includes aortic dissection pulmonary embolism pericarditis next best step is'
).split(' ');

function text(rand: () => number, chars: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const w = WORDS[Math.floor(rand() * WORDS.length)]!;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ');
}

function syntheticQuestion(i: number): Question {
  const rand = prng(i + 1);
  return {
    id: `syn-${i}`,
    text: `A ${20 + (i % 60)}-year-old ${text(rand, 350 + Math.floor(rand() * 400))}?`,
    kind: 'open',
    reference: { answer: text(rand, 300), reasoning: text(rand, 600) },
    source: { file: '/bench/questions.jsonl', line: i + 1 },
  };
}

function syntheticAnswer(q: Question, m: number): AnswerInput {
  const rand = prng(q.source.line * 7 + m);
  const total = 2048 + Math.floor(rand() * 2048);
  const reasoning = text(rand, Math.floor(total * 0.7));
  const answer = text(rand, total - reasoning.length - 20);
  return {
    questionId: q.id,
    model: `model-${m}`,
    raw: `<think>\n${reasoning}\n</think>\n\n${answer}`,
    split: { reasoning, answer, state: 'complete', flags: [] },
    params: { temperature: 0.6, top_p: 0.95, max_tokens: 4096 },
    finishReason: 'stop',
    source: { file: `/bench/answers-${m}.jsonl`, line: q.source.line },
  };
}

// ---------------------------------------------------------------- measurements

function percentiles(ms: number[]): Record<string, number> {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN).toFixed(3));
  return { n: s.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

async function timeSaves(store: Store, answers: string[], count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = process.hrtime.bigint();
    await store.saveRating({
      rater: 'bench-rater',
      answerUid: answers[i % answers.length]!,
      rubricHash: RUBRIC.hash,
      values: { consensus: 'agrees', harm: i % 3, missing: i % 2 === 0 },
      overall: (i % 5) + 1,
      comment: `note ${i}`,
      blind: true,
      shownPosition: i % 3,
    });
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** What one fsync of a freshly written 4 kB page costs on this disk: the floor under any durable commit. */
function fsyncCost(dir: string, count: number): Record<string, number> {
  const fd = openSync(join(dir, 'fsync-probe'), 'w');
  const page = Buffer.alloc(4096, 7);
  const ms: number[] = [];
  for (let i = 0; i < count; i++) {
    writeSync(fd, page, 0, page.length, (i % 16) * 4096);
    const t = process.hrtime.bigint();
    fsyncSync(fd);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  closeSync(fd);
  return percentiles(ms);
}

async function commitLatency(dir: string): Promise<Record<string, unknown>> {
  const db = join(dir, 'latency.sqlite');
  const store = await openStore(db);
  await store.registerRubric(RUBRIC);
  const session = store.startImport('bench');
  const questions = Array.from({ length: 200 }, (_, i) => syntheticQuestion(i));
  await session.addQuestions(questions);
  await session.addAnswers(questions.flatMap((q) => [0, 1, 2].map((m) => syntheticAnswer(q, m))));
  await session.finish();
  const answers = (await store.queue({ rater: 'lister', overlap: 99, limit: 500 })).flatMap((q) => q.answerUids);
  await timeSaves(store, answers, 50); // warm-up
  const alone = percentiles(await timeSaves(store, answers, 2000));
  const other = spawn(process.execPath, ['--require', 'tsx/cjs', __filename, '--writer-child', db], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => other.stdout.once('data', r));
  const contended = percentiles(await timeSaves(store, answers, 1000));
  // SIGKILL, as a crash would: the store recovers the lock the child may leave behind.
  other.kill('SIGKILL');
  await new Promise((r) => other.once('exit', r));
  await store.close();
  return {
    what: 'Store.saveRating, one BEGIN IMMEDIATE..COMMIT each (journal TRUNCATE, synchronous FULL: 4 fsyncs per commit)',
    aloneMs: alone,
    withSecondProcessWritingMs: contended,
    fsyncOf4kBPageMs: fsyncCost(dir, 500),
  };
}

/** Child: keeps saving ratings as another VS Code window would, until killed. */
async function writerChild(db: string): Promise<void> {
  const store = await openStore(db);
  const answers = (await store.queue({ rater: 'lister-2', overlap: 99, limit: 500 })).flatMap((q) => q.answerUids);
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    await store.saveRating({ rater: 'other-window', answerUid: answers[i % answers.length]!, rubricHash: RUBRIC.hash, values: { harm: i % 3 }, overall: (i % 5) + 1, comment: `save ${i}`, blind: false });
  }
}

/** Milliseconds of the panel's queries on the full database (300,000 ratings by one rater in place). */
async function panelQueries(store: Store): Promise<Record<string, number>> {
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const t = process.hrtime.bigint();
    await fn();
    return Number((Number(process.hrtime.bigint() - t) / 1e6).toFixed(1));
  };
  const first = (await store.listQuestions({ set: 'bulk', limit: 1 })).rows[0]!.uid;
  return {
    listFirstPage100: await time(() => store.listQuestions({ set: 'bulk', rater: 'bench-rater', limit: 100 })),
    listPageAt90000: await time(() => store.listQuestions({ set: 'bulk', rater: 'bench-rater', offset: 90_000, limit: 100 })),
    listUngradedByNewRater: await time(() => store.listQuestions({ set: 'bulk', ungradedBy: 'new-rater', limit: 100 })),
    listFilterModelAndState: await time(() => store.listQuestions({ set: 'bulk', model: 'model-1', thinkState: 'unclosed', limit: 100 })),
    listSearchText: await time(() => store.listQuestions({ set: 'bulk', search: 'aortic dissection pulmonary', limit: 100 })),
    getQuestionWith3Answers: await time(() => store.getQuestion(first, 'bench-rater')),
    queueNewRaterOverlap2: await time(() => store.queue({ rater: 'new-rater', set: 'bulk', overlap: 2, limit: 20 })),
    raterProgress: await time(() => store.raterProgress({ set: 'bulk' })),
  };
}

/** Child: bulk import + 300k ratings streamed out; prints its results as JSON with its own peak RSS. */
async function bulkChild(db: string): Promise<void> {
  const nQuestions = Math.round(100_000 * SCALE);
  const store = await openStore(db);
  await store.registerRubric(RUBRIC);
  const session = store.startImport('bulk');
  let insertNs = 0n;
  let textChars = 0;
  const batch = 1000;
  for (let start = 0; start < nQuestions; start += batch) {
    const qs = Array.from({ length: Math.min(batch, nQuestions - start) }, (_, k) => syntheticQuestion(start + k));
    const as = qs.flatMap((q) => [0, 1, 2].map((m) => syntheticAnswer(q, m)));
    for (const a of as) textChars += a.raw.length;
    const t = process.hrtime.bigint();
    await session.addQuestions(qs);
    await session.addAnswers(as);
    insertNs += process.hrtime.bigint() - t;
  }
  const t = process.hrtime.bigint();
  const summary = await session.finish();
  insertNs += process.hrtime.bigint() - t;
  const importRss = process.resourceUsage().maxRSS / 1024;

  // 300,000 ratings (one per answer), written directly in large transactions: only their reading is measured.
  const tx = (store as unknown as { tx: { run<T>(fn: (c: { run(sql: string, p?: unknown[]): unknown }) => T): Promise<T> } }).tx;
  await store.addRater('bench-rater');
  await tx.run((c) =>
    c.run(
      `INSERT INTO ratings (uid, rater_id, answer_id, rubric_key, rubric_version_id, axis_values, overall, comment, blind, shown_position, revision, created_at, updated_at)
       SELECT 'r-' || a.id, (SELECT id FROM raters WHERE name = 'bench-rater'), a.id, 'bench', (SELECT id FROM rubric_versions LIMIT 1),
         '{"consensus":"agrees","harm":"none","missing":false}', 1 + a.id % 5, 'a short comment', 1, a.id % 3, 1, 0, 0
       FROM answers a`,
    ),
  );
  const panel = await panelQueries(store);
  const s = process.hrtime.bigint();
  let ratings = 0;
  let bytes = 0;
  for await (const r of store.streamRatings()) {
    ratings++;
    bytes += JSON.stringify(r).length; // what an exporter at least does per row
  }
  const streamSeconds = Number(process.hrtime.bigint() - s) / 1e9;
  await store.close();
  const seconds = Number(insertNs) / 1e9;
  const rows = summary.questions.added + summary.answers.added;
  process.stdout.write(
    JSON.stringify({
      bulkImport: {
        questions: summary.questions.added,
        answers: summary.answers.added,
        answerTextMB: Math.round(textChars / 1e6),
        insertSeconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds),
        databaseMB: Math.round(statSync(db).size / 1e6),
        peakRssMB: Math.round(importRss),
        note: 'insert side only (synthetic rows built in memory between batches, not timed); peak RSS includes generating them',
      },
      panelQueriesMs: panel,
      streamRatings: {
        ratings,
        seconds: Number(streamSeconds.toFixed(2)),
        ratingsPerSecond: Math.round(ratings / streamSeconds),
        jsonMB: Math.round(bytes / 1e6),
        peakRssMBWholeChild: Math.round(process.resourceUsage().maxRSS / 1024),
      },
    }) + '\n',
  );
}

/** Child: parse the generated dataset files and store them, timing the whole and reporting peak RSS. */
async function pipelineChild(db: string, files: string[]): Promise<void> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const store = await openStore(db);
  const sink = await StoreImportSink.open(store, 'generated');
  const report = await importDatasets(files, {}, sink);
  const summary = await sink.finish(report.files);
  await store.close();
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      endToEndImport: {
        files: files.length,
        questions: summary.questions.added,
        answers: summary.answers.added,
        rejected: report.rejected + summary.problemCount,
        seconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)),
        cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
        databaseMB: Math.round(statSync(db).size / 1e6),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
    }) + '\n',
  );
}

function runChild(args: string[], nodeFlags: string[] = []): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--require', 'tsx/cjs', __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`${args[0]} exited ${code}`))));
  });
}

export default async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-store-bench-'));
  try {
    const latency = await commitLatency(dir);
    const bulk = await runChild(['--bulk-child', join(dir, 'bulk.sqlite')]);
    rmSync(join(dir, 'bulk.sqlite'), { force: true });
    const count = Math.round(100_000 * SCALE);
    const set = generateImportSet(count === 100_000 ? DEFAULT_SET_DIR : `${DEFAULT_SET_DIR}-${count}`, count);
    const files = [...set.questionFiles, ...set.answerFiles];
    const pipeline = await runChild(['--pipeline-child', join(dir, 'pipeline.sqlite'), ...files]);
    rmSync(join(dir, 'pipeline.sqlite'), { force: true });
    // The same with the V8 heap capped: V8 lets garbage pile up when memory is plentiful, and the live set
    // of an import is small, so a cap (as a language server would set) shows what the import really needs.
    const capped = await runChild(['--pipeline-child', join(dir, 'pipeline-capped.sqlite'), ...files], [`--max-old-space-size=${HEAP_CAP_MB}`]);
    return {
      scale: SCALE,
      ratingCommit: latency,
      ...bulk,
      ...pipeline,
      endToEndImportHeapCapped: { nodeFlag: `--max-old-space-size=${HEAP_CAP_MB}`, ...(capped.endToEndImport as object) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [flag, db, ...files] = process.argv.slice(2);
  const run =
    flag === '--bulk-child' && db
      ? bulkChild(db)
      : flag === '--writer-child' && db
        ? writerChild(db)
        : flag === '--pipeline-child' && db
          ? pipelineChild(db, files)
          : Promise.reject(new Error('usage'));
  run.catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
