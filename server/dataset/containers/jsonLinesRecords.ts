import { locateJsonField } from '../json/fieldLocator';
import { findJsonSyntaxError } from '../json/jsonSyntax';
import type { ContainerReader, RecordEvents } from './sourceRecord';

/** JSON Lines: one record per line, parsed with JSON.parse; a bad line is located and skipped. */
export class JsonLinesRecords implements ContainerReader {
  private rest = '';
  private line = 1;

  constructor(private readonly events: RecordEvents) {}

  push(text: string): void {
    const data = this.rest === '' ? text : this.rest + text;
    let start = 0;
    for (let nl = data.indexOf('\n'); nl >= 0; nl = data.indexOf('\n', start)) {
      this.takeLine(data.slice(start, nl > start && data.charCodeAt(nl - 1) === 13 ? nl - 1 : nl));
      start = nl + 1;
    }
    this.rest = data.slice(start);
  }

  end(): void {
    const last = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
    this.rest = '';
    if (last !== '') this.takeLine(last);
  }

  private takeLine(text: string): void {
    const line = this.line++;
    if (text.trim() === '') return;
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
