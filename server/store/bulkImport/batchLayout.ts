/**
 * The form in which the parse worker hands questions and answers to the thread that writes them: every text
 * (the long ones and the short ones: ids, uids, model names) as UTF-8 in one byte buffer, and per record a
 * fixed number of numbers in a Float64Array: its line, and [start, end) byte ranges of its texts. Both are
 * transferred, not copied, and the writer binds slices of the bytes without encoding the text again.
 *
 * Nothing per record is held as a JavaScript object or string until the batch is posted: a batch of
 * thousands of rows kept alive across several young-generation collections promotes all of it to the old
 * generation, and the worker then spent a third of its time in full collections. Posting many small
 * objects would also cost a structured clone of each on both sides.
 *
 * Question `i` owns `questions[i * QUESTION_NUMBERS + field]`, answer `i` owns
 * `answers[i * ANSWER_NUMBERS + field]`. `ABSENT` as a range's start means the value is absent (NULL).
 */
export interface EncodedBatch {
  questionCount: number;
  answerCount: number;
  bytes: Uint8Array;
  /** QUESTION_NUMBERS per question. */
  questions: Float64Array;
  /** ANSWER_NUMBERS per answer. */
  answers: Float64Array;
  /** UTF-8 bytes of the rows' content: what the writer counts toward a transaction's size. */
  textBytes: number;
}

export const ABSENT = -1;

/** A question record: its line, then the start of each [start, end) byte range. */
export const Q = {
  line: 0,
  extId: 1,
  uid: 3,
  textKey: 5,
  kind: 7,
  file: 9,
  label: 11,
  text: 13,
  options: 15,
  context: 17,
  reference: 19,
  reasoning: 21,
} as const;
export const QUESTION_NUMBERS = 23;

/**
 * An answer record: its line, byte ranges, and its two split parts. `assumedQuestionUid` is the uid of the
 * question the worker believed the answer belongs to; `uid` was computed from it. The writer recomputes
 * `uid` when the set holds another question under that id (a rejected duplicate), which the worker cannot
 * know. A split part (reasoning, answer) is either a slice of the raw output or of the server's reasoning
 * (`source` 0 or 1, with `start` and `end` in UTF-16 units, as the reader slices them), or its own text
 * (`source` ABSENT and a byte range at `text`).
 */
export const A = {
  line: 0,
  questionId: 1,
  assumedQuestionUid: 3,
  uid: 5,
  model: 7,
  state: 9,
  flags: 11,
  finishReason: 13,
  params: 15,
  timings: 17,
  file: 19,
  raw: 21,
  serverReasoning: 23,
  reasoningSource: 25,
  reasoningStart: 26,
  reasoningEnd: 27,
  reasoningText: 28,
  answerSource: 30,
  answerStart: 31,
  answerEnd: 32,
  answerText: 33,
} as const;
export const ANSWER_NUMBERS = 35;
