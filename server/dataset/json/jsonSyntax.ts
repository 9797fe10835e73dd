import { JsonRecordScanner, type JsonSyntaxError } from './jsonRecordScanner';

/**
 * Where and why `text` (one JSON value, e.g. a JSON Lines line) is not valid JSON; undefined when it is.
 * Positions are relative to the text: line 1, column 1 is its first character.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let error: JsonSyntaxError | undefined;
  const scanner = new JsonRecordScanner(
    {
      onRecord: () => undefined,
      onError: (e) => {
        error ??= e;
      },
    },
    true,
  );
  scanner.push(text);
  scanner.end();
  return error;
}
