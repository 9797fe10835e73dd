import type { RougeSettings } from '../metrics';
import { jsonOrNull, type CachedScores, type ExportAnswer, type ExportQuestion, type StoredAnswer, type StoredQuestion, type Store } from '../store';
import { scoreAnswer, type AnswerScores } from './answerScores';

/**
 * Names the code that makes an answer's scores: bump it whenever server/metrics changes what ROUGE or the
 * choice extraction returns, or what a cache row says, so rows made by the older code are not served (they
 * stay in the table, unused, under the old name). 2: `plain_text` also says the JSON columns are as the
 * store writes them (CachedScores.written).
 */
export const SCORER_VERSION = 'scores-2';

/** Scores made with other ROUGE settings are different scores: the settings are part of the cache key. */
export function scorerKey(settings: RougeSettings): string {
  return `${SCORER_VERSION};stemmer=${settings.useStemmer ? 1 : 0};types=${settings.types.join(',')}`;
}

/**
 * Texts SQLite cannot cut at JavaScript's offsets: a character outside the BMP takes two UTF-16 units in
 * JavaScript and one character in SQLite, and SQLite's substr() ends a text at its first NUL.
 */
const SURROGATE = /[\uD800-\uDFFF]/;
const cuttable = (text: string): boolean => !SURROGATE.test(text) && !text.includes('\u0000');

/** The score cache's row of an answer's scores. */
export function cacheRow(question: StoredQuestion, answer: StoredAnswer, scorer: string, scores: AnswerScores): CachedScores {
  return {
    answerUid: answer.uid,
    scorer,
    scores: JSON.stringify(scores),
    plainText: cuttable(answer.raw) && cuttable(answer.serverReasoning ?? ''),
    written: {
      params: jsonOrNull(answer.params),
      usage: jsonOrNull(answer.generation?.usage),
      timings: jsonOrNull(answer.timings),
      options: jsonOrNull(question.options),
      context: jsonOrNull(question.context),
    },
  };
}

/** Scores computed anew are saved in batches of this many, each one short write transaction. */
const SAVE_BATCH = 1_000;

/**
 * An answer's scores from the store's cache (read with the answer by Store.streamExport with this scorer's
 * key), or computed and queued for the cache when there are none, so only the first export of an answer
 * pays for ROUGE and the extraction (0.1-0.5 ms an answer, most of an uncached export's time).
 */
export class AnswerScoring {
  readonly key: string;
  private pending: CachedScores[] = [];
  /** Answers scored from the cache, and anew. */
  cached = 0;
  computed = 0;
  /** Why computed scores could not be cached (the first failure; no more attempts after it). */
  notKept: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly settings: RougeSettings,
  ) {
    this.key = scorerKey(settings);
  }

  /**
   * The scores of an answer to `q`; call `saveIfDue` between answers and `save` at the end so computed ones
   * are kept.
   */
  async scores(q: Pick<ExportQuestion, 'question' | 'textsOmitted'>, entry: ExportAnswer): Promise<AnswerScores> {
    const cached = entry.cachedScores ? parseScores(entry.cachedScores) : undefined;
    if (cached) {
      this.cached++;
      return cached;
    }
    // A cache row that is JSON but not scores: the stream left the texts out, trusting it.
    const answer = entry.textsOmitted ? await this.fullAnswer(entry.answer.uid) : entry.answer;
    const question = q.textsOmitted ? await this.fullQuestion(q.question.uid) : q.question;
    return this.scoreAnew(question, answer);
  }

  /**
   * The scores of an answer whose cache row SQLite handed over already parsed (the summary's rows): those,
   * or, when the row is JSON but not scores, scores computed from the texts as the store holds them.
   */
  async scoresFromRow(questionUid: string, answerUid: string, row: unknown): Promise<AnswerScores> {
    const cached = asScores(row);
    if (cached) {
      this.cached++;
      return cached;
    }
    return this.scoreAnew(await this.fullQuestion(questionUid), await this.fullAnswer(answerUid));
  }

  private scoreAnew(question: StoredQuestion, answer: StoredAnswer): AnswerScores {
    const scores = scoreAnswer(question, answer, this.settings);
    this.pending.push(cacheRow(question, answer, this.key, scores));
    this.computed++;
    return scores;
  }

  /** Answers are never changed once stored (their uid is their content's), so reading one later reads the same. */
  private async fullAnswer(uid: string): Promise<StoredAnswer> {
    const [answer] = await this.store.getAnswers([uid]);
    if (!answer) throw new Error(`internal: answer ${uid} is gone from the review database`);
    return answer;
  }

  /**
   * The question as the store holds it now rather than at the export's moment: only a cache row that is not
   * scores (a hand edit) leads here, and a question's text or reference changing drops its scores anyway.
   */
  private async fullQuestion(uid: string): Promise<StoredQuestion> {
    return (await this.store.getQuestion(uid)).question;
  }

  async saveIfDue(): Promise<void> {
    if (this.pending.length >= SAVE_BATCH) await this.save();
  }

  /**
   * The cache only saves time: when it cannot be written (a full disk, a database another program keeps
   * locked), the export goes on with the scores it computed, and `notKept` says why the next one will
   * compute them again.
   */
  async save(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    if (this.notKept !== undefined) return;
    try {
      await this.store.saveAnswerScores(batch);
    } catch (err) {
      this.notKept = err instanceof Error ? err.message : String(err);
    }
  }
}

/** A cache row is the store's file, which anyone can edit: one that is not scores is recomputed, not trusted. */
function parseScores(text: string): AnswerScores | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return asScores(value);
}

function asScores(value: unknown): AnswerScores | undefined {
  const v = value as Partial<AnswerScores> | null;
  if (typeof v !== 'object' || v === null || typeof v.rouge !== 'object' || v.rouge === null || !('accuracy' in v)) return undefined;
  return v as AnswerScores;
}
