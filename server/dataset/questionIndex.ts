import type { SourceLocation } from './model';

interface Entry {
  textKey: string;
  source: SourceLocation;
}

/**
 * The questions read in this import run, by id and by text key, so that duplicates are caught and
 * answers find their question before anything is stored. Keeps ids and hashes, not texts.
 */
export class QuestionIndex {
  private readonly byId = new Map<string, Entry>();
  private readonly idByText = new Map<string, string>();

  get size(): number {
    return this.byId.size;
  }

  /** Where an earlier question with this id was read, if there was one. */
  firstWithId(id: string): SourceLocation | undefined {
    return this.byId.get(id)?.source;
  }

  add(id: string, textKey: string, source: SourceLocation): void {
    this.byId.set(id, { textKey, source });
    if (!this.idByText.has(textKey)) this.idByText.set(textKey, id);
  }

  hasId(id: string): boolean {
    return this.byId.has(id);
  }

  textKeyOf(id: string): string | undefined {
    return this.byId.get(id)?.textKey;
  }

  idForText(textKey: string): string | undefined {
    return this.idByText.get(textKey);
  }
}
