import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { AnswerView } from '../protocol';
import { renderMarkdown } from '../markdown';
import { revealInvisible } from '../invisibleChars';

/** Longest answer rendered at once; a runaway 1 MB output is cut until the reviewer asks for all of it. */
export const RENDER_LIMIT = 50_000;

const stateLabels: Record<AnswerView['state'], string> = {
  complete: 'reasoning + answer',
  none: 'no reasoning',
  unclosed: 'no final answer',
};

export interface AnswerCardProps {
  answer: AnswerView;
  index: number;
  /** The reviewer asked to see the whole of a very long answer. */
  expanded: boolean;
  onExpand(): void;
}

function chip(label: string, title: string, kind: 'warn' | 'flag' = 'flag'): TemplateResult {
  return html`<vscode-badge class="chip chip-${kind}" title=${title}>${label}</vscode-badge>`;
}

function finishChip(a: AnswerView): TemplateResult | typeof nothing {
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

/** One model's answer: reasoning collapsed with its length, the final answer as inert Markdown. */
export function answerCard(p: AnswerCardProps): TemplateResult {
  const a = p.answer;
  const answer = revealInvisible(a.answer);
  const reasoning = revealInvisible(a.reasoning);
  const hidden = answer.hidden + reasoning.hidden;
  const reasoningWords = reasoning.text ? reasoning.text.split(/\s+/).filter(Boolean).length : 0;
  return html`
    <article class="answer" data-answer-id=${a.id} aria-label=${`Answer ${p.index + 1} by ${a.model}`}>
      <header class="answer-header">
        <span class="model" title=${detailsTooltip(a)}>${a.model}</span>
        <span class="state" data-state=${a.state}>${stateLabels[a.state]}</span>
        ${finishChip(a)} ${a.flags.map((f) => chip(f.replace(/-/g, ' '), f))}
        ${hidden ? chip('hidden characters', `${hidden} invisible formatting characters (bidi overrides, zero-width) are shown as [U+....] markers`, 'warn') : nothing}
      </header>
      ${reasoning.text
        ? html`<vscode-collapsible class="reasoning" heading=${`Reasoning (${reasoningWords} words)`}>
            <div class="reasoning-text">${reasoning.text.length > RENDER_LIMIT && !p.expanded ? reasoning.text.slice(0, RENDER_LIMIT) + ' …' : reasoning.text}</div>
          </vscode-collapsible>`
        : nothing}
      ${finalAnswer(p, answer.text)}
    </article>
  `;
}
