import type { FieldReader } from './formats/fieldReader';
import { readMedicalO1, type QuestionRecord } from './formats/medicalO1';
import { readMedqa } from './formats/medqa';
import { readPubmedqa } from './formats/pubmedqa';
import type { DatasetFormat } from './model';
import type { ParseContext, ParsedBatch } from './parseContext';

const READERS: Record<Exclude<DatasetFormat, 'model-answers'>, (r: FieldReader) => QuestionRecord | undefined> = {
  'medical-o1': readMedicalO1,
  medqa: readMedqa,
  pubmedqa: readPubmedqa,
};

/** Reads one question record; true when it was taken (valid and its id not seen before in this run). */
export function takeQuestion(format: Exclude<DatasetFormat, 'model-answers'>, r: FieldReader, ctx: ParseContext, out: ParsedBatch): boolean {
  const read = READERS[format](r);
  if (!read) return false;
  const { question, textKey, idField } = read;
  const first = ctx.index.firstWithId(question.id);
  if (first) {
    const derived = idField === undefined && r.record.key === undefined;
    const where = `${first.file}:${first.line}`;
    const message = derived ? `duplicate question: the same text as the question at ${where}` : `duplicate id '${question.id}': already used by the question at ${where}`;
    if (r.record.key !== undefined && r.record.keyPosition) {
      r.problems.push({ file: ctx.file, ...r.record.keyPosition, message, severity: 'error', code: 'duplicate-id' });
      return false;
    }
    r.report(idField ? [idField] : [], 'duplicate-id', message);
    return false;
  }
  ctx.index.add(question.id, textKey, question.source);
  out.questions.push(question);
  return true;
}
