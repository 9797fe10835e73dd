import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { openStore, type ExportQuestion, type Store } from '../../../server/store';
import { runCliForTest } from '../../helpers/cliHarness';
import { repoRoot } from '../../helpers/shared';
import { MODELS, rate, RUBRIC, RUBRIC_HASH, StudyFiles, studyQuestions, type StudyQuestion } from './studyFixture';

/** Store.streamExport: the new query the exporters read through (server/store/queries/exportSnapshot.ts). */
describe('store: streamExport reads one moment of the database', () => {
  let files: StudyFiles;
  let path: string;
  let reader: Store;
  /** A second connection to the same file, as another VS Code window would hold. */
  let otherWindow: Store;
  let qs: StudyQuestion[];

  before(async () => {
    files = await StudyFiles.create();
  });
  after(() => files.remove());

  beforeEach(async () => {
    path = files.copy();
    reader = await openStore(path);
    otherWindow = await openStore(path);
    qs = await studyQuestions(reader);
  });
  afterEach(async () => {
    await reader.close();
    await otherWindow.close();
  });

  const ratingsOf = (groups: ExportQuestion[]) =>
    groups.flatMap((g) => g.answers.flatMap((a) => a.ratings.map((r) => `${r.rater}|${a.answer.model}|${g.question.id}|${r.overall}|${r.comment}`))).sort();

  async function collect(stream: AsyncGenerator<ExportQuestion>): Promise<ExportQuestion[]> {
    const out: ExportQuestion[] = [];
    for await (const g of stream) out.push(g);
    return out;
  }

  it('groups every rated answer under its question, with all raters, in storage order, and nothing unrated', async () => {
    await rate(reader, 'dr-b', qs[1]!.of(MODELS.plain).uid, 2);
    await rate(reader, 'dr-a', qs[1]!.of(MODELS.plain).uid, 3);
    await rate(reader, 'dr-a', qs[0]!.of(MODELS.lettered).uid, 4);
    const groups = await collect(reader.streamExport({ questionsPerChunk: 1 }));
    assert.deepEqual(groups.map((g) => g.question.uid), [qs[0]!.question.uid, qs[1]!.question.uid]);
    assert.deepEqual(groups.map((g) => g.answers.map((a) => a.answer.model)), [[MODELS.lettered], [MODELS.plain]]);
    assert.deepEqual(groups[1]!.answers[0]!.ratings.map((r) => [r.rater, r.overall]), [['dr-a', 3], ['dr-b', 2]]);
    assert.deepEqual(groups[0]!.sets, ['workspace']);
    // The answer comes whole: text, reasoning and split state as stored.
    const stored = (await reader.getAnswers([qs[1]!.of(MODELS.plain).uid]))[0]!;
    assert.deepEqual(groups[1]!.answers[0]!.answer, stored);
    assert.deepEqual(groups[1]!.question, qs[1]!.question);
  });

  it('reads the texts of only the answers whose ratings reach answerTextsFor, as of its moment', async () => {
    const a = (i: number, model: string) => qs[i]!.of(model).uid;
    await rate(reader, 'dr-a', a(0, MODELS.thinking), 5);
    await rate(reader, 'dr-b', a(0, MODELS.thinking), 3);
    await rate(reader, 'dr-a', a(0, MODELS.plain), 5);
    await rate(reader, 'dr-a', a(1, MODELS.plain), 3);
    const stream = reader.streamExport({ questionsPerChunk: 1, answerTextsFor: { minRaters: 1, minOverall: 4 } });
    const first = await stream.next();
    // Saved after the export began: the export still sees 3, so this answer's texts stay unread.
    await rate(otherWindow, 'dr-a', a(1, MODELS.plain), 5);
    const groups = [first.value as ExportQuestion];
    for await (const g of stream) groups.push(g);
    const everything = await collect(reader.streamExport({ questionsPerChunk: 1 }));
    const entries = groups.flatMap((g) => g.answers);
    assert.deepEqual(entries.map((e) => [e.answer.model, e.textsOmitted === true]), [
      [MODELS.thinking, false],
      [MODELS.plain, false],
      [MODELS.plain, true],
    ]);
    const wholeOnes = everything.flatMap((g) => g.answers);
    assert.deepEqual(entries[0]!.answer, (await reader.getAnswers([a(0, MODELS.thinking)]))[0], 'mean 4 of two raters: read whole');
    const skipped = entries[2]!;
    assert.deepEqual([skipped.answer.raw, skipped.answer.split.answer, skipped.answer.split.reasoning], ['', '', '']);
    const { raw: _raw, split: _split, serverReasoning: _server, ...rest } = skipped.answer;
    const { raw: _raw2, split: _split2, serverReasoning: _server2, ...restWhole } = wholeOnes[2]!.answer;
    assert.deepEqual(rest, restWhole, 'everything but the texts is there');
    assert.deepEqual(skipped.ratings.map((r) => r.overall), [3]);
  });

  it('reads ratings without their axis values when asked (dpo, sft), all else the same, as of its moment', async () => {
    const a = (i: number, model: string) => qs[i]!.of(model).uid;
    await rate(reader, 'dr-a', a(0, MODELS.thinking), 5);
    await rate(reader, 'dr-b', a(1, MODELS.plain), 2, { comment: 'will change' });
    const stream = reader.streamExport({ questionsPerChunk: 1, ratingValues: false });
    const first = await stream.next();
    // Changed after the export began: the export reads its earlier state from the event log, values included.
    await rate(otherWindow, 'dr-b', a(1, MODELS.plain), 4, { comment: 'changed' });
    const groups = [first.value as ExportQuestion];
    for await (const g of stream) groups.push(g);
    const lean = groups.flatMap((g) => g.answers.flatMap((e) => e.ratings));
    const [earlier] = lean.filter((r) => r.rater === 'dr-b');
    assert.deepEqual([earlier?.overall, earlier?.comment], [2, 'will change']);
    assert.notDeepEqual(earlier?.values, {}, 'a rating restored from the log keeps its values');
    const unchanged = lean.filter((r) => r.rater === 'dr-a');
    assert.deepEqual(unchanged.map((r) => r.values), [{}]);
    const whole = (await collect(reader.streamExport({}))).flatMap((g) => g.answers.flatMap((e) => e.ratings)).filter((r) => r.rater === 'dr-a');
    assert.deepEqual(unchanged.map(({ values: _v, ...rest }) => rest), whole.map(({ values: _v, ...rest }) => rest), 'everything but the values is there');
    assert.equal(Object.keys(whole[0]!.values).length, 12);
  });

  it('ignores saves, deletions, undos and corrections made by another window while it runs', async () => {
    const a = (i: number, model: string) => qs[i]!.of(model).uid;
    await rate(reader, 'dr-a', a(0, MODELS.thinking), 4, { comment: 'first' });
    await rate(reader, 'dr-a', a(1, MODELS.thinking), 3, { comment: 'will change' });
    await rate(reader, 'dr-a', a(2, MODELS.thinking), 5, { comment: 'will be deleted' });
    await rate(reader, 'dr-b', a(3, MODELS.plain), 2, { comment: 'will be undone' });
    await reader.savePreference({ rater: 'dr-a', answerA: a(1, MODELS.thinking), answerB: a(1, MODELS.plain), choice: 'a', blind: true });
    await reader.setChoiceOverride({ rater: 'dr-a', answerUid: a(1, MODELS.thinking), extracted: null, corrected: 'B' });
    const before = await collect(reader.streamExport({ preferences: true }));

    const stream = reader.streamExport({ questionsPerChunk: 1, preferences: true });
    const seen: ExportQuestion[] = [];
    const first = await stream.next();
    if (first.done) assert.fail('the stream ended before its first question');
    seen.push(first.value);
    // Meanwhile, in the other window:
    await rate(otherWindow, 'dr-a', a(1, MODELS.thinking), 1, { comment: 'changed' });
    await otherWindow.deleteRating('dr-a', a(2, MODELS.thinking), RUBRIC.id);
    await rate(otherWindow, 'dr-b', a(3, MODELS.plain), 5, { comment: 'second thoughts' });
    assert.ok(await otherWindow.undoLastChange('dr-b'));
    await rate(otherWindow, 'dr-c', a(3, MODELS.lettered), 4, { comment: 'new rater' });
    await rate(otherWindow, 'dr-c', a(0, MODELS.plain), 4, { comment: 'behind the reader' });
    await otherWindow.savePreference({ rater: 'dr-a', answerA: a(1, MODELS.thinking), answerB: a(1, MODELS.plain), choice: 'b', blind: true });
    await otherWindow.setChoiceOverride({ rater: 'dr-a', answerUid: a(1, MODELS.thinking), extracted: null, corrected: 'C' });
    for await (const g of stream) seen.push(g);

    assert.deepEqual(ratingsOf(seen), ratingsOf(before));
    assert.deepEqual(ratingsOf(seen), [
      `dr-a|${MODELS.thinking}|${qs[0]!.question.id}|4|first`,
      `dr-a|${MODELS.thinking}|${qs[1]!.question.id}|3|will change`,
      `dr-a|${MODELS.thinking}|${qs[2]!.question.id}|5|will be deleted`,
      `dr-b|${MODELS.plain}|${qs[3]!.question.id}|2|will be undone`,
    ].sort());
    const q1 = seen.find((g) => g.question.uid === qs[1]!.question.uid)!;
    assert.deepEqual(q1.preferences.map((p) => p.choice), [a(1, MODELS.thinking) < a(1, MODELS.plain) ? 'a' : 'b']);
    assert.deepEqual(q1.answers.find((x) => x.answer.model === MODELS.thinking)!.overrides.map((o) => o.corrected), ['B']);

    // The changes did happen: a new stream sees them.
    const now = ratingsOf(await collect(reader.streamExport()));
    assert.ok(now.includes(`dr-a|${MODELS.thinking}|${qs[1]!.question.id}|1|changed`));
    assert.ok(!now.some((r) => r.includes('will be deleted')));
    assert.ok(now.includes(`dr-c|${MODELS.lettered}|${qs[3]!.question.id}|4|new rater`));
  });

  it('reads answers and ratings exactly as the store’s own readers, for imported (both import paths) and generated answers', async () => {
    const pub = qs.find((q) => q.question.kind === 'yes-no-maybe')!;
    const generated = await reader.addGeneratedAnswer(pub.question.uid, {
      questionId: pub.question.id,
      model: 'gen/model',
      raw: 'prompt echo <think>weigh it</think>\n\nyes\u0000 with a NUL',
      serverReasoning: 'separate reasoning',
      split: { reasoning: 'separate reasoning', answer: 'yes\u0000 with a NUL', state: 'complete', flags: ['prompt-echoed', 'stray-tags'] },
      params: { temperature: 0.2 },
      timings: { totalMs: 9 },
      generation: { endpoint: 'http://127.0.0.1:1', modelId: 'm', template: { name: 't', hash: 'sha256-tpl-0000000000000000001', body: 'x' }, usage: { total_tokens: 3 }, incomplete: true },
    });
    await rate(reader, 'dr-a', generated.uid, 2);
    for (const a of pub.answers) await rate(reader, 'dr-b', a.uid, 3);
    // The same sample files imported by the CLI path (the store's parse worker) into a second database.
    const cliDb = `${path}.cli.sqlite`;
    const sample = ['questions.jsonl', 'medqa-style.jsonl', 'answers/llama3-med-8b.jsonl', 'answers/mistral-med-7b.csv', 'answers/r1-distill-med-8b.jsonl'];
    assert.equal((await runCliForTest(['import', ...sample, '--db', cliDb], '', join(repoRoot, 'media', 'sample-workspace'))).code, 0);
    const imported = await openStore(cliDb);
    try {
      await imported.registerRubric({ key: RUBRIC.id, version: RUBRIC.version, hash: RUBRIC_HASH, body: JSON.stringify(RUBRIC) });
      for (const store of [reader, imported]) {
        const rows = (await store.listQuestions({ limit: 100 })).rows;
        for (const row of rows) for (const a of (await store.getQuestion(row.uid)).answers) await rate(store, 'dr-c', a.uid, 4);
        const groups = await collect(store.streamExport({ questionsPerChunk: 3 }));
        assert.ok(groups.length >= 7);
        for (const g of groups) {
          const uids = g.answers.map((x) => x.answer.uid);
          assert.deepEqual(g.answers.map((x) => x.answer), await store.getAnswers(uids));
          const byReader = (await store.ratingsOfQuestion(g.question.uid)).sort((x, y) => (x.uid < y.uid ? -1 : 1));
          assert.deepEqual(g.answers.flatMap((x) => x.ratings).sort((x, y) => (x.uid < y.uid ? -1 : 1)), byReader);
        }
      }
    } finally {
      await imported.close();
    }
  });

  it('filters by rubric key and question set, and lists the rubric keys that have ratings', async () => {
    await rate(reader, 'dr-a', qs[0]!.of(MODELS.thinking).uid, 4);
    const other = { key: 'local-rubric', version: '2', hash: 'sha256-local-rubric-000000000002', body: '{"id":"local-rubric","axes":[{"id":"clarity"}]}' };
    await reader.registerRubric(other);
    await reader.saveRating({ rater: 'dr-a', answerUid: qs[1]!.of(MODELS.plain).uid, rubricHash: other.hash, values: { clarity: 3 }, overall: 3, blind: false });
    assert.deepEqual(await reader.ratedRubricKeys(), ['local-rubric', RUBRIC.id]);
    const onlyLocal = await collect(reader.streamExport({ rubricKey: 'local-rubric' }));
    assert.deepEqual(onlyLocal.map((g) => g.question.uid), [qs[1]!.question.uid]);
    assert.deepEqual(await collect(reader.streamExport({ set: 'no-such-set' })), []);
    assert.equal((await collect(reader.streamExport({ set: 'workspace' }))).length, 2);
  });
});
