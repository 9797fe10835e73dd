import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { LineChunks } from '../../../server/export/lineChunks';
import { CHUNK_BYTES, TextSink } from '../../../server/export/textSink';

/**
 * The writer's output chunks (lineChunks.ts): what goes in comes out in order, a piece longer than a chunk
 * included, and a chunk is filled again only once the Writable is done with it.
 */
describe('export: output chunks of built lines', () => {
  /**
   * A Writable that, as a file does, reads what it is handed some time later (30 ms: the reads
   * of a chunk filled again too early would see the new bytes) and only then reports the write done.
   */
  function slowWritable(): { out: Writable; handed: Buffer[]; copies: Buffer[] } {
    const handed: Buffer[] = [];
    const copies: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 4 * CHUNK_BYTES,
      write(chunk: Buffer, _encoding, done) {
        handed.push(chunk);
        setTimeout(() => {
          copies.push(Buffer.from(chunk));
          done();
        }, 30);
      },
    });
    return { out, handed, copies };
  }

  it('writes every piece in order, through chunks it reuses only after they were written', async () => {
    const { out, handed, copies } = slowWritable();
    const sink = new TextSink(out);
    const chunks = new LineChunks();
    const expected: Buffer[] = [];
    const big = Buffer.alloc(3 * CHUNK_BYTES, 0x62);
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 3000; i++) {
        const bytes = Buffer.from(`bytes ${round}.${i} ${'x'.repeat(i % 97)}|`);
        chunks.bytes(bytes, 6, bytes.length);
        expected.push(bytes.subarray(6));
        const text = `text ${round}.${i} ü \u{1F9EA}|`;
        chunks.text(text);
        expected.push(Buffer.from(text));
        const cell = Buffer.from(`=a "b", ${i}`);
        chunks.csvCell(cell);
        expected.push(Buffer.from(`"'=a ""b"", ${i}"`));
      }
      if (round === 7) {
        chunks.bytes(big, 0, big.length);
        expected.push(big);
      }
      // As before a question read as objects, twice: what is in the chunk being filled goes out too.
      await chunks.writeTo(sink, round === 13 || round === 27);
      // The next chunk of lines comes from the reader thread as a message, a turn of the event loop later.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await chunks.writeTo(sink, true);
    await sink.flush();
    await new Promise<void>((resolve) => out.end(resolve));
    const written = Buffer.concat(copies);
    assert.ok(written.equals(Buffer.concat(expected)), 'the output is the pieces in order');
    // Each chunk the Writable was handed still holds what it held then, though chunks were reused.
    const reused = new Set(handed.map((h) => h.buffer)).size < handed.length;
    assert.ok(reused, 'chunks were reused');
    assert.ok(handed.length > 10, `${handed.length} writes`);
    const whole = handed.filter((h) => h.length >= CHUNK_BYTES).reduce((n, h) => n + h.length, 0);
    assert.ok(whole > 0.8 * written.length, `${whole} of ${written.length} bytes in writes of at least CHUNK_BYTES`);
  });
});
