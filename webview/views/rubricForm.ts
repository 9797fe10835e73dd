import { html, nothing, type TemplateResult } from 'lit';
import type { Rubric } from '../../server/rubric/types';
import { fieldId, fieldLabel, formFields, missingLabels, valueOf, type FormField, type FormValue, type RatingForm } from '../ratingForm';

export interface RubricFormProps {
  rubric: Rubric;
  form: RatingForm;
  /** Index into formFields of the field with keyboard focus, when this answer has it. */
  focusedField: number | undefined;
  /** Model names are hidden: say "this answer", never a model. */
  answerLabel: string;
  onChoose(field: FormField, value: FormValue): void;
  onComment(text: string): void;
  onSave(): void;
  onFocusField(index: number): void;
}

function choiceButtons(p: RubricFormProps, field: FormField, index: number, choices: { value: FormValue; label: string; key?: string; description?: string }[]): TemplateResult {
  const current = valueOf(p.form, field);
  return html`<div class="choices" role="radiogroup" aria-label=${fieldLabel(p.rubric, field)}>
    ${choices.map(
      (c, i) => html`<button
        type="button"
        role="radio"
        class=${c.value === current ? 'choice chosen' : 'choice'}
        aria-checked=${c.value === current ? 'true' : 'false'}
        title=${c.description ?? c.label}
        data-value=${String(c.value)}
        @click=${() => {
          p.onFocusField(index);
          p.onChoose(field, c.value);
        }}
      ><span class="key" aria-hidden="true">${c.key ?? String(i + 1)}</span> ${c.label}</button>`,
    )}
  </div>`;
}

function fieldControl(p: RubricFormProps, field: FormField, index: number): TemplateResult {
  if (field.kind === 'overall') {
    const choices = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: p.rubric.overall.choices.find((c) => c.value === n)?.label ?? String(n), key: String(n) }));
    return choiceButtons(p, field, index, choices);
  }
  if (field.kind === 'comment') {
    return html`<textarea
      class="comment"
      rows="2"
      aria-label=${`${p.rubric.comment.label} for ${p.answerLabel}`}
      placeholder=${p.rubric.comment.description ?? 'Comment (Enter for a new line, Ctrl+Enter saves)'}
      .value=${p.form.comment}
      @focus=${() => p.onFocusField(index)}
      @input=${(e: Event) => p.onComment((e.target as HTMLTextAreaElement).value)}
    ></textarea>`;
  }
  return choiceButtons(p, field, index, field.axis.choices);
}

function statusLine(p: RubricFormProps): TemplateResult {
  const f = p.form;
  const missing = missingLabels(p.rubric, f);
  const text =
    f.status === 'saving' ? 'Saving…'
    : f.status === 'saved' ? `Saved (revision ${f.saved?.revision ?? 1})`
    : f.status === 'error' ? `Not saved: ${f.error ?? 'error'}`
    : missing.length ? `${missing.length} to rate: ${missing.join(', ')}` : 'Complete';
  return html`<div class="save-status" data-status=${f.status} role="status" aria-live="polite">
    <span>${text}</span>
    ${f.status === 'error' || (f.status !== 'saved' && f.status !== 'saving' && !missing.length)
      ? html`<vscode-button secondary @click=${() => p.onSave()}>${f.status === 'error' ? 'Retry' : 'Save'}</vscode-button>`
      : nothing}
  </div>`;
}

/** The rubric form under one answer: one row per axis, overall, comment, and the save state. */
export function rubricForm(p: RubricFormProps): TemplateResult {
  const fields = formFields(p.rubric);
  return html`<form class="rubric-form" aria-label=${`Rating of ${p.answerLabel}`} @submit=${(e: Event) => e.preventDefault()}>
    ${fields.map(
      (field, i) => html`<div class=${i === p.focusedField ? 'field focused' : 'field'} data-field=${fieldId(field)}>
        <div class="field-label" title=${field.kind === 'axis' ? (field.axis.description ?? '') : ''}>
          ${fieldLabel(p.rubric, field)}${(field.kind === 'axis' ? field.axis.required : field.kind === 'overall' ? p.rubric.overall.required : p.rubric.comment.required) ? html`<span class="required" aria-label="required">*</span>` : nothing}
        </div>
        ${fieldControl(p, field, i)}
      </div>`,
    )}
    ${statusLine(p)}
  </form>`;
}
