import { readFileSync } from 'node:fs';
import { sharedPath } from '../../helpers/shared';
import type { Question } from '../../../server/dataset/model';
import type { AnswerInput } from '../../../server/store';

/**
 * Real questions for the store tests, read from ../shared/data with a minimal mapping of their own (the
 * dataset importers are tested elsewhere; here only the store's handling of real text matters).
 */
export function medqaQuestions(limit = 120): Question[] {
  const file = sharedPath('data', 'medqa_usmle.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, limit)
    .map((line, i) => {
      const row = JSON.parse(line) as { question: string; options: Record<string, string>; answer: string; answer_idx: string };
      return {
        id: `medqa-${i + 1}`,
        text: row.question,
        kind: 'multiple-choice' as const,
        options: row.options,
        reference: { answer: row.answer, label: row.answer_idx },
        source: { file, line: i + 1 },
      };
    });
}

interface O1Row {
  Question: string;
  Complex_CoT: string;
  Response: string;
}

function o1Rows(): O1Row[] {
  return JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as O1Row[];
}

/**
 * medical-o1 rows as model answers to the MedQA form of the same questions (the files hold the same 120
 * questions in the same order): raw output `<think>CoT</think>\n\nResponse`, split as the splitter would.
 */
export function o1AnswersFor(questions: readonly Question[], model: string): AnswerInput[] {
  const rows = o1Rows();
  return questions.map((q, i) => {
    const row = rows[i];
    if (!row) throw new Error(`no medical-o1 row ${i}`);
    return {
      questionId: q.id,
      model,
      raw: `<think>${row.Complex_CoT}</think>\n\n${row.Response}`,
      split: { reasoning: row.Complex_CoT.trim(), answer: row.Response.trim(), state: 'complete' as const, flags: [] },
      params: { temperature: 0.6, top_p: 0.95, max_tokens: 2048 },
      finishReason: 'stop',
      source: { file: `/answers/${model}.jsonl`, line: i + 1 },
    };
  });
}

/** The two real fine-tuned outputs of the seed study (one unclosed `<think>`), answering one question. */
export function seedOutputs(): { question: string; model: string; output: string }[] {
  return readFileSync(sharedPath('data', 'seed_model_answers.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { question: string; model: string; output: string });
}

export const TEST_RUBRIC = {
  key: 'med-palm-test',
  version: '1',
  hash: 'sha256-0000000000000000000000000000000000000000000000000000000000000001',
  body: JSON.stringify({ id: 'med-palm-test', version: '1', axes: [{ id: 'consensus' }, { id: 'harm' }] }),
};
