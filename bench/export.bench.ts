/**
 * Export benchmark (issue 6: "export of 300,000 ratings, goal under 5 s").
 *
 * Builds (once, kept in bench/tmp/) a review database of a realistic agreement study: 50,000 questions (the real MedQA-USMLE, PubMedQA
 * and medical-o1 questions of ../shared/data, repeated under distinct ids), three models' answers to each
 * (real medical-o1 reasoning chains and responses, 2-4 kB), every answer rated by two physicians under the
 * default rubric (300,000 ratings) and one pairwise preference per question (50,000). The build uses the
 * store's bulk paths (import session, batched merges) and is not timed. Each export runs in a child process
 * of its own, timed from the export's start to the renamed file: wall and CPU seconds (of every thread: a
 * large export reads the store on a second thread, server/export/readerThread.ts), the child's peak RSS
 * (flat memory is part of the design: only the summaries hold every rating's values), output size. The
 * first run empties the answer score cache (a study's first export); the others find it filled.
 *
 * Run: npx tsx bench/run.ts export     (MEDREVIEW_BENCH_SCALE=0.1 for a tenth of the size)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Question } from '../server/dataset/model';
import { EXPORT_FORMATS, exportToFile, type ExportFormat } from '../server/export';
import { defaultRubric, rubricContentHash } from '../server/rubric';
import { answerUid, openStore, questionUid, type AnswerInput, type AxisValue, type Preference, type Rating, type Store } from '../server/store';
import { sharedPath } from '../test/helpers/shared';

const SCALE = Number(process.env.MEDREVIEW_BENCH_SCALE ?? 1);
const QUESTIONS = Math.round(50_000 * SCALE);
const MODELS = ['bench/r1-distill-8b', 'bench/llama3-med-8b', 'bench/mistral-med-7b'];
const RATERS = ['dr-a', 'dr-b'];
const RUBRIC = defaultRubric();
const RUBRIC_HASH = rubricContentHash(RUBRIC);

// ---------------------------------------------------------------- real text, repeated

interface O1Row {
  Question: string;
  Complex_CoT: string;
  Response: string;
}

function realQuestions(): Omit<Question, 'id' | 'source'>[] {
  const medqa = readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { question: string; options: Record<string, string>; answer: string; answer_idx: string })
    .map((r) => ({ text: r.question, kind: 'multiple-choice' as const, options: r.options, reference: { answer: r.answer, label: r.answer_idx } }));
  const pubmed = Object.values(JSON.parse(readFileSync(sharedPath('data', 'pubmedqa_pqal.json'), 'utf8')) as Record<string, { QUESTION: string; CONTEXTS: string[]; LONG_ANSWER: string; final_decision: string }>).map(
    (r) => ({ text: r.QUESTION, kind: 'yes-no-maybe' as const, context: r.CONTEXTS, reference: { answer: r.LONG_ANSWER, label: r.final_decision } }),
  );
  const o1 = o1Rows().map((r) => ({ text: r.Question, kind: 'open' as const, reference: { answer: r.Response, reasoning: r.Complex_CoT } }));
  return [...medqa, ...pubmed, ...o1];
}

function o1Rows(): O1Row[] {
  return JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as O1Row[];
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function ratingValues(rand: () => number): Record<string, AxisValue> {
  const values: Record<string, AxisValue> = {};
  for (const axis of RUBRIC.axes) {
    if (axis.kind === 'text') continue;
    values[axis.id] = pick(rand, axis.choices).value;
  }
  return values;
}

// ---------------------------------------------------------------- building the study (not timed)

interface BuiltStudy {
  questions: number;
  answers: number;
  ratings: number;
  preferences: number;
  answerTextMB: number;
  databaseMB: number;
  buildSeconds: number;
}

export async function buildStudy(db: string): Promise<BuiltStudy> {
  const started = process.hrtime.bigint();
  const texts = realQuestions();
  const o1 = o1Rows();
  const store = await openStore(db);
  await store.registerRubric({ key: RUBRIC.id, version: RUBRIC.version, hash: RUBRIC_HASH, body: JSON.stringify(RUBRIC) });
  let textChars = 0;
  let questionsAdded = 0;
  let answersAdded = 0;
  let ratings = 0;
  let preferences = 0;
  const rand = prng(7);
  const batch = 2_000;
  for (let start = 0; start < QUESTIONS; start += batch) {
    const questions: Question[] = [];
    const answers: AnswerInput[] = [];
    const pending: { ratings: Rating[]; preferences: Preference[] } = { ratings: [], preferences: [] };
    for (let i = start; i < Math.min(QUESTIONS, start + batch); i++) {
      const q: Question = { ...(texts[i % texts.length] as Omit<Question, 'id' | 'source'>), id: `bench-${i}`, source: { file: '/bench/questions.jsonl', line: i + 1 } };
      questions.push(q);
      const qUid = questionUid(q.id, q.text);
      const uids = MODELS.map((model, m) => {
        const row = o1[(i + 37 * m) % o1.length] as O1Row;
        const raw = `<think>\n${row.Complex_CoT}\n</think>\n\n${row.Response}`;
        textChars += raw.length;
        answers.push({
          questionId: q.id,
          model,
          raw,
          split: { reasoning: row.Complex_CoT, answer: row.Response, state: 'complete', flags: [] },
          params: { temperature: 0.6, top_p: 0.95, max_tokens: 4096, seed: i },
          timings: { firstTokenMs: 180 + m, totalMs: 9000 + m },
          finishReason: 'stop',
          source: { file: `/bench/answers-${m}.jsonl`, line: i + 1 },
        });
        return answerUid(qUid, model, raw);
      });
      uids.forEach((a, m) => {
        for (const rater of RATERS) pending.ratings.push(benchRating(rand, `r${i}-${m}-${rater}`, rater, a, qUid));
      });
      pending.preferences.push(benchPreference(rand, `p${i}`, qUid, uids[0] as string, uids[1] as string));
    }
    // One session per batch, finished, so the answers are stored before their ratings are merged.
    const session = store.startImport('workspace');
    await session.addQuestions(questions);
    await session.addAnswers(answers);
    const imported = await session.finish();
    questionsAdded += imported.questions.added;
    answersAdded += imported.answers.added;
    const report = await store.mergeRecords({ ...pending, overrides: [], rubrics: [] }, 'bench');
    ratings += report.added.ratings;
    preferences += report.added.preferences;
  }
  await store.close();
  return {
    questions: questionsAdded,
    answers: answersAdded,
    ratings,
    preferences,
    answerTextMB: Math.round(textChars / 1e6),
    databaseMB: Math.round(statSync(db).size / 1e6),
    buildSeconds: Number((Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)),
  };
}

function benchRating(rand: () => number, uid: string, rater: string, answer: string, question: string): Rating {
  return {
    uid,
    rater,
    answerUid: answer,
    questionUid: question,
    rubricKey: RUBRIC.id,
    rubricVersion: RUBRIC.version,
    rubricHash: RUBRIC_HASH,
    values: ratingValues(rand),
    overall: 1 + Math.floor(rand() * 5),
    comment: rand() < 0.2 ? 'Dose should be weight-based; see the reasoning, step 3.' : '',
    blind: true,
    shownPosition: Math.floor(rand() * 3),
    revision: 1,
    createdAt: 1_760_000_000_000,
    updatedAt: 1_760_000_000_000,
  };
}

function benchPreference(rand: () => number, uid: string, question: string, x: string, y: string): Preference {
  const [answerA, answerB] = x < y ? [x, y] : [y, x];
  return {
    uid,
    rater: 'dr-a',
    questionUid: question,
    answerA,
    answerB,
    choice: pick(rand, ['a', 'b', 'a', 'b', 'tie', 'both-bad'] as const),
    blind: true,
    shownFirst: 'a',
    comment: '',
    revision: 1,
    createdAt: 1_760_000_000_000,
    updatedAt: 1_760_000_000_000,
  };
}

// ---------------------------------------------------------------- timing one export (child process)

interface ExportRun {
  format: ExportFormat;
  /** Empty the score cache first: the first export of a study, which computes ROUGE and the extraction. */
  cold: boolean;
  texts: boolean;
}

const runName = (r: ExportRun) => `${r.format}${r.texts ? '' : ' --no-texts'}${r.cold ? ' (cold)' : ''}`;

async function exportChild(db: string, run: ExportRun, out: string): Promise<void> {
  const store: Store = await openStore(db, { create: false });
  if (run.cold) await store.clearAnswerScores();
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const counts = await exportToFile(store, { format: run.format, texts: run.texts }, out);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await store.close();
  process.stdout.write(
    JSON.stringify({
      seconds: Number(seconds.toFixed(2)),
      cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      outputMB: Number((statSync(out).size / 1e6).toFixed(1)),
      ratingsPerSecond: Math.round(counts.ratings / seconds),
      written: counts.written,
      read: { questions: counts.questions, answers: counts.answers, ratings: counts.ratings },
      scores: counts.scores,
      skipped: counts.skipped,
    }) + '\n',
  );
}

function runChild(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', __filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

/**
 * The runs, in order: jsonl first with an empty score cache (what a study's first export costs: it computes
 * and caches every answer's scores), then every format with the cache filled (every later export), then
 * jsonl and csv without texts. MEDREVIEW_BENCH_EXPORT_FORMATS=jsonl,csv limits the formats.
 */
function plannedRuns(only: readonly string[]): ExportRun[] {
  const formats = EXPORT_FORMATS.filter((f) => only.length === 0 || only.includes(f));
  const runs: ExportRun[] = [];
  const first = formats.find((f) => f !== 'dpo' && f !== 'sft');
  if (first) runs.push({ format: first, cold: true, texts: true });
  for (const format of formats) runs.push({ format, cold: false, texts: true });
  for (const format of formats) if (format === 'jsonl' || format === 'csv') runs.push({ format, cold: false, texts: false });
  return runs;
}

/**
 * The study database is built once per scale and kept in bench/tmp/ (git-ignored) with what the build
 * reported, so a rerun times the exports only. Delete the folder to rebuild (the build takes about a minute).
 */
async function cachedStudy(): Promise<{ db: string; study: BuiltStudy; rebuilt: boolean }> {
  const dir = join(__dirname, 'tmp');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `export-study-${SCALE}.sqlite`);
  const info = `${db}.json`;
  if (existsSync(db) && existsSync(info)) return { db, study: JSON.parse(readFileSync(info, 'utf8')) as BuiltStudy, rebuilt: false };
  for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]) rmSync(f, { force: true, recursive: true });
  const study = await buildStudy(db);
  writeFileSync(info, JSON.stringify(study));
  return { db, study, rebuilt: true };
}

export default async function bench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'medreview-export-bench-'));
  try {
    const { db, study, rebuilt } = await cachedStudy();
    const only = (process.env.MEDREVIEW_BENCH_EXPORT_FORMATS ?? '').split(',').filter((f) => f !== '');
    const runs: Record<string, unknown> = {};
    for (const run of plannedRuns(only)) {
      const out = join(dir, `export.${run.format}`);
      // Other work on this shared 2-core machine slows wall times; the load says how much there was.
      const load = os.loadavg()[0];
      runs[runName(run)] = { ...(await runChild(['--export-child', db, JSON.stringify(run), out])), loadAverage1m: load };
      rmSync(out, { force: true });
    }
    return { scale: SCALE, study: { ...study, cachedOnDisk: !rebuilt }, goal: 'each format under 5 s for 300,000 ratings', runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [flag, db, run, out] = process.argv.slice(2);
  const child = flag === '--export-child' && db && run && out ? exportChild(db, JSON.parse(run) as ExportRun, out) : Promise.reject(new Error('usage'));
  child.catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
