import { join } from 'node:path';
import { raterIdentity } from '../../../server/project/raterIdentity';
import { openStore, type Store } from '../../../server/store';

/** Reads a workspace's review database while the extension has it open (the store shares it safely). */
export async function withReviewDatabase<T>(workspace: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(join(workspace, '.medreview', 'review.sqlite'), { create: false });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

export function storedRatings(workspace: string): Promise<number> {
  return withReviewDatabase(workspace, async (store) => {
    let n = 0;
    for await (const r of store.streamRatings()) if (r) n++;
    return n;
  });
}

/**
 * Waits until a draft of the extension's rater is in the database (a draft is saved silently, so the page
 * shows nothing to wait on). The extension rates as the OS user when `medreview.rater.id` is not set.
 */
export async function waitForDraft(workspace: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const hasDraft = (store: Store): Promise<boolean> =>
    store.listQuestions({ limit: 50 }).then(async ({ rows }) => {
      for (const r of rows) if ((await store.getQuestion(r.uid, raterIdentity(''))).drafts.length) return true;
      return false;
    });
  while (!(await withReviewDatabase(workspace, hasDraft))) {
    if (Date.now() > deadline) throw new Error('no draft was stored');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
