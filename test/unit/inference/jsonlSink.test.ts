import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, generationKey, JsonlGenerationSink } from '../../../server/inference';
import { ReplayServer } from '../../replay';
import { requestFor } from './requestFixtures';

describe('JSONL generation sink', () => {
  let dir: string;
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'medreview-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the contract fields per generation, and only complete lines count as done', async () => {
    const path = join(dir, 'out.jsonl');
    const sink = new JsonlGenerationSink(path);
    const complete = await generate(requestFor(server.url, 'chat'));
    const cut = await generate(requestFor(server.urlFor('chat_stream,disconnectAfterChunks=4'), 'chat', { questionId: 'other' }));
    await sink.save(complete);
    await sink.save(cut);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const key of ['questionId', 'model', 'output', 'reasoning', 'answer', 'state', 'finishReason', 'usage', 'timings', 'params', 'templateHash']) {
      assert.ok(key in (lines[0] ?? {}), key);
    }
    assert.deepEqual([lines[0]?.['status'], lines[1]?.['status']], ['complete', 'incomplete']);
    assert.equal(lines[0]?.['answer'], 'Rest plus plenty of water.');
    assert.equal((lines[1]?.['error'] as { kind?: string }).kind, 'disconnected');
    const done = await new JsonlGenerationSink(path).doneKeys();
    assert.deepEqual([...done], [generationKey('fever-1', 'model.gguf', complete.template?.hash)]);
  });

  it('after a crash mid-line: the torn line is skipped and counted, and the next line starts fresh', async () => {
    const path = join(dir, 'torn.jsonl');
    const result = await generate(requestFor(server.url, 'chat'));
    const sink = new JsonlGenerationSink(path);
    await sink.save(result);
    writeFileSync(path, readFileSync(path, 'utf8') + '{"questionId":"q9","model":"m","sta', { flag: 'w' });
    const resumed = new JsonlGenerationSink(path);
    assert.equal((await resumed.doneKeys()).size, 1);
    assert.equal(resumed.unreadableLines, 1);
    await resumed.save({ ...result, questionId: 'q2' });
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.equal(lines.length, 4);
    assert.equal(JSON.parse(lines[2] ?? '').questionId, 'q2');
  });
});
