import { basename, extname } from 'node:path';
import { splitThink, type SplitOptions } from '../think';
import type { FieldReader } from './formats/fieldReader';
import { readModelAnswer, type AnswerDraft } from './formats/modelAnswer';
import type { ModelAnswer } from './model';
import type { ParseContext, ParsedBatch } from './parseContext';
import { derivedQuestionId, questionTextKey } from './questionIds';

/** Per-file state of answer reading: the (question, model, sample) keys seen, to catch duplicates. */
export class AnswerIntake {
  /**
   * Line of each answer taken, by model and sample, then by question id. Nested so that an entry holds the
   * question's id string (shared with the question index) instead of a new key string per row: flat keys
   * were a third of a 300,000-answer import's live memory.
   */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly defaultModel: string;
  private readonly splitOptions: SplitOptions;

  constructor(private readonly ctx: ParseContext) {
    this.defaultModel = ctx.options.model ?? basename(ctx.file, extname(ctx.file));
    this.splitOptions = ctx.options.tagNames ? { tagNames: ctx.options.tagNames } : {};
  }

  /** Reads one model-answer row; true when it was taken. */
  take(r: FieldReader, out: ParsedBatch): boolean {
    const draft = readModelAnswer(r);
    if (!draft) return false;
    const questionId = this.resolveQuestion(draft, r, out);
    if (questionId === undefined) return false;
    const model = draft.model ?? this.defaultModel;
    const group = `${model}\u0000${draft.sample ?? ''}`;
    let lines = this.seen.get(group);
    if (!lines) this.seen.set(group, (lines = new Map<string, number>()));
    const firstLine = lines.get(questionId);
    if (firstLine !== undefined) {
      const sample = draft.sample === undefined ? '' : ` (sample ${draft.sample})`;
      r.report([], 'duplicate-answer', `duplicate answer: model '${model}' already answered question '${questionId}'${sample} at line ${firstLine}; give each sample a distinct 'sample' number`);
      return false;
    }
    lines.set(questionId, r.record.line);
    out.answers.push(this.toAnswer(draft, questionId, model, r));
    return true;
  }

  private toAnswer(draft: AnswerDraft, questionId: string, model: string, r: FieldReader): ModelAnswer {
    const split = splitThink({ output: draft.raw, reasoning: draft.reasoning, thinkOpenedByPrompt: draft.thinkOpenedByPrompt, prompt: draft.prompt }, this.splitOptions);
    const answer: ModelAnswer = { questionId, model, raw: draft.raw, split, source: { file: this.ctx.file, line: r.record.line } };
    if (draft.reasoning !== undefined) answer.serverReasoning = draft.reasoning;
    if (draft.params) answer.params = draft.params;
    if (draft.timings) answer.timings = draft.timings;
    if (draft.finishReason !== undefined) answer.finishReason = draft.finishReason;
    if (draft.prompt !== undefined) answer.prompt = draft.prompt;
    if (draft.sample !== undefined) answer.sample = draft.sample;
    return answer;
  }

  /** The id of the question the answer is for, by id first, then by exact text; reports when none. */
  private resolveQuestion(draft: AnswerDraft, r: FieldReader, out: ParsedBatch): string | undefined {
    const { index, lookup } = this.ctx;
    const id = draft.questionId;
    if (id !== undefined && (index.hasId(id) || lookup?.findQuestion({ id }) !== undefined)) {
      this.checkTextAgrees(draft, id, r);
      return id;
    }
    const text = draft.questionText?.trim();
    const textKey = text !== undefined ? questionTextKey(text) : undefined;
    const byText = textKey !== undefined ? (index.idForText(textKey) ?? lookup?.findQuestion({ text })) : undefined;
    if (byText !== undefined) {
      if (id !== undefined) r.report([draft.questionIdField ?? 'question_id'], 'unknown-question-id', `no question has id '${id}'; matched by the question text instead`, 'warning');
      return byText;
    }
    if (!lookup) return id ?? (textKey !== undefined ? derivedQuestionId('q', textKey) : undefined);
    if (this.ctx.options.createMissingQuestions && text !== undefined && textKey !== undefined) {
      const newId = id ?? derivedQuestionId('q', textKey);
      const source = { file: this.ctx.file, line: r.record.line };
      index.add(newId, textKey, source);
      out.questions.push({ id: newId, text, kind: 'open', source });
      return newId;
    }
    if (id !== undefined) r.report([draft.questionIdField ?? 'question_id'], 'unknown-question', `no imported question has id '${id}'${text !== undefined ? ' or exactly this question text' : ''}`);
    else r.report(['question'], 'unknown-question', 'no imported question has exactly this text');
    return undefined;
  }

  private checkTextAgrees(draft: AnswerDraft, id: string, r: FieldReader): void {
    if (draft.questionText === undefined) return;
    const known = this.ctx.index.textKeyOf(id);
    if (known !== undefined && known !== questionTextKey(draft.questionText)) {
      r.report(['question'], 'question-text-differs', `the question text differs from that of question '${id}' (matched by id)`, 'warning');
    }
  }
}
