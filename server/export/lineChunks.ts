import { csvCellBound, writeCsvCell } from './csvCellBytes';
import { CHUNK_BYTES, type TextSink } from './textSink';

const CAPACITY = 2 * CHUNK_BYTES;

/**
 * The output, copied into chunks the sink writes as they are (each at least CHUNK_BYTES, so it copies none
 * of them again), not handed to it a piece at a time: 900,000 pieces for 300,000 lines. A chunk is filled
 * again once written (TextSink.writeChunk).
 */
export class LineChunks {
  private readonly free: Buffer[] = [];
  private chunk = this.fresh();
  private at = 0;
  private full: Buffer[] = [];

  bytes(from: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.at += from.copy(this.chunk, this.at, start, end);
    this.close(false);
  }

  text(s: string): void {
    // At most three bytes per UTF-16 unit.
    this.reserve(3 * s.length);
    this.at += this.chunk.write(s, this.at, 'utf8');
    this.close(false);
  }

  csvCell(text: Buffer): void {
    this.reserve(csvCellBound(text.length));
    this.at += writeCsvCell(text, this.chunk, this.at);
    this.close(false);
  }

  /** Writes the chunks filled so far, and with `all` the one being filled. */
  async writeTo(sink: TextSink, all: boolean): Promise<void> {
    if (all) this.close(true);
    const full = this.full;
    this.full = [];
    for (const chunk of full) {
      const whole = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.buffer.byteLength);
      await sink.writeChunk(chunk, () => {
        if (whole.length === CAPACITY) this.free.push(whole);
      });
    }
  }

  private fresh(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(CAPACITY);
  }

  private reserve(n: number): void {
    if (this.at + n <= this.chunk.length) return;
    // Only a piece longer than a chunk (a text of megabytes) gets here.
    const bigger = Buffer.allocUnsafeSlow(this.at + n);
    this.chunk.copy(bigger, 0, 0, this.at);
    this.chunk = bigger;
  }

  private close(always: boolean): void {
    if (this.at === 0 || (!always && this.at < CHUNK_BYTES)) return;
    this.full.push(this.chunk.subarray(0, this.at));
    this.chunk = this.fresh();
    this.at = 0;
  }
}
