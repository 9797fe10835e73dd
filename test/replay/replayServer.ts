import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, LLAMA_STREAM_ERROR_FRAME, VLLM_STREAM_ERROR_FRAME } from './errorBodies';
import { RequestLog, type RequestRecord } from './requestLog';
import { planResponse, SCENARIO_NAMES, type ResponsePlan } from './responsePlans';
import { writeResponse } from './responseWriter';
import { NO_FAULTS, parseScenarioSpec, type ScenarioSpec } from './scenarioSpec';
import { SlotPool } from './slotPool';

/**
 * An HTTP server on 127.0.0.1 that answers like llama-server (or vLLM, Ollama) from recorded bytes, with
 * faults injected on top, and records every request. The scenario comes from the path prefix
 * `/s/<spec>/...`, else the `x-replay-scenario` header, else the server's current default.
 *
 * Control endpoints for a test driving it as a separate process: `GET /_replay/requests`,
 * `POST /_replay/scenario` (body: a spec), `POST /_replay/reset`.
 */

export interface ReplayServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default scenario spec, e.g. `llama` or `chat_stream,chunkDelayMs=10`. */
  scenario?: string;
  /** Parallel slots; requests beyond wait with zero bytes sent. Default 4 (as recorded). */
  slots?: number;
}

const SCENARIO_HEADER = 'x-replay-scenario';

function validated(text: string): ScenarioSpec {
  const spec = parseScenarioSpec(text);
  if (!SCENARIO_NAMES.includes(spec.name)) throw new Error(`unknown scenario '${spec.name}' (known: ${SCENARIO_NAMES.join(', ')})`);
  if (spec.faults.jsonError) errorBody(spec.faults.jsonError);
  return spec;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Splits `/s/<spec>/rest` into the spec and the endpoint path. */
function splitPrefix(url: string): { spec?: string; path: string } {
  const path = url.split('?')[0] ?? '/';
  const m = /^\/s\/([^/]+)(\/.*)?$/.exec(path);
  return m ? { spec: decodeURIComponent(m[1] ?? ''), path: m[2] ?? '/' } : { path };
}

export class ReplayServer {
  readonly log = new RequestLog();
  private defaultSpec: ScenarioSpec;
  private readonly loadingSeen = new Map<string, number>();
  private readonly resetSeen = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  private slotPool: SlotPool;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: ReplayServerOptions,
  ) {
    this.defaultSpec = validated(options.scenario ?? 'llama');
    this.slotPool = new SlotPool(options.slots ?? 4);
  }

  static async start(options: ReplayServerOptions = {}): Promise<ReplayServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('replay server: no TCP address');
    const replay = new ReplayServer(server, `http://127.0.0.1:${address.port}`, options);
    server.on('connection', (s: Socket) => {
      replay.sockets.add(s);
      s.on('close', () => replay.sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      // A client that vanishes while its body is read must not take the test process down with it.
      replay.handle(req, res).catch(() => res.destroy());
    });
    return replay;
  }

  get requests(): RequestRecord[] {
    return this.log.records;
  }

  /** Base URL that selects a scenario by path prefix, for clients that only take a base URL. */
  urlFor(spec: string): string {
    validated(spec);
    return `${this.url}/s/${spec}`;
  }

  setScenario(spec: string): void {
    this.defaultSpec = validated(spec);
  }

  setSlots(n: number): void {
    this.slotPool = new SlotPool(n);
  }

  get slotsInUse(): number {
    return this.slotPool.inUse;
  }

  settled(record: RequestRecord): Promise<RequestRecord> {
    return this.log.settled(record);
  }

  /** Resolves once `n` requests have arrived (polling the log; requests arrive on the same event loop). */
  async waitForRequests(n: number, timeoutMs = 10_000): Promise<RequestRecord[]> {
    const until = Date.now() + timeoutMs;
    while (this.log.records.length < n) {
      if (Date.now() > until) throw new Error(`replay server: ${this.log.records.length} of ${n} requests arrived in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return this.log.records.slice(0, n);
  }

  reset(): void {
    this.log.clear();
    this.loadingSeen.clear();
    this.resetSeen.clear();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const body = await readBody(req);
    if (url.startsWith('/_replay/')) return this.control(url, req.method ?? 'GET', body, res);
    const { spec: prefixed, path } = splitPrefix(url);
    let spec: ScenarioSpec;
    try {
      const header = req.headers[SCENARIO_HEADER];
      spec = prefixed ? validated(prefixed) : typeof header === 'string' ? validated(header) : this.defaultSpec;
    } catch (err) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`replay server: ${err instanceof Error ? err.message : String(err)}\n`);
      return;
    }
    const json = parseJson(body);
    const record = this.log.open({ method: req.method ?? 'GET', url, path, scenario: spec.text, headers: req.headers, body, json, receivedAt: Date.now() });
    await this.serve(spec, record, res);
  }

  private async serve(spec: ScenarioSpec, record: RequestRecord, res: ServerResponse): Promise<void> {
    if (this.countDown(this.resetSeen, spec.text, spec.faults.resetTimes ?? 0)) {
      res.socket?.destroy();
      return this.log.settle(record, 'server-cut');
    }
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const plan = this.planFor(spec, record);
    // A loading server answers at once; only generation requests occupy a slot.
    const needsSlot = record.method === 'POST' && plan.recorded.status !== 503;
    const release = needsSlot ? await this.slotPool.acquire(gone.signal) : () => undefined;
    if (!release) return this.log.settle(record, 'client-closed');
    record.waitedForSlotMs = Date.now() - record.receivedAt;
    try {
      const faults = plan.recorded.status === 503 ? { ...NO_FAULTS, firstByteDelayMs: spec.faults.firstByteDelayMs } : spec.faults;
      const errorFrame = plan.server === 'llama.cpp' ? LLAMA_STREAM_ERROR_FRAME : VLLM_STREAM_ERROR_FRAME;
      const end = await writeResponse({ res, record, plan, faults, clientGone: gone.signal, errorFrame });
      this.log.settle(record, end);
    } finally {
      release();
    }
  }

  /** The loading fault and the JSON-error fault take precedence over the scenario's recording. */
  private planFor(spec: ScenarioSpec, record: RequestRecord): ResponsePlan {
    const base = planResponse(spec.name, { method: record.method, path: record.path, json: record.json });
    if (this.countDown(this.loadingSeen, spec.text, spec.faults.loadingTimes)) return { ...base, recorded: errorBody('loading'), stream: false, cutAtEnd: false };
    if (spec.faults.jsonError && record.method === 'POST') return { ...base, recorded: errorBody(spec.faults.jsonError), stream: false, cutAtEnd: false };
    return base;
  }

  /** True for the first `times` requests of a spec (per-spec counters, so each test's spec starts afresh). */
  private countDown(seen: Map<string, number>, key: string, times: number): boolean {
    const n = seen.get(key) ?? 0;
    if (n >= times) return false;
    seen.set(key, n + 1);
    return true;
  }

  private control(url: string, method: string, body: string, res: ServerResponse): void {
    const reply = (status: number, value: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    };
    try {
      if (url === '/_replay/requests' && method === 'GET') return reply(200, this.log.records);
      if (url === '/_replay/scenario' && method === 'POST') {
        this.setScenario(body.trim());
        return reply(200, { scenario: this.defaultSpec.text });
      }
      if (url === '/_replay/reset' && method === 'POST') {
        this.reset();
        return reply(200, { reset: true });
      }
      reply(404, { error: `no control endpoint ${method} ${url}` });
    } catch (err) {
      reply(400, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
