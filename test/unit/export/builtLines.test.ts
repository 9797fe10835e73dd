import { strict as assert } from 'node:assert';
import { scorerKey, type ExportedRating, type ExportOptions } from '../../../server/export';
import { DEFAULT_ROUGE_SETTINGS } from '../../../server/metrics';
import { isBuiltLines, isExportQuestion, LinePiece, readBuiltRating, type BuiltLines, type ExportItem, type Store } from '../../../server/store';
import { editRaw, exportText, parseLines } from './exportHarness';
import { addPlainAnswer, addThinkingAnswer, FULL_GENERATION, MODELS, rate, RUBRIC, SET, useStudyStore, type StudyQuestion } from './studyFixture';

/**
 * The JSONL lines and CSV rows SQLite builds (server/store/queries/builtLines.ts, jsonlLines.ts, csvLines.ts)
 * against those formatted from the store's objects (ExportOptions.bySqlite false): the same bytes, whatever
 * the data holds.
 */
describe('export: jsonl lines and csv rows built by SQLite', () => {
  let store: Store;
  let qs: StudyQuestion[];
  let path: string;
  useStudyStore((opened) => ({ store, qs, path } = opened));

  const TRICKY = 'Dose: 5\u00a0mg/kg \u2014 "quoted", back\\slash, tab\there,\nline, bell\u0007, NUL\u0000, DEL\u007f, sep\u2028, 日本語, \u{1F9EA}';
  /** Comments by question: TRICKY, and starts a spreadsheet would take for a formula (CSV guards them). */
  const COMMENTS = [TRICKY, '=HYPERLINK("x")', '-2 mg, then\r\n+1', '@risk\ttab', '\tindented', '+1'];
  /** Answer texts for CSV cells: each rule of csvCellText, one at a time and together, around non-ASCII text. */
  const CSV_TEXTS = ['-5 mg', '@home\tnow', '+1', '\ttab first', '\rCR first', 'no rule: 5\u00a0mg — 日本語', 'a "quote"', 'a, comma', 'line\nbreak', '""', '=A1, "b"\r\n'];

  /**
   * Every study answer rated; raters whose names sort differently in UTF-16 and in code point order
   * (U+E000 against U+1F600); comments with every kind of character; unrated overall scores; generated
   * answers with and without their generation details; one answer whose extraction a rater corrected.
   */
  async function rateEverything(): Promise<void> {
    const pubmed = qs.find((q) => q.question.kind === 'yes-no-maybe')!;
    await store.addGeneratedAnswer(pubmed.question.uid, {
      questionId: pubmed.question.id,
      model: 'gen/llama-3-8b',
      raw: `<think>short ${TRICKY}</think>yes, it is.`,
      split: { reasoning: `short ${TRICKY}`, answer: 'yes, it is.', state: 'complete', flags: ['eos-stripped', 'stray-tags'] },
      params: { temperature: 0.7, seed: 42, max_tokens: 64 },
      timings: { firstTokenMs: 210, totalMs: 1500 },
      finishReason: 'length',
      generation: FULL_GENERATION,
    });
    await addPlainAnswer(store, pubmed.question, 'gen/bare', 'maybe');
    // Texts SQLite cuts and the CSV writer quotes from their bytes: formula-like starts, quotes, line breaks.
    const plain = qs.find((q) => q !== pubmed && q !== qs[1])!;
    for (const [i, text] of CSV_TEXTS.entries()) await addPlainAnswer(store, plain.question, `gen/csv-${i}`, text);
    await addThinkingAnswer(store, plain.question, 'gen/quoted', 'He said "no", then\r\nstop', '=1+1, "x"');
    // Characters of two and three bytes before and inside both parts: cut at byte offsets, not characters.
    await addThinkingAnswer(store, plain.question, 'gen/multibyte', 'Dose 5\u00a0mg — 日本語, "q"', 'Final: café, ✓ "x"');
    const fresh = await Promise.all(qs.map(async (q) => (await store.getQuestion(q.question.uid)).answers));
    for (const [i, answers] of fresh.entries()) {
      for (const [m, a] of answers.entries()) {
        await rate(store, 'dr-\uE000', a.uid, 1 + ((i + m) % 5), { comment: COMMENTS[i] ?? '', blind: m % 2 === 0, shownPosition: m });
        if ((i + m) % 3 !== 0) await rate(store, 'dr-\u{1F600}', a.uid, m === 2 ? null : 1 + ((i * 2 + m) % 5), { values: { harm_extent: 'mild_or_moderate' } });
        if (i % 2 === 0) await rate(store, 'dr-a', a.uid, 3, { comment: `"${a.model}"` });
      }
    }
    const lettered = qs[1]!.of(MODELS.lettered);
    await store.setChoiceOverride({ rater: 'dr-a', answerUid: lettered.uid, extracted: null, corrected: 'B' });
  }

  const variants: [string, Omit<ExportOptions, 'format'>][] = [
    ['with texts', {}],
    ['without texts', { texts: false }],
    ['with min-raters 2', { minRaters: 2 }],
    ['of one question set', { set: SET }],
    ['read on the reader thread', { readInWorker: true }],
  ];
  for (const format of ['jsonl', 'csv'] as const) {
    for (const [name, options] of variants) {
      it(`writes the same bytes and counts as the ${format} lines made from objects, ${name}`, async () => {
        await rateEverything();
        // The first export fills the score cache; SQLite builds lines only for answers with cached scores.
        const made = await exportText(store, { format, ...options, bySqlite: false });
        const built = await exportText(store, { format, ...options });
        assert.ok(made.counts.written > 40, `${made.counts.written} lines`);
        assert.equal(built.text, made.text);
        assert.deepEqual({ ...built.counts, scores: undefined }, { ...made.counts, scores: undefined });
        assert.equal(built.counts.scores.cached + built.counts.scores.computed, made.counts.scores.cached + made.counts.scores.computed);
      });
    }
  }

  const streamFilter = (questionsPerChunk: number) => ({ scorer: scorerKey(DEFAULT_ROUGE_SETTINGS), texts: 'json' as const, lines: { texts: true, minRaters: 1 }, questionsPerChunk });

  /** The stream's items with lines built: which questions came as lines and which as objects. */
  async function items(): Promise<ExportItem[]> {
    const out: ExportItem[] = [];
    for await (const item of store.streamExportItems(streamFilter(2))) out.push(item);
    return out;
  }

  /** The ratings of built lines, one per line, in order. */
  function builtRatings(lines: BuiltLines): ReturnType<typeof readBuiltRating>['rating'][] {
    const out: ReturnType<typeof readBuiltRating>['rating'][] = [];
    for (let i = 0; i < lines.pieces.length; i += 3) {
      if (lines.pieces[i] === LinePiece.rating) out.push(readBuiltRating(lines.parts.subarray(lines.pieces[i + 1], lines.pieces[i + 2])).rating);
    }
    return out;
  }

  /** Each rating the items hold, as `id: comment`. */
  function ratingsIn(list: readonly ExportItem[]): string[] {
    return list
      .flatMap((i) =>
        isExportQuestion(i) ? i.answers.flatMap((a) => a.ratings.map((r) => `${r.uid}: ${r.comment}`)) : isBuiltLines(i) ? builtRatings(i).map((r) => `${r.uid}: ${r.comment}`) : [],
      )
      .sort();
  }

  it('builds every question it can, and hands out as objects those SQLite cannot build exactly', async () => {
    await rateEverything();
    const before = await items();
    assert.ok(!before.some(isBuiltLines), 'nothing is built before the scores are cached');
    await exportText(store, { format: 'jsonl' });
    const after = await items();
    const objects = after.filter((i) => !isBuiltLines(i));
    // A corrected extraction (its accuracy differs per rater), and a generated answer whose reasoning holds a
    // NUL and a character beyond U+FFFF, which SQLite's substr() cannot cut as JavaScript does.
    const pubmed = qs.find((q) => q.question.kind === 'yes-no-maybe')!;
    assert.deepEqual(objects.map((q) => (isExportQuestion(q) ? q.question.uid : '')).sort(), [qs[1]!.question.uid, pubmed.question.uid].sort());
    const built = after.filter(isBuiltLines);
    assert.equal(built.reduce((n, b) => n + b.questions, 0), qs.length - 2);
    assert.equal(built.reduce((n, b) => n + builtRatings(b).length, 0), built.reduce((n, b) => n + b.written, 0));
  });

  const editAndReopen = async (statements: [string, unknown[]][]): Promise<void> => {
    store = await editRaw(store, path, statements);
  };

  it('builds no line from an answer or question row that is not as the store writes it: that question is read as objects', async () => {
    await rateEverything();
    await exportText(store, { format: 'jsonl' });
    const pubmed = qs.find((q) => q.question.kind === 'yes-no-maybe')!;
    // Six questions besides the two that always fall back (the corrected one, qs[1], and the pubmed one).
    const [a, b, c, d, e, f] = qs.filter((q, i) => i !== 1 && q !== pubmed) as [StudyQuestion, StudyQuestion, StudyQuestion, StudyQuestion, StudyQuestion, StudyQuestion];
    const ofQuestion = (q: StudyQuestion) => `(SELECT id FROM answers WHERE uid = '${q.answers[0]!.uid}')`;
    // Editing a question or an answer drops its cached scores (a trigger); the next export caches them again.
    // JSON as JSON.stringify never writes it (SQLite's json() keeps `1.0` and `\u00e9`), for a and b.
    await editAndReopen([
      [`UPDATE question_texts SET options = '["A"]' WHERE question_id = (SELECT id FROM questions WHERE uid = ?)`, [e.question.uid]],
      [`UPDATE answers SET timings = '[180]' WHERE id = ${ofQuestion(f)}`, []],
      [`UPDATE answers SET params = '{"temperature":1.0, "seed":1e2}' WHERE id = ${ofQuestion(a)}`, []],
      [`UPDATE question_texts SET options = json_set(options, '$.A', json('"caf\\u00e9"')) WHERE question_id = (SELECT id FROM questions WHERE uid = ?)`, [b.question.uid]],
    ]);
    await exportText(store, { format: 'jsonl' });
    await editAndReopen([
      [`UPDATE answer_scores SET scores = json_remove(scores, '$.rouge.reasoning') WHERE answer_id = ${ofQuestion(c)}`, []],
      [`UPDATE answer_scores SET scores = json_remove(scores, '$.accuracy.graded') WHERE answer_id = ${ofQuestion(d)} AND scores ->> '$.accuracy' IS NOT NULL`, []],
    ]);
    const objects = (await items()).filter(isExportQuestion).map((q) => q.question.uid);
    assert.deepEqual(objects.sort(), [a, qs[1]!, b, c, d, e, f, pubmed].map((q) => q.question.uid).sort());
    for (const format of ['jsonl', 'csv'] as const) {
      const made = await exportText(store, { format, bySqlite: false });
      assert.equal((await exportText(store, { format })).text, made.text, format);
    }
  });

  it('builds rows and lines of ratings with axis values of every JSON type, of axes no rubric lists (other_values), and odd dates, as from objects', async () => {
    await rateEverything();
    await exportText(store, { format: 'csv' });
    const edited = qs[0]!;
    const ofAnswer = (n: number) => `(SELECT id FROM answers WHERE uid = '${edited.answers[n]!.uid}')`;
    // A rating's part is formatted by the writer with the object path's rules: whatever the row holds.
    await editAndReopen([
      [
        `UPDATE ratings SET axis_values = json_set(axis_values, '$.extra', 2.5, '$.note', '=x, "y"', '$.flag', json('true'), '$.list', json('[1,"a"]'), '$.harm_extent', json('{"k":"v, w"}'))
         WHERE id = (SELECT min(id) FROM ratings WHERE answer_id = ${ofAnswer(0)})`,
        [],
      ],
      [`UPDATE ratings SET axis_values = '["mild"]', created_at = -5 WHERE id = (SELECT max(id) FROM ratings WHERE answer_id = ${ofAnswer(0)})`, []],
      [`UPDATE ratings SET updated_at = 253402300800000 WHERE id = (SELECT min(id) FROM ratings WHERE answer_id = ${ofAnswer(1)})`, []],
    ]);
    const csvItems: ExportItem[] = [];
    for await (const item of store.streamExportItems({ ...streamFilter(2), texts: 'all', lines: { texts: true, minRaters: 1, csv: true } })) csvItems.push(item);
    assert.ok(!csvItems.filter(isExportQuestion).some((q) => q.question.uid === edited.question.uid), 'the edited question is built');
    assert.ok(csvItems.some((i) => isBuiltLines(i) && i.pieces.some((k, n) => n % 3 === 0 && k === LinePiece.scores)), 'with cached scores for the score cells');
    // U+0001 marks where a rating's axis values start in its part: a rater whose name has one comes out whole.
    await editAndReopen([[`UPDATE raters SET name = 'dr-' || char(1) || 'a' WHERE name = 'dr-a'`, []]]);
    const made = await exportText(store, { format: 'csv', bySqlite: false });
    assert.ok(made.text.includes('""extra"":2.5,""note"":""=x') && made.text.includes('""flag"":true,""list"":[1,""a""]}'), 'other_values holds them');
    assert.ok(made.text.includes('1969-12-31T23:59:59.995Z') && made.text.includes('+010000-01-01T00:00:00.000Z'), 'the odd dates are in');
    assert.equal((await exportText(store, { format: 'csv' })).text, made.text);
    assert.equal((await exportText(store, { format: 'jsonl' })).text, (await exportText(store, { format: 'jsonl', bySqlite: false })).text);
  });

  it('orders one rater’s ratings of an answer under two rubric keys by key, as from objects', async () => {
    // Saved under the default rubric first: SQLite would hand them out in that order, 'a-local' sorts first.
    const local = { key: 'a-local', version: '1', hash: 'sha256-a-local-0000000000000001', body: JSON.stringify({ id: 'a-local', axes: [{ id: 'clarity' }] }) };
    await store.registerRubric(local);
    for (const q of qs) {
      for (const a of q.answers) {
        await rate(store, 'dr-b', a.uid, 4);
        await store.saveRating({ rater: 'dr-b', answerUid: a.uid, rubricHash: local.hash, values: { clarity: 3 }, overall: 3, blind: false });
      }
    }
    for (const format of ['jsonl', 'csv'] as const) {
      const made = await exportText(store, { format, bySqlite: false });
      const built = await exportText(store, { format });
      assert.ok((await items()).every(isBuiltLines), 'every question is built');
      assert.equal(built.text, made.text, format);
      if (format === 'jsonl') assert.deepEqual(parseLines<ExportedRating>(made.text).slice(0, 2).map((l) => l.rubric.key), ['a-local', RUBRIC.id]);
    }
  });

  it("is the moment's state when another window saves while lines are being built", async () => {
    await rateEverything();
    const { text } = await exportText(store, { format: 'jsonl' });
    const expected = parseLines<ExportedRating>(text).map((l) => `${l.ratingId}: ${l.comment}`).sort();
    const stream = store.streamExportItems(streamFilter(1));
    const first = await stream.next();
    assert.ok(!first.done && isBuiltLines(first.value), 'the first question came as lines');
    const last = qs[qs.length - 1]!;
    await rate(store, 'dr-z', last.answers[0]!.uid, 5, { comment: 'after the moment' });
    await rate(store, 'dr-\uE000', last.answers[0]!.uid, 1, { comment: 'changed after the moment' });
    const seen: ExportItem[] = [first.value];
    for (let next = await stream.next(); !next.done; next = await stream.next()) seen.push(next.value);
    assert.ok(seen.some((i) => !isBuiltLines(i)), 'after the change, questions are read as objects, with the snapshot applied');
    assert.deepEqual(ratingsIn(seen), expected);
    const later = parseLines<ExportedRating>((await exportText(store, { format: 'jsonl' })).text).map((l) => l.comment);
    assert.ok(later.includes('after the moment') && later.includes('changed after the moment'), 'the changes are in a later export');
  });
});
