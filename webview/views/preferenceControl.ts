import { html, nothing, type TemplateResult } from 'lit';
import type { AnswerView, PreferenceChoiceView, PreferenceView } from '../protocol';

export interface PreferenceProps {
  answers: AnswerView[];
  left: string;
  right: string;
  saved: PreferenceView | undefined;
  pending: boolean;
  onPair(left: string, right: string): void;
  onChoose(choice: PreferenceChoiceView): void;
}

const choices: { choice: PreferenceChoiceView; label: (l: string, r: string) => string; key: string }[] = [
  { choice: 'left', label: (l) => `${l} better`, key: 'a' },
  { choice: 'right', label: (_l, r) => `${r} better`, key: 'b' },
  { choice: 'tie', label: () => 'Tie', key: 't' },
  { choice: 'both-bad', label: () => 'Both bad', key: 'w' },
];

function picker(p: PreferenceProps, which: 'left' | 'right'): TemplateResult {
  const current = which === 'left' ? p.left : p.right;
  return html`<select aria-label=${`${which === 'left' ? 'Left' : 'Right'} answer of the pair`}
    @change=${(e: Event) => {
      const id = (e.target as HTMLSelectElement).value;
      if (which === 'left') p.onPair(id, p.right);
      else p.onPair(p.left, id);
    }}>
    ${p.answers.map((a) => html`<option value=${a.id} ?selected=${a.id === current}>${a.label}</option>`)}
  </select>`;
}

/** Which of two answers is better: the pairwise comparison, shown once a question has two answers. */
export function preferenceControl(p: PreferenceProps): TemplateResult | typeof nothing {
  if (p.answers.length < 2) return nothing;
  const label = (id: string): string => p.answers.find((a) => a.id === id)?.label ?? '?';
  const chosen = p.saved?.choice;
  return html`<section class="preference" aria-label="Pairwise preference">
    <span>Compare ${picker(p, 'left')} with ${picker(p, 'right')}:</span>
    <span class="choices" role="radiogroup" aria-label="Which answer is better">
      ${choices.map(
        (c) => html`<button type="button" role="radio" class=${chosen === c.choice ? 'choice chosen' : 'choice'}
          aria-checked=${chosen === c.choice ? 'true' : 'false'} ?disabled=${p.left === p.right}
          @click=${() => p.onChoose(c.choice)}><span class="key" aria-hidden="true">${c.key}</span> ${c.label(label(p.left), label(p.right))}</button>`,
      )}
    </span>
    <span class="save-status" data-status=${p.pending ? 'saving' : p.saved ? 'saved' : 'empty'} role="status">${p.pending ? 'Saving…' : p.saved ? 'Saved' : ''}</span>
  </section>`;
}
