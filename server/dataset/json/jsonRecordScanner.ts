/**
 * An incremental, validating JSON scanner that cuts a large JSON document into records without ever
 * building the whole document: the elements of a top-level array (medical-o1 JSON) or the members of a
 * top-level object keyed by id (PubMedQA). It tracks line and column (UTF-16 units, as editors count) so a
 * syntax error is reported exactly where it is, and after an error in one record it resumes at the next
 * line that starts a record at the same indentation, so one broken record does not lose the rest.
 * Each record's text is handed over for `JSON.parse`, which is much faster than building values here.
 */

import { isHex, isJsonSpace, nextNumberState, NumberState, shown, STRING_SPECIAL } from './jsonTokens';

export interface ScannedRecord {
  /** The record's JSON text (always valid JSON). */
  text: string;
  line: number;
  column: number;
  endLine: number;
  /** For an object keyed by id: the member's key and where it is. */
  key?: string;
  keyLine?: number;
  keyColumn?: number;
}

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type TopLevel = 'array' | 'object';

export interface ScannerEvents {
  onRecord(record: ScannedRecord): void;
  onError(error: JsonSyntaxError): void;
  onTopLevel?(kind: TopLevel): void;
}

const enum S {
  Top, // before the top-level value
  ValueOrClose, // after '[' : a value or ']'
  Value, // after ',' in an array, or after ':'
  AfterValue, // after a value inside a container: ',' or the closing bracket
  KeyOrClose, // after '{' : a key or '}'
  Key, // after ',' in an object
  Colon,
  Str,
  Num,
  Lit,
  Done, // after the top-level value
  Skip, // after an error: looking for a line that starts a record
  Stopped, // after an error that cannot be recovered from
}



export class JsonRecordScanner {
  private buf = '';
  private i = 0;
  private line = 1;
  private col = 1;
  private state: S = S.Top;
  private readonly stack: number[] = []; // 91 '[' or 123 '{'
  private afterString: S = S.AfterValue;
  private escape = 0; // 0 none, 1 after '\', 2..5 reading \u hex digits
  private num: NumberState = NumberState.Start;
  private literal = '';
  private literalAt = 0;
  private recordStart = -1;
  private recordLine = 0;
  private recordCol = 0;
  private keyStart = -1;
  private keyLine = 0;
  private keyCol = 0;
  private key: string | undefined;
  private keyAt: { line: number; column: number } | undefined;
  /** Column at which records (or, in an object, keys) start: where to resume after an error. */
  private recordColumn = 0;
  private atLineStart = true;

  /**
   * @param recordsAtTop true for one JSON value per input (a JSON Lines line): the top-level value is the
   *   record; false for a document whose top-level array elements or object members are the records
   */
  constructor(
    private readonly events: ScannerEvents,
    private readonly recordsAtTop = false,
    private readonly maxLength = Number.POSITIVE_INFINITY,
  ) {}

  push(chunk: string): void {
    if (this.state === S.Stopped) return;
    // `compact` already dropped what no record needs; the rest is kept for the record in progress.
    this.buf += chunk;
    this.run();
  }

  end(): void {
    if (this.state === S.Num) this.endNumber();
    switch (this.state) {
      case S.Done:
      case S.Stopped:
      case S.Skip:
        return;
      case S.Top:
        return this.fail('no JSON value found', true);
      case S.Str:
        return this.fail('unterminated string at the end of the input', true);
      case S.Lit:
        return this.fail('value cut off at the end of the input', true);
      default:
        return this.fail(`unexpected end of the input: missing '${this.stack[this.stack.length - 1] === 91 ? ']' : '}'}'`, true);
    }
  }

  /** Keeps offsets valid after dropping the first `by` characters of the buffer. */
  private rebase(by: number): void {
    if (this.recordStart >= 0) this.recordStart -= by;
    if (this.keyStart >= 0) this.keyStart -= by;
  }

  private run(): void {
    const buf = this.buf;
    while (this.i < buf.length) {
      if (this.state === S.Stopped) return;
      if (this.state === S.Str) {
        this.scanString(buf);
        continue;
      }
      const c = buf.charCodeAt(this.i);
      if (this.state === S.Skip) {
        this.skip(c);
        continue;
      }
      if (this.state === S.Num) {
        if (this.numberChar(c)) this.step(c);
        else this.endNumber(); // `c` is looked at again in the state after the number
        continue;
      }
      if (this.state === S.Lit) {
        this.literalChar(c);
        continue;
      }
      this.structural(c);
    }
    this.compact();
  }

  /** Drops text no record or key still needs, so memory stays at one record. */
  private compact(): void {
    if (this.recordStart >= 0 && this.i - this.recordStart > this.maxLength && this.state !== S.Skip && this.state !== S.Stopped) {
      this.fail(`record longer than ${this.maxLength} characters: skipped`, false, { line: this.recordLine, column: this.recordCol });
    }
    const keep = Math.min(...[this.recordStart, this.keyStart, this.state === S.Lit ? this.literalAt : -1].filter((x) => x >= 0), this.i);
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.rebase(keep);
      if (this.state === S.Lit) this.literalAt -= keep;
      this.i -= keep;
    }
  }

  private step(c: number): void {
    this.i++;
    if (c === 10) {
      this.line++;
      this.col = 1;
      this.atLineStart = true;
    } else {
      this.col++;
      if (!isJsonSpace(c)) this.atLineStart = false;
    }
  }

  private structural(c: number): void {
    if (isJsonSpace(c)) return this.step(c);
    switch (this.state) {
      case S.Top:
      case S.Value:
      case S.ValueOrClose:
        if (c === 93 && this.state === S.ValueOrClose) return this.close(c);
        return this.beginValue(c);
      case S.KeyOrClose:
      case S.Key:
        if (c === 125 && this.state === S.KeyOrClose) return this.close(c);
        if (c !== 34) return this.fail(this.state === S.Key ? `expected a property name after ',', found ${shown(c)}` : `expected a property name or '}', found ${shown(c)}`);
        this.beginKey();
        return;
      case S.Colon:
        if (c !== 58) return this.fail(`expected ':' after the property name, found ${shown(c)}`);
        this.state = S.Value;
        return this.step(c);
      case S.AfterValue: {
        const top = this.stack[this.stack.length - 1];
        if (c === 44) {
          this.state = top === 91 ? S.Value : S.Key;
          return this.step(c);
        }
        if ((c === 93 && top === 91) || (c === 125 && top === 123)) return this.close(c);
        return this.fail(top === 91 ? `expected ',' or ']' after an array element, found ${shown(c)}` : `expected ',' or '}' after a property value, found ${shown(c)}`);
      }
      case S.Done:
        return this.fail(`unexpected ${shown(c)} after the end of the JSON value`, true);
    }
  }

  private beginValue(c: number): void {
    const depth = this.stack.length;
    if (depth === 0 && !this.recordsAtTop) {
      if (c === 91 || c === 123) {
        this.events.onTopLevel?.(c === 91 ? 'array' : 'object');
      } else {
        return this.fail(`expected an array of records or an object keyed by id, found ${shown(c)}`, true);
      }
    }
    if ((depth === 1 && !this.recordsAtTop) || (depth === 0 && this.recordsAtTop)) {
      this.recordStart = this.i;
      this.recordLine = this.line;
      this.recordCol = this.col;
      if (this.stack[0] === 91 && this.recordColumn === 0) this.recordColumn = this.col;
    }
    if (c === 123 || c === 91) {
      this.stack.push(c);
      this.state = c === 123 ? S.KeyOrClose : S.ValueOrClose;
      return this.step(c);
    }
    if (c === 34) {
      this.afterString = S.AfterValue;
      this.state = S.Str;
      this.escape = 0;
      return this.step(c);
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      this.state = S.Num;
      this.num = NumberState.Start;
      return; // the number state consumes this character
    }
    if (c === 116 || c === 102 || c === 110) {
      this.state = S.Lit;
      this.literal = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
      this.literalAt = this.i;
      return;
    }
    this.fail(`expected a JSON value, found ${shown(c)}`);
  }

  private beginKey(): void {
    if (this.stack.length === 1 && !this.recordsAtTop) {
      this.keyStart = this.i;
      this.keyLine = this.line;
      this.keyCol = this.col;
      if (this.recordColumn === 0) this.recordColumn = this.col;
    }
    this.afterString = S.Colon;
    this.state = S.Str;
    this.escape = 0;
    this.step(34);
  }

  private close(c: number): void {
    this.stack.pop();
    this.step(c);
    this.valueDone();
  }

  /** A value just ended at `this.i` (exclusive). */
  private valueDone(): void {
    const depth = this.stack.length;
    if ((depth === 1 && !this.recordsAtTop) || (depth === 0 && this.recordsAtTop)) this.emitRecord();
    this.state = depth === 0 ? S.Done : S.AfterValue;
  }

  private emitRecord(): void {
    const record: ScannedRecord = {
      text: this.buf.slice(this.recordStart, this.i),
      line: this.recordLine,
      column: this.recordCol,
      endLine: this.line,
    };
    if (this.key !== undefined && this.keyAt) {
      record.key = this.key;
      record.keyLine = this.keyAt.line;
      record.keyColumn = this.keyAt.column;
    }
    this.recordStart = -1;
    this.key = undefined;
    this.keyAt = undefined;
    this.events.onRecord(record);
  }

  private scanString(buf: string): void {
    while (this.i < buf.length) {
      if (this.escape === 0) this.skipPlain(buf);
      if (this.i >= buf.length) return;
      const c = buf.charCodeAt(this.i);
      if (this.escape === 1) {
        if (c === 117) this.escape = 2;
        else if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) this.escape = 0;
        else return this.fail(`invalid escape '\\${String.fromCharCode(c)}' in string`);
      } else if (this.escape >= 2) {
        if (!isHex(c)) return this.fail(`invalid \\u escape: ${shown(c)} is not a hex digit`);
        this.escape = this.escape === 5 ? 0 : this.escape + 1;
      } else if (c === 92) {
        this.escape = 1;
      } else if (c === 34) {
        this.step(c);
        return this.stringDone();
      } else if (c < 32) {
        return this.fail(c === 10 ? 'unterminated string (line break inside a string)' : `control character ${shown(c)} inside a string must be escaped`);
      }
      this.col++;
      this.i++;
    }
  }

  /** Jumps over characters that need no attention inside a string (most of a record's text). */
  private skipPlain(buf: string): void {
    STRING_SPECIAL.lastIndex = this.i;
    const found = STRING_SPECIAL.exec(buf);
    const stop = found ? found.index : buf.length;
    this.col += stop - this.i;
    this.i = stop;
  }

  private stringDone(): void {
    if (this.afterString === S.Colon) {
      if (this.keyStart >= 0) {
        this.key = JSON.parse(this.buf.slice(this.keyStart, this.i)) as string;
        this.keyAt = { line: this.keyLine, column: this.keyCol };
        this.keyStart = -1;
      }
      this.state = S.Colon;
      return;
    }
    this.valueDone();
  }

  /** Advances the number automaton (RFC 8259 grammar); false when `c` cannot continue the number. */
  private numberChar(c: number): boolean {
    const next = nextNumberState(this.num, c);
    if (next === undefined) return false;
    this.num = next;
    return true;
  }

  private endNumber(): void {
    const complete = this.num === NumberState.Zero || this.num === NumberState.Int || this.num === NumberState.Frac || this.num === NumberState.Exp;
    if (!complete) {
      const c = this.i < this.buf.length ? this.buf.charCodeAt(this.i) : -1;
      return this.fail(c < 0 ? 'number cut off at the end of the input' : `malformed number: unexpected ${shown(c)}`);
    }
    this.valueDone();
  }

  private literalChar(c: number): void {
    const k = this.i - this.literalAt;
    if (c !== this.literal.charCodeAt(k)) return this.fail(`expected '${this.literal}', found ${shown(c)}`);
    this.step(c);
    if (k + 1 === this.literal.length) this.valueDone();
  }

  /**
   * After an error: resume at the first line whose first non-blank character starts a record at the
   * column records started at before (`{` in an array, `"` in an object keyed by id).
   */
  private skip(c: number): void {
    const opener = this.stack[0] === 91 ? 123 : 34;
    if (this.atLineStart && !isJsonSpace(c) && c === opener && this.col === this.recordColumn) {
      this.stack.length = 1;
      this.recordStart = -1;
      this.keyStart = -1;
      this.key = undefined;
      this.keyAt = undefined;
      this.state = opener === 123 ? S.Value : S.Key;
      return;
    }
    this.step(c);
  }

  private fail(message: string, fatal = false, at = { line: this.line, column: this.col }): void {
    this.events.onError({ line: at.line, column: at.column, message });
    this.recordStart = -1;
    this.keyStart = -1;
    const resumable = !fatal && !this.recordsAtTop && this.stack.length >= 1 && this.recordColumn > 0;
    this.state = resumable ? S.Skip : S.Stopped;
    this.atLineStart = false;
  }
}
