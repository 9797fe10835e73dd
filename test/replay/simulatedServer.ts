import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sleep } from './responseWriter';
import { SlotPool } from './slotPool';

/**
 * A stand-in for llama-server under load, for the throughput benchmark: N slots, each producing tokens at a
 * fixed rate after a fixed prompt time, streamed in llama.cpp's `/v1/chat/completions` chunk shape. Its own
 * throughput at a concurrency is known in advance (slots x tokens / time per request), which is what a
 * client is measured against.
 */

export interface SimulatedServerOptions {
  slots: number;
  tokensPerSecondPerSlot: number;
  /** Time from taking a slot to the first token (prompt processing and overhead). */
  promptMs: number;
  /** Tokens per answer when the request sets no `max_tokens`. */
  defaultTokens: number;
  model?: string;
  nCtx?: number;
}

export interface SimulatedStats {
  requests: number;
  tokens: number;
  firstStartAt?: number;
  lastEndAt?: number;
}

function chunk(id: string, model: string, delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ finish_reason: finish, index: 0, delta }], created: Math.floor(Date.now() / 1000), id, model, object: 'chat.completion.chunk' })}\n\n`;
}

function requestedTokens(json: unknown, fallback: number): number {
  const max = typeof json === 'object' && json !== null ? (json as { max_tokens?: unknown }).max_tokens : undefined;
  return typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : fallback;
}

export class SimulatedServer {
  readonly stats: SimulatedStats = { requests: 0, tokens: 0 };
  private readonly slots: SlotPool;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly options: SimulatedServerOptions,
  ) {
    this.slots = new SlotPool(options.slots);
  }

  static async start(options: SimulatedServerOptions, port = 0): Promise<SimulatedServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('simulated server: no TCP address');
    const sim = new SimulatedServer(server, `http://127.0.0.1:${address.port}`, options);
    server.on('connection', (s: Socket) => {
      sim.sockets.add(s);
      s.on('close', () => sim.sockets.delete(s));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      sim.handle(req, res).catch(() => res.destroy());
    });
    return sim;
  }

  /** Tokens per second the server delivers with every slot busy: its own throughput at concurrency = slots. */
  get capacityTokensPerSecond(): number {
    const t = this.options.defaultTokens;
    const seconds = this.options.promptMs / 1000 + t / this.options.tokensPerSecondPerSlot;
    return (this.options.slots * t) / seconds;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private json(res: ServerResponse, value: unknown): void {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const b of req) parts.push(b as Buffer);
    const model = this.options.model ?? 'simulated.gguf';
    if (req.method === 'GET' && req.url === '/v1/models') return this.json(res, { object: 'list', data: [{ id: model, object: 'model', owned_by: 'llamacpp', meta: { n_ctx: this.options.nCtx ?? 8192 } }] });
    if (req.method === 'GET' && req.url === '/props') return this.json(res, { total_slots: this.options.slots, model_alias: model, default_generation_settings: { n_ctx: this.options.nCtx ?? 8192 } });
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"message":"File Not Found","type":"not_found_error","code":404}}');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(parts).toString('utf8'));
    } catch {
      json = undefined;
    }
    await this.stream(res, model, requestedTokens(json, this.options.defaultTokens));
  }

  private async stream(res: ServerResponse, model: string, tokens: number): Promise<void> {
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const release = await this.slots.acquire(gone.signal);
    if (!release) return;
    const start = Date.now();
    this.stats.requests++;
    this.stats.firstStartAt ??= start;
    const id = `chatcmpl-sim${this.nextId++}`;
    try {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Server: 'llama.cpp' });
      res.write(chunk(id, model, { role: 'assistant', content: null }));
      const perToken = 1000 / this.options.tokensPerSecondPerSlot;
      for (let i = 0; i < tokens; i++) {
        // Each token is due at a fixed offset from the start, so timer lateness does not accumulate.
        const due = start + this.options.promptMs + (i + 1) * perToken;
        if (!(await sleep(due - Date.now(), gone.signal))) return;
        res.write(chunk(id, model, i < tokens / 2 ? { reasoning_content: ` r${i}` } : { content: ` a${i}` }));
        this.stats.tokens++;
      }
      const predictedMs = tokens * perToken;
      res.write(chunk(id, model, {}, 'length'));
      res.write(`data: ${JSON.stringify({ choices: [], id, model, object: 'chat.completion.chunk', usage: { completion_tokens: tokens, prompt_tokens: 24, total_tokens: tokens + 24 }, timings: { prompt_n: 24, prompt_ms: this.options.promptMs, predicted_n: tokens, predicted_ms: predictedMs, predicted_per_second: (tokens * 1000) / predictedMs } })}\n\n`);
      res.end('data: [DONE]\n\n');
      this.stats.lastEndAt = Date.now();
    } finally {
      release();
    }
  }
}
