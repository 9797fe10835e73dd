import { locateJsonField } from '../json/fieldLocator';
import { findJsonSyntaxError } from '../json/jsonSyntax';
import { MAX_RECORD_LENGTH, type ContainerReader, type RecordEvents } from './sourceRecord';

/** JSON Lines: one record per line, parsed with JSON.parse; a bad line is located and skipped. */
export class JsonLinesRecords implements ContainerReader {
  private rest = '';
  private line = 1;
  /** Inside a line that grew past the limit: dropped up to its end. */
  private skipping = false;

  constructor(private readonly events: RecordEvents, private readonly maxLength = MAX_RECORD_LENGTH) {}

  push(text: string): void {
    let data = text;
    let start = 0;
    if (this.rest !== '') {
      // Only the line cut at the end of the last chunk is joined with this chunk's start: joining whole
      // chunks copied every byte of the file once more.
      const nl = text.indexOf('\n');
      if (nl < 0) data = this.rest + text;
      else {
        this.endLine(this.rest + text.slice(0, nl));
        start = nl + 1;
      }
    }
    for (let nl = data.indexOf('\n', start); nl >= 0; nl = data.indexOf('\n', start)) {
      this.endLine(data.slice(start, nl));
      start = nl + 1;
    }
    this.rest = this.skipping ? '' : data.slice(start);
    if (this.rest.length > this.maxLength) {
      this.events.onSyntaxError({ line: this.line, column: 1, message: `line longer than ${this.maxLength} characters: skipped`, code: 'invalid-json' });
      this.skipping = true;
      this.rest = '';
    }
  }

  /** A complete line (without its line feed; a carriage return before it is dropped). */
  private endLine(line: string): void {
    if (this.skipping) {
      this.skipping = false;
      this.line++;
    } else this.takeLine(line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line);
  }

  end(): void {
    const last = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
    this.rest = '';
    if (last !== '' && !this.skipping) this.takeLine(last);
  }

  private takeLine(text: string): void {
    const line = this.line++;
    if (!/\S/.test(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      const at = findJsonSyntaxError(text);
      const message = at?.message ?? (err instanceof Error ? err.message : String(err));
      this.events.onSyntaxError({ line, column: at?.column ?? 1, message: `not valid JSON: ${message}`, code: 'invalid-json' });
      return;
    }
    this.events.onRecord({
      value,
      line,
      column: 1,
      endLine: line,
      textCells: false,
      locate: (path) => locateJsonField(text, { line, column: 1 }, path),
    });
  }
}
