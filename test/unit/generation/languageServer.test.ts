import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProtocolConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import {
  BatchListRequest,
  EndpointsListRequest,
  GenerateDoneNotification,
  GenerateProgressNotification,
  GenerateStartRequest,
  ListQuestionsRequest,
  ServerErrorCode,
  StatusNotification,
  TemplatesListRequest,
  type InitializationOptions,
} from '../../../server/protocol';
import { repoRoot } from '../../helpers/shared';
import { ReplayServer } from '../../replay';
import { sampleSettings } from '../project/projectHarness';

/**
 * The real language server in its own process, spoken to over JSON-RPC as the extension does: checks the
 * generation methods are wired under their protocol names, with typed errors and messages in order.
 */
describe('generation through the language server process', function () {
  this.timeout(60_000);
  let replay: ReplayServer;
  let workspace: string;
  let child: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  const arrivals: string[] = [];
  /** One handler per method (a second registration would replace the first): waiters are called from it. */
  let onDone: (() => void) | undefined;

  before(async () => {
    replay = await ReplayServer.start({ slots: 4 });
    workspace = mkdtempSync(join(tmpdir(), 'medreview-server-'));
    cpSync(join(repoRoot, 'media', 'sample-workspace'), workspace, { recursive: true });
    child = spawn(process.execPath, ['--require', 'tsx/cjs', join(repoRoot, 'server', 'main.ts'), '--stdio'], { cwd: repoRoot });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(GenerateProgressNotification, (p) => {
      arrivals.push(`progress ${p.generationId} ${p.seq}`);
    });
    connection.onNotification(GenerateDoneNotification, (d) => {
      arrivals.push(`done ${d.generationId} ${d.status}`);
      onDone?.();
    });
    const ready = new Promise<void>((resolve, reject) =>
      connection.onNotification(StatusNotification, (s) => {
        if (s.state === 'ready') resolve();
        if (s.state === 'error') reject(new Error(`the server could not open the project: ${s.message ?? ''}`));
      }),
    );
    connection.listen();
    const init: InitializationOptions = {
      settings: { ...sampleSettings, endpoints: [{ name: 'replay', preset: 'llama.cpp', url: replay.urlFor('llama,chunkDelayMs=5') }] },
      workspaceFolders: [workspace],
    };
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: init });
    await connection.sendNotification('initialized', {});
    await ready;
  });

  after(async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', () => resolve())));
    connection.dispose();
    rmSync(workspace, { recursive: true, force: true });
    await replay.close();
  });

  it('answers generate/start before the first progress of that generation, and ends with one done after the last', async () => {
    const list = await connection.sendRequest(ListQuestionsRequest, { limit: 1 });
    const questionId = list.questions[0]!.id;
    const doneSeen = new Promise<void>((resolve) => (onDone = resolve));
    const started = await connection.sendRequest(GenerateStartRequest, { questionId, model: 'med-8b' });
    arrivals.push(`result ${started.generationId}`);
    await doneSeen;
    const mine = arrivals.filter((a) => a.includes(started.generationId));
    assert.equal(mine[0], `result ${started.generationId}`);
    assert.equal(mine.at(-1), `done ${started.generationId} complete`);
    assert.ok(mine.slice(1, -1).every((a) => a.startsWith('progress')) && mine.length > 3, mine.join('\n'));
  });

  it('refuses bad requests with typed errors: InvalidParams for a bad endpoint, NotFound for an unknown answer', async () => {
    await assert.rejects(connection.sendRequest(GenerateStartRequest, { answerId: 'nope' }), (e: ResponseError<unknown>) => e.code === ServerErrorCode.NotFound);
    const list = await connection.sendRequest(ListQuestionsRequest, { limit: 1 });
    await assert.rejects(
      connection.sendRequest(GenerateStartRequest, { questionId: list.questions[0]!.id, endpoint: 'elsewhere' }),
      (e: ResponseError<unknown>) => e.code === ServerErrorCode.InvalidParams && /no endpoint named 'elsewhere'/.test(e.message),
    );
  });

  it('lists endpoints (asking the server), templates and jobs', async () => {
    const endpoints = await connection.sendRequest(EndpointsListRequest, {});
    assert.deepEqual(endpoints.endpoints.map((e) => [e.name, e.reachable, e.models]), [['replay', true, ['model.gguf']]]);
    const templates = await connection.sendRequest(TemplatesListRequest);
    assert.deepEqual([templates.defaultTemplate, templates.templates.map((t) => t.ref)], ['builtin:medical-cot', ['builtin:medical-cot', 'builtin:plain-chat']]);
    assert.deepEqual(await connection.sendRequest(BatchListRequest), []);
  });
});
