import { derivedQuestionId, questionTextKey } from '../questionIds';
import type { FieldReader } from './fieldReader';
import type { QuestionRecord } from './medicalO1';

/** MedQA-USMLE: `question`, `options` (letter to text), `answer_idx`, `answer`; an optional `id`. */
export function readMedqa(r: FieldReader): QuestionRecord | undefined {
  const text = r.string('question', true);
  const options = readOptions(r);
  const letter = r.string('answer_idx', true)?.trim();
  const answer = r.string('answer');
  const ownId = r.id('id');
  if (options && letter !== undefined && !(letter in options)) {
    r.report(['answer_idx'], 'invalid-value', `'answer_idx' is '${letter}', which is not one of the options (${Object.keys(options).join(', ')})`);
  }
  if (r.hasErrors || text === undefined || options === undefined || letter === undefined) return undefined;
  const correct = options[letter] as string;
  if (answer !== undefined && answer.trim() !== correct.trim()) {
    r.report(['answer'], 'answer-mismatch', `'answer' differs from option ${letter} ("${correct}"); option ${letter} is used as the reference`, 'warning');
  }
  const textKey = questionTextKey(text);
  return {
    textKey,
    idField: ownId !== undefined ? 'id' : undefined,
    question: {
      id: ownId ?? derivedQuestionId('medqa', textKey),
      text: text.trim(),
      kind: 'multiple-choice',
      options,
      reference: { answer: correct.trim(), label: letter },
      source: { file: r.file, line: r.record.line },
    },
  };
}

/** The options in letter order; each key one letter A..Z, each value text, at least two of them. */
function readOptions(r: FieldReader): Record<string, string> | undefined {
  const raw = r.object('options', true);
  if (!raw) return undefined;
  const letters = Object.keys(raw).sort();
  let ok = true;
  for (const letter of letters) {
    if (!/^[A-Z]$/.test(letter)) {
      r.report(['options', letter], 'invalid-value', `option key '${letter}' must be a single capital letter A..Z`);
      ok = false;
    } else if (!isText(raw[letter])) {
      r.wrongType(['options', letter], 'non-empty text', raw[letter]);
      ok = false;
    }
  }
  if (ok && letters.length < 2) {
    r.report(['options'], 'invalid-value', `a multiple-choice question needs at least two options, found ${letters.length}`);
    ok = false;
  }
  if (!ok) return undefined;
  const options: Record<string, string> = {};
  for (const letter of letters) options[letter] = (raw[letter] as string).trim();
  return options;
}

function isText(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}
