import { generationKey, keyOfResult, type GenerationResult, type GenerationSink } from '../inference';
import type { JobItem, Store } from '../store';
import { answerInputOf } from './storedAnswer';
import type { TemplateSource } from './templateRefs';

/** Failures that would fail the same way again for the same prompt: the item is closed as failed. */
const PERMANENT = new Set(['context-overflow', 'bad-request']);

export function keyOfItem(item: Pick<JobItem, 'questionUid' | 'model' | 'templateHash'>): string {
  return generationKey(item.questionUid, item.model, item.templateHash || undefined);
}

/**
 * The batch runner's sink for a store job: the items this process claimed are the work; a complete
 * generation is stored and its item marked done in one transaction; anything else puts the item back in the
 * queue (cancelled, cut off, server trouble) or, when retrying cannot help, closes it as failed. Partial text
 * from a batch is not kept: the item will be generated again.
 */
export class StoreJobSink implements GenerationSink {
  private readonly open = new Map<string, JobItem>();

  constructor(
    private readonly store: Store,
    claimed: readonly JobItem[],
    private readonly plannedKeys: ReadonlySet<string>,
    private readonly templates: ReadonlyMap<string, TemplateSource>,
    private readonly onStored: (item: JobItem, answerUid: string) => void,
  ) {
    for (const item of claimed) this.open.set(keyOfItem(item), item);
  }

  /** Everything the batch would plan except the claimed items: done, failed, or someone else's. */
  doneKeys(): Promise<Set<string>> {
    return Promise.resolve(new Set([...this.plannedKeys].filter((k) => !this.open.has(k))));
  }

  async save(result: GenerationResult): Promise<void> {
    const key = keyOfResult(result);
    const item = this.open.get(key);
    if (!item) return;
    this.open.delete(key);
    const template = this.templates.get(item.templateHash);
    if (result.status === 'complete' && template) {
      this.onStored(item, await this.store.completeJobItem(item.id, answerInputOf(result, template)));
      return;
    }
    const why = result.error?.message ?? result.status;
    await this.store.failJobItem(item.id, `${result.status}: ${why}`, !PERMANENT.has(result.error?.kind ?? ''));
  }

  /** Claimed items that never ran (cancelled before their turn, endpoints down): back to the queue. */
  async releaseUnrun(reason: string): Promise<number> {
    const left = [...this.open.values()];
    this.open.clear();
    for (const item of left) await this.store.failJobItem(item.id, reason, true);
    return left.length;
  }
}
