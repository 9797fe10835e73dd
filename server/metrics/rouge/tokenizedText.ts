/**
 * A text as rouge-score's default tokenizer sees it (see tokenizer.ts): token ids numbering the distinct
 * tokens (or stems) of a pair (see pairTokenIds.ts), and where its lines end.
 *
 * ROUGE-Lsum needs the same tokens grouped by line (rouge-score splits on "\n" only, so "\r" is just another
 * separator). Because "\n" is itself a separator, tokenizing line by line gives exactly the whole-text tokens
 * cut at line ends, so one pass serves all four metrics. Lines without tokens are not recorded: they add
 * nothing to either the union-LCS or its denominators.
 */
export class TokenizedText {
  ids = new Int32Array(256);
  length = 0;
  /** Exclusive end (token index) of each line that has tokens. */
  lineEnds = new Int32Array(16);
  lineCount = 0;

  lineStart(line: number): number {
    return line === 0 ? 0 : (this.lineEnds[line - 1] ?? 0);
  }

  lineEnd(line: number): number {
    return this.lineEnds[line] ?? 0;
  }

  /** Empties the text and makes room for `capacity` tokens. */
  clear(capacity: number): void {
    this.length = 0;
    this.lineCount = 0;
    if (this.ids.length < capacity) this.ids = new Int32Array(Math.max(capacity, this.ids.length * 2));
  }

  /** Sets the token count and copies the line ends `source[from..from + lineCount)`. */
  setLines(length: number, source: Int32Array, from: number, lineCount: number): void {
    this.length = length;
    this.lineCount = lineCount;
    if (this.lineEnds.length < lineCount) this.lineEnds = new Int32Array(Math.max(lineCount, this.lineEnds.length * 2));
    this.lineEnds.set(source.subarray(from, from + lineCount));
  }
}
