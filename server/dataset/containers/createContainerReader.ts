import { CsvRecords } from './csvRecords';
import { JsonDocumentRecords } from './jsonDocumentRecords';
import { JsonLinesRecords } from './jsonLinesRecords';
import type { ContainerKind, ContainerReader, RecordEvents } from './sourceRecord';

export function createContainerReader(kind: ContainerKind, events: RecordEvents): ContainerReader {
  if (kind === 'csv') return new CsvRecords(events);
  return kind === 'json' ? new JsonDocumentRecords(events) : new JsonLinesRecords(events);
}
