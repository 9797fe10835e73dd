import { CsvRecordReader, type CsvRow } from '../csv/csvRecordReader';
import { MAX_RECORD_LENGTH, type ContainerReader, type RecordEvents } from './sourceRecord';

/**
 * CSV with a header row: each later row becomes an object of column name to cell text. A row with more
 * or fewer cells than the header is rejected where it starts.
 */
export class CsvRecords implements ContainerReader {
  private readonly reader: CsvRecordReader;
  private header: string[] | undefined;

  constructor(private readonly events: RecordEvents, maxLength = MAX_RECORD_LENGTH) {
    this.reader = new CsvRecordReader(
      {
        onRow: (row) => this.row(row),
        onError: (e) => events.onSyntaxError({ line: e.line, column: e.column, message: `malformed CSV: ${e.message}`, code: 'invalid-csv' }),
      },
      maxLength,
    );
  }

  push(text: string): void {
    this.reader.push(text);
  }

  end(): void {
    this.reader.end();
  }

  private row(row: CsvRow): void {
    if (!this.header) return this.takeHeader(row);
    const header = this.header;
    if (row.cells.length !== header.length) {
      const extra = row.positions[header.length];
      this.events.onSyntaxError({
        line: extra?.line ?? row.line,
        column: extra?.column ?? 1,
        message: `row has ${row.cells.length} cells but the header has ${header.length} columns`,
        code: 'invalid-csv',
      });
      return;
    }
    const value: Record<string, string> = {};
    header.forEach((name, i) => (value[name] = row.cells[i] ?? ''));
    this.events.onRecord({
      value,
      line: row.line,
      column: 1,
      endLine: row.endLine,
      textCells: true,
      locate: (path) => {
        const at = typeof path[0] === 'string' ? header.indexOf(path[0]) : -1;
        return row.positions[at] ?? { line: row.line, column: 1 };
      },
    });
  }

  private takeHeader(row: CsvRow): void {
    const names = row.cells.map((c) => c.trim());
    names.forEach((name, i) => {
      const at = row.positions[i] ?? { line: row.line, column: 1 };
      if (name === '') this.events.onSyntaxError({ ...at, message: `header column ${i + 1} has no name`, code: 'invalid-csv' });
      else if (names.indexOf(name) !== i) this.events.onSyntaxError({ ...at, message: `header column '${name}' appears twice`, code: 'invalid-csv', field: name });
    });
    this.header = names;
  }
}
