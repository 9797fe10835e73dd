import { UsageError, type CliCommand } from '../command';
import { readJsonLines, writeJsonLine } from '../jsonLines';
import { mergeReasoningFields, splitThink, type SplitInput, type SplitOptions } from '../../think';

const usage = `usage: medreview split-think [--tags NAME,NAME] [--flags]

Reads JSON Lines on stdin, each {"output": string, "reasoning"?: string, "thinkOpenedByPrompt"?: boolean,
"prompt"?: string}, and writes one line per input: {"reasoning": string, "answer": string,
"state": "complete"|"none"|"unclosed"}.

  --tags NAME,NAME  reasoning tag names (default: think,thinking), matched in any letter case
  --flags           also write "flags" (degenerate-repetition, prompt-echoed, eos-stripped, stray-tags)

A line that is not valid input is answered with {"error": message, "line": N} in its place, and the
exit code is 1.`;

interface Args {
  options: SplitOptions;
  withFlags: boolean;
}

function parseArgs(args: string[]): Args {
  const result: Args = { options: {}, withFlags: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--flags') result.withFlags = true;
    else if (arg === '--tags') {
      const value = args[++i];
      const names = value?.split(',').map((n) => n.trim()).filter((n) => n !== '') ?? [];
      if (names.length === 0 || names.some((n) => !/^[A-Za-z][A-Za-z0-9_-]*$/.test(n))) {
        throw new UsageError('--tags needs comma-separated tag names such as think,thinking');
      }
      result.options.tagNames = names;
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  return result;
}

/** The input line as a SplitInput, or the reason it is not one. */
function toInput(value: unknown): SplitInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.output !== 'string') return '"output" must be a string';
  for (const key of ['reasoning', 'reasoning_content', 'prompt'] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string') return `"${key}" must be a string`;
  }
  if (v.thinkOpenedByPrompt !== undefined && typeof v.thinkOpenedByPrompt !== 'boolean') return '"thinkOpenedByPrompt" must be a boolean';
  return {
    output: v.output,
    reasoning: mergeReasoningFields(v.reasoning_content as string | undefined, v.reasoning as string | undefined),
    thinkOpenedByPrompt: v.thinkOpenedByPrompt,
    prompt: (v.prompt as string | null | undefined) ?? undefined,
  };
}

export const splitThinkCommand: CliCommand = {
  name: 'split-think',
  summary: 'split <think> reasoning from the final answer (JSON Lines in and out)',
  usage,
  async run(args, io) {
    const { options, withFlags } = parseArgs(args);
    let failed = false;
    const fail = (line: number, message: string): void => {
      failed = true;
      io.stderr.write(`stdin:${line}: ${message}\n`);
      io.stdout.write(JSON.stringify({ error: message, line }) + '\n');
    };
    for await (const { line, value } of readJsonLines(io.stdin, fail)) {
      const input = toInput(value);
      if (typeof input === 'string') {
        fail(line, input);
        continue;
      }
      const { reasoning, answer, state, flags } = splitThink(input, options);
      await writeJsonLine(io.stdout, withFlags ? { reasoning, answer, state, flags } : { reasoning, answer, state });
    }
    return failed ? 1 : 0;
  },
};
