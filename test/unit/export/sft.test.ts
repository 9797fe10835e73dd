import { strict as assert } from 'node:assert';
import type { ExportOptions } from '../../../server/export';
import { isExportQuestion, isRatingTally, type ExportItem, type Store } from '../../../server/store';
import { exportText, parseLines } from './exportHarness';
import { medqaRows, MODELS, rate, SET, useStudyStore, type StudyQuestion } from './studyFixture';

interface SftLine {
  prompt: string;
  completion: string;
  meta: { questionUid: string; datasetId: string; answerUid: string; model: string; meanOverall: number; raters: number };
}

describe('export: sft', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  async function sft(options: Partial<ExportOptions> = {}) {
    const { text, counts } = await exportText(store, { format: 'sft', ...options });
    return { lines: parseLines<SftLine>(text), counts };
  }

  /** q0: thinking 5+3 (mean 4), plain 4+3 (3.5), lettered 5 by one rater; the unclosed seed answer 5. */
  async function rateStudy(): Promise<void> {
    const q = qs[0]!;
    await rate(store, 'dr-a', q.of(MODELS.thinking).uid, 5);
    await rate(store, 'dr-b', q.of(MODELS.thinking).uid, 3);
    await rate(store, 'dr-a', q.of(MODELS.plain).uid, 4);
    await rate(store, 'dr-b', q.of(MODELS.plain).uid, 3);
    await rate(store, 'dr-a', q.of(MODELS.lettered).uid, 5);
    const seed = qs.find((x) => x.question.id === 'seed-asthma-1')!;
    await rate(store, 'dr-a', seed.answers.find((a) => a.split.state === 'unclosed')!.uid, 5);
  }

  it('takes answers whose overall score averaged over raters reaches 4, as prompt and final answer', async () => {
    await rateStudy();
    const { lines, counts } = await sft();
    const q = qs[0]!;
    assert.deepEqual(lines.map((l) => [l.meta.model, l.meta.meanOverall, l.meta.raters]), [
      [MODELS.thinking, 4, 2],
      [MODELS.lettered, 5, 1],
    ]);
    const row = medqaRows()[0]!;
    assert.ok(lines[0]!.prompt.startsWith(`${row.question}\n\nA. `));
    assert.equal(lines[0]!.completion, q.of(MODELS.thinking).split.answer);
    assert.deepEqual(counts.skipped, { 'answers-below-min-overall': 1, 'answers-without-final-answer': 1 });
  });

  it('follows --min-overall and --min-raters', async () => {
    await rateStudy();
    assert.deepEqual((await sft({ minOverall: 3.5 })).lines.map((l) => l.meta.model), [MODELS.thinking, MODELS.plain, MODELS.lettered]);
    const twoRaters = await sft({ minRaters: 2 });
    assert.deepEqual(twoRaters.lines.map((l) => l.meta.model), [MODELS.thinking]);
    assert.equal(twoRaters.counts.skipped['answers-below-min-raters'], 2);
    assert.deepEqual((await sft({ minOverall: 5 })).lines.map((l) => l.meta.model), [MODELS.lettered]);
  });

  it('wraps the reasoning in <think> in front of the answer only with --with-reasoning', async () => {
    await rateStudy();
    const thinking = qs[0]!.of(MODELS.thinking);
    const { lines } = await sft({ withReasoning: true });
    assert.equal(lines[0]!.completion, `<think>\n${thinking.split.reasoning.trim()}\n</think>\n\n${thinking.split.answer}`);
    assert.ok(!(await sft()).lines[0]!.completion.includes(thinking.split.reasoning.slice(0, 60)));
  });

  it('leaves out answers without an overall score', async () => {
    await rate(store, 'dr-a', qs[0]!.of(MODELS.thinking).uid, null);
    const { lines, counts } = await sft();
    assert.deepEqual([lines.length, counts.skipped], [0, { 'answers-without-overall': 1 }]);
  });

  /** Every answer rated: one, two or three raters, overall scores 1-5 and some without one. */
  async function rateEverything(): Promise<void> {
    for (const [i, q] of qs.entries()) {
      for (const [m, a] of q.answers.entries()) {
        await rate(store, 'dr-a', a.uid, (i + m) % 6 === 5 ? null : 1 + ((i + 2 * m) % 5));
        if ((i + m) % 2 === 0) await rate(store, 'dr-b', a.uid, 1 + ((3 * i + m) % 5));
        if ((i + m) % 3 === 0) await rate(store, 'dr-c', a.uid, (i * m) % 4 === 1 ? null : 5);
      }
    }
  }

  const variants: [string, Partial<ExportOptions>][] = [
    ['by default', {}],
    ['with min-raters 2', { minRaters: 2 }],
    ['with min-overall 3.5', { minOverall: 3.5 }],
    ['with reasoning', { withReasoning: true }],
    ['of one question set', { set: SET }],
    ['read on the reader thread', { readInWorker: true }],
  ];
  for (const [name, options] of variants) {
    it(`counts what it leaves out in SQLite, with the same records and counts as from objects, ${name}`, async () => {
      await rateEverything();
      const made = await exportText(store, { format: 'sft', ...options, bySqlite: false });
      const counted = await exportText(store, { format: 'sft', ...options });
      assert.ok(parseLines<SftLine>(made.text).length > 3, 'some answers pass');
      assert.ok(Object.keys(made.counts.skipped).length >= 2, JSON.stringify(made.counts.skipped));
      assert.equal(counted.text, made.text);
      assert.deepEqual(counted.counts, made.counts);
    });
  }

  it('hands out as objects only the answers that pass, and tallies the rest', async () => {
    await rateEverything();
    const items: ExportItem[] = [];
    for await (const item of store.streamExportItems({ answerTextsFor: { minRaters: 1, minOverall: 4 }, tally: true, ratingValues: false })) items.push(item);
    const objects = items.filter(isExportQuestion);
    const passing = objects.flatMap((q) => q.answers.map((a) => a.ratings.reduce((n, r) => n + (r.overall ?? 0), 0) / a.ratings.filter((r) => r.overall !== null).length));
    assert.ok(passing.length > 0 && passing.every((mean) => mean >= 4), passing.join(' '));
    const tallied = items.filter(isRatingTally).reduce((n, t) => n + t.tally.answers, 0);
    assert.equal(tallied + passing.length, (await sft({ bySqlite: false })).counts.answers);
  });
});
