/**
 * Child process of bench/import.bench.ts: imports the files named on the command line into a counting
 * sink and prints timings and its own peak RSS as one JSON line. A separate process, so the peak memory
 * is the import's alone.
 */
import { importDatasets, MemoryImportSink, type ModelAnswer } from '../server/dataset';

/** Counts, keeps nothing, and notes when the first answers arrive (all question files are read by then). */
class TimedSink extends MemoryImportSink {
  firstAnswerAt: number | undefined;
  override addAnswers(answers: ModelAnswer[]): void {
    this.firstAnswerAt ??= performance.now();
    super.addAnswers(answers);
  }
}

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const sink = new TimedSink({ keep: false });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await importDatasets(files, {}, sink);
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const result = {
    totalMs: t1 - t0,
    /** CPU time of this process (main thread plus V8's helper threads): what a busy machine cannot inflate. */
    cpuMs: (cpu.user + cpu.system) / 1000,
    questionsMs: (sink.firstAnswerAt ?? t1) - t0,
    answersMs: t1 - (sink.firstAnswerAt ?? t1),
    questions: sink.questionCount,
    answers: sink.answerCount,
    rejected: report.rejected,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

void main();
