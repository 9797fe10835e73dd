import { strict as assert } from 'node:assert';
import { scorerKey, type ExportOptions } from '../../../server/export';
import { summaryRouge } from '../../../server/export/summaryExport';
import { DEFAULT_ROUGE_SETTINGS } from '../../../server/metrics';
import { compareCodePoints, isExportQuestion, isSummaryRows, type ExportItem, type Store } from '../../../server/store';
import { editRaw, exportText } from './exportHarness';
import { medqaRows, MODELS, rate, RUBRIC, SET, useStudyStore, type StudyQuestion } from './studyFixture';

/**
 * The summaries' rows SQLite writes (server/store/queries/summaryRows.ts, taken by export/summaryRowChunk.ts)
 * against the same questions read as objects (ExportOptions.bySqlite false): the same documents, counts
 * and issues, whatever the data holds.
 */
describe('export: summary rows written by SQLite', () => {
  let store: Store;
  let qs: StudyQuestion[];
  let path: string;
  useStudyStore((opened) => ({ store, qs, path } = opened));

  /**
   * Raters whose names sort differently in UTF-16 and in code point order (U+E000 against U+1F600), so the
   * ratings of an answer come in another order if either side sorts them wrong; the second rater gives a
   * value the rubric does not allow on some answers, which the summary reports by the rating's position.
   */
  const RATERS = ['dr-\u{1F600}', 'dr-\uE000', 'dr-a'];
  const HARM = ['none', 'mild_or_moderate', 'severe_or_death', 'catastrophic'] as const;

  async function rateEverything(): Promise<void> {
    for (const [i, q] of qs.entries()) {
      for (const [m, a] of q.answers.entries()) {
        for (const [k, rater] of RATERS.entries()) {
          if ((i + m + k) % 4 === 3) continue;
          const values = { harm_extent: HARM[(i + 2 * m + k) % (k === 1 ? 4 : 3)]!, bias: (i + k) % 2 === 0, consensus: k === 0 ? 'aligned' : 'opposed' };
          await rate(store, rater, a.uid, (i + m + k) % 7 === 6 ? null : 1 + ((i + 3 * m + k) % 5), { values });
        }
      }
    }
    const lettered = qs[0]!.of(MODELS.lettered);
    await store.setChoiceOverride({ rater: 'dr-a', answerUid: lettered.uid, extracted: null, corrected: medqaRows()[0]!.answer_idx });
  }

  async function items(filter: { set?: string; minRaters?: number } = {}): Promise<ExportItem[]> {
    const out: ExportItem[] = [];
    const scorer = scorerKey(summaryRouge(DEFAULT_ROUGE_SETTINGS));
    const summary = { minRaters: filter.minRaters ?? 1 };
    for await (const item of store.streamExportItems({ set: filter.set, scorer, texts: 'none', rubricKey: RUBRIC.id, summary, questionsPerChunk: 2 })) out.push(item);
    return out;
  }

  const variants: [string, Partial<ExportOptions>][] = [
    ['by default', {}],
    ['with min-raters 2', { minRaters: 2 }],
    ['with min-raters 3', { minRaters: 3 }],
    ['of one question set', { set: SET }],
    ['read on the reader thread', { readInWorker: true }],
    ['with ROUGE resampled on a thread of its own', { rougeInWorker: true }],
  ];
  for (const [name, options] of variants) {
    it(`gives the same summaries, counts and issues as from objects, ${name}`, async () => {
      await rateEverything();
      // The first export fills the score cache; SQLite writes rows only for answers with cached scores.
      const made = await exportText(store, { format: 'summary-md', ...options, bySqlite: false, rougeInWorker: false });
      assert.ok((await items(options)).some(isSummaryRows), 'the chunks come as rows');
      const written = await exportText(store, { format: 'summary-md', ...options });
      assert.ok(made.counts.issues.length > 0, 'some values are not allowed');
      assert.equal(written.text, made.text);
      assert.deepEqual({ ...written.counts, scores: made.counts.scores }, made.counts);
      assert.deepEqual(written.counts.scores, { cached: made.counts.scores.computed, computed: 0 });
      const csv = [await exportText(store, { format: 'summary-csv', ...options, bySqlite: false, rougeInWorker: false }), await exportText(store, { format: 'summary-csv', ...options })];
      assert.equal(csv[1]!.text, csv[0]!.text);
    });
  }

  it('hands out rows only for chunks whose scores are all cached, as objects before', async () => {
    await rateEverything();
    assert.ok((await items()).every(isExportQuestion), 'nothing is cached yet');
    await exportText(store, { format: 'summary-md' });
    const after = await items();
    assert.ok(after.length > 0 && after.every(isSummaryRows));
  });

  const editAndReopen = async (statements: string[]): Promise<void> => {
    store = await editRaw(store, path, statements.map((sql): [string, unknown[]] => [sql, []]));
  };

  it('reads a chunk as objects when a rating’s values or an answer’s cached scores are not strict JSON', async () => {
    await rateEverything();
    await exportText(store, { format: 'summary-md' });
    const answerOf = (q: StudyQuestion) => `(SELECT id FROM answers WHERE uid = '${q.answers[0]!.uid}')`;
    // JSON5, which json() reads but json_valid() refuses; a cache row that is not JSON at all.
    await editAndReopen([
      `UPDATE ratings SET axis_values = '{harm_extent: "none", bias: true,}' WHERE id = (SELECT min(id) FROM ratings WHERE answer_id = ${answerOf(qs[1]!)})`,
      `UPDATE answer_scores SET scores = 'not json' WHERE answer_id = ${answerOf(qs[5]!)}`,
    ]);
    const objects = (await items()).filter(isExportQuestion).map((q) => q.question.uid);
    // Chunks of two questions: the first and the third are read as objects.
    assert.deepEqual(objects.sort(), [qs[0]!, qs[1]!, qs[4]!, qs[5]!].map((q) => q.question.uid).sort());
    const made = await exportText(store, { format: 'summary-md', bySqlite: false });
    assert.equal((await exportText(store, { format: 'summary-md' })).text, made.text);
  });

  it('computes anew the scores of a cache row that is JSON but not scores, as from objects', async () => {
    await rateEverything();
    const made = await exportText(store, { format: 'summary-md', bySqlite: false });
    await editAndReopen([`UPDATE answer_scores SET scores = '{"rouge":null}' WHERE answer_id = (SELECT id FROM answers WHERE uid = '${qs[2]!.answers[0]!.uid}')`]);
    assert.ok((await items()).every(isSummaryRows));
    const written = await exportText(store, { format: 'summary-md' });
    assert.equal(written.text, made.text);
    assert.equal(written.counts.scores.computed, 1);
  });
});

describe('text order: code points', () => {
  it('orders strings as their UTF-8 bytes do', () => {
    const units = ['a', 'z', '\u00e9', '\u07ff', '\u0800', '\ud7ff', '\ue000', '\uffff', '\u{10000}', '\u{1F600}', '\u{10FFFF}', ''];
    const strings: string[] = [];
    for (const x of units) for (const y of units) strings.push(x + y, `${x}-${y}`);
    const bytes = (s: string) => Buffer.from(s, 'utf8');
    for (const a of strings) {
      for (const b of strings) assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(Buffer.compare(bytes(a), bytes(b))), `${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
  });
});
