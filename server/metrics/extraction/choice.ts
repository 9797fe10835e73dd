import { normalizeAnswer } from './answerText';
import { findLetterReferences } from './letterReferences';
import { decide } from './occurrence';
import { findOptionTexts } from './optionTexts';
import { NOTHING_EXTRACTED, type Extraction } from './types';

/**
 * The option a model chose in a multiple-choice final answer, named by letter (`D`, `(D)`, `D.`,
 * `Answer: D`, `the correct answer is d`) or by the option's text (`Nitrofurantoin`), in any case.
 * `options` maps letters to texts (MedQA's `options`); the result's `choice` is one of its keys.
 */
export function extractChoice(answer: string, options: Readonly<Record<string, string>>): Extraction {
  const text = normalizeAnswer(answer);
  const keys = Object.keys(options).filter((k) => k.trim() !== '');
  if (text === '' || keys.length === 0) return { ...NOTHING_EXTRACTED };
  const usable = Object.fromEntries(keys.map((k) => [k, options[k] ?? '']));
  const occurrences = [...findLetterReferences(text, usable), ...findOptionTexts(text, usable)];
  return decide(occurrences, keys, text);
}
