import { html, nothing, type TemplateResult } from 'lit';
import type { AccuracyView, RougeView } from '../protocol';

const names: Record<string, string> = { rouge1: 'R-1', rouge2: 'R-2', rougeL: 'R-L', rougeLsum: 'R-Lsum' };

const f3 = (x: number): string => x.toFixed(3);

/** ROUGE F-measures against the reference, precision and recall on hover; n/a without a reference. */
export function rougeChips(rouge: RougeView, what: 'answer' | 'reasoning'): TemplateResult {
  const prefix = what === 'reasoning' ? 'reasoning ' : '';
  if (!rouge) return html`<span class="rouge na" title=${`No reference ${what} in this dataset`}>${prefix}ROUGE n/a</span>`;
  return html`<span class="rouge" data-what=${what}>
    ${Object.entries(rouge).map(
      ([metric, s]) => html`<span class="rouge-chip" data-metric=${metric} title=${`${metric} of the ${what} against the reference ${what}\nF ${f3(s.fmeasure)}  precision ${f3(s.precision)}  recall ${f3(s.recall)}`}>${prefix}${names[metric] ?? metric} ${s.fmeasure.toFixed(2)}</span>`,
    )}
  </span>`;
}

export interface AccuracyProps {
  accuracy: AccuracyView | null;
  /** The option letters (multiple choice) or labels (yes/no/maybe) a physician may correct it to. */
  choices: string[];
  correcting: boolean;
  onToggle(): void;
  onCorrect(value: string | null): void;
}

/** Correct / incorrect / not extractable, with what was extracted; a physician can correct the extraction. */
export function accuracyChip(p: AccuracyProps): TemplateResult | typeof nothing {
  const a = p.accuracy;
  if (!a) return nothing;
  const text = a.verdict === 'not-extractable' ? `not extractable${a.state === 'ambiguous' ? ' (ambiguous)' : ''}` : `${a.verdict}: ${a.extracted ?? ''}`;
  const title = [`Extracted: ${a.extracted ?? 'nothing'} (${a.state})`, `Dataset label: ${a.label}`, a.overridden ? 'Corrected by a physician' : '', a.evidence ? `Evidence: ${a.evidence}` : '', 'Click to correct the extraction'].filter(Boolean).join('\n');
  return html`<span class="accuracy-control">
    <button type="button" class="chip accuracy" data-verdict=${a.verdict} title=${title} aria-expanded=${p.correcting ? 'true' : 'false'} @click=${() => p.onToggle()}>${text}${a.overridden ? ' (corrected)' : ''}</button>
    ${p.correcting
      ? html`<span class="correction" role="group" aria-label="The answer actually chose">
          ${p.choices.map((c) => html`<button type="button" class=${a.extracted === c ? 'choice chosen' : 'choice'} @click=${() => p.onCorrect(c)}>${c}</button>`)}
          ${a.overridden ? html`<button type="button" class="choice" @click=${() => p.onCorrect(null)}>use extraction</button>` : nothing}
        </span>`
      : nothing}
  </span>`;
}
