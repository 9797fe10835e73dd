import { excerpt } from './answerText';
import type { Extraction } from './types';

/**
 * One place where an answer names an option (by letter or by text) or a label, with what its context says:
 * named *as the answer* ("the answer is D", "D is correct"), or only mentioned, and whether it is negated
 * ("not D", "D is wrong": strong; "C is unlikely", "contraindicated": weak, as in a differential).
 */
export interface Occurrence {
  key: string;
  start: number;
  end: number;
  declared: boolean;
  negation: 'strong' | 'weak' | null;
}

/**
 * Decides from all occurrences: options named as the answer win, minus those explicitly negated elsewhere
 * ("the answer is D ... no, D is wrong; the answer is C"). Without any, a single option mentioned without
 * negation is taken; several different ones make the answer ambiguous. `order` lists the keys in display
 * order (candidates are reported in it).
 */
export function decide(occurrences: readonly Occurrence[], order: readonly string[], text: string): Extraction {
  const stronglyNegated = new Set(occurrences.filter((o) => o.negation === 'strong' && !o.declared).map((o) => o.key));
  const declared = occurrences.filter((o) => o.declared && o.negation !== 'strong');
  if (declared.length > 0) {
    const kept = declared.filter((o) => !stronglyNegated.has(o.key));
    // Every declared option is also negated somewhere: the answer contradicts itself.
    return verdict(kept.length > 0 ? kept : declared, order, text, kept.length === 0);
  }
  const mentioned = occurrences.filter((o) => o.negation === null && !stronglyNegated.has(o.key));
  if (mentioned.length === 0) return { choice: null, state: 'none', candidates: [], evidence: null };
  return verdict(mentioned, order, text, false);
}

function verdict(deciding: readonly Occurrence[], order: readonly string[], text: string, contradictory: boolean): Extraction {
  const keys = new Set(deciding.map((o) => o.key));
  const candidates = order.filter((k) => keys.has(k));
  const first = [...deciding].sort((a, b) => a.start - b.start)[0];
  const evidence = first ? excerpt(text, first.start, first.end) : null;
  if (candidates.length === 1 && !contradictory) return { choice: candidates[0] ?? null, state: 'chosen', candidates, evidence };
  return { choice: null, state: 'ambiguous', candidates, evidence };
}
