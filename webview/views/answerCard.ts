import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Rubric } from '../../server/rubric/types';
import { revealInvisible } from '../invisibleChars';
import { renderMarkdown } from '../markdown';
import type { AnswerView } from '../protocol';
import type { FormField, FormValue, RatingForm } from '../ratingForm';
import { rubricForm } from './rubricForm';
import { accuracyChip, rougeChips } from './scoreChips';

/** Longest answer rendered at once; a runaway 1 MB output is cut until the reviewer asks for all of it. */
export const RENDER_LIMIT = 50_000;

const stateLabels: Record<AnswerView['state'], string> = {
  complete: 'reasoning + answer',
  none: 'no reasoning',
  unclosed: 'no final answer',
};

export interface AnswerCardProps {
  answer: AnswerView;
  rubric: Rubric | undefined;
  form: RatingForm | undefined;
  /** This answer has keyboard focus; `focusedField` is the form field with it. */
  focused: boolean;
  focusedField: number | undefined;
  reasoningOpen: boolean;
  /** The reviewer asked to see the whole of a very long answer. */
  expanded: boolean;
  onExpand(): void;
  onToggleReasoning(open: boolean): void;
  onFocus(): void;
  onFocusField(index: number): void;
  onChoose(field: FormField, value: FormValue): void;
  onComment(text: string): void;
  onSave(): void;
  onFlag(): void;
  onCopy(): void;
  accuracyChoices: string[];
  correcting: boolean;
  onToggleCorrect(): void;
  onCorrect(value: string | null): void;
  onRegenerate(choose: boolean): void;
  /** A regeneration of this answer is streaming (shown as a card of its own). */
  regenerating: boolean;
  /** Generated while the panel was open. */
  fresh: boolean;
}

function chip(label: string, title: string, kind: 'warn' | 'flag' | 'info' = 'flag'): TemplateResult {
  return html`<vscode-badge class="chip chip-${kind}" title=${title}>${label}</vscode-badge>`;
}

function finishChip(a: AnswerView): TemplateResult | typeof nothing {
  if (a.incomplete) return chip('incomplete stream', 'The stream ended early (cancelled or the connection closed): this is the partial text', 'warn');
  if (a.state === 'unclosed') return chip('no final answer', 'The reasoning was never closed: the model gave no final answer', 'warn');
  if (a.finishReason === 'length') return chip('truncated', 'Generation stopped at the token limit', 'warn');
  return nothing;
}

function detailsTooltip(a: AnswerView): string {
  return Object.entries(a.details)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
}

function finalAnswer(p: AnswerCardProps, text: string): TemplateResult {
  const a = p.answer;
  if (!text) {
    return html`<div class="final-answer empty" role="note">No final answer: the output ${a.state === 'unclosed' ? 'ended inside its reasoning' : 'is empty'}.</div>`;
  }
  const cut = !p.expanded && text.length > RENDER_LIMIT;
  const shown = cut ? text.slice(0, RENDER_LIMIT) : text;
  return html`<div class="final-answer markdown">${unsafeHTML(renderMarkdown(shown))}</div>
    ${cut
      ? html`<p class="truncated-note">Showing the first ${RENDER_LIMIT.toLocaleString('en')} of ${text.length.toLocaleString('en')} characters.
          <vscode-button secondary @click=${() => p.onExpand()}>Show all</vscode-button></p>`
      : nothing}`;
}

function header(p: AnswerCardProps, hidden: number): TemplateResult {
  const a = p.answer;
  return html`<header class="answer-header">
    <span class="model" title=${detailsTooltip(a)}>${a.label}</span>
    <span class="state" data-state=${a.state}>${stateLabels[a.state]}</span>
    ${p.fresh ? chip('new', 'Generated since the panel opened', 'info') : nothing}
    ${finishChip(a)} ${a.flags.map((f) => chip(f.replace(/-/g, ' '), f === 'degenerate-repetition' ? 'The output repeats itself: check that the prompt template is in the mode (chat or completion) this model was trained with' : f))}
    ${hidden ? chip('hidden characters', `${hidden} invisible formatting characters (bidi overrides, zero-width) are shown as [U+....] markers`, 'warn') : nothing}
    ${a.unblinding ? chip('names its model', 'The answer names a model or its maker; the name is masked while you review blind', 'warn') : nothing}
    ${a.otherRaters ? chip(`${a.otherRaters} other rater${a.otherRaters === 1 ? '' : 's'}`, 'Other raters have rated this answer; their ratings stay hidden', 'info') : nothing}
    ${accuracyChip({ accuracy: a.accuracy, choices: p.accuracyChoices, correcting: p.correcting, onToggle: () => p.onToggleCorrect(), onCorrect: (v) => p.onCorrect(v) })}
    <span class="actions">
      <vscode-button secondary class="flag-button" aria-pressed=${a.flaggedByMe ? 'true' : 'false'} title="Flag this answer for discussion (f)" @click=${() => p.onFlag()}>${a.flaggedByMe ? 'Flagged' : 'Flag'}</vscode-button>
      <vscode-button secondary class="copy-answer" icon="copy" aria-label="Copy the final answer" title="Copy the final answer" @click=${() => p.onCopy()}></vscode-button>
      <vscode-button secondary class="regenerate" ?disabled=${p.regenerating} title="Generate this answer again with the same model (g)" @click=${() => p.onRegenerate(false)}>Regenerate</vscode-button>
      <vscode-button secondary class="regenerate-with" icon="settings-gear" ?disabled=${p.regenerating} aria-label="Regenerate with… (choose the endpoint, model and template)" title="Regenerate with…: choose the endpoint, model and template, then generate" @click=${() => p.onRegenerate(true)}></vscode-button>
    </span>
  </header>
  <div class="scores">${rougeChips(a.rouge.answer, 'answer')} ${a.reasoning ? rougeChips(a.rouge.reasoning, 'reasoning') : nothing}</div>`;
}

/** One model's answer: reasoning collapsed with its length, the final answer as inert Markdown, the rating form. */
export function answerCard(p: AnswerCardProps): TemplateResult {
  const a = p.answer;
  const answer = revealInvisible(a.answer);
  const reasoning = revealInvisible(a.reasoning);
  const reasoningWords = reasoning.text ? reasoning.text.split(/\s+/).filter(Boolean).length : 0;
  return html`
    <article
      class=${p.focused ? 'answer focused' : 'answer'}
      data-answer-id=${a.id}
      data-position=${a.position}
      aria-label=${a.label}
      @focusin=${() => p.onFocus()}
      @click=${() => p.onFocus()}
    >
      ${header(p, answer.hidden + reasoning.hidden)}
      ${reasoning.text
        ? html`<vscode-collapsible
            class="reasoning"
            heading=${`Reasoning (${reasoningWords} words)`}
            ?open=${p.reasoningOpen}
            @vsc-collapsible-toggle=${(e: CustomEvent<{ open: boolean }>) => p.onToggleReasoning(e.detail.open)}
          >
            <div class="reasoning-text">${reasoning.text.length > RENDER_LIMIT && !p.expanded ? reasoning.text.slice(0, RENDER_LIMIT) + ' …' : reasoning.text}</div>
          </vscode-collapsible>`
        : nothing}
      ${finalAnswer(p, answer.text)}
      ${p.rubric && p.form
        ? rubricForm({
            rubric: p.rubric,
            form: p.form,
            focusedField: p.focused ? p.focusedField : undefined,
            answerLabel: a.label,
            onChoose: (field, value) => p.onChoose(field, value),
            onComment: (text) => p.onComment(text),
            onSave: () => p.onSave(),
            onFocusField: (i) => p.onFocusField(i),
          })
        : nothing}
    </article>
  `;
}
