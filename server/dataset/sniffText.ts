import { createContainerReader } from './containers/createContainerReader';
import { detectContainer } from './containers/detectContainer';
import { detectFormat } from './formats/detectFormat';
import type { DatasetFormat } from './model';

const SNIFF_TEXT_LIMIT = 256 * 1024;

/**
 * The dataset format of an open document's text, told from its first records, or undefined when the text
 * is not a dataset (so an ordinary JSON or CSV file in the workspace gets no dataset diagnostics).
 */
export function sniffDatasetText(fileName: string, text: string): DatasetFormat | undefined {
  const head = text.length > SNIFF_TEXT_LIMIT ? text.slice(0, SNIFF_TEXT_LIMIT) : text;
  let format: DatasetFormat | undefined;
  const reader = createContainerReader(detectContainer(fileName, head), {
    onRecord: (r) => {
      format ??= detectFormat(r.value);
    },
    onSyntaxError: () => undefined,
  });
  reader.push(head);
  if (head.length === text.length) reader.end();
  return format;
}
