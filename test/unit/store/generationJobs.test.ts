import { strict as assert } from 'node:assert';
import { openStore, type AnswerInput, type Store } from '../../../server/store';
import { startWriter } from './childProcess';
import { seedDatabase } from './seededDatabase';
import { makeTempDir } from './tempDatabase';

describe('store: batch generation jobs that resume after a crash', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof makeTempDir>;
  let store: Store;
  let questions: string[];

  const generated = (model: string, text: string): AnswerInput => ({
    questionId: '',
    model,
    raw: `<think>reasoning</think>${text}`,
    split: { reasoning: 'reasoning', answer: text, state: 'complete', flags: [] },
    params: { temperature: 0.7, top_p: 0.9, max_tokens: 512, seed: 42, stop: ['</s>'] },
    timings: { firstTokenMs: 120, totalMs: 2300, predictedTokensPerSecond: 41.5 },
    finishReason: 'stop',
    generation: {
      endpoint: 'http://127.0.0.1:8080',
      modelId: 'DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf',
      template: { name: 'cot.prompt.md', hash: 'tmpl-1', body: '### Question:\n{{question}}\n### Response:\n<think>' },
      usage: { prompt_tokens: 210, completion_tokens: 96, total_tokens: 306 },
    },
  });

  beforeEach(async () => {
    tmp = makeTempDir();
    await seedDatabase(tmp.db, 3);
    store = await openStore(tmp.db);
    questions = (await store.listQuestions({})).rows.map((r) => r.uid);
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('stores a generation with endpoint, model id, template, parameters, usage and timings', async () => {
    const { uid } = await store.addGeneratedAnswer(questions[0]!, generated('llama-3-8b', 'Give IV magnesium.'));
    const [a] = await store.getAnswers([uid]);
    assert.equal(a!.origin, 'generation');
    assert.deepEqual(a!.generation, {
      endpoint: 'http://127.0.0.1:8080',
      modelId: 'DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf',
      templateHash: 'tmpl-1',
      templateName: 'cot.prompt.md',
      usage: { prompt_tokens: 210, completion_tokens: 96, total_tokens: 306 },
    });
    assert.deepEqual(a!.params, generated('x', '').params);
    assert.equal(a!.timings?.totalMs, 2300);
    assert.equal(a!.split.answer, 'Give IV magnesium.');
  });

  it('hands claims of a process that died to the next claimer, and keeps done items done', async () => {
    const job = await store.createJob({
      name: 'regenerate',
      config: { endpoints: ['http://127.0.0.1:8080'], concurrency: 2 },
      items: questions.flatMap((q) => ['model-x', 'model-y'].map((model) => ({ questionUid: q, model, templateHash: 'tmpl-1' }))),
    });
    assert.equal(job.counts.pending, 6);
    const [first] = await store.claimJobItems(job.uid, 1);
    await store.completeJobItem(first!.id, generated(first!.model, 'done before the crash'));

    // Another process claims two items and ends without finishing them (a crash or a closed window).
    const crashed = startWriter(['claim', tmp.db, job.uid, '2']);
    const claimedLine = await crashed.waitFor('claimed');
    await crashed.exited;
    const lost = claimedLine.split(' ').slice(1).map(Number);
    assert.equal((await store.jobStatus(job.uid)).counts.running, 2);

    const resumed = await store.claimJobItems(job.uid, 10);
    assert.ok(lost.every((id) => resumed.some((i) => i.id === id && i.attempts === 2)));
    assert.ok(!resumed.some((i) => i.id === first!.id), 'a done item was handed out again');
    assert.equal(resumed.length, 5);
    // Claims of a live process (this one) are not taken over.
    assert.deepEqual(await store.claimJobItems(job.uid, 10), []);

    for (const item of resumed.slice(1)) await store.completeJobItem(item.id, generated(item.model, `answer ${item.id}`));
    await store.failJobItem(resumed[0]!.id, 'HTTP 503 Loading model', true);
    let status = await store.jobStatus(job.uid);
    assert.deepEqual(status.counts, { pending: 1, running: 0, done: 5, failed: 0 });
    assert.equal(status.state, 'active');
    const [retry] = await store.claimJobItems(job.uid, 1);
    await store.completeJobItem(retry!.id, generated(retry!.model, 'after retry'));
    status = await store.jobStatus(job.uid);
    assert.equal(status.state, 'done');
    assert.ok((await store.jobItems(job.uid)).every((i) => i.state === 'done' && i.answerUid));
  });

  it('cancel puts running items back; resume continues', async () => {
    const job = await store.createJob({ name: 'j', config: null, items: [{ questionUid: questions[0]!, model: 'm' }] });
    await store.claimJobItems(job.uid, 1);
    assert.equal((await store.cancelJob(job.uid)).counts.pending, 1);
    assert.deepEqual(await store.claimJobItems(job.uid, 1), []);
    await store.resumeJob(job.uid);
    assert.equal((await store.claimJobItems(job.uid, 1)).length, 1);
  });
});
