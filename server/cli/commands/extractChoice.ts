import { UsageError, type CliCommand } from '../command';
import { readJsonLines, writeJsonLine } from '../jsonLines';
import { extractChoice, extractDecision, type Extraction } from '../../metrics';
import { jsonErrorColumn, lineFailure, type LineProblem } from './inputLineFailure';

const usage = `usage: medreview extract-choice

Reads JSON Lines on stdin, each {"answer": string, "options": {"A": string, ...}} (multiple choice) or
{"answer": string, "labels": ["yes", "no", "maybe"]} (a decision such as PubMedQA's), and writes one line per
input: {"choice": string|null, "state": "chosen"|"ambiguous"|"none"}: the option letter or the label, as
given in the input, when exactly one is named as the answer.

A line that is not valid input is answered with {"error": message, "line": N, "field"?: name} in its place,
and the exit code is 1.`;

type Request = { answer: string; options: Record<string, string> } | { answer: string; labels: string[] };

function toRequest(value: unknown): Request | LineProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { message: 'expected a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.answer !== 'string') return { field: 'answer', message: '"answer" must be a string' };
  if ((v.options === undefined) === (v.labels === undefined)) return { message: 'give exactly one of "options" and "labels"' };
  if (v.labels !== undefined) {
    if (!Array.isArray(v.labels) || v.labels.length === 0) return { field: 'labels', message: '"labels" must be a non-empty array of strings' };
    const bad = v.labels.findIndex((l) => typeof l !== 'string' || l.trim() === '');
    if (bad >= 0) return { field: `labels[${bad}]`, message: 'each label must be a non-empty string' };
    return { answer: v.answer, labels: v.labels as string[] };
  }
  if (typeof v.options !== 'object' || v.options === null || Array.isArray(v.options) || Object.keys(v.options).length === 0) {
    return { field: 'options', message: '"options" must be an object mapping option letters to texts' };
  }
  for (const [key, text] of Object.entries(v.options as Record<string, unknown>)) {
    if (typeof text !== 'string') return { field: `options.${key}`, message: `option ${key} must be a string` };
  }
  return { answer: v.answer, options: v.options as Record<string, string> };
}

export const extractChoiceCommand: CliCommand = {
  name: 'extract-choice',
  summary: 'extract the chosen option or yes/no/maybe label from final answers (JSON Lines in and out)',
  usage,
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unknown argument '${args[0]}'`);
    let failed = false;
    const onBadJson = (line: number, message: string): void => {
      failed = true;
      lineFailure(io, line, { message: `not valid JSON: ${message}` }, jsonErrorColumn(message));
    };
    for await (const { line, value } of readJsonLines(io.stdin, onBadJson)) {
      const request = toRequest(value);
      if ('message' in request) {
        failed = true;
        lineFailure(io, line, request);
        continue;
      }
      const result: Extraction = 'options' in request ? extractChoice(request.answer, request.options) : extractDecision(request.answer, request.labels);
      await writeJsonLine(io.stdout, { choice: result.choice, state: result.state });
    }
    return failed ? 1 : 0;
  },
};
