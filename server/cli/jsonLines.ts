import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Reads JSON Lines from a stream, yielding each parsed value with its 1-based line number.
 * Blank lines are skipped; a line that is not JSON is reported through `onError` and skipped,
 * so one bad line in a script's input does not lose the rest.
 */
export async function* readJsonLines(
  input: Readable,
  onError: (line: number, message: string) => void,
): AsyncGenerator<{ line: number; value: unknown }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (err) {
      onError(line, err instanceof Error ? err.message : String(err));
    }
  }
}

/** Writes one JSON value per line, waiting for the stream to drain so large outputs keep memory flat. */
export async function writeJsonLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(JSON.stringify(value) + '\n')) {
    await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}
