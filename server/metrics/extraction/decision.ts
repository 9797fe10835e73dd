import { escapeRegExp, normalizeAnswer } from './answerText';
import { decide, type Occurrence } from './occurrence';
import { NOTHING_EXTRACTED, type Extraction } from './types';

/** PubMedQA's `final_decision` labels. */
export const PUBMEDQA_LABELS: readonly string[] = ['yes', 'no', 'maybe'];

/**
 * A yes/no/maybe decision (PubMedQA), or any other small label set, from a final answer. A label counts only
 * where it is stated as the decision: the whole answer ("Yes."), its first word followed by punctuation
 * ("No, the study ..."), or after a cue ("the answer is maybe", "Final decision: no", "In conclusion, yes",
 * "\boxed{yes}"). "No significant difference was found" or "there is no evidence" are not decisions.
 * Different labels stated as the decision make the answer ambiguous.
 */
export function extractDecision(answer: string, labels: readonly string[] = PUBMEDQA_LABELS): Extraction {
  const text = normalizeAnswer(answer);
  const usable = labels.filter((l) => l.trim() !== '');
  if (text === '' || usable.length === 0) return { ...NOTHING_EXTRACTED };
  const occurrences: Occurrence[] = [];
  for (const label of usable) occurrences.push(...statedAs(text, label));
  return decide(occurrences, usable, text);
}

const QUOTE_OPEN = `["'(\\[]?`;
const QUOTE_CLOSE = `["')\\]]?`;
const ENDS_STATEMENT = String.raw`(?=\s*(?:$|[,.;:!?\n)\]]|-)|\s+(?:because|as|since|given|based|with|it|this|there|the)\b)`;
const CUE =
  String.raw`(?:\b(?:final\s+)?answers?(?:\s+to\s+(?:the|this)\s+question)?|\bfinal\s+decision|\bdecision|\bconclusion|\bverdict` +
  String.raw`|\bin\s+(?:conclusion|summary|short)|\b(?:so|thus|hence|therefore|overall))` +
  String.raw`\s*(?:(?:is|would\s+be|should\s+be|:|=|-)\s*)?[,:]?\s*`;

function statedAs(text: string, label: string): Occurrence[] {
  const l = escapeRegExp(label);
  const whole = new RegExp(String.raw`^\s*(?:(?:the\s+)?(?:final\s+)?(?:answer|decision)\s*(?:is)?\s*[:=-]?\s*)?${QUOTE_OPEN}(${l})${QUOTE_CLOSE}\s*[.!]?\s*$`, 'i');
  const m = whole.exec(text);
  if (m) return [{ key: label, start: 0, end: text.length, declared: true, negation: null }];
  const found: Occurrence[] = [];
  // "Yes it does" is a decision; "No significant ..." or "Maybe the drug ..." need punctuation to be one.
  const leadFollow = label.toLowerCase() === 'yes' ? String.raw`(?=\s*(?:$|[,.;:!\n-])|\s+\p{L})` : String.raw`(?=\s*(?:$|[,.;:!\n-]))`;
  const leading = new RegExp(String.raw`^\s*${QUOTE_OPEN}(${l})${QUOTE_CLOSE}${leadFollow}`, 'iu');
  const lead = leading.exec(text);
  if (lead) found.push({ key: label, start: lead.index, end: lead.index + lead[0].length, declared: true, negation: null });
  const cued = new RegExp(`${CUE}${QUOTE_OPEN}(${l})${QUOTE_CLOSE}${ENDS_STATEMENT}`, 'gi');
  for (const c of text.matchAll(cued)) found.push({ key: label, start: c.index, end: c.index + c[0].length, declared: true, negation: null });
  return found;
}
