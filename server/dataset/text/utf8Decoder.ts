import { isUtf8 } from 'node:buffer';

/** Where an encoding problem sits in the decoded text: 1-based line, 1-based UTF-16 column. */
export interface EncodingIssue {
  kind: 'bom' | 'utf16' | 'invalid-utf8';
  line: number;
  column: number;
  /** The offending bytes, in hex, for the message. */
  bytes: string;
}

const REPLACEMENT = '\uFFFD';

/**
 * Turns a file's bytes into text chunk by chunk, without ever holding the whole file. A UTF-8 byte order
 * mark is dropped and reported; invalid byte sequences become U+FFFD and are reported with the line and
 * column where they stand, so the record that contains them can be rejected. A UTF-16 file is refused.
 */
export class Utf8Decoder {
  readonly issues: EncodingIssue[] = [];
  /** Set when the file cannot be read as UTF-8 at all. */
  refused = false;
  private carry: Buffer | undefined;
  private first = true;
  private line = 1;
  private column = 1;

  decode(bytes: Buffer, final = false): string {
    let buf = this.carry ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = undefined;
    if (this.first) {
      if (buf.length < 3 && !final) {
        this.carry = buf;
        return '';
      }
      this.first = false;
      buf = this.skipByteOrderMark(buf);
      if (this.refused) return '';
    }
    if (this.refused) return '';
    const end = final ? buf.length : completeLength(buf);
    if (end < buf.length) this.carry = buf.subarray(end);
    const text = isUtf8(buf.subarray(0, end)) ? buf.toString('utf8', 0, end) : this.decodeChecked(buf, end);
    this.advance(text);
    return text;
  }

  private skipByteOrderMark(buf: Buffer): Buffer {
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      this.issues.push({ kind: 'bom', line: 1, column: 1, bytes: 'EF BB BF' });
      return buf.subarray(3);
    }
    if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
      this.issues.push({ kind: 'utf16', line: 1, column: 1, bytes: hex(buf.subarray(0, 2)) });
      this.refused = true;
    }
    return buf;
  }

  /** The slow path, for a chunk that is not valid UTF-8: decode valid runs, mark each bad sequence. */
  private decodeChecked(buf: Buffer, end: number): string {
    let text = '';
    let runStart = 0;
    let i = 0;
    while (i < end) {
      const length = sequenceLength(buf, i, end);
      if (length > 0) {
        i += length;
        continue;
      }
      text += buf.toString('utf8', runStart, i);
      const bad = Math.max(1, invalidLength(buf, i, end));
      const at = positionAfter(text, this.line, this.column);
      this.issues.push({ kind: 'invalid-utf8', line: at.line, column: at.column, bytes: hex(buf.subarray(i, i + bad)) });
      text += REPLACEMENT;
      i += bad;
      runStart = i;
    }
    return text + buf.toString('utf8', runStart, end);
  }

  private advance(text: string): void {
    const at = positionAfter(text, this.line, this.column);
    this.line = at.line;
    this.column = at.column;
  }
}

/** The line and column just after `text`, when it starts at (line, column). */
function positionAfter(text: string, line: number, column: number): { line: number; column: number } {
  let lastNewline = -1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNewline = i;
  }
  return { line, column: lastNewline < 0 ? column + text.length : text.length - lastNewline };
}

/** Length of the buffer without a multi-byte sequence cut off at its end (kept for the next chunk). */
function completeLength(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const byte = buf[buf.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when it is invalid (RFC 3629: no overlongs, no surrogates). */
function sequenceLength(buf: Buffer, i: number, end: number): number {
  const b0 = buf[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < end && (buf[i + k] as number) >= lo && (buf[i + k] as number) <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** How many bytes one replacement character stands for: a lead byte and the continuation bytes after it. */
function invalidLength(buf: Buffer, i: number, end: number): number {
  let n = 1;
  while (n < 4 && i + n < end && ((buf[i + n] as number) & 0xc0) === 0x80 && (buf[i] as number) >= 0xc0) n++;
  return n;
}

function hex(bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
