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

/** Correct / incorrect / not extractable, with what was extracted. */
export function accuracyChip(a: AccuracyView | null): TemplateResult | typeof nothing {
  if (!a) return nothing;
  const text = a.verdict === 'not-extractable' ? `not extractable${a.state === 'ambiguous' ? ' (ambiguous)' : ''}` : `${a.verdict}: ${a.extracted ?? ''}`;
  const title = [`Extracted: ${a.extracted ?? 'nothing'} (${a.state})`, `Dataset label: ${a.label}`, a.overridden ? 'Corrected by a physician' : '', a.evidence ? `Evidence: ${a.evidence}` : ''].filter(Boolean).join('\n');
  return html`<vscode-badge class="chip accuracy" data-verdict=${a.verdict} title=${title}>${text}${a.overridden ? ' ✎' : ''}</vscode-badge>`;
}
