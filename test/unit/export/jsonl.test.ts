import { strict as assert } from 'node:assert';
import type { ExportedRating } from '../../../server/export';
import { scoreRougeTypes } from '../../../server/metrics';
import type { Store } from '../../../server/store';
import { exportText, parseLines } from './exportHarness';
import { FULL_GENERATION, medqaRows, MODELS, rate, RUBRIC, RUBRIC_HASH, useStudyStore, wrongLetter, type StudyQuestion } from './studyFixture';

describe('export: jsonl', () => {
  let store: Store;
  let qs: StudyQuestion[];
  useStudyStore((opened) => ({ store, qs } = opened));

  const byKind = (kind: string) => qs.filter((q) => q.question.kind === kind);
  const openWithReasoning = () => qs.find((q) => q.question.reference?.reasoning !== undefined)!;
  const seedQuestion = () => qs.find((q) => q.question.id === 'seed-asthma-1')!;

  async function lines(options: Partial<Parameters<typeof exportText>[1]> = {}): Promise<ExportedRating[]> {
    const { text } = await exportText(store, { format: 'jsonl', ...options });
    return parseLines<ExportedRating>(text);
  }

  it('writes one line per rating with the rater, rubric version, every axis and the rating fields as saved', async () => {
    const q = qs[0]!;
    const a = q.of(MODELS.thinking);
    const mine = await rate(store, 'dr-a', a.uid, 4, { comment: 'dose check: 5 mg/kg\u0000 "quoted", ünïcode', blind: true, shownPosition: 2, values: { harm_extent: 'mild_or_moderate' } });
    const theirs = await rate(store, 'dr-b', a.uid, 5);
    const out = await lines();
    assert.equal(out.length, 2);
    const line = out.find((l) => l.rater === 'dr-a')!;
    assert.equal(line.ratingId, mine.uid);
    assert.deepEqual(line.rubric, { key: RUBRIC.id, version: RUBRIC.version, hash: RUBRIC_HASH });
    assert.deepEqual(line.values, mine.values);
    assert.equal(line.values.harm_extent, 'mild_or_moderate');
    assert.equal(line.overall, 4);
    assert.equal(line.comment, 'dose check: 5 mg/kg\u0000 "quoted", ünïcode');
    assert.equal(line.blind, true);
    assert.equal(line.shownPosition, 2);
    assert.equal(line.revision, 1);
    assert.equal(Date.parse(line.createdAt), mine.createdAt);
    assert.equal(Date.parse(line.updatedAt), mine.updatedAt);
    assert.equal(out.find((l) => l.rater === 'dr-b')!.ratingId, theirs.uid);
  });

  it('carries the question, the reference, and the answer with its reasoning in a separate field', async () => {
    const q = qs[0]!;
    const a = q.of(MODELS.thinking);
    await rate(store, 'dr-a', a.uid, 3);
    const [line] = await lines();
    const row = medqaRows()[0]!;
    assert.deepEqual(line!.question, { uid: q.question.uid, datasetId: q.question.id, sets: ['workspace'], kind: 'multiple-choice', text: row.question, options: row.options, context: null });
    assert.deepEqual(line!.reference, { answer: row.answer, reasoning: null, label: row.answer_idx });
    assert.equal(line!.answer.uid, a.uid);
    assert.equal(line!.answer.model, MODELS.thinking);
    assert.equal(line!.answer.text, a.split.answer);
    assert.equal(line!.answer.reasoning, a.split.reasoning);
    assert.ok(line!.answer.reasoning.length > 100 && !line!.answer.text.includes(line!.answer.reasoning.slice(0, 80)), 'reasoning apart from the answer');
    assert.equal(line!.answer.thinkState, 'complete');
    assert.deepEqual(line!.answer.splitFlags, []);
    assert.equal(line!.answer.origin, 'file');
    assert.equal(line!.answer.source?.line, 1);
    assert.match(line!.answer.source?.file ?? '', /answers\.jsonl$/);
  });

  it('carries the generation parameters of imported and of generated answers', async () => {
    const imported = qs[0]!.of(MODELS.thinking);
    await rate(store, 'dr-a', imported.uid, 3);
    const pubmed = byKind('yes-no-maybe')[0]!;
    const generated = await store.addGeneratedAnswer(pubmed.question.uid, {
      questionId: pubmed.question.id,
      model: 'gen/llama-3-8b',
      raw: '<think>short</think>yes, it is.',
      split: { reasoning: 'short', answer: 'yes, it is.', state: 'complete', flags: ['eos-stripped'] },
      params: { temperature: 0.7, seed: 42, max_tokens: 64 },
      timings: { firstTokenMs: 210, totalMs: 1500 },
      finishReason: 'length',
      generation: FULL_GENERATION,
    });
    await rate(store, 'dr-c', generated.uid, 2);
    const out = await lines();
    assert.deepEqual(out.find((l) => l.answer.uid === imported.uid)!.generation, {
      params: { temperature: 0.6, top_p: 0.95, max_tokens: 2048 },
      endpoint: null,
      modelId: null,
      templateHash: null,
      templateName: null,
      usage: null,
      timings: { totalMs: 1200 },
      finishReason: 'stop',
      incomplete: false,
    });
    const gen = out.find((l) => l.answer.uid === generated.uid)!;
    assert.deepEqual(gen.generation, {
      params: { temperature: 0.7, seed: 42, max_tokens: 64 },
      endpoint: 'http://127.0.0.1:8080',
      modelId: 'llama-3-8b.Q4_K_M.gguf',
      templateHash: 'sha256-template-0000000000000001',
      templateName: 'plain-chat',
      usage: { prompt_tokens: 120, completion_tokens: 64 },
      timings: { firstTokenMs: 210, totalMs: 1500 },
      finishReason: 'length',
      incomplete: true,
    });
    assert.deepEqual([gen.answer.origin, gen.answer.source, gen.answer.splitFlags], ['generation', null, ['eos-stripped']]);
  });

  it('scores ROUGE of the answer and of the reasoning against the references, with the given settings', async () => {
    const mc = qs[0]!.of(MODELS.plain);
    const open = openWithReasoning();
    const reasoned = open.of(MODELS.thinking);
    await rate(store, 'dr-a', mc.uid, 3);
    await rate(store, 'dr-a', reasoned.uid, 3);
    const types = ['rouge1', 'rouge2', 'rougeL'] as const;
    const out = await lines();
    const mcLine = out.find((l) => l.answer.uid === mc.uid)!;
    assert.deepEqual(mcLine.rouge.answer, scoreRougeTypes(medqaRows()[0]!.answer, mc.split.answer, types));
    assert.equal(mcLine.rouge.reasoning, null, 'MedQA has no reference reasoning');
    const openLine = out.find((l) => l.answer.uid === reasoned.uid)!;
    assert.deepEqual(openLine.rouge.answer, scoreRougeTypes(open.question.reference!.answer, reasoned.split.answer, types));
    assert.deepEqual(openLine.rouge.reasoning, scoreRougeTypes(open.question.reference!.reasoning!, reasoned.split.reasoning, types));
    assert.ok((openLine.rouge.reasoning?.rouge1?.fmeasure ?? 0) > 0.1);

    const stemmed = (await lines({ rouge: { useStemmer: true, types: ['rouge1', 'rougeLsum'] } })).find((l) => l.answer.uid === reasoned.uid)!;
    assert.deepEqual(Object.keys(stemmed.rouge.answer!).sort(), ['rouge1', 'rougeLsum']);
    const expected = scoreRougeTypes(open.question.reference!.reasoning!, reasoned.split.reasoning, ['rouge1', 'rougeLsum'], { useStemmer: true });
    assert.deepEqual(stemmed.rouge.reasoning, expected);
    // The setting matters for this text: stemming finds more shared words.
    assert.ok(expected.rouge1.fmeasure > scoreRougeTypes(open.question.reference!.reasoning!, reasoned.split.reasoning, ['rouge1']).rouge1.fmeasure);
  });

  it('grades the extracted choice against the label, with the rater’s own correction where they made one', async () => {
    const row = medqaRows()[0]!;
    const lettered = qs[0]!.of(MODELS.lettered);
    await rate(store, 'dr-a', lettered.uid, 2);
    await rate(store, 'dr-b', lettered.uid, 1);
    await store.setChoiceOverride({ rater: 'dr-a', answerUid: lettered.uid, extracted: wrongLetter(row), corrected: row.answer_idx });
    const out = await lines();
    assert.deepEqual(out.find((l) => l.rater === 'dr-a')!.accuracy, { verdict: 'correct', extracted: wrongLetter(row), graded: row.answer_idx, label: row.answer_idx, overridden: true });
    assert.deepEqual(out.find((l) => l.rater === 'dr-b')!.accuracy, { verdict: 'incorrect', extracted: wrongLetter(row), graded: wrongLetter(row), label: row.answer_idx, overridden: false });
  });

  it('leaves ROUGE and accuracy null where the question has no reference, and keeps an unclosed reasoning whole', async () => {
    const seed = seedQuestion();
    const unclosed = seed.answers.find((a) => a.split.state === 'unclosed')!;
    await rate(store, 'dr-a', unclosed.uid, 1);
    const [line] = await lines();
    assert.deepEqual([line!.reference, line!.rouge, line!.accuracy], [null, { answer: null, reasoning: null }, null]);
    assert.deepEqual([line!.answer.thinkState, line!.answer.text], ['unclosed', '']);
    assert.equal(line!.answer.reasoning, unclosed.split.reasoning);
    assert.ok(line!.answer.reasoning.length > 200);
  });

  it('with min-raters, exports only answers rated by that many raters, and counts the others', async () => {
    const twice = qs[0]!.of(MODELS.thinking);
    const once = qs[0]!.of(MODELS.plain);
    await rate(store, 'dr-a', twice.uid, 4);
    await rate(store, 'dr-b', twice.uid, 2);
    await rate(store, 'dr-a', once.uid, 5);
    const { text, counts } = await exportText(store, { format: 'jsonl', minRaters: 2 });
    assert.deepEqual(parseLines<ExportedRating>(text).map((l) => [l.answer.uid, l.rater]).sort(), [[twice.uid, 'dr-a'], [twice.uid, 'dr-b']]);
    assert.deepEqual([counts.ratings, counts.written, counts.skipped], [3, 2, { 'answers-below-min-raters': 1 }]);
  });
});
