import { html, nothing, type TemplateResult } from 'lit';
import type { QuestionDetail } from '../protocol';
import { revealInvisible } from '../invisibleChars';
import { answerCard } from './answerCard';

function options(q: QuestionDetail): TemplateResult | typeof nothing {
  if (!q.options) return nothing;
  return html`<ol class="options" type="A">
    ${Object.entries(q.options).map(
      ([letter, text]) => html`<li data-letter=${letter} class=${q.reference?.label === letter ? 'correct' : ''}><b>${letter}.</b> ${text}</li>`,
    )}
  </ol>`;
}

function context(q: QuestionDetail): TemplateResult | typeof nothing {
  if (!q.context?.length) return nothing;
  return html`<vscode-collapsible class="context" heading="Context (${q.context.length} passages)">
    ${q.context.map((p) => html`<p>${p}</p>`)}
  </vscode-collapsible>`;
}

function reference(q: QuestionDetail): TemplateResult {
  const r = q.reference;
  if (!r) return html`<section class="reference empty">No reference answer in this dataset.</section>`;
  return html`<section class="reference" aria-label="Reference answer">
    <h3>Reference${r.label ? html` <vscode-badge class="chip">${r.label}</vscode-badge>` : nothing}</h3>
    <div class="reference-answer">${revealInvisible(r.answer).text}</div>
    ${r.reasoning
      ? html`<vscode-collapsible class="reference-reasoning" heading="Reference reasoning"><div class="reasoning-text">${r.reasoning}</div></vscode-collapsible>`
      : nothing}
  </section>`;
}

export interface QuestionViewProps {
  /** Answers the reviewer expanded past the render limit. */
  expanded: ReadonlySet<string>;
  onExpand(answerId: string): void;
}

/** The question, its reference, and every model's answer side by side. */
export function questionView(q: QuestionDetail, p: QuestionViewProps): TemplateResult {
  return html`
    <section class="question" aria-label="Question">
      <h2 class="question-text">${revealInvisible(q.text).text}</h2>
      ${options(q)} ${context(q)}
    </section>
    ${reference(q)}
    <section class="answers" aria-label="Model answers" data-count=${q.answers.length}>
      ${q.answers.length
        ? q.answers.map((a, i) => answerCard({ answer: a, index: i, expanded: p.expanded.has(a.id), onExpand: () => p.onExpand(a.id) }))
        : html`<p class="empty">No model answers for this question yet.</p>`}
    </section>
  `;
}
