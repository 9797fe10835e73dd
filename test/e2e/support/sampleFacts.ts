import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sampleWorkspaceSource } from './workspace';

/**
 * What the sample workspace contains, read straight from its files with a general JSON/CSV reader (not
 * with the importer under test), so the end-to-end expectations follow the data.
 */
export interface SampleQuestion {
  id?: string;
  text: string;
  models: string[];
}

interface AnswerRow {
  question_id?: string;
  question?: string;
  model: string;
}

function jsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

function answerRows(): AnswerRow[] {
  const dir = join(sampleWorkspaceSource, 'answers');
  return readdirSync(dir).flatMap((f) => {
    const file = join(dir, f);
    if (f.endsWith('.jsonl')) return jsonl<AnswerRow>(file);
    if (f.endsWith('.csv')) return parse<AnswerRow>(readFileSync(file, 'utf8'), { columns: true, bom: true });
    return [];
  });
}

export function sampleQuestions(): SampleQuestion[] {
  const open = jsonl<{ Question: string }>(join(sampleWorkspaceSource, 'questions.jsonl')).map((q) => ({ text: q.Question }));
  const mcq = jsonl<{ id: string; question: string }>(join(sampleWorkspaceSource, 'medqa-style.jsonl')).map((q) => ({ id: q.id, text: q.question }));
  const rows = answerRows();
  return [...open, ...mcq].map((q: { id?: string; text: string }) => ({
    ...q,
    models: rows.filter((r) => (q.id && r.question_id === q.id) || r.question === q.text).map((r) => r.model).sort(),
  }));
}
