import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { AnswerView } from '../protocol';
import { renderMarkdown } from '../markdown';

const stateLabels: Record<AnswerView['state'], string> = {
  complete: 'reasoning + answer',
  none: 'no reasoning',
  unclosed: 'no final answer',
};

function finishChip(a: AnswerView): TemplateResult | typeof nothing {
  if (a.state === 'unclosed') return html`<vscode-badge class="chip chip-warn" title="The reasoning was never closed: the model gave no final answer">no final answer</vscode-badge>`;
  if (a.finishReason === 'length') return html`<vscode-badge class="chip chip-warn" title="Generation stopped at the token limit">truncated</vscode-badge>`;
  return nothing;
}

function flagChips(a: AnswerView): TemplateResult[] {
  return a.flags.map((f) => html`<vscode-badge class="chip chip-flag" title=${f}>${f.replace(/-/g, ' ')}</vscode-badge>`);
}

function detailsTooltip(a: AnswerView): string {
  return Object.entries(a.details)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
}

/** One model's answer: reasoning collapsed with its length, the final answer as inert Markdown. */
export function answerCard(a: AnswerView, index: number): TemplateResult {
  const reasoningWords = a.reasoning ? a.reasoning.split(/\s+/).filter(Boolean).length : 0;
  return html`
    <article class="answer" data-answer-id=${a.id} aria-label=${`Answer ${index + 1} by ${a.model}`}>
      <header class="answer-header">
        <span class="model" title=${detailsTooltip(a)}>${a.model}</span>
        <span class="state" data-state=${a.state}>${stateLabels[a.state]}</span>
        ${finishChip(a)} ${flagChips(a)}
      </header>
      ${a.reasoning
        ? html`<vscode-collapsible class="reasoning" heading=${`Reasoning (${reasoningWords} words)`}>
            <div class="reasoning-text">${a.reasoning}</div>
          </vscode-collapsible>`
        : nothing}
      ${a.answer
        ? html`<div class="final-answer markdown">${unsafeHTML(renderMarkdown(a.answer))}</div>`
        : html`<div class="final-answer empty" role="note">No final answer: the output ${a.state === 'unclosed' ? 'ended inside its reasoning' : 'is empty'}.</div>`}
    </article>
  `;
}
