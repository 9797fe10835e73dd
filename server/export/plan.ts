import { DEFAULT_ROUGE_SETTINGS, type RougeSettings } from '../metrics';
import type { SummaryOptions } from '../summary';
import { DEFAULT_DPO_MIN_OVERALL, DEFAULT_SFT_MIN_OVERALL, ExportError, type ExportFormat, type ExportOptions } from './types';

/** Export options with every default filled in and checked. */
export interface ExportPlan {
  format: ExportFormat;
  minRaters: number;
  minOverall: number;
  includeTies: boolean;
  withReasoning: boolean;
  texts: boolean;
  rouge: RougeSettings;
  summary: SummaryOptions;
  rubricKey?: string;
  set?: string;
}

export function exportPlan(o: ExportOptions): ExportPlan {
  const minRaters = o.minRaters ?? 1;
  if (!Number.isInteger(minRaters) || minRaters < 1) throw new ExportError(`min-raters: expected a whole number of at least 1, got ${String(o.minRaters)}`);
  const minOverall = o.minOverall ?? (o.format === 'sft' ? DEFAULT_SFT_MIN_OVERALL : DEFAULT_DPO_MIN_OVERALL);
  if (!Number.isFinite(minOverall) || minOverall < 1 || minOverall > 5) throw new ExportError(`min-overall: expected a score from 1 to 5, got ${String(o.minOverall)}`);
  const plan: ExportPlan = {
    format: o.format,
    minRaters,
    minOverall,
    includeTies: o.includeTies ?? false,
    withReasoning: o.withReasoning ?? false,
    texts: o.texts ?? true,
    rouge: o.rouge ?? DEFAULT_ROUGE_SETTINGS,
    summary: o.summary ?? {},
  };
  if (o.rubricKey !== undefined) plan.rubricKey = o.rubricKey;
  if (o.set !== undefined) plan.set = o.set;
  return plan;
}
