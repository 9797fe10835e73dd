/**
 * Degenerate repetition: a model stuck in a loop (often one fed a chat template it was not trained on)
 * repeats a line or a phrase until it runs out of tokens. Real answers repeat list markers and short
 * headings, so only long runs of the same non-trivial line, or a long phrase recurring many times at the
 * end of the text, count.
 */

/** Identical non-blank lines in a row (blank lines between them ignored) that mark a loop. */
const LINE_RUN = 5;
const MIN_LINE_LENGTH = 8;
/** A phrase this long recurring this often near the end marks a loop that ran into the token limit. */
const PROBE = 16;
const TAIL_REPEATS = 8;
const TAIL_WINDOW = 1000;
/**
 * Probes end this far from the end. A loop often varies one character per turn (a counter, stray
 * punctuation) or stops mid-phrase; for turns of 26 characters or more, one of these probes misses the
 * varying character.
 */
const PROBE_OFFSETS = [0, 10, 20];

/**
 * Checks both parts for looping lines, and the end of the output (the answer, or the reasoning when
 * there is no answer) for a looping phrase: a loop only stops at the token limit.
 */
export function hasDegenerateRepetition(reasoning: string, answer: string): boolean {
  return hasRepeatedLines(reasoning) || hasRepeatedLines(answer) || hasRepeatingTail((answer || reasoning).trimEnd());
}

function hasRepeatedLines(text: string): boolean {
  let previous = '';
  let run = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    if (line === previous) {
      run++;
      if (run >= LINE_RUN && line.length >= MIN_LINE_LENGTH) return true;
    } else {
      previous = line;
      run = 1;
    }
  }
  return false;
}

function hasRepeatingTail(text: string): boolean {
  const tail = text.length > TAIL_WINDOW ? text.slice(text.length - TAIL_WINDOW) : text;
  for (const offset of PROBE_OFFSETS) {
    const end = tail.length - offset;
    if (end - PROBE < 0) break;
    const probe = tail.slice(end - PROBE, end);
    if (!/\S/.test(probe)) continue;
    if (occurrences(tail, probe, TAIL_REPEATS) >= TAIL_REPEATS) return true;
  }
  return false;
}

/** Occurrences of `probe` in `text` (overlapping ones included), counting no further than `enough`. */
function occurrences(text: string, probe: string, enough: number): number {
  let count = 0;
  let at = text.indexOf(probe);
  while (at >= 0 && count < enough) {
    count++;
    at = text.indexOf(probe, at + 1);
  }
  return count;
}
