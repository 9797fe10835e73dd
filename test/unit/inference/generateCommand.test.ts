import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinTemplate } from '../../../server/templates';
import { jsonLines, runCliForTest } from '../../helpers/cliHarness';
import { sharedPath } from '../../helpers/shared';
import { ReplayServer, type RequestRecord } from '../../replay';
import { FEVER_ANSWER, FEVER_REASONING } from './requestFixtures';

const CONTRACT_FIELDS = ['questionId', 'model', 'output', 'reasoning', 'answer', 'state', 'finishReason', 'usage', 'timings', 'params', 'templateHash'];

function posts(server: ReplayServer): RequestRecord[] {
  return server.requests.filter((r) => r.method === 'POST');
}

describe('medreview generate', () => {
  let server: ReplayServer;
  let dir: string;
  let questions: string;
  before(async () => {
    server = await ReplayServer.start({ slots: 4 });
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    dir = mkdtempSync(join(tmpdir(), 'medreview-generate-'));
    // Five real MedQA rows in a scratch file (the shared data itself is only read).
    questions = join(dir, 'medqa5.jsonl');
    writeFileSync(questions, readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8').split('\n').slice(0, 5).join('\n') + '\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates one line per question with the contract fields, model and slots read from the server', async () => {
    const out = join(dir, 'out.jsonl');
    const r = await runCliForTest(['generate', '--endpoint', server.url, '--questions', sharedPath('data', 'medqa_usmle.jsonl'), '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const lines = jsonLines(readFileSync(out, 'utf8')) as Record<string, unknown>[];
    assert.equal(lines.length, 120);
    for (const line of lines) for (const f of CONTRACT_FIELDS) assert.ok(f in line, f);
    assert.equal(new Set(lines.map((l) => l['questionId'])).size, 120);
    assert.ok(lines.every((l) => l['model'] === 'model.gguf' && l['status'] === 'complete' && l['answer'] === FEVER_ANSWER && l['reasoning'] === FEVER_REASONING));
    assert.equal(lines[0]?.['templateHash'], builtinTemplate('plain-chat').hash);
    assert.match(r.stderr, /\[120\/120\] \S+ model\.gguf: complete \(stop, 22 tokens\)/);
    assert.match(r.stderr, /model model\.gguf, 1 at once/);
    const first = posts(server)[0]?.json as { messages: { content: string }[] };
    const medqa = JSON.parse(readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8').split('\n')[0] ?? '') as { question: string };
    assert.ok(first.messages[1]?.content.includes(medqa.question));
  });

  it('resumes: complete lines are kept and skipped, the rest (incomplete included) is generated', async () => {
    const out = join(dir, 'out.jsonl');
    assert.equal((await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions, '--out', out])).code, 0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const incomplete = { ...(JSON.parse(lines[3] ?? '') as Record<string, unknown>), status: 'incomplete' };
    writeFileSync(out, [lines[0], lines[1], lines[2], JSON.stringify(incomplete)].join('\n') + '\n');
    server.reset();
    const r = await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /2 generations to run \(3 already done, skipped\)/);
    assert.equal(posts(server).length, 2);
    const after = jsonLines(readFileSync(out, 'utf8')) as Record<string, unknown>[];
    const complete = new Set(after.filter((l) => l['status'] === 'complete').map((l) => l['questionId']));
    assert.equal(complete.size, 5);
  });

  it('exits 1 with a clear message when the server cannot be reached, writing nothing', async () => {
    const gone = await ReplayServer.start();
    const url = gone.url;
    await gone.close();
    const out = join(dir, 'out.jsonl');
    const r = await runCliForTest(['generate', '--endpoint', url, '--questions', questions, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`medreview generate: Cannot reach \\S+ at ${url.replace(/\./g, '\\.')}: connection refused\\. Is the server running\\?`));
    assert.equal(existsSync(out), false);
  });

  it('completion mode on the native API: the CoT prompt, --max-tokens as n_predict, --seed', async () => {
    const out = join(dir, 'out.jsonl');
    const r = await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions, '--template', 'builtin:medical-cot', '--api', 'native', '--max-tokens', '300', '--seed', '11', '--concurrency', '2', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const sent = posts(server).map((p) => [p.path, (p.json as Record<string, unknown>)['n_predict'], (p.json as Record<string, unknown>)['seed']]);
    assert.deepEqual(sent, Array.from({ length: 5 }, () => ['/completion', 300, 11]));
    const line = jsonLines(readFileSync(out, 'utf8'))[0] as Record<string, unknown>;
    assert.deepEqual(line['params'], { temperature: 0.6, top_p: 0.95, max_tokens: 300, seed: 11, stop: ['### Question:'] });
    assert.deepEqual([line['reasoning'], line['answer'], line['state']], [FEVER_REASONING, FEVER_ANSWER, 'complete']);
  });

  it('refuses bad arguments and a template in the wrong mode with exit 2, and a broken template with its position', async () => {
    const out = join(dir, 'out.jsonl');
    const missing = await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions]);
    assert.deepEqual([missing.code, /--out is required/.test(missing.stderr)], [2, true]);
    const mode = await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions, '--template', 'builtin:medical-cot', '--api', 'chat', '--out', out]);
    assert.equal(mode.code, 2);
    assert.match(mode.stderr, /completion mode: use --api completions or --api native/);
    const broken = join(dir, 'broken.prompt.md');
    writeFileSync(broken, '---\nmode: chat\n---\nQ: {{questoin}}\n');
    const bad = await runCliForTest(['generate', '--endpoint', server.url, '--questions', questions, '--template', broken, '--out', out]);
    assert.equal(bad.code, 1);
    assert.ok(bad.stderr.includes(`${broken}:4:6: error [questoin]: unknown placeholder`), bad.stderr);
    assert.equal(posts(server).length, 0);
  });

  it('exits 1 and says how to retry when generations do not complete', async () => {
    const out = join(dir, 'out.jsonl');
    const r = await runCliForTest(['generate', '--endpoint', server.urlFor('llama,jsonError=context_overflow'), '--questions', questions, '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Context overflow: the prompt has 5210 tokens but the model's context holds 4096/);
    assert.match(r.stderr, /5 generation\(s\) did not complete; run the same command again to retry them/);
  });
});
