import type { ImportSink } from '../dataset';
import type { ModelAnswer, Question } from '../dataset/model';
import type { AnswerView, ListQuestionsParams, ListQuestionsResult, QuestionDetail, QuestionSummary } from '../protocol';

const TITLE_LENGTH = 160;

/** A stable id for an answer: the same file row or generation always gets the same id. */
export function answerId(a: ModelAnswer): string {
  return `${a.questionId}::${a.model}::${a.source.file}:${a.source.line}`;
}

function summary(q: Question, answerCount: number): QuestionSummary {
  const flat = q.text.replace(/\s+/g, ' ').trim();
  return {
    id: q.id,
    title: flat.length > TITLE_LENGTH ? flat.slice(0, TITLE_LENGTH - 1) + '…' : flat,
    kind: q.kind,
    answerCount,
    hasReference: q.reference !== undefined,
  };
}

function details(a: ModelAnswer): AnswerView['details'] {
  const out: AnswerView['details'] = { source: `${a.source.file}:${a.source.line}` };
  for (const [k, v] of Object.entries({ ...a.params, ...a.timings })) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (v !== undefined) out[k] = JSON.stringify(v);
  }
  return out;
}

export function answerView(a: ModelAnswer): AnswerView {
  return {
    id: answerId(a),
    model: a.model,
    reasoning: a.split.reasoning,
    answer: a.split.answer,
    state: a.split.state,
    flags: a.split.flags,
    finishReason: a.finishReason,
    details: details(a),
  };
}

/**
 * The questions and answers the server has loaded, indexed for the panel's list and detail requests.
 * Questions keep the order in which they were read. It is the importer's sink, so files stream into it.
 */
export class Catalog implements ImportSink {
  private readonly questions = new Map<string, Question>();
  private readonly answers = new Map<string, ModelAnswer[]>();
  private readonly idByText = new Map<string, string>();

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    if (ref.id !== undefined && this.questions.has(ref.id)) return ref.id;
    return ref.text !== undefined ? this.idByText.get(ref.text.trim()) : undefined;
  }

  addQuestions(questions: Question[]): void {
    for (const q of questions) {
      this.questions.set(q.id, q);
      if (!this.idByText.has(q.text.trim())) this.idByText.set(q.text.trim(), q.id);
    }
  }

  addAnswers(answers: ModelAnswer[]): void {
    for (const a of answers) {
      const list = this.answers.get(a.questionId) ?? [];
      list.push(a);
      this.answers.set(a.questionId, list);
    }
  }

  /** The first question read from `file`, or the first one `file` answers. */
  firstQuestionFrom(file: string): string | undefined {
    for (const q of this.questions.values()) if (q.source.file === file) return q.id;
    for (const [id, list] of this.answers) if (list.some((a) => a.source.file === file)) return id;
    return undefined;
  }

  get questionCount(): number {
    return this.questions.size;
  }

  get answerCount(): number {
    let n = 0;
    for (const list of this.answers.values()) n += list.length;
    return n;
  }

  list(p: ListQuestionsParams): ListQuestionsResult {
    const needle = p.search?.trim().toLowerCase();
    const matching = [...this.questions.values()].filter((q) => !needle || q.text.toLowerCase().includes(needle));
    const offset = Math.max(0, p.offset ?? 0);
    const limit = Math.max(1, Math.min(p.limit ?? 200, 1000));
    return {
      total: matching.length,
      questions: matching.slice(offset, offset + limit).map((q) => summary(q, this.answers.get(q.id)?.length ?? 0)),
    };
  }

  get(id: string): QuestionDetail | undefined {
    const q = this.questions.get(id);
    if (!q) return undefined;
    return {
      id: q.id,
      text: q.text,
      kind: q.kind,
      options: q.options,
      context: q.context,
      reference: q.reference,
      answers: (this.answers.get(id) ?? []).map(answerView),
      source: q.source,
    };
  }
}
