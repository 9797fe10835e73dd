import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Rubric } from '../../server/rubric/types';
import { revealInvisible } from '../invisibleChars';
import { renderMarkdown } from '../markdown';
import type { AdjudicationAnswer, AdjudicationView, RaterRatingView } from '../protocol';
import type { FormField, FormValue, RatingForm } from '../ratingForm';
import { rubricForm } from './rubricForm';

export interface AdjudicationProps {
  view: AdjudicationView;
  rubric: Rubric;
  form(answerId: string): RatingForm | undefined;
  onChoose(answerId: string, field: FormField, value: FormValue): void;
  onComment(answerId: string, text: string): void;
  onSave(answerId: string): void;
}

function choiceLabel(rubric: Rubric, field: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const axis = rubric.axes.find((a) => a.id === field);
  return axis?.choices.find((c) => c.value === value)?.label ?? String(value);
}

function ratingsTable(rubric: Rubric, a: AdjudicationAnswer): TemplateResult {
  const fields = [...rubric.axes.map((x) => ({ id: x.id, label: x.label })), { id: 'overall', label: rubric.overall.label }];
  const cell = (r: RaterRatingView, id: string): string => (id === 'overall' ? String(r.overall ?? '–') : choiceLabel(rubric, id, r.values[id]));
  return html`<table class="rater-ratings">
    <caption>Ratings by ${a.ratings.length} rater${a.ratings.length === 1 ? '' : 's'}; fields where they differ are marked</caption>
    <thead><tr><th scope="col">Field</th>${a.ratings.map((r) => html`<th scope="col">${r.rater}</th>`)}</tr></thead>
    <tbody>
      ${fields.map(
        (f) => html`<tr class=${a.disagreements.includes(f.id) ? 'disagree' : ''}>
          <th scope="row">${f.label}${a.disagreements.includes(f.id) ? html` <span class="disagree-mark" aria-label="raters disagree">≠</span>` : nothing}</th>
          ${a.ratings.map((r) => html`<td>${cell(r, f.id)}</td>`)}
        </tr>`,
      )}
      <tr><th scope="row">Comment</th>${a.ratings.map((r) => html`<td class="comment-cell">${r.comment}</td>`)}</tr>
    </tbody>
  </table>`;
}

/** Adjudication: each answer with its model named, every rater's rating, and the consensus form. */
export function adjudicationView(p: AdjudicationProps): TemplateResult {
  if (!p.view.available) {
    return html`<p class="empty adjudication-locked">Rate every answer of this question yourself first: the other raters' ratings stay hidden until then.</p>`;
  }
  return html`<section class="adjudication" aria-label="Adjudication">
    ${p.view.answers.map((a) => {
      const form = p.form(a.answer.id);
      return html`<article class="answer adjudicated" data-answer-id=${a.answer.id}>
        <header class="answer-header"><span class="model">${a.answer.model ?? a.answer.label}</span>
          ${a.disagreements.length ? html`<vscode-badge class="chip chip-warn">${a.disagreements.length} field${a.disagreements.length === 1 ? '' : 's'} disputed</vscode-badge>` : html`<vscode-badge class="chip">raters agree</vscode-badge>`}
        </header>
        <div class="final-answer markdown">${unsafeHTML(renderMarkdown(revealInvisible(a.answer.answer).text.slice(0, 20_000)))}</div>
        ${ratingsTable(p.rubric, a)}
        <h4>Consensus rating</h4>
        ${form
          ? rubricForm({
              rubric: p.rubric,
              form,
              focusedField: undefined,
              answerLabel: `the consensus on ${a.answer.model ?? a.answer.label}`,
              onChoose: (field, value) => p.onChoose(a.answer.id, field, value),
              onComment: (text) => p.onComment(a.answer.id, text),
              onSave: () => p.onSave(a.answer.id),
              onFocusField: () => undefined,
            })
          : nothing}
      </article>`;
    })}
  </section>`;
}
