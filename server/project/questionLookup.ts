import type { QuestionLookup } from '../dataset';
import { textKey, type Store } from '../store';
import type { QuestionKeys } from '../store/queries/questionSets';
import { WORKSPACE_SET } from './datasetSync';

/**
 * The stored questions' ids and text keys, in memory, for checking an open answers file synchronously
 * against the project (diagnostics) without a query per row.
 */
export class StoredQuestionLookup implements QuestionLookup {
  private constructor(
    private readonly ids: Set<string>,
    private readonly byText: Map<string, string>,
  ) {}

  static empty(): StoredQuestionLookup {
    return new StoredQuestionLookup(new Set(), new Map());
  }

  static async load(store: Store): Promise<StoredQuestionLookup> {
    const keys: QuestionKeys = await store.questionKeys(WORKSPACE_SET);
    return new StoredQuestionLookup(new Set(keys.ids), new Map(keys.textKeys));
  }

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    if (ref.id !== undefined && this.ids.has(ref.id)) return ref.id;
    return ref.text === undefined ? undefined : this.byText.get(textKey(ref.text));
  }
}
