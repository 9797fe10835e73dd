import type { ModelAnswer, Question } from './model';
import type { ImportSink } from './sink';

/**
 * An ImportSink in memory. With `keep: false` it only counts, which is all a validation run needs;
 * with `keep: true` (the default) it holds everything for a small workspace's first screen.
 */
export class MemoryImportSink implements ImportSink {
  readonly questions: Question[] = [];
  readonly answers: ModelAnswer[] = [];
  questionCount = 0;
  answerCount = 0;
  private readonly keep: boolean;
  private readonly ids = new Set<string>();
  private readonly idByText = new Map<string, string>();

  constructor(options: { keep?: boolean } = {}) {
    this.keep = options.keep ?? true;
  }

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    if (ref.id !== undefined && this.ids.has(ref.id)) return ref.id;
    return ref.text !== undefined ? this.idByText.get(ref.text.trim()) : undefined;
  }

  addQuestions(questions: Question[]): void {
    this.questionCount += questions.length;
    if (!this.keep) return;
    for (const q of questions) {
      this.questions.push(q);
      this.ids.add(q.id);
      if (!this.idByText.has(q.text)) this.idByText.set(q.text, q.id);
    }
  }

  addAnswers(answers: ModelAnswer[]): void {
    this.answerCount += answers.length;
    if (this.keep) this.answers.push(...answers);
  }
}
