/**
 * Import scale benchmark (issue 4). Headline: the whole import, parse + store, the way a user runs it:
 * `medreview import FILES --db PATH` from the built bundle (dist/cli.js, with its parse worker thread
 * dist/import-worker.js), of a synthetic 100,000-question set with three 2-4 kB model answers per question
 * (1.1 GB of files), into a new review database. Reported: wall seconds (process start to exit), rows per
 * second, and peak RSS of the whole process (getrusage: every thread, the parse worker included).
 * Goal: under 10 s and under 400 MB on the 2-core machine.
 *
 * Beside it: the parse alone (the dataset reader into a counting sink, no store), and a second import of the
 * same files into the filled database (everything is found already there: what rerunning a killed import
 * costs at most). CPU seconds are reported beside wall time because other work on a shared machine inflates
 * the latter; `mainThreadCpuSeconds` is the thread that writes SQLite, the pipeline's slower half.
 *
 *   npx tsx bench/run.ts import                    (MEDREVIEW_BENCH_QUESTIONS=10000 for a quick run)
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SET_DIR, generateImportSet } from './fixtures/generateImportSet';

const ROOT = join(__dirname, '..');
const WORK = join(__dirname, 'tmp', 'import-bench');

interface ParseResult {
  totalMs: number;
  cpuMs: number;
  questionsMs: number;
  answersMs: number;
  questions: number;
  answers: number;
  rejected: number;
  maxRssKiB: number;
}

/** What bench/fixtures/processUsage.js writes when the CLI process exits. */
interface ProcessUsage {
  code: number;
  maxRssKiB: number;
  cpuSeconds: number;
  mainThreadCpuSeconds: number | null;
}

interface CliRun {
  wallSeconds: number;
  usage: ProcessUsage;
  stderr: string;
  load: [number, number];
}

async function runParseOnly(files: string[]): Promise<ParseResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'tsx/cjs', join(__dirname, 'import.worker.ts'), ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as ParseResult;
}

/** The shipped bundles, built by the project's own build script. */
async function build(): Promise<string> {
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, maxBuffer: 16 << 20 });
  return join(ROOT, 'dist', 'cli.js');
}

/** `node dist/cli.js import FILES --db DB`, timed from spawn to exit. */
function runCli(cli: string, files: string[], db: string): Promise<CliRun> {
  const usageFile = join(WORK, 'usage.json');
  rmSync(usageFile, { force: true });
  const args = ['-r', join(__dirname, 'fixtures', 'processUsage.js'), cli, 'import', ...files, '--db', db];
  const loadBefore = loadavg()[0] ?? 0;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, MEDREVIEW_USAGE_FILE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallSeconds = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`medreview import exited with ${code}:\n${stderr.slice(-2000)}`));
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as ProcessUsage;
      resolve({ wallSeconds, usage, stderr, load: [loadBefore, loadavg()[0] ?? 0] });
    });
  });
}

/** The store's own counts from the CLI's summary line, checked against what was generated. */
function storedCounts(run: CliRun): { questionsAdded: number; questionsExisting: number; answersAdded: number; answersExisting: number } {
  const m = /(\d+) questions added \((\d+) already there\), (\d+) answers added \((\d+) already there\)/.exec(run.stderr);
  if (!m) throw new Error(`no store summary in the output:\n${run.stderr.slice(-2000)}`);
  const [questionsAdded, questionsExisting, answersAdded, answersExisting] = m.slice(1).map(Number) as [number, number, number, number];
  return { questionsAdded, questionsExisting, answersAdded, answersExisting };
}

export default async function importBench(): Promise<Record<string, unknown>> {
  const count = Number(process.env.MEDREVIEW_BENCH_QUESTIONS ?? 100_000);
  const set = generateImportSet(count === 100_000 ? DEFAULT_SET_DIR : `${DEFAULT_SET_DIR}-${count}`, count);
  const files = [...set.questionFiles, ...set.answerFiles];
  const rows = set.questions + set.answers;
  const size = (list: string[]): number => list.reduce((n, f) => n + statSync(f).size, 0);
  mkdirSync(WORK, { recursive: true });
  const cli = await build();

  // The parse alone; its first run also brings the files into the page cache, so every measured run reads
  // them from memory, as a re-import would.
  await runParseOnly(files);
  const parse = await runParseOnly(files);
  if (parse.questions !== set.questions || parse.answers !== set.answers || parse.rejected !== 0) {
    throw new Error(`parse took ${parse.questions} questions and ${parse.answers} answers (${parse.rejected} rejected), expected ${set.questions} and ${set.answers}`);
  }

  const db = join(WORK, 'review.sqlite');
  const fresh = (): void => {
    for (const suffix of ['', '-journal', '.lock-owner', '.lock-wanted']) rmSync(db + suffix, { force: true });
  };
  const runs: CliRun[] = [];
  for (let i = 0; i < 2; i++) {
    fresh();
    const run = await runCli(cli, files, db);
    const counts = storedCounts(run);
    if (counts.questionsAdded !== set.questions || counts.answersAdded !== set.answers) throw new Error(`the store added ${JSON.stringify(counts)}, expected ${set.questions} questions and ${set.answers} answers`);
    runs.push(run);
  }
  const databaseBytes = statSync(db).size;
  const again = await runCli(cli, files, db);
  const againCounts = storedCounts(again);
  if (againCounts.questionsAdded !== 0 || againCounts.answersAdded !== 0) throw new Error(`importing again added rows: ${JSON.stringify(againCounts)}`);
  fresh();

  const best = runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a));
  const peakMiB = Math.max(...runs.map((r) => r.usage.maxRssKiB)) / 1024;
  return {
    wholeImport: {
      command: 'node dist/cli.js import FILES --db PATH (new database)',
      wallSeconds: round(best.wallSeconds),
      rowsPerSecond: Math.round(rows / best.wallSeconds),
      peakRssMiB: Math.round(peakMiB),
      cpuSeconds: round(best.usage.cpuSeconds),
      mainThreadCpuSeconds: best.usage.mainThreadCpuSeconds === null ? null : round(best.usage.mainThreadCpuSeconds),
      wallSecondsPerRun: runs.map((r) => round(r.wallSeconds)),
      peakRssMiBPerRun: runs.map((r) => Math.round(r.usage.maxRssKiB / 1024)),
      oneMinuteLoadPerRun: runs.map((r) => r.load.map(round)),
      databaseMiB: Math.round(databaseBytes / 2 ** 20),
    },
    goal: { seconds: 10, peakRssMiB: 400, met: best.wallSeconds < 10 && peakMiB < 400 },
    input: {
      questions: set.questions,
      answers: set.answers,
      files: files.length,
      MiB: Math.round(set.bytes / 2 ** 20),
      answerRowBytesAvg: Math.round(size(set.answerFiles) / set.answers),
      questionRowBytesAvg: Math.round(size(set.questionFiles) / set.questions),
    },
    importAgainIntoFilledDatabase: {
      wallSeconds: round(again.wallSeconds),
      cpuSeconds: round(again.usage.cpuSeconds),
      peakRssMiB: Math.round(again.usage.maxRssKiB / 1024),
      found: againCounts,
    },
    parseAlone: {
      wallSeconds: round(parse.totalMs / 1000),
      cpuSeconds: round(parse.cpuMs / 1000),
      rowsPerCpuSecond: Math.round(rows / (parse.cpuMs / 1000)),
      questionsPerSecond: Math.round(set.questions / (parse.questionsMs / 1000)),
      answersPerSecond: Math.round(set.answers / (parse.answersMs / 1000)),
      peakRssMiB: Math.round(parse.maxRssKiB / 1024),
    },
    note: 'wall time on a shared 2-core machine moves with the load beside it (oneMinuteLoadPerRun); CPU seconds do not',
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
