/**
 * The review database the panel benchmark opens: 100,000 questions, the first few of them (in list order)
 * with six ~4 kB reasoning-model answers each, the rest with one or two short answers so the build stays
 * quick. Built once through the store's bulk import and cached in a folder outside the repository (a run writes ratings, so
 * every run works on a fresh copy).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Question } from '../../server/dataset/model';
import { WORKSPACE_SET } from '../../server/project/datasetSync';
import { openStore, type AnswerInput, type ImportSession } from '../../server/store';
import { splitThink } from '../../server/think';
import { questionStem, reasoningModelOutput, referenceAnswer, Seeded, shortOutput } from './medicalText';

export interface ReviewDatabaseSpec {
  questions: number;
  /** Questions at the head of the list with six long answers each: the ones the benchmark opens. */
  richQuestions: number;
  /** Raw size of each long answer in characters. */
  richAnswerChars: number;
}

export interface ReviewDatabaseFacts extends ReviewDatabaseSpec {
  answers: number;
  richAnswers: number;
  /** Mean raw characters of the long answers, as built. */
  richAnswerMeanChars: number;
  databaseBytes: number;
  /** Milliseconds the build took, or 0 when the cached copy was used. */
  buildMs: number;
}

export const RICH_MODELS = ['r1-distill-llama-8b', 'r1-distill-qwen-7b', 'llama-3-8b-instruct', 'mistral-7b-instruct', 'meditron-7b', 'huatuo-o1-8b'];
const SHORT_MODELS = ['llama-3-8b-instruct', 'mistral-7b-instruct'];
const BATCH = 2_000;
/** Bump when the generated content changes, so a stale cached database is rebuilt. */
const CONTENT_VERSION = 1;

function question(r: Seeded, n: number, file: string, rich: boolean): Question {
  const ref = referenceAnswer(r);
  return {
    id: `bench-${String(n).padStart(6, '0')}`,
    text: questionStem(r, n),
    kind: 'open',
    reference: rich ? { answer: ref.answer, reasoning: ref.reasoning } : { answer: ref.answer },
    source: { file, line: n + 1 },
  };
}

function answer(q: Question, model: string, raw: string, file: string): AnswerInput {
  return { questionId: q.id, model, raw, split: splitThink({ output: raw }), finishReason: 'stop', params: { temperature: 0.6, top_p: 0.95, max_tokens: 4096 }, source: { file, line: q.source.line } };
}

function answersOf(r: Seeded, q: Question, index: number, spec: ReviewDatabaseSpec, file: string): AnswerInput[] {
  if (index < spec.richQuestions) return RICH_MODELS.map((m) => answer(q, m, reasoningModelOutput(r, spec.richAnswerChars), file));
  return SHORT_MODELS.slice(0, 1 + (index % 2)).map((m) => answer(q, m, shortOutput(r), file));
}

async function importAll(session: ImportSession, spec: ReviewDatabaseSpec, file: string): Promise<{ answers: number; richChars: number }> {
  const r = new Seeded(20_260_811);
  let answers = 0;
  let richChars = 0;
  for (let start = 0; start < spec.questions; start += BATCH) {
    const qs: Question[] = [];
    const as: AnswerInput[] = [];
    for (let i = start; i < Math.min(spec.questions, start + BATCH); i++) {
      const q = question(r, i, file, i < spec.richQuestions);
      qs.push(q);
      const own = answersOf(r, q, i, spec, file);
      if (i < spec.richQuestions) richChars += own.reduce((n, a) => n + a.raw.length, 0);
      as.push(...own);
    }
    await session.addQuestions(qs);
    await session.addAnswers(as);
    answers += as.length;
  }
  return { answers, richChars };
}

async function build(path: string, spec: ReviewDatabaseSpec): Promise<Omit<ReviewDatabaseFacts, 'databaseBytes' | 'buildMs'>> {
  const store = await openStore(path);
  try {
    const session = store.startImport(WORKSPACE_SET);
    // The file never exists: the workspace lists no datasets, so nothing re-imports it.
    const counts = await importAll(session, spec, 'generated/panel-bench-questions.jsonl');
    const summary = await session.finish([]);
    if (summary.problemCount) throw new Error(`the benchmark database has ${summary.problemCount} import problems: ${summary.problems[0]?.message ?? ''}`);
    const richAnswers = spec.richQuestions * RICH_MODELS.length;
    return { ...spec, answers: counts.answers, richAnswers, richAnswerMeanChars: Math.round(counts.richChars / richAnswers) };
  } finally {
    await store.close();
  }
}

/** Copies the cached database (building it first if needed) to `target`; returns what it holds. */
export async function reviewDatabaseAt(target: string, cacheDir: string, spec: ReviewDatabaseSpec): Promise<ReviewDatabaseFacts> {
  const key = `panel-v${CONTENT_VERSION}-${spec.questions}-${spec.richQuestions}-${spec.richAnswerChars}`;
  const cached = join(cacheDir, `${key}.sqlite`);
  const factsFile = join(cacheDir, `${key}.json`);
  let buildMs = 0;
  if (!existsSync(cached) || !existsSync(factsFile)) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.building`;
    rmSync(partial, { force: true });
    const started = performance.now();
    const facts = await build(partial, spec);
    buildMs = Math.round(performance.now() - started);
    renameSync(partial, cached);
    for (const leftover of [`${partial}.lock`, `${partial}.lock-owner`, `${partial}-journal`]) rmSync(leftover, { recursive: true, force: true });
    writeFileSync(factsFile, JSON.stringify(facts));
  }
  const facts = JSON.parse(readFileSync(factsFile, 'utf8')) as Omit<ReviewDatabaseFacts, 'databaseBytes' | 'buildMs'>;
  copyFileSync(cached, target);
  return { ...facts, databaseBytes: statSync(target).size, buildMs };
}
