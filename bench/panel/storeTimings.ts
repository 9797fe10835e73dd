/**
 * The store's share of the panel's round trips, timed in Node on a copy of the benchmark database: reading
 * a six-answer question (the panel's `getQuestion`), saving one rating (the panel's `rating/save`), and one
 * page of the question list with the rater's progress (the panel's `questions/list`). The
 * difference between these and the page's figures is the trip through the extension host and the language
 * server's messaging.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { defaultRubric, rubricContentHash } from '../../server/rubric';
import { openStore } from '../../server/store';
import { RATER } from './panelSession';
import { summarise, type Summary } from './stats';

export interface StoreFigures {
  getQuestion: Summary;
  saveRating: Summary;
  /** One list page of 200 (what the panel asks for per page), at offsets spread over the whole list. */
  listPage: Summary;
  /** The rater's progress over the project, which the host computes again for every list page it answers. */
  raterProgress: Summary;
}

async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return summarise(times);
}

/** Times `questions` reads and one saved rating per answer of those questions, on a throwaway copy of `database`. */
export async function measureStore(database: string, scratch: string, questions: number): Promise<StoreFigures> {
  copyFileSync(database, scratch);
  const store = await openStore(scratch);
  try {
    const rubric = defaultRubric();
    const hash = rubricContentHash(rubric);
    await store.registerRubric({ key: rubric.id, version: rubric.version, hash, body: JSON.stringify(rubric) });
    await store.addRater(RATER);
    const values = Object.fromEntries(rubric.axes.filter((a) => a.choices.length).map((a) => [a.id, a.choices[0]?.value ?? null]));
    const { rows } = await store.listQuestions({ limit: questions, offset: 1 });
    const reads: number[] = [];
    const saves: number[] = [];
    for (const row of rows) {
      const started = performance.now();
      const detail = await store.getQuestion(row.uid, RATER);
      reads.push(performance.now() - started);
      for (const a of detail.answers) {
        const t = performance.now();
        await store.saveRating({ rater: RATER, answerUid: a.uid, rubricHash: hash, values, overall: 3, comment: '', blind: true });
        saves.push(performance.now() - t);
      }
    }
    const { total } = await store.listQuestions({ limit: 1 });
    const listPage = await timed(8, (i) => store.listQuestions({ rater: RATER, offset: Math.floor((i / 8) * Math.max(0, total - 200)), limit: 200 }));
    const raterProgress = await timed(5, () => store.raterProgress({ rubricKey: rubric.id }));
    return { getQuestion: summarise(reads), saveRating: summarise(saves), listPage, raterProgress };
  } finally {
    await store.close();
    for (const f of [scratch, `${scratch}.lock`, `${scratch}.lock-owner`, `${scratch}-journal`, `${scratch}-wal`]) rmSync(f, { recursive: true, force: true });
  }
}
