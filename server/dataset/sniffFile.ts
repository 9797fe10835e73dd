import { open } from 'node:fs/promises';
import { detectContainer } from './containers/detectContainer';
import { createContainerReader } from './containers/createContainerReader';
import type { ContainerReader, RecordEvents } from './containers/sourceRecord';
import { detectFormat } from './formats/detectFormat';
import type { DatasetFormat } from './model';
import { Utf8Decoder } from './text/utf8Decoder';

const SNIFF_CHUNK = 64 * 1024;
const SNIFF_LIMIT = 4 * 1024 * 1024;

/**
 * The dataset format of a file, told from its first records (reading at most a few MB), so an import can
 * read every question file before any answers file. Undefined when no record says.
 */
export async function sniffDatasetFormat(path: string, fileName: string): Promise<DatasetFormat | undefined> {
  const handle = await open(path, 'r');
  try {
    const decoder = new Utf8Decoder();
    let format: DatasetFormat | undefined;
    const events: RecordEvents = {
      onRecord: (r) => {
        format ??= detectFormat(r.value);
      },
      onSyntaxError: () => undefined,
    };
    let reader: ContainerReader | undefined;
    let head = '';
    const buf = Buffer.alloc(SNIFF_CHUNK);
    for (let read = 0; read < SNIFF_LIMIT && !format; ) {
      const { bytesRead } = await handle.read(buf, 0, SNIFF_CHUNK, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      const text = decoder.decode(Buffer.from(buf.subarray(0, bytesRead)));
      if (reader) reader.push(text);
      else {
        head += text;
        if (head.includes('\n') || head.length >= SNIFF_CHUNK) {
          reader = createContainerReader(detectContainer(fileName, head), events);
          reader.push(head);
        }
      }
    }
    if (!format && !reader && head !== '') {
      reader = createContainerReader(detectContainer(fileName, head), events);
      reader.push(head);
      reader.end();
    }
    return format;
  } finally {
    await handle.close();
  }
}
