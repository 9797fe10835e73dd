import { open } from 'node:fs/promises';
import type { DatasetFormat } from './model';
import { sniffDatasetText } from './sniffText';
import { Utf8Decoder } from './text/utf8Decoder';

const SNIFF_CHUNK = 64 * 1024;

/**
 * The dataset format of a file, told from its first records (the same way an open document's is), so an
 * import can read every question file before any answers file. Reads 64 kB, more only while no record has
 * said, and never more than the text sniffer looks at.
 */
export async function sniffDatasetFormat(path: string, fileName: string): Promise<DatasetFormat | undefined> {
  const handle = await open(path, 'r');
  try {
    const decoder = new Utf8Decoder();
    let head = '';
    for (let read = 0; read < 4 * SNIFF_CHUNK; ) {
      const buf = Buffer.alloc(SNIFF_CHUNK);
      const { bytesRead } = await handle.read(buf, 0, SNIFF_CHUNK, read);
      read += bytesRead;
      head += decoder.decode(buf.subarray(0, bytesRead), bytesRead < SNIFF_CHUNK);
      const format = sniffDatasetText(fileName, head);
      if (format || bytesRead < SNIFF_CHUNK) return format;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
