import { createHash } from 'node:crypto';

/**
 * Blind order: the order in which one rater sees the answers to one question. Each answer gets a
 * SHA-256 rank of (rater, question, answer key) and the answers are sorted by rank. Because the ranks
 * are independent and uniform, every permutation is equally likely; because they come from a hash,
 * the order is the same on every run and every machine; and because each answer's rank does not depend
 * on the others, adding a model's answer later does not reshuffle the answers a rater has already seen.
 */
export function blindOrder(raterId: string, questionId: string, answerKeys: readonly string[]): string[] {
  return answerKeys
    .map((key, index) => ({ key, index, rank: blindRank(raterId, questionId, key) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.index - b.index))
    .map((entry) => entry.key);
}

/** The same order applied to any items, given how to get each item's stable key (its answer id). */
export function blindShuffle<T>(items: readonly T[], keyOf: (item: T) => string, raterId: string, questionId: string): T[] {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  // Duplicate keys keep their input order among themselves (the sort is stable).
  return blindOrder(raterId, questionId, [...byKey.keys()]).flatMap((key) => byKey.get(key) ?? []);
}

/** "A", "B", ..., "Z", "AA", ...: the name an answer goes by while its model is hidden. */
export function blindLabel(position: number): string {
  let n = position;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

function blindRank(raterId: string, questionId: string, answerKey: string): string {
  // Length-prefixed fields: ("ab", "c") and ("a", "bc") must not hash alike.
  const fields = ['medreview-blind-order-v1', raterId, questionId, answerKey].map((f) => `${f.length}:${f}`).join('|');
  return createHash('sha256').update(fields, 'utf8').digest('hex');
}
