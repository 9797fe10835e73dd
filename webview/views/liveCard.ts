import { html, nothing, type TemplateResult } from 'lit';
import { revealInvisible } from '../invisibleChars';
import type { LiveGeneration } from '../liveGenerations';

function status(g: LiveGeneration): string {
  if (g.phase === 'starting') return 'Starting…';
  if (g.phase === 'waiting') return `Waiting for the server${g.waitingMs ? ` (${Math.round(g.waitingMs / 1000)} s): its slots are busy or it is reading the prompt` : ''}`;
  if (g.phase === 'retrying') return `Server not ready, trying again (${g.retry ?? ''})`;
  return g.state === 'unclosed' ? 'Reasoning…' : 'Answering…';
}

/**
 * An answer arriving token by token. Plain text while it streams (Markdown is rendered once it is stored);
 * the model name is withheld in blind mode.
 */
export function liveCard(g: LiveGeneration, opts: { blind: boolean; onCancel(): void }): TemplateResult {
  const reasoning = revealInvisible(g.reasoning).text;
  const answer = revealInvisible(g.answer).text;
  return html`<article class="answer live" data-generation-id=${g.generationId} aria-busy="true" aria-label="Answer being generated">
    <header class="answer-header">
      <span class="model">${opts.blind || !g.model ? 'New answer' : g.model}</span>
      <span class="state live-status" role="status">${status(g)}</span>
      <span class="actions"><vscode-button secondary class="cancel-generation" title="Cancel (x)" @click=${() => opts.onCancel()}>Cancel</vscode-button></span>
    </header>
    ${reasoning ? html`<details class="live-reasoning" open><summary>Reasoning</summary><div class="reasoning-text">${reasoning}</div></details>` : nothing}
    <div class="final-answer live-answer">${answer}</div>
  </article>`;
}
