import { DEFAULT_ROUGE_SETTINGS, isRougeType, type RougeType } from '../../metrics';
import { EXPORT_FORMATS, isExportFormat, type ExportOptions } from '../../export';
import { UsageError } from '../command';

export interface ExportArgs {
  db: string;
  out?: string;
  options: ExportOptions;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) throw new UsageError(`${flag} needs a whole number of at least ${min}, got '${text}'`);
  return n;
}

function score(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 1 || n > 5) throw new UsageError(`${flag} needs a score from 1 to 5, got '${text}'`);
  return n;
}

function rougeTypes(text: string): RougeType[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !isRougeType(n));
  if (unknown.length || names.length === 0) throw new UsageError(`--rouge-metrics: expected rouge1, rouge2, rougeL or rougeLsum, comma-separated, got '${text}'`);
  return names as RougeType[];
}

export function parseExportArgs(args: readonly string[]): ExportArgs {
  let db: string | undefined;
  let out: string | undefined;
  let format: string | undefined;
  let types: RougeType[] | undefined;
  let stemmer = false;
  let seed: number | undefined;
  const o: Partial<ExportOptions> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--db') db = value();
    else if (arg === '--out') out = value();
    else if (arg === '--format') format = value();
    else if (arg === '--rubric') o.rubricKey = value();
    else if (arg === '--set') o.set = value();
    else if (arg === '--min-raters') o.minRaters = wholeNumber(arg, value(), 1);
    else if (arg === '--min-overall') o.minOverall = score(arg, value());
    else if (arg === '--include-ties') o.includeTies = true;
    else if (arg === '--with-reasoning') o.withReasoning = true;
    else if (arg === '--no-texts') o.texts = false;
    else if (arg === '--rouge-metrics') types = rougeTypes(value());
    else if (arg === '--rouge-stemmer') stemmer = true;
    else if (arg === '--seed') seed = wholeNumber(arg, value(), 0);
    else throw new UsageError(arg.startsWith('--') ? `unknown option '${arg}'` : `unexpected argument '${arg}'`);
  }
  if (db === undefined) throw new UsageError('--db PATH is required');
  if (format === undefined) throw new UsageError(`--format is required (one of ${EXPORT_FORMATS.join(', ')})`);
  if (!isExportFormat(format)) throw new UsageError(`unknown format '${format}' (one of ${EXPORT_FORMATS.join(', ')})`);
  const options: ExportOptions = { ...o, format, rouge: { useStemmer: stemmer, types: types ?? [...DEFAULT_ROUGE_SETTINGS.types] } };
  if (seed !== undefined) options.summary = { seed };
  return out === undefined ? { db, options } : { db, out, options };
}
