import { strict as assert } from 'node:assert';
import { scorerKey, type ExportOptions } from '../../../server/export';
import { hasFinalAnswer } from '../../../server/export/answerRatings';
import { DEFAULT_ROUGE_SETTINGS } from '../../../server/metrics';
import { isDpoRows, isExportQuestion, type ExportAnswer, type ExportItem, type Store, type StoredAnswer } from '../../../server/store';
import { JS_WHITE_SPACE } from '../../../server/store/queries/dpoRows';
import { exportText, parseLines } from './exportHarness';
import { addPlainAnswer, FULL_GENERATION, medqaRows, MODELS, pubmedItems, rate, RUBRIC, SET, useStudyStore, type StudyQuestion } from './studyFixture';

interface DpoLine {
  prompt: string;
  chosen: string;
  rejected: string;
  meta: {
    questionUid: string;
    datasetId: string;
    label: 'preferred' | 'tie' | 'both-bad';
    source: 'preference' | 'ratings';
    raters: number;
    votes: { a: number; b: number; tie: number; bothBad: number } | null;
    chosenAnswerUid: string;
    chosenModel: string;
    chosenMeanOverall: number | null;
    rejectedAnswerUid: string;
    rejectedModel: string;
    rejectedMeanOverall: number | null;
  };
}

describe('export: dpo', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  const prefer = (rater: string, better: StoredAnswer, worse: StoredAnswer) => store.savePreference({ rater, answerA: better.uid, answerB: worse.uid, choice: 'a', blind: true });
  const judge = (rater: string, x: StoredAnswer, y: StoredAnswer, choice: 'tie' | 'both-bad') => store.savePreference({ rater, answerA: x.uid, answerB: y.uid, choice, blind: true });

  async function dpo(options: Partial<ExportOptions> = {}) {
    const { text, counts } = await exportText(store, { format: 'dpo', ...options });
    return { lines: parseLines<DpoLine>(text), counts };
  }
  const pairs = (lines: DpoLine[]) => lines.map((l) => `${l.meta.chosenAnswerUid}>${l.meta.rejectedAnswerUid}`).sort();
  const pair = (x: StoredAnswer, y: StoredAnswer) => `${x.uid}>${y.uid}`;

  it('takes a pairwise preference: the better answer is chosen; the prompt is the question with its options', async () => {
    const q = qs[0]!;
    const [better, worse] = [q.of(MODELS.thinking), q.of(MODELS.plain)];
    await prefer('dr-a', better, worse);
    const { lines } = await dpo();
    assert.equal(lines.length, 1);
    const row = medqaRows()[0]!;
    const options = Object.entries(row.options).map(([letter, text]) => `${letter}. ${text}`).join('\n');
    assert.equal(lines[0]!.prompt, `${row.question}\n\n${options}`);
    assert.equal(lines[0]!.chosen, better.split.answer);
    assert.equal(lines[0]!.rejected, worse.split.answer);
    assert.deepEqual(lines[0]!.meta, {
      questionUid: q.question.uid,
      datasetId: q.question.id,
      label: 'preferred',
      source: 'preference',
      raters: 1,
      votes: { a: 1, b: 0, tie: 0, bothBad: 0 },
      chosenAnswerUid: better.uid,
      chosenModel: MODELS.thinking,
      chosenMeanOverall: null,
      rejectedAnswerUid: worse.uid,
      rejectedModel: MODELS.plain,
      rejectedMeanOverall: null,
    });
  });

  it('leaves tie and both-bad comparisons out unless asked, and then labels them', async () => {
    await judge('dr-a', qs[0]!.of(MODELS.thinking), qs[0]!.of(MODELS.plain), 'tie');
    await judge('dr-a', qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain), 'both-bad');
    await prefer('dr-a', qs[2]!.of(MODELS.plain), qs[2]!.of(MODELS.thinking));
    const strict = await dpo();
    assert.deepEqual(pairs(strict.lines), [pair(qs[2]!.of(MODELS.plain), qs[2]!.of(MODELS.thinking))]);
    assert.deepEqual(strict.counts.skipped, { ties: 1, 'both-bad': 1 });
    const all = await dpo({ includeTies: true });
    assert.deepEqual(all.lines.map((l) => [l.meta.datasetId, l.meta.label]), [
      [qs[0]!.question.id, 'tie'],
      [qs[1]!.question.id, 'both-bad'],
      [qs[2]!.question.id, 'preferred'],
    ]);
  });

  it('lets the majority of several raters’ comparisons decide; an even split is a tie', async () => {
    const [x, y] = [qs[0]!.of(MODELS.thinking), qs[0]!.of(MODELS.lettered)];
    await prefer('dr-a', y, x);
    await prefer('dr-b', y, x);
    await prefer('dr-c', x, y);
    const [u, v] = [qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain)];
    await prefer('dr-a', u, v);
    await prefer('dr-b', v, u);
    const { lines, counts } = await dpo();
    assert.deepEqual(pairs(lines), [pair(y, x)]);
    assert.deepEqual([lines[0]!.meta.raters, lines[0]!.meta.votes], [3, { a: 2, b: 1, tie: 0, bothBad: 0 }]);
    assert.deepEqual(counts.skipped, { ties: 1 });
  });

  it('pairs uncompared answers by their mean overall score: equal means tie, a better answer below min-overall is both-bad', async () => {
    const q = qs[0]!;
    const [thinking, plain, lettered] = [q.of(MODELS.thinking), q.of(MODELS.plain), q.of(MODELS.lettered)];
    await rate(store, 'dr-a', thinking.uid, 5);
    await rate(store, 'dr-b', thinking.uid, 3);
    await rate(store, 'dr-a', plain.uid, 2);
    await rate(store, 'dr-a', lettered.uid, 4);
    await rate(store, 'dr-b', lettered.uid, 4);
    const pub = qs.find((x) => x.question.kind === 'yes-no-maybe')!;
    await rate(store, 'dr-a', pub.of(MODELS.thinking).uid, 2);
    await rate(store, 'dr-a', pub.of(MODELS.plain).uid, 1);

    const first = await dpo();
    assert.deepEqual(pairs(first.lines), [pair(thinking, plain), pair(lettered, plain)].sort());
    assert.deepEqual(first.counts.skipped, { ties: 1, 'both-bad': 1 });
    const fromScores = first.lines.find((l) => l.meta.chosenAnswerUid === thinking.uid)!;
    assert.deepEqual([fromScores.meta.source, fromScores.meta.chosenMeanOverall, fromScores.meta.rejectedMeanOverall, fromScores.meta.votes], ['ratings', 4, 2, null]);

    const lenient = await dpo({ minOverall: 2 });
    assert.ok(pairs(lenient.lines).includes(pair(pub.of(MODELS.thinking), pub.of(MODELS.plain))));

    // A comparison of the same pair outweighs the scores.
    await prefer('dr-c', plain, thinking);
    const compared = await dpo();
    assert.deepEqual(pairs(compared.lines), [pair(plain, thinking), pair(lettered, plain)].sort());
    assert.equal(compared.lines.find((l) => l.meta.chosenAnswerUid === plain.uid)!.meta.source, 'preference');
  });

  it('with min-raters, keeps pairs compared by that many raters and score pairs whose answers both have that many', async () => {
    await prefer('dr-a', qs[0]!.of(MODELS.thinking), qs[0]!.of(MODELS.plain));
    await prefer('dr-a', qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain));
    await prefer('dr-b', qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain));
    const q = qs[2]!;
    await rate(store, 'dr-a', q.of(MODELS.thinking).uid, 5);
    await rate(store, 'dr-b', q.of(MODELS.thinking).uid, 5);
    await rate(store, 'dr-a', q.of(MODELS.plain).uid, 1);
    assert.equal((await dpo()).lines.length, 3);
    const { lines, counts } = await dpo({ minRaters: 2 });
    assert.deepEqual(pairs(lines), [pair(qs[1]!.of(MODELS.thinking), qs[1]!.of(MODELS.plain))]);
    assert.deepEqual(counts.skipped, { 'pairs-below-min-raters': 1, 'answers-below-min-raters': 1 });
  });

  it('never chooses an answer without a final answer, and puts reasoning into completions only when asked', async () => {
    const seed = qs.find((x) => x.question.id === 'seed-asthma-1')!;
    const unclosed = seed.answers.find((a) => a.split.state === 'unclosed')!;
    const closed = seed.answers.find((a) => a.split.state === 'complete')!;
    await prefer('dr-a', unclosed, closed);
    const [thinking, plain] = [qs[0]!.of(MODELS.thinking), qs[0]!.of(MODELS.plain)];
    await prefer('dr-a', thinking, plain);
    const plainRun = await dpo();
    assert.deepEqual(pairs(plainRun.lines), [pair(thinking, plain)]);
    assert.deepEqual(plainRun.counts.skipped, { 'chosen-without-final-answer': 1 });
    assert.ok(!plainRun.lines[0]!.chosen.includes('<think>'));

    const { lines } = await dpo({ withReasoning: true });
    assert.equal(lines[0]!.chosen, `<think>\n${thinking.split.reasoning.trim()}\n</think>\n\n${thinking.split.answer}`);
    assert.equal(lines[0]!.rejected, `<think>\n\n</think>\n\n${plain.split.answer}`);
  });

  it('renders PubMedQA contexts into the prompt ahead of the question', async () => {
    const pub = qs.find((x) => x.question.kind === 'yes-no-maybe')!;
    await prefer('dr-a', pub.of(MODELS.thinking), pub.of(MODELS.plain));
    const { lines } = await dpo();
    const item = pubmedItems(2).map(([, i]) => i).find((i) => i.QUESTION === pub.question.text)!;
    assert.ok(lines[0]!.prompt.endsWith(`\n\n${item.QUESTION}`));
    assert.ok(lines[0]!.prompt.startsWith(item.CONTEXTS[0]!.trim()));
    for (const c of item.CONTEXTS) assert.ok(lines[0]!.prompt.includes(c.trim()));
  });

  it('needs one rubric when the ratings were made with several', async () => {
    await rate(store, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 5);
    const local = { key: 'local-rubric', version: '1', hash: 'sha256-local-rubric-000000000001', body: '{"id":"local-rubric","axes":[]}' };
    await store.registerRubric(local);
    await store.saveRating({ rater: 'dr-a', answerUid: qs[0]!.of(MODELS.plain).uid, rubricHash: local.hash, values: {}, overall: 5, blind: false });
    await assert.rejects(dpo(), /several rubrics \(local-rubric, medpalm-physician\); choose one with --rubric/);
    const { counts } = await dpo({ rubricKey: 'local-rubric' });
    assert.deepEqual([counts.ratings, counts.rubricKey], [1, 'local-rubric']);
    await assert.rejects(dpo({ rubricKey: 'nope' }), /no rubric 'nope' in the review database/);
  });

  /**
   * Final answers that test the JSON-quoted path: blank ones (spaces, a line break, a no-break space), ones
   * that start with white space, an escape or a character beyond ASCII, every kind of character, and one
   * with a character beyond U+FFFF, which SQLite cannot cut (its texts come as strings).
   */
  const FINALS = ['\u2028x', '   ', `${JS_WHITE_SPACE}\n`, '\u00a0', ' leading space\u200b', '\u200b', '\u00e9tiologie', 'Dose: 5\u00a0mg \u2014 "q", \\ tab\t bell\u0007 DEL\u007f 日本語'];
  const ASTRAL = 'astral \u{1F9EA}';
  /** Reasoning that completions trim, with every white space String.prototype.trim() removes, or none. */
  const REASONINGS = [`${JS_WHITE_SPACE}why\u200b, then${JS_WHITE_SPACE}`, '\u3000because\n', '', '\u200bzero-width first'];

  /**
   * Every answer rated by one to three raters, generated answers with FINALS (with `astral`, the first
   * question's is ASTRAL), preferences of all kinds, and (`comparedOnly`) addComparedOnly's answer.
   */
  async function rateEverything({ astral = false, comparedOnly = false } = {}): Promise<void> {
    for (const [i, q] of qs.entries()) {
      assert.equal(qs.length, FINALS.length, 'one final answer per question');
      const final = astral && i === 0 ? ASTRAL : FINALS[i]!;
      await store.addGeneratedAnswer(q.question.uid, {
        questionId: q.question.id,
        model: 'gen/finals',
        raw: `<think>${REASONINGS[i % REASONINGS.length]}</think>${final}`,
        split: { reasoning: REASONINGS[i % REASONINGS.length]!, answer: final, state: 'complete', flags: [] },
        params: { temperature: 0 },
        generation: FULL_GENERATION,
      });
    }
    for (const [i, q] of (await studyAnswers()).entries()) {
      for (const [m, a] of q.entries()) {
        await rate(store, 'dr-a', a.uid, (i + m) % 4 === 3 ? null : 1 + ((i + 2 * m) % 5));
        if ((i + m) % 2 === 0) await rate(store, 'dr-b', a.uid, 1 + ((3 * i + m) % 5));
        // Some without an overall score: the mean is over the scores given; some answers have none.
        if ((i + m) % 3 === 0) await rate(store, 'dr-c', a.uid, (i + m) % 2 === 0 ? null : 5);
      }
      if (q.length >= 2) await store.savePreference({ rater: 'dr-a', answerA: q[0]!.uid, answerB: q[q.length - 1]!.uid, choice: (['a', 'b', 'tie', 'both-bad'] as const)[i % 4]!, blind: true });
    }
    if (comparedOnly) await addComparedOnly();
  }

  /**
   * An answer nobody rated under the study's rubric, only compared, so it is read for its preference. Rated
   * under another rubric, its scores are cached by a JSONL export of every rubric (DPO caches none).
   */
  async function addComparedOnly(): Promise<void> {
    const q = qs[3]!;
    const unrated = await addPlainAnswer(store, q.question, 'gen/compared-only', 'Only compared.');
    await store.savePreference({ rater: 'dr-b', answerA: unrated.uid, answerB: q.answers[0]!.uid, choice: 'a', blind: true });
    const other = { key: 'other-rubric', version: '1', hash: 'sha256-other-rubric-0000000000001', body: JSON.stringify({ id: 'other-rubric', axes: [{ id: 'clarity' }] }) };
    await store.registerRubric(other);
    await store.saveRating({ rater: 'dr-z', answerUid: unrated.uid, rubricHash: other.hash, values: { clarity: 2 }, overall: 2, blind: false });
  }

  /** The answers of each question as the store holds them now (the generated ones included). */
  async function studyAnswers(): Promise<StoredAnswer[][]> {
    return Promise.all(qs.map(async (q) => (await store.getQuestion(q.question.uid)).answers));
  }

  const variants: [string, Partial<ExportOptions>][] = [
    ['by default', {}],
    ['with ties and both-bad pairs', { includeTies: true }],
    ['with min-raters 2', { minRaters: 2 }],
    ['of one question set', { set: SET }],
    ['read on the reader thread', { readInWorker: true }],
    ['with reasoning in the completions', { withReasoning: true }],
  ];
  /** The DPO stream's items, read two questions at a time. */
  async function dpoItems(): Promise<ExportItem[]> {
    const out: ExportItem[] = [];
    const filter = { preferences: true, ratingValues: false, scorer: scorerKey(DEFAULT_ROUGE_SETTINGS), texts: 'answer-json', rubricKey: RUBRIC.id, dpo: { withReasoning: false }, questionsPerChunk: 2 } as const;
    for await (const item of store.streamExportItems(filter)) out.push(item);
    return out;
  }

  for (const [name, options] of variants) {
    it(`writes the rows and final answers SQLite wrote as the same records as from the texts, ${name}`, async () => {
      await rateEverything({ comparedOnly: true });
      const rubric = { ...options, rubricKey: RUBRIC.id };
      // Only answers with cached scores (any other export caches them) come as rows.
      await exportText(store, { format: 'jsonl' });
      assert.ok((await dpoItems()).every(isDpoRows));
      const made = await exportText(store, { format: 'dpo', ...rubric, bySqlite: false });
      const written = await exportText(store, { format: 'dpo', ...rubric });
      assert.ok(parseLines<DpoLine>(made.text).length > 5);
      assert.ok((made.counts.skipped['chosen-without-final-answer'] ?? 0) > 0, JSON.stringify(made.counts.skipped));
      assert.ok(options.minRaters !== undefined || made.text.includes('"chosenModel":"gen/compared-only"'), 'the compared-only answer is chosen');
      assert.equal(written.text, made.text);
      assert.deepEqual(written.counts, made.counts);
    });
  }

  it('reads as objects a chunk with an answer SQLite cannot cut, or without cached scores, with the same records', async () => {
    await rateEverything({ astral: true });
    assert.ok((await dpoItems()).every(isExportQuestion), 'nothing is cached yet');
    await exportText(store, { format: 'jsonl' });
    const items = await dpoItems();
    // The first chunk holds the answer with a character beyond U+FFFF; its final answer comes JSON-quoted
    // only where SQLite could cut it.
    assert.deepEqual(items.map((i) => (isDpoRows(i) ? 'rows' : 'object')), ['object', 'object', 'rows', 'rows', 'rows']);
    const first = items.filter(isExportQuestion).flatMap((q) => q.answers);
    assert.ok(first.some((a) => a.quoted) && first.some((a) => !a.quoted && a.answer.split.answer === ASTRAL));
    const made = await exportText(store, { format: 'dpo', bySqlite: false });
    assert.ok(made.text.includes(JSON.stringify(ASTRAL)), 'the answer is in a pair');
    assert.equal((await exportText(store, { format: 'dpo' })).text, made.text);
  });

  it('trims in SQLite what String.prototype.trim() trims: every white space character, nothing else', () => {
    const trimmed: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (String.fromCharCode(c).trim() === '') trimmed.push(String.fromCharCode(c));
    assert.equal(trimmed.join(''), JS_WHITE_SPACE);
  });

  it('tells a blank final answer from its JSON-quoted bytes as from its text', () => {
    for (const final of [...FINALS, ASTRAL, '', '\t\r\n \u3000', '\ufeff', '\\', '"', 'x', JS_WHITE_SPACE]) {
      const entry = { answer: { split: { answer: '' } }, quoted: { reasoning: Buffer.alloc(0), answer: Buffer.from(JSON.stringify(final), 'utf8') } } as unknown as ExportAnswer;
      assert.equal(hasFinalAnswer(entry), final.trim() !== '', JSON.stringify(final));
    }
  });
});
