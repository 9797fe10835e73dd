import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Text is handed to the Writable in pieces of about this many bytes: one write call each, not one per line. */
export const CHUNK_BYTES = 1 << 20;
/**
 * How much may wait in the Writable before we wait for it to drain. Waiting as soon as it reports full
 * (16 kB for a file) would leave the file system's thread idle while the next chunk is made, and the next
 * chunk unmade while it writes; a few chunks in flight keep both busy and memory still bounded.
 */
const IN_FLIGHT_BYTES = 8 << 20;

/**
 * Collects small pieces of output (lines, or the encoded bytes shared by many lines) and hands them to a
 * Writable in large chunks, waiting whenever more than a few chunks are queued in it, so an export of a
 * million lines never buffers more than that. A failing Writable (a closed pipe, a full disk) rejects the
 * pending write instead of hanging.
 */
export class TextSink {
  private texts: string[] = [];
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly out: Writable) {}

  /** Text, or text already encoded as UTF-8 (to encode once what many lines repeat, or lines SQLite built). */
  async write(piece: string | Uint8Array): Promise<void> {
    if (typeof piece === 'string') {
      this.texts.push(piece);
      // A character is at least one byte: the real size is checked when the texts are encoded.
      this.size += piece.length;
    } else if (piece.length >= CHUNK_BYTES) {
      // Written as it is, not copied into a chunk with what came before it.
      await this.flush();
      this.chunks.push(piece);
      this.size = piece.length;
    } else {
      this.encodeTexts();
      this.chunks.push(piece);
      this.size += piece.length;
    }
    if (this.size >= CHUNK_BYTES) await this.flush();
  }

  /**
   * Writes a chunk of its caller's (after what is collected), who may fill it again once `written` is called:
   * a fresh buffer for each megabyte of a 2 GB export made the writing thread collect garbage for a second.
   */
  async writeChunk(chunk: Uint8Array, written: () => void): Promise<void> {
    await this.flush();
    await this.hand(chunk, written);
  }

  /** Hands over what is collected; call it at the end (the Writable itself is left open). */
  async flush(): Promise<void> {
    this.encodeTexts();
    if (this.chunks.length === 0) return;
    const chunk = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    await this.hand(chunk);
  }

  private async hand(chunk: Uint8Array, written?: () => void): Promise<void> {
    if (this.out.destroyed) throw new Error('the output was closed before the export finished');
    this.out.write(chunk, written);
    // 'drain' comes only after a write was refused; a Writable with room for more than this never refuses one.
    if (this.out.writableNeedDrain && this.out.writableLength >= IN_FLIGHT_BYTES) await drained(this.out);
  }

  private encodeTexts(): void {
    if (this.texts.length === 0) return;
    this.chunks.push(Buffer.from(this.texts.join(''), 'utf8'));
    this.texts = [];
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
