/**
 * `chosen`: one option (or label) is named as the answer; `ambiguous`: several different ones are;
 * `none`: nothing could be extracted.
 */
export type ExtractionState = 'chosen' | 'ambiguous' | 'none';

export interface Extraction {
  /** The option letter (multiple choice) or the label (yes/no/maybe), as given by the caller; null unless chosen. */
  choice: string | null;
  state: ExtractionState;
  /** The options or labels named as the answer: the chosen one, or all of them when ambiguous. */
  candidates: string[];
  /** A short excerpt of the answer that decided it, for the panel's tooltip; null when nothing was found. */
  evidence: string | null;
}

export const NOTHING_EXTRACTED: Readonly<Extraction> = Object.freeze({ choice: null, state: 'none', candidates: [], evidence: null });
