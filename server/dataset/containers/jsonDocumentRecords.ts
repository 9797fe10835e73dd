import { locateJsonField } from '../json/fieldLocator';
import { JsonRecordScanner, type ScannedRecord } from '../json/jsonRecordScanner';
import { MAX_RECORD_LENGTH, type ContainerReader, type RecordEvents } from './sourceRecord';

/**
 * A JSON document: records are the elements of a top-level array (medical-o1 JSON) or the members of a
 * top-level object keyed by id (PubMedQA), streamed one at a time.
 */
export class JsonDocumentRecords implements ContainerReader {
  private readonly scanner: JsonRecordScanner;

  constructor(events: RecordEvents, maxLength = MAX_RECORD_LENGTH) {
    this.scanner = new JsonRecordScanner(
      {
        onRecord: (r) => events.onRecord(toRecord(r)),
        onError: (e) => events.onSyntaxError({ line: e.line, column: e.column, message: `not valid JSON: ${e.message}`, code: 'invalid-json' }),
      },
      false,
      maxLength,
    );
  }

  push(text: string): void {
    this.scanner.push(text);
  }

  end(): void {
    this.scanner.end();
  }
}

function toRecord(r: ScannedRecord) {
  const start = { line: r.line, column: r.column };
  return {
    value: JSON.parse(r.text) as unknown,
    line: r.line,
    column: r.column,
    endLine: r.endLine,
    key: r.key,
    keyPosition: r.key !== undefined ? { line: r.keyLine ?? r.line, column: r.keyColumn ?? r.column } : undefined,
    textCells: false,
    locate: (path: readonly (string | number)[]) => locateJsonField(r.text, start, path),
  };
}
