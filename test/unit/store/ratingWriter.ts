/**
 * Child process for the durability, concurrency and lock tests. Prints one line per event on stdout with
 * synchronous writes (a pipe is otherwise written asynchronously and the line could be lost on SIGKILL):
 *
 *   rate DB RATER SECONDS [--reads]  save ratings one transaction at a time for SECONDS (0: until killed),
 *                                    printing `ack <rating uid> <revision>` after each save resolved
 *   hold DB                          inside a write transaction, rewrite every question (spilling pages to
 *                                    the file), print `holding`, and block forever
 *   claim DB JOB N                   claim N items of a generation job, print `claimed <id>...`, exit
 */
import { writeSync } from 'node:fs';
import { openStore, type Store } from '../../../server/store';
import { Transactions } from '../../../server/store/transactions';
import { DEFAULT_STALE_LOCK_POLICY } from '../../../server/store/lock/staleLock';
import { TEST_RUBRIC } from './realQuestions';

function say(line: string): void {
  writeSync(1, line + '\n');
}

/** Every answer in the database, in question order (a queue with an overlap nobody reaches lists them all). */
async function answerUids(store: Store, rater: string): Promise<string[]> {
  const queue = await store.queue({ rater: `${rater}-listing`, overlap: 1_000, limit: 500 });
  return queue.flatMap((item) => item.answerUids);
}

async function rate(db: string, rater: string, seconds: number, reads: boolean): Promise<void> {
  const store = await openStore(db);
  const answers = await answerUids(store, rater);
  say('ready');
  const until = seconds > 0 ? Date.now() + seconds * 1000 : Infinity;
  for (let i = 0; Date.now() < until; i++) {
    const answerUid = answers[i % answers.length]!;
    const overall = (i % 5) + 1;
    const saved = await store.saveRating({
      rater,
      answerUid,
      rubricHash: TEST_RUBRIC.hash,
      values: { consensus: overall > 2 ? 'agrees' : 'opposed', harm: overall },
      overall,
      comment: `save ${i}`,
      blind: true,
      shownPosition: i % 3,
    });
    say(`ack ${saved.uid} ${saved.revision}`);
    if (reads && i % 4 === 0) await store.listQuestions({ rater, ungradedBy: rater, limit: 20 });
  }
  await store.close();
  say('done');
}

function hold(db: string): void {
  const tx = new Transactions(db, { busyDeadlineMs: 10_000, staleLock: DEFAULT_STALE_LOCK_POLICY });
  void tx.run((c) => {
    // A tiny page cache makes SQLite write changed pages into the file before COMMIT, as a large write does.
    c.exec('PRAGMA cache_size=2');
    // 4 kB more per question: enough changed pages to overflow the cache at any page size.
    c.run("UPDATE question_texts SET text = CAST(text || ' (edited) ' || replace(hex(zeroblob(2000)), '00', 'x ') AS TEXT)");
    say('holding');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
}

async function claim(db: string, job: string, n: number): Promise<void> {
  const store = await openStore(db);
  const items = await store.claimJobItems(job, n);
  say(`claimed ${items.map((i) => i.id).join(' ')}`);
  await store.close();
}

async function main(): Promise<void> {
  const [mode, db, a, b, c] = process.argv.slice(2);
  if (!db) throw new Error('usage: ratingWriter MODE DB ...');
  if (mode === 'rate') await rate(db, a ?? 'rater', Number(b ?? 0), c === '--reads');
  else if (mode === 'hold') hold(db);
  else if (mode === 'claim') await claim(db, a ?? '', Number(b ?? 1));
  else throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`ratingWriter: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
