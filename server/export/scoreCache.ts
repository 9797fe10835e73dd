import type { RougeSettings } from '../metrics';
import type { CachedScores, ExportAnswer, StoredQuestion, Store } from '../store';
import { scoreAnswer, type AnswerScores } from './answerScores';

/**
 * Names the code that makes an answer's scores: bump it whenever server/metrics changes what ROUGE or the
 * choice extraction returns, so scores cached by the older code are not served (they stay in the table,
 * unused, under the old name).
 */
export const SCORER_VERSION = 'scores-1';

/** Scores made with other ROUGE settings are different scores: the settings are part of the cache key. */
export function scorerKey(settings: RougeSettings): string {
  return `${SCORER_VERSION};stemmer=${settings.useStemmer ? 1 : 0};types=${settings.types.join(',')}`;
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

  constructor(
    private readonly store: Store,
    private readonly settings: RougeSettings,
  ) {
    this.key = scorerKey(settings);
  }

  /** The scores; call `saveIfDue` between answers and `save` at the end so computed ones are kept. */
  scores(question: StoredQuestion, entry: ExportAnswer): AnswerScores {
    const cached = entry.cachedScores ? parseScores(entry.cachedScores) : undefined;
    if (cached) {
      this.cached++;
      return cached;
    }
    const scores = scoreAnswer(question, entry.answer, this.settings);
    this.pending.push({ answerUid: entry.answer.uid, scorer: this.key, scores: JSON.stringify(scores) });
    this.computed++;
    return scores;
  }

  async saveIfDue(): Promise<void> {
    if (this.pending.length >= SAVE_BATCH) await this.save();
  }

  async save(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.store.saveAnswerScores(batch);
  }
}

/** A cache row is the store's file, which anyone can edit: one that is not scores is recomputed, not trusted. */
function parseScores(text: string): AnswerScores | undefined {
  try {
    const value = JSON.parse(text) as Partial<AnswerScores> | null;
    if (typeof value !== 'object' || value === null || typeof value.rouge !== 'object' || value.rouge === null || !('accuracy' in value)) return undefined;
    return value as AnswerScores;
  } catch {
    return undefined;
  }
}
