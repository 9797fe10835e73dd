import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { importDatasets, MemoryImportSink, type ModelAnswer } from '../../../server/dataset';
import { repoRoot } from '../../helpers/shared';
import { importFiles, jsonl, TempDir } from './tempFiles';

const SAMPLE = join(repoRoot, 'media', 'sample-workspace');

describe('the sample workspace', () => {
  const sink = new MemoryImportSink();
  let ok = false;
  before(async () => {
    const files = ['answers/r1-distill-med-8b.jsonl', 'answers/llama3-med-8b.jsonl', 'answers/mistral-med-7b.csv', 'questions.jsonl', 'medqa-style.jsonl'];
    ok = (await importDatasets(files, { cwd: SAMPLE }, sink)).ok;
  });

  const answer = (model: string, questionStart: string): ModelAnswer => {
    const q = sink.questions.find((x) => x.text.startsWith(questionStart));
    const a = sink.answers.find((x) => x.model === model && x.questionId === q?.id);
    assert.ok(a, `${model} answer to "${questionStart}"`);
    return a;
  };

  it('imports cleanly: 6 open and 4 multiple-choice questions, 19 answers from 3 models, every file a few kB', () => {
    assert.equal(ok, true);
    assert.deepEqual(sink.questions.map((q) => q.kind).sort(), [...Array(4).fill('multiple-choice'), ...Array(6).fill('open')]);
    assert.deepEqual([...new Set(sink.answers.map((a) => a.model))].sort(), ['demo/llama3-med-8b', 'demo/mistral-med-7b', 'demo/r1-distill-med-8b']);
    assert.equal(sink.answers.length, 19);
    for (const name of ['questions.jsonl', 'medqa-style.jsonl', ...readdirSync(join(SAMPLE, 'answers')).map((n) => `answers/${n}`)]) {
      assert.ok(statSync(join(SAMPLE, name)).size < 12_000, `${name} is small`);
    }
  });

  it('has every MedQA-style reference equal to its answer_idx option', () => {
    for (const q of sink.questions.filter((x) => x.kind === 'multiple-choice')) assert.equal(q.options?.[q.reference?.label ?? ''], q.reference?.answer);
  });

  it('holds the hard cases the README promises', () => {
    const eos = answer('demo/r1-distill-med-8b', 'A 35-year-old man');
    assert.deepEqual([eos.split.state, eos.split.flags], ['complete', ['eos-stripped']]);
    assert.ok(eos.raw.endsWith('< | end_of_sentence | >') && !eos.split.answer.includes('end_of_sentence'));

    const opened = answer('demo/r1-distill-med-8b', 'A 62-year-old man');
    assert.deepEqual([opened.split.state, opened.split.answer.slice(0, 20)], ['complete', 'Avoid **nitrates** (']);
    const inferred = answer('demo/r1-distill-med-8b', 'A 74-year-old woman');
    assert.equal(inferred.split.state, 'complete');
    assert.ok(inferred.split.reasoning.startsWith('The INR went from 2.5'));

    const serverSplit = answer('demo/r1-distill-med-8b', 'A 9-month-old boy');
    assert.deepEqual([serverSplit.split.state, serverSplit.split.flags, serverSplit.split.reasoning.slice(0, 14)], ['complete', [], 'A 9-month-old ']);
    const both = answer('demo/r1-distill-med-8b', 'A 19-year-old');
    assert.equal(both.split.reasoning.match(/severe DKA/g)?.length, 1, 'identical reasoning and reasoning_content taken once');

    const unclosed = answer('demo/mistral-med-7b', 'A 9-month-old boy');
    assert.deepEqual([unclosed.split.state, unclosed.split.answer, unclosed.finishReason], ['unclosed', '', 'length']);

    const loop = sink.answers.find((a) => a.model === 'demo/llama3-med-8b' && a.questionId === 'mcq-organophosphate');
    assert.deepEqual([loop?.split.state, loop?.split.flags], ['unclosed', ['degenerate-repetition', 'stray-tags']]);

    const echoed = answer('demo/llama3-med-8b', 'A 62-year-old man');
    assert.deepEqual(echoed.split.flags, ['prompt-echoed', 'eos-stripped']);
    assert.ok(echoed.split.answer.startsWith('Give sublingual nitroglycerin') && !echoed.split.reasoning.includes('Below is an instruction'));

    assert.match(answer('demo/mistral-med-7b', 'A 35-year-old man').split.answer, /^As an AI developed by /);

    const timed = answer('demo/r1-distill-med-8b', 'A 28-year-old woman');
    assert.deepEqual([timed.params, timed.timings], [
      { temperature: 0.6, top_p: 0.95, max_tokens: 2048, seed: 7 },
      { firstTokenMs: 388, totalMs: 6120, predictedTokensPerSecond: 38.4 },
    ]);
    assert.deepEqual(answer('demo/mistral-med-7b', 'A 28-year-old woman').params, { temperature: 0.2, top_p: 0.9, max_tokens: 1024 });
  });
});

describe('model names', () => {
  const dir = new TempDir();
  after(() => dir.remove());

  it('come from the row, else the model option, else the file name', async () => {
    dir.write('q.jsonl', jsonl([{ id: 'k', Question: 'K?', Response: 'r' }]));
    dir.write('run-7.jsonl', jsonl([{ question_id: 'k', output: 'a' }, { question_id: 'k', output: 'b', model: 'named' }]));
    const plain = await importFiles(dir.path, ['run-7.jsonl', 'q.jsonl']);
    assert.deepEqual(plain.sink.answers.map((a) => a.model), ['run-7', 'named']);
    const given = await importFiles(dir.path, ['run-7.jsonl', 'q.jsonl'], { model: 'given' });
    assert.deepEqual(given.sink.answers.map((a) => a.model), ['given', 'named']);
  });
});
