import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot, sharedPath } from '../helpers/shared';

/**
 * Recorded response bodies, read from disk exactly as stored. The llama-server recordings live in
 * ../shared/fixtures/llama-server (read in place, never copied); vLLM and Ollama shapes are ours, under
 * test/fixtures/.
 */

export interface RecordedBody {
  status: number;
  contentType: string;
  body: Buffer;
  /** File the bytes came from, for messages. */
  source: string;
}

const cache = new Map<string, Buffer>();

function readCached(path: string): Buffer {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    cache.set(path, bytes);
  }
  return bytes;
}

export function llamaFixturePath(name: string): string {
  return sharedPath('fixtures', 'llama-server', name);
}

export function ownFixturePath(name: string): string {
  return resolve(repoRoot, 'test', 'fixtures', name);
}

export function sseBody(path: string): RecordedBody {
  return { status: 200, contentType: 'text/event-stream', body: readCached(path), source: path };
}

export function jsonBody(path: string, status = 200): RecordedBody {
  return { status, contentType: 'application/json; charset=utf-8', body: readCached(path), source: path };
}

/** A raw HTTP/1.1 response as recorded (status line, headers, blank line, body): the body bytes and their type. */
export function httpTranscriptBody(path: string): RecordedBody {
  const bytes = readCached(path);
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`${path}: no header/body separator`);
  const head = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1]);
  const typeLine = head.find((h) => /^content-type:/i.test(h));
  const contentType = typeLine ? typeLine.slice(typeLine.indexOf(':') + 1).trim() : 'application/octet-stream';
  return { status, contentType, body: bytes.subarray(end + 4), source: path };
}

/**
 * The labelled error bodies of bad_params.txt (`== label` then the body, ending in `  [HTTP nnn]` when the
 * status was not 200). Keys are the labels, e.g. `invalid JSON`, `n=2`, `unknown path`.
 */
export function recordedErrorBodies(): Map<string, RecordedBody> {
  const path = llamaFixturePath('bad_params.txt');
  const lines = readCached(path).toString('utf8').split('\n');
  const out = new Map<string, RecordedBody>();
  for (let i = 0; i + 1 < lines.length; i++) {
    const label = /^== (.+)$/.exec(lines[i] ?? '')?.[1];
    if (label === undefined) continue;
    const line = lines[i + 1] ?? '';
    const tagged = /^(.*) {2}\[HTTP (\d{3})\]$/.exec(line);
    const text = tagged ? (tagged[1] ?? '') : line;
    out.set(label, { status: tagged ? Number(tagged[2]) : 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(text, 'utf8'), source: `${path} (${label})` });
  }
  return out;
}

/** The 503 body llama-server answers every endpoint with while the model loads (during_load.txt). */
export function recordedLoadingBody(): RecordedBody {
  const path = llamaFixturePath('during_load.txt');
  const line = readCached(path).toString('utf8').split('\n').find((l) => l.startsWith('chat during load: '));
  const json = /^chat during load: (\{.*\}) \[503\]$/.exec(line ?? '')?.[1];
  if (!json) throw new Error(`${path}: no recorded chat 503 body`);
  return { status: 503, contentType: 'application/json; charset=utf-8', body: Buffer.from(json, 'utf8'), source: path };
}

/**
 * Splits an SSE body after each blank line (`\n\n`), keeping every byte: the frames concatenated are the
 * body. A tail without a closing blank line (a cut recording) is the last frame.
 */
export function sseFrames(body: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = 0;
  for (;;) {
    const at = body.indexOf('\n\n', start);
    if (at < 0) break;
    frames.push(body.subarray(start, at + 2));
    start = at + 2;
  }
  if (start < body.length) frames.push(body.subarray(start));
  return frames;
}
