import { html, nothing, type TemplateResult } from 'lit';
import type { Rubric } from '../../server/rubric/types';
import { revealInvisible } from '../invisibleChars';
import type { AnswerView, QuestionDetail } from '../protocol';
import type { FormField, FormValue, RatingForm } from '../ratingForm';
import type { LiveGeneration } from '../liveGenerations';
import { answerCard } from './answerCard';
import { liveCard } from './liveCard';
import { preferenceControl, type PreferenceProps } from './preferenceControl';

export interface QuestionViewProps {
  rubric: Rubric | undefined;
  form(answerId: string): RatingForm | undefined;
  focusedAnswer: number;
  focusedField: number;
  reasoningOpen: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
  /** Answers generated while the panel was open: marked, since they join the end of the list unannounced. */
  fresh: ReadonlySet<string>;
  onExpand(answerId: string): void;
  onToggleReasoning(answerId: string, open: boolean): void;
  onFocusAnswer(index: number): void;
  onFocusField(answerIndex: number, field: number): void;
  onChoose(answer: AnswerView, field: FormField, value: FormValue): void;
  onComment(answer: AnswerView, text: string): void;
  onSave(answer: AnswerView): void;
  onFlag(answer: AnswerView): void;
  onCopy(answer: AnswerView): void;
  correcting: string | undefined;
  onToggleCorrect(answer: AnswerView): void;
  onCorrect(answer: AnswerView, value: string | null): void;
  preference: Omit<PreferenceProps, 'answers'>;
  onRegenerate(answer: AnswerView, choose: boolean): void;
  /** Generations streaming into this question right now. */
  live: LiveGeneration[];
  onCancelGeneration(generationId: string): void;
}

/** What a physician may correct an extracted choice to: the option letters, or the PubMedQA labels. */
function accuracyChoices(q: QuestionDetail): string[] {
  if (q.options) return Object.keys(q.options);
  return q.kind === 'yes-no-maybe' ? ['yes', 'no', 'maybe'] : [];
}

function options(q: QuestionDetail): TemplateResult | typeof nothing {
  if (!q.options) return nothing;
  return html`<ol class="options">
    ${Object.entries(q.options).map(
      ([letter, text]) => html`<li data-letter=${letter} class=${q.reference?.label === letter ? 'correct' : ''}><b>${letter}.</b> ${revealInvisible(text).text}</li>`,
    )}
  </ol>`;
}

function context(q: QuestionDetail): TemplateResult | typeof nothing {
  if (!q.context?.length) return nothing;
  return html`<vscode-collapsible class="context" heading="Context (${q.context.length} passages)">
    ${q.context.map((p) => html`<p>${revealInvisible(p).text}</p>`)}
  </vscode-collapsible>`;
}

function reference(q: QuestionDetail): TemplateResult {
  const r = q.reference;
  if (!r) return html`<section class="reference empty">No reference answer in this dataset.</section>`;
  return html`<section class="reference" aria-label="Reference answer">
    <h3>Reference${r.label ? html` <vscode-badge class="chip">${r.label}</vscode-badge>` : nothing}</h3>
    <div class="reference-answer">${revealInvisible(r.answer).text}</div>
    ${r.reasoning
      ? html`<vscode-collapsible class="reference-reasoning" heading="Reference reasoning"><div class="reasoning-text">${revealInvisible(r.reasoning).text}</div></vscode-collapsible>`
      : nothing}
  </section>`;
}

/** The question, its reference, and every model's answer side by side, each with its rating form. */
export function questionView(q: QuestionDetail, p: QuestionViewProps): TemplateResult {
  return html`
    <section class="question" aria-label="Question">
      <div class="question-meta">${q.datasetId}${q.blind ? html` · <span class="blind-note">blind: names hidden until you have rated every answer</span>` : nothing}</div>
      <h2 class="question-text">${revealInvisible(q.text).text}</h2>
      ${options(q)} ${context(q)}
    </section>
    ${reference(q)}
    <section class="answers" aria-label="Model answers" data-count=${q.answers.length}>
      ${q.answers.length
        ? q.answers.map((a, i) => [
            answerCard({
              answer: a,
              rubric: p.rubric,
              form: p.form(a.id),
              focused: i === p.focusedAnswer,
              focusedField: p.focusedField,
              reasoningOpen: p.reasoningOpen.has(a.id),
              expanded: p.expanded.has(a.id),
              onExpand: () => p.onExpand(a.id),
              onToggleReasoning: (open) => p.onToggleReasoning(a.id, open),
              onFocus: () => p.onFocusAnswer(i),
              onFocusField: (field) => p.onFocusField(i, field),
              onChoose: (field, value) => p.onChoose(a, field, value),
              onComment: (text) => p.onComment(a, text),
              onSave: () => p.onSave(a),
              onFlag: () => p.onFlag(a),
              onCopy: () => p.onCopy(a),
              accuracyChoices: accuracyChoices(q),
              correcting: p.correcting === a.id,
              onToggleCorrect: () => p.onToggleCorrect(a),
              onCorrect: (value) => p.onCorrect(a, value),
              onRegenerate: (choose) => p.onRegenerate(a, choose),
              regenerating: p.live.some((g) => g.regenerates === a.id),
              fresh: p.fresh.has(a.id),
            }),
            // A regeneration streams right beside the answer it regenerates.
            ...p.live.filter((g) => g.regenerates === a.id).map((g) => liveCard(g, { blind: q.blind, onCancel: () => p.onCancelGeneration(g.generationId) })),
          ])
        : html`<p class="empty">No model answers for this question yet.</p>`}
      ${p.live
        .filter((g) => !g.regenerates || !q.answers.some((a) => a.id === g.regenerates))
        .map((g) => liveCard(g, { blind: q.blind, onCancel: () => p.onCancelGeneration(g.generationId) }))}
    </section>
    ${preferenceControl({ answers: q.answers, ...p.preference })}
  `;
}
