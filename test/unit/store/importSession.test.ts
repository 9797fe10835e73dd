import { strict as assert } from 'node:assert';
import { openStore, questionUid, type Store } from '../../../server/store';
import { makeTempDir } from './tempDatabase';
import { medqaQuestions, o1AnswersFor, seedOutputs } from './realQuestions';

describe('store: bulk import', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;

  beforeEach(async () => {
    tmp = makeTempDir();
    // Small batches so the 120 real questions span several transactions.
    store = await openStore(tmp.db, { import: { batchRows: 50 } });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('stores real MedQA questions and answers exactly, and counts them', async () => {
    const questions = medqaQuestions();
    const answers = o1AnswersFor(questions, 'o1-as-model');
    const session = store.startImport('medqa');
    await session.addQuestions(questions);
    await session.addAnswers(answers);
    const summary = await session.finish([{ file: '/data/medqa.jsonl', format: 'medqa', taken: 240, rejected: 0 }]);
    assert.deepEqual(summary.questions, { added: 120, existing: 0 });
    assert.deepEqual(summary.answers, { added: 120, existing: 0 });
    assert.equal(summary.problemCount, 0);

    const q = questions[17]!;
    const detail = await store.getQuestion(questionUid(q.id, q.text));
    assert.equal(detail.question.text, q.text);
    assert.deepEqual(detail.question.options, q.options);
    assert.deepEqual(detail.question.reference, q.reference);
    assert.deepEqual(detail.question.source, q.source);
    assert.equal(detail.answers.length, 1);
    const a = detail.answers[0]!;
    assert.equal(a.raw, answers[17]!.raw);
    assert.deepEqual(a.split, answers[17]!.split);
    assert.deepEqual(a.params, answers[17]!.params);
    assert.equal(a.finishReason, 'stop');
    assert.deepEqual(a.source, answers[17]!.source);
    assert.equal(a.origin, 'file');

    const sets = await store.questionSets();
    assert.equal(sets.length, 1);
    assert.equal(sets[0]!.questionCount, 120);
    assert.deepEqual(sets[0]!.files.map((f) => [f.file, f.format, f.taken]), [['/data/medqa.jsonl', 'medqa', 240]]);
  });

  it('importing the same rows again adds nothing', async () => {
    const questions = medqaQuestions(30);
    for (let round = 0; round < 2; round++) {
      const session = store.startImport('medqa');
      await session.addQuestions(questions);
      await session.addAnswers(o1AnswersFor(questions, 'm'));
      const summary = await session.finish();
      assert.equal(summary.questions.added, round === 0 ? 30 : 0);
      assert.equal(summary.questions.existing, round === 0 ? 0 : 30);
      assert.equal(summary.answers.added, round === 0 ? 30 : 0);
    }
    assert.equal((await store.listQuestions({ set: 'medqa' })).total, 30);
  });

  it('reports a reused id with other text and an answer to an unknown question, with file, line and field', async () => {
    const [first, second] = medqaQuestions(2);
    const session = store.startImport('s');
    await session.addQuestions([first!, { ...second!, id: first!.id, source: { file: '/data/q.jsonl', line: 9 } }]);
    await session.addAnswers([{ ...o1AnswersFor([first!], 'm')[0]!, questionId: 'no-such-id', source: { file: '/data/a.jsonl', line: 4 } }]);
    const summary = await session.finish();
    assert.equal(summary.questions.added, 1);
    assert.deepEqual(
      summary.problems.map((p) => [p.file, p.line, p.field, p.code]),
      [
        ['/data/q.jsonl', 9, 'id', 'duplicate-id'],
        ['/data/a.jsonl', 4, 'questionId', 'unknown-question'],
      ],
    );
  });

  it('matches an answer to its question by exact text when the file has no id', async () => {
    const [q] = medqaQuestions(1);
    const session = store.startImport('s');
    await session.addQuestions([q!]);
    await session.addAnswers([{ ...o1AnswersFor([q!], 'm')[0]!, questionId: '', questionText: q!.text }]);
    const summary = await session.finish();
    assert.equal(summary.answers.added, 1);
    assert.equal((await store.getQuestion(questionUid(q!.id, q!.text))).answers.length, 1);
  });

  it('keeps untrusted text byte for byte: a NUL, lone surrogate-free emoji, bidi controls, an unclosed think', async () => {
    const seed = seedOutputs();
    const text = 'Which drug?\u0000 hidden tail \u202e bidi \u{1F9EA} end';
    const q = { id: 'q-odd', text, kind: 'open' as const, source: { file: '/f', line: 1 } };
    const raw = seed[1]!.output + '\u0000after NUL';
    const session = store.startImport('s');
    await session.addQuestions([q]);
    await session.addAnswers([
      {
        questionId: 'q-odd',
        model: seed[1]!.model,
        raw,
        // A split part that is not a slice of raw (the splitter removed text inside it) is stored as text.
        split: { reasoning: raw.replace('<think>', '').replace(/\s+/g, ' '), answer: '', state: 'unclosed', flags: ['degenerate-repetition'] },
      },
    ]);
    await session.finish();
    const detail = await store.getQuestion(questionUid('q-odd', text));
    assert.equal(detail.question.text, text);
    assert.equal(detail.answers[0]!.raw, raw);
    assert.equal(detail.answers[0]!.split.reasoning, raw.replace('<think>', '').replace(/\s+/g, ' '));
    assert.equal(detail.answers[0]!.split.answer, '');
    assert.deepEqual(detail.answers[0]!.split.flags, ['degenerate-repetition']);
  });
});
