import type { TextPosition } from '../json/fieldLocator';
import { MAX_RECORD_LENGTH } from '../containers/sourceRecord';

export interface CsvRow {
  cells: string[];
  /** Where each cell starts (its opening quote, for a quoted cell). */
  positions: TextPosition[];
  line: number;
  endLine: number;
}

export interface CsvSyntaxError extends TextPosition {
  message: string;
}

export interface CsvEvents {
  onRow(row: CsvRow): void;
  onError(error: CsvSyntaxError): void;
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
  SkipLine,
}

/**
 * A streaming RFC 4180 reader (quoted cells with doubled quotes and line breaks, CRLF or LF rows) that
 * knows the line and column of every cell. csv-parse was the first choice, but it miscounts lines inside
 * quoted CRLF cells and drops every row after a malformed quote; here a malformed row is reported where
 * it breaks and reading resumes on the next line. Blank lines are skipped.
 */
export class CsvRecordReader {
  private buf = '';
  private i = 0;
  private line = 1;
  private col = 1;
  private state: S = S.FieldStart;
  private cells: string[] = [];
  private positions: TextPosition[] = [];
  private rowLine = 1;
  private cellStart = 0;
  private cellAt: TextPosition = { line: 1, column: 1 };
  private doubledQuotes = false;

  constructor(
    private readonly events: CsvEvents,
    private readonly maxLength = MAX_RECORD_LENGTH,
    private readonly delimiter = 44 /* , */,
  ) {}

  push(chunk: string): void {
    // `compact` already dropped what no cell needs.
    this.buf += chunk;
    this.run(false);
  }

  end(): void {
    this.run(true);
    if (this.state === S.Quoted) {
      this.events.onError({ ...this.cellAt, message: 'quoted cell is never closed: the rest of the file was read into it' });
    } else if (this.state === S.Unquoted || this.state === S.QuoteInQuoted) {
      this.endCell(this.i);
      this.endRow();
    } else if (this.state === S.FieldStart && this.cells.length > 0) {
      // The last line ended right after a delimiter: its last cell is empty.
      this.cells.push('');
      this.positions.push({ line: this.line, column: this.col });
      this.endRow();
    }
    this.buf = '';
    this.i = 0;
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const d = this.delimiter;
    while (this.i < buf.length) {
      if (this.state === S.Quoted) {
        this.skipQuoted(buf);
        continue;
      }
      const c = buf.charCodeAt(this.i);
      if (c === 13 && !final && this.i + 1 === buf.length) break; // CR: wait for a possible LF
      switch (this.state) {
        case S.FieldStart:
          this.cellStart = this.i;
          this.cellAt = { line: this.line, column: this.col };
          this.doubledQuotes = false;
          if (this.cells.length === 0) this.rowLine = this.line;
          if (c === 34) this.state = S.Quoted;
          else if (c === d) this.endCell(this.i);
          else if (c === 10 || (c === 13 && buf.charCodeAt(this.i + 1) === 10)) this.lineBreak(c);
          else this.state = S.Unquoted;
          break;
        case S.Unquoted:
          if (c === d) {
            this.endCell(this.i);
            this.state = S.FieldStart;
          } else if (c === 10 || (c === 13 && buf.charCodeAt(this.i + 1) === 10)) this.lineBreak(c);
          break;
        case S.QuoteInQuoted:
          if (c === 34) {
            this.doubledQuotes = true;
            this.state = S.Quoted;
          } else if (c === d) {
            this.endCell(this.i);
            this.state = S.FieldStart;
          } else if (c === 10 || (c === 13 && buf.charCodeAt(this.i + 1) === 10)) this.lineBreak(c);
          else {
            this.events.onError({ line: this.line, column: this.col, message: `unexpected ${shown(c)} after the closing quote of a cell (a quote inside a quoted cell must be doubled)` });
            this.state = S.SkipLine;
          }
          break;
        case S.SkipLine:
          if (c === 10) this.discardRow();
          break;
      }
      this.advance(c);
    }
    this.compact();
  }

  /** Jumps to the next quote inside a quoted cell (model outputs are long), keeping line and column. */
  private skipQuoted(buf: string): void {
    const quote = buf.indexOf('"', this.i);
    const stop = quote < 0 ? buf.length : quote;
    let lastNewline = -1;
    for (let nl = buf.indexOf('\n', this.i); nl >= 0 && nl < stop; nl = buf.indexOf('\n', nl + 1)) {
      this.line++;
      lastNewline = nl;
    }
    this.col = lastNewline < 0 ? this.col + (stop - this.i) : stop - lastNewline;
    this.i = stop;
    if (quote >= 0) {
      this.state = S.QuoteInQuoted;
      this.advance(34);
    }
  }

  /** A row ends at this LF (or at the CR of a CRLF, whose LF follows). */
  private lineBreak(c: number): void {
    if (c === 13) return; // the LF that follows ends the row
    this.endCell(this.buf.charCodeAt(this.i - 1) === 13 ? this.i - 1 : this.i);
    this.endRow();
  }

  private endCell(end: number): void {
    let text: string;
    if (this.state === S.QuoteInQuoted) {
      text = this.buf.slice(this.cellStart + 1, end - 1);
      if (this.doubledQuotes) text = text.replaceAll('""', '"');
    } else {
      text = this.buf.slice(this.cellStart, end);
    }
    this.cells.push(detached(text));
    this.positions.push(this.cellAt);
  }

  private endRow(): void {
    const blank = this.cells.length === 1 && this.cells[0] === '' && this.state !== S.QuoteInQuoted;
    if (!blank) this.events.onRow({ cells: this.cells, positions: this.positions, line: this.rowLine, endLine: this.line });
    this.discardRow();
  }

  private discardRow(): void {
    this.cells = [];
    this.positions = [];
    this.state = S.FieldStart;
  }

  private advance(c: number): void {
    this.i++;
    if (c === 10) {
      this.line++;
      this.col = 1;
    } else this.col++;
  }

  /** Drops text no cell still needs, so memory stays at one row. */
  private compact(): void {
    const inCell = this.state === S.Unquoted || this.state === S.Quoted || this.state === S.QuoteInQuoted;
    if (inCell && this.i - this.cellStart > this.maxLength) {
      this.events.onError({ ...this.cellAt, message: `cell longer than ${this.maxLength} characters: the rest of its row is skipped` });
      this.cells = [];
      this.positions = [];
      this.state = S.SkipLine;
    }
    const keep = this.state === S.Unquoted || this.state === S.Quoted || this.state === S.QuoteInQuoted ? this.cellStart : this.i;
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.i -= keep;
      this.cellStart -= keep;
    }
  }
}

/**
 * A copy of a cell that does not point into the read buffer. V8 makes `slice` a view of its parent, so a
 * kept cell (a model name in a map, an answer in the catalog) would keep a whole 1 MB chunk alive;
 * slicing a freshly concatenated string forces the copy.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

function shown(c: number): string {
  return c < 32 ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCharCode(c)}'`;
}
