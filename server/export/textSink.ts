import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FLUSH_CHARS = 1 << 16;

/**
 * Collects small pieces of text (lines) and hands them to a Writable in larger chunks, waiting whenever the
 * Writable says it is full, so an export of a million lines never buffers more than a chunk or two.
 * A failing Writable (a closed pipe, a full disk) rejects the pending write instead of hanging.
 */
export class TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_CHARS) await this.flush();
  }

  /** Hands over what is collected; call it at the end (the Writable itself is left open). */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (this.out.destroyed) throw new Error('the output was closed before the export finished');
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Waits for 'drain'; an 'error' (rejected by `once`) or a 'close' first ends the wait with an error. */
async function drained(out: Writable): Promise<void> {
  const stop = new AbortController();
  const drain = once(out, 'drain', { signal: stop.signal }).then(() => undefined);
  const close = once(out, 'close', { signal: stop.signal }).then(() => {
    throw new Error('the output was closed before the export finished');
  });
  try {
    await Promise.race([drain, close]);
  } finally {
    stop.abort();
    // The loser rejects with an AbortError once aborted; nobody needs it.
    drain.catch(() => undefined);
    close.catch(() => undefined);
  }
}
