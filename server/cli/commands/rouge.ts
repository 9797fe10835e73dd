import { UsageError, type CliCommand } from '../command';
import { readJsonLines, writeJsonLine } from '../jsonLines';
import { jsonErrorColumn, lineFailure, type LineProblem } from './inputLineFailure';
import { RougeScorer, ROUGE_TYPES, type RougeOptions } from '../../metrics';

const usage = `usage: medreview rouge

Reads JSON Lines on stdin, each {"reference": string, "candidate": string, "use_stemmer": boolean}, and
writes one line per input: {"rouge1": {"precision", "recall", "fmeasure"}, "rouge2": {...}, "rougeL": {...},
"rougeLsum": {...}}, in full double precision. The numbers are those of Google's rouge-score 0.1.2
(HuggingFace evaluate's "rouge"); ROUGE-Lsum splits sentences at newlines. "use_stemmer" defaults to false;
"split_summaries": true (NLTK sentence splitting) is not supported.

A line that is not valid input is answered with {"error": message, "line": N, "field"?: name} in its place,
and the exit code is 1.`;

function toPair(value: unknown): { reference: string; candidate: string; options: RougeOptions } | LineProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { message: 'expected a JSON object' };
  const v = value as Record<string, unknown>;
  for (const field of ['reference', 'candidate'] as const) {
    if (typeof v[field] !== 'string') return { field, message: `"${field}" must be a string` };
  }
  if (v.use_stemmer !== undefined && typeof v.use_stemmer !== 'boolean') return { field: 'use_stemmer', message: '"use_stemmer" must be true or false' };
  if (v.split_summaries !== undefined && typeof v.split_summaries !== 'boolean') return { field: 'split_summaries', message: '"split_summaries" must be true or false' };
  if (v.split_summaries === true) {
    return { field: 'split_summaries', message: 'split_summaries=true (NLTK Punkt sentence splitting) is not supported; ROUGE-Lsum splits at newlines' };
  }
  return { reference: v.reference as string, candidate: v.candidate as string, options: { useStemmer: v.use_stemmer === true } };
}

export const rougeCommand: CliCommand = {
  name: 'rouge',
  summary: 'ROUGE-1/2/L/Lsum exactly as rouge-score 0.1.2 (JSON Lines in and out)',
  usage,
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unknown argument '${args[0]}'`);
    const scorer = new RougeScorer();
    let failed = false;
    const onBadJson = (line: number, message: string): void => {
      failed = true;
      lineFailure(io, line, { message: `not valid JSON: ${message}` }, jsonErrorColumn(message));
    };
    for await (const { line, value } of readJsonLines(io.stdin, onBadJson)) {
      const pair = toPair(value);
      if ('message' in pair) {
        failed = true;
        lineFailure(io, line, pair);
        continue;
      }
      const scores = scorer.score(pair.reference, pair.candidate, pair.options);
      // Fixed key order, as the reference prints it.
      const out = Object.fromEntries(ROUGE_TYPES.map((t) => [t, { precision: scores[t].precision, recall: scores[t].recall, fmeasure: scores[t].fmeasure }]));
      await writeJsonLine(io.stdout, out);
    }
    return failed ? 1 : 0;
  },
};
