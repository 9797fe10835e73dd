import type { ServerResponse } from 'node:http';
import type { RequestRecord } from './requestLog';
import type { ResponsePlan } from './responsePlans';
import type { Faults } from './scenarioSpec';
import { sseFrames } from './transcripts';

/** Writes one planned response onto the wire, applying the faults frame by frame. */

export interface WriteContext {
  res: ServerResponse;
  record: RequestRecord;
  plan: ResponsePlan;
  faults: Faults;
  /** Aborts when the client hangs up. */
  clientGone: AbortSignal;
  /** The in-stream error frame of the imitated server. */
  errorFrame: Buffer;
}

export type WriteEnd = 'finished' | 'server-cut' | 'client-closed';

const PING = Buffer.from(':\n\n');
const DONE = Buffer.from('data: [DONE]\n\n');

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(ok);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function send(ctx: WriteContext, bytes: Buffer, counted: boolean): void {
  ctx.res.write(bytes);
  ctx.record.bodyBytesSent += bytes.length;
  if (counted) ctx.record.framesSent++;
}

/** Waits `ms` with the body open, sending `:` pings meanwhile when the fault asks for them. */
async function silentPause(ctx: WriteContext, ms: number): Promise<boolean> {
  const every = ctx.faults.pingIntervalMs;
  if (!every) return sleep(ms, ctx.clientGone);
  let left = ms;
  while (left >= every) {
    if (!(await sleep(every, ctx.clientGone))) return false;
    send(ctx, PING, false);
    left -= every;
  }
  return sleep(left, ctx.clientGone);
}

/** Flushes what was written, then destroys the socket so the transfer never completes. */
function cut(ctx: WriteContext, lastBytes?: Buffer): Promise<WriteEnd> {
  return new Promise((resolve) => {
    const destroy = (): void => {
      ctx.res.socket?.destroy();
      resolve('server-cut');
    };
    if (lastBytes && lastBytes.length > 0) {
      ctx.record.bodyBytesSent += lastBytes.length;
      ctx.res.write(lastBytes, destroy);
    } else {
      ctx.res.write(Buffer.alloc(0), destroy);
    }
  });
}

/** Sends nothing more and keeps the connection open until the client gives up. */
function hang(ctx: WriteContext): Promise<WriteEnd> {
  return new Promise((resolve) => {
    if (ctx.clientGone.aborted) return resolve('client-closed');
    ctx.clientGone.addEventListener('abort', () => resolve('client-closed'), { once: true });
  });
}

function finish(ctx: WriteContext): Promise<WriteEnd> {
  return new Promise((resolve) => {
    // 'finish' means every byte reached the socket; a 'close' before it means the client left first.
    ctx.res.once('finish', () => resolve('finished'));
    ctx.res.once('close', () => resolve(ctx.res.writableFinished ? 'finished' : 'client-closed'));
    ctx.res.end();
  });
}

function writeHead(ctx: WriteContext, status: number, contentType: string, length?: number): void {
  const headers: Record<string, string | number> = { 'Content-Type': contentType, Server: ctx.plan.server };
  if (length === undefined) {
    headers['Cache-Control'] = 'no-cache';
    headers['Connection'] = 'keep-alive';
  } else {
    headers['Content-Length'] = length;
  }
  ctx.res.writeHead(status, headers);
  ctx.res.flushHeaders();
  ctx.record.status = status;
  ctx.record.firstByteAt = Date.now();
}

/** The body as frames: SSE frames for a stream, or the whole body as one frame. */
function framesOf(plan: ResponsePlan): Buffer[] {
  return plan.stream ? sseFrames(plan.recorded.body) : [plan.recorded.body];
}

async function writeFrames(ctx: WriteContext, frames: Buffer[]): Promise<WriteEnd> {
  const { faults } = ctx;
  let budget = faults.disconnectAfterBytes ?? Infinity;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i] ?? Buffer.alloc(0);
    if (i > 0 && faults.chunkDelayMs > 0 && !(await silentPause(ctx, faults.chunkDelayMs))) return 'client-closed';
    if (ctx.clientGone.aborted) return 'client-closed';
    if (faults.errorAfterChunks === i && ctx.plan.stream) {
      send(ctx, ctx.errorFrame, true);
      if (faults.doneAfterError) send(ctx, DONE, true);
      return finish(ctx);
    }
    if (faults.disconnectAfterChunks === i) return cut(ctx);
    if (faults.stallAfterChunks === i) return hang(ctx);
    if (frame.length > budget) return cut(ctx, frame.subarray(0, budget));
    budget -= frame.length;
    send(ctx, frame, true);
  }
  return ctx.plan.cutAtEnd ? cut(ctx) : finish(ctx);
}

export async function writeResponse(ctx: WriteContext): Promise<WriteEnd> {
  if (!(await sleep(ctx.faults.firstByteDelayMs, ctx.clientGone))) return 'client-closed';
  const { recorded, stream } = ctx.plan;
  const frames = framesOf(ctx.plan);
  writeHead(ctx, recorded.status, recorded.contentType, stream ? undefined : recorded.body.length);
  if (ctx.faults.silenceMs > 0 && !(await silentPause(ctx, ctx.faults.silenceMs))) return 'client-closed';
  return writeFrames(ctx, frames);
}
