import { createParser } from 'eventsource-parser';
import type { Readable } from 'node:stream';

/**
 * Reads a server-sent-events body with eventsource-parser: `data` payloads go to `onData`, `:` comment
 * lines (keep-alive pings) only count as activity. Bytes are decoded as a stream, so a character split
 * across two network chunks is not garbled. Resolves when the body ends; rejects when the connection fails.
 */
export async function readSse(body: Readable, onData: (data: string) => void, onBytes: () => void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const parser = createParser({ onEvent: (e) => onData(e.data) });
  for await (const chunk of body) {
    onBytes();
    parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
  }
  parser.feed(decoder.decode());
}

/** Reads a whole (small) body as text, up to `limit` bytes; a longer body is cut off there and closed. */
export async function readText(body: Readable, limit: number, onBytes: () => void = () => undefined): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    onBytes();
    const b = chunk as Buffer;
    parts.push(b.subarray(0, limit - size));
    size += b.length;
    if (size >= limit) break;
  }
  return Buffer.concat(parts).toString('utf8');
}
