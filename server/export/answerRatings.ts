import { distinctRaters, meanOverallOf, type ExportAnswer, type ExportQuestion } from '../store';
import { countRead, countSkip } from './counts';
import type { ExportPlan } from './plan';
import type { ExportCounts } from './types';

/** Distinct raters who rated the answer. */
export function raterCount(entry: ExportAnswer): number {
  return distinctRaters(entry.ratings);
}

/** The overall score averaged over the raters who gave one; null when nobody did. */
export function meanOverall(entry: ExportAnswer): number | null {
  return meanOverallOf(entry.ratings);
}

/**
 * The questions of the stream with only their answers rated by at least `plan.minRaters` raters; what was
 * read, and the answers left out, are counted.
 */
export async function* withEnoughRaters(stream: AsyncIterable<ExportQuestion>, plan: Pick<ExportPlan, 'minRaters'>, counts: ExportCounts): AsyncGenerator<ExportQuestion> {
  for await (const q of stream) yield keepEnoughRaters(q, plan, counts);
}

/** One question of withEnoughRaters. */
export function keepEnoughRaters(q: ExportQuestion, plan: Pick<ExportPlan, 'minRaters'>, counts: ExportCounts): ExportQuestion {
  countRead(counts, q);
  const kept = q.answers.filter((entry) => raterCount(entry) >= plan.minRaters);
  countSkip(counts, BELOW_MIN_RATERS, q.answers.length - kept.length);
  return kept.length === q.answers.length ? q : { ...q, answers: kept };
}

/** Why an answer is left out when too few raters rated it (ExportCounts.skipped). */
export const BELOW_MIN_RATERS = 'answers-below-min-raters';

/**
 * Whether the answer has a final answer that is not only white space, read from its JSON-quoted bytes where
 * the stream handed those instead of the text (ExportAnswer.quoted).
 */
export function hasFinalAnswer(entry: ExportAnswer): boolean {
  const quoted = entry.quoted?.answer;
  return quoted ? quotedHasText(quoted) : entry.answer.split.answer.trim() !== '';
}

/**
 * Whether a JSON-quoted text holds more than white space, decoded only when it starts with white space, an
 * escape or a character beyond ASCII (any other character is not white space).
 */
function quotedHasText(quoted: Uint8Array): boolean {
  const first = quoted[1];
  if (first === undefined || first === QUOTE) return false;
  if (first > SPACE && first < 0x7f && first !== BACKSLASH) return true;
  return (JSON.parse(Buffer.from(quoted.buffer, quoted.byteOffset, quoted.byteLength).toString('utf8')) as string).trim() !== '';
}

const QUOTE = 0x22;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
