import { strict as assert } from 'node:assert';
import type { ExportOptions } from '../../../server/export';
import { exportStream } from '../../../server/export/readerThread';
import { onlyQuestions, type ExportQuestion, type Store } from '../../../server/store';
import { exportText } from './exportHarness';
import { rate, useStudyStore, type StudyQuestion } from './studyFixture';

describe('export: reading on a second thread', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  /** Two raters on every answer of the first questions, disagreeing a little, a preference where there are two answers. */
  async function rateStudy(): Promise<void> {
    for (const [i, q] of qs.slice(0, 6).entries()) {
      for (const [m, answer] of q.answers.entries()) {
        await rate(store, 'dr-a', answer.uid, 1 + ((i + m) % 5), { comment: i === 0 ? 'quote " and\nline' : '' });
        await rate(store, 'dr-b', answer.uid, 1 + ((i + 2 * m) % 5), { values: { harm_extent: m === 1 ? 'moderate' : 'none' } });
      }
      const [x, y] = q.answers;
      if (x && y) await store.savePreference({ rater: 'dr-a', answerA: x.uid, answerB: y.uid, choice: i % 2 ? 'a' : 'b', blind: true });
    }
  }

  const runs: [string, ExportOptions][] = [
    ['jsonl', { format: 'jsonl' }],
    ['jsonl without texts', { format: 'jsonl', texts: false }],
    ['csv', { format: 'csv' }],
    ['dpo', { format: 'dpo', includeTies: true, withReasoning: true }],
    ['sft', { format: 'sft', minOverall: 2 }],
    ['summary-md', { format: 'summary-md', summary: { resamples: 200 } }],
    ['summary-csv', { format: 'summary-csv', summary: { resamples: 200 } }],
  ];
  for (const [name, options] of runs) {
    it(`writes the same ${name} as reading on this thread`, async () => {
      await rateStudy();
      const here = await exportText(store, { ...options, readInWorker: false });
      const there = await exportText(store, { ...options, readInWorker: true });
      assert.ok(here.counts.written > 0, 'the export wrote something');
      assert.equal(there.text, here.text);
      // The first export filled the score cache, which the second found: otherwise the same counts.
      const { scores: first, ...rest } = here.counts;
      const { scores: second, ...same } = there.counts;
      assert.deepEqual(same, rest);
      assert.equal(second.cached + second.computed, first.cached + first.computed);
    });
  }

  it("is the moment's state when another window saves while the reader is under way", async () => {
    await rateStudy();
    const last = qs[5]!;
    const [x, y] = last.answers;
    assert.ok(x && y, 'the sixth question has two answers');
    const stream = onlyQuestions(await exportStream(store, { questionsPerChunk: 1 }, true));
    const iterator = stream[Symbol.asyncIterator]();
    const seen: ExportQuestion[] = [];
    const first = await iterator.next();
    if (first.done) assert.fail('the reader ended before its first question');
    seen.push(first.value);
    await rate(store, 'dr-c', x.uid, 5, { comment: 'after the moment' });
    await rate(store, 'dr-a', y.uid, 1, { comment: 'changed after the moment' });
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value);
    const comments = seen.flatMap((q) => q.answers.flatMap((a) => a.ratings.map((r) => `${r.rater}:${r.comment}`)));
    assert.equal(seen.length, 6);
    assert.ok(!comments.some((c) => c.includes('after the moment')), comments.join(' / '));
    const answers = qs.slice(0, 6).reduce((n, q) => n + q.answers.length, 0);
    assert.equal(comments.filter((c) => c.startsWith('dr-a:')).length, answers);
  });

  it('reports a database it cannot read instead of hanging', async () => {
    // The same store, seen at a path where there is no database: the reader thread's open fails.
    const elsewhere = Object.create(store, { path: { value: `${store.path}.missing` } }) as Store;
    const stream = onlyQuestions(await exportStream(elsewhere, {}, true));
    await assert.rejects(async () => {
      for await (const q of stream) assert.fail(`read ${q.question.uid} from a missing database`);
    }, /missing/);
  });
});
