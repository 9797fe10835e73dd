import { resolve } from 'node:path';
import { UsageError, type CliCommand, type CommandIO } from '../command';
import { batchEventLine, batchSummaryLine, defaultApi, describeEndpoint, endpointWarnings, InferenceError, JsonlGenerationSink, normaliseBaseUrl, runBatch, type ApiKind, type BatchEvent, type Endpoint } from '../../inference';
import { importDatasets, MemoryImportSink, type Question } from '../../dataset';
import { formatProblem } from '../../problem';
import { builtinTemplate, loadTemplateFile, type PromptTemplate } from '../../templates';

const usage = `usage: medreview generate --endpoint URL --questions FILE [--template FILE] [--model NAME]
                          [--api chat|completions|native] [--concurrency N] [--max-tokens N] [--seed N]
                          --out FILE.jsonl

Generates an answer for every question in FILE (any dataset format \`medreview import\` reads) on an
OpenAI-compatible server (llama.cpp, vLLM, Ollama) and appends one JSON line per generation to --out:
{"questionId", "model", "output", "reasoning", "answer", "state", "finishReason", "usage", "timings",
"params", "templateHash", "status", "flags"} (+ "error" when it did not complete).

  --endpoint URL     server base URL, e.g. http://127.0.0.1:8080 (llama.cpp), :8000 (vLLM), :11434 (Ollama)
  --template FILE    a *.prompt.md template, or builtin:medical-cot / builtin:plain-chat (default)
  --model NAME       model to request (default: the first the server lists)
  --api KIND         chat (/v1/chat/completions), completions (/v1/completions) or native (llama.cpp
                     /completion); default: chat for a chat-mode template, completions otherwise
  --concurrency N    requests at once (default: the server's slot count, else 1)
  --max-tokens N     token limit per answer (overrides the template)
  --seed N           sampling seed (overrides the template)

Resumes: generations already complete in --out (same question, model and template version) are skipped.
Progress goes to stderr. The API key, if the server needs one, is read from MEDREVIEW_API_KEY.
Exit code 0 when every generation completed, 1 otherwise (server unreachable, failures), 2 for bad arguments.`;

interface Args {
  endpoint: string;
  questions: string;
  out: string;
  template?: string;
  model?: string;
  api?: ApiKind;
  concurrency?: number;
  maxTokens?: number;
  seed?: number;
}

const FLAGS: Record<string, keyof Args> = {
  '--endpoint': 'endpoint',
  '--questions': 'questions',
  '--out': 'out',
  '--template': 'template',
  '--model': 'model',
  '--api': 'api',
  '--concurrency': 'concurrency',
  '--max-tokens': 'maxTokens',
  '--seed': 'seed',
};

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number >= ${min}, got '${value}'`);
  return n;
}

function parseArgs(argv: string[]): Args {
  const raw: Partial<Record<keyof Args, string>> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i] ?? ''];
    const value = argv[i + 1];
    if (!key) throw new UsageError(`unknown argument '${argv[i]}'`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${argv[i]} needs a value`);
    raw[key] = value;
  }
  for (const required of ['endpoint', 'questions', 'out'] as const) if (!raw[required]) throw new UsageError(`--${required} is required`);
  if (raw.api !== undefined && !['chat', 'completions', 'native'].includes(raw.api)) throw new UsageError(`--api must be chat, completions or native, got '${raw.api}'`);
  return {
    endpoint: raw.endpoint ?? '',
    questions: raw.questions ?? '',
    out: raw.out ?? '',
    template: raw.template,
    model: raw.model,
    api: raw.api as ApiKind | undefined,
    concurrency: raw.concurrency === undefined ? undefined : wholeNumber('--concurrency', raw.concurrency, 1),
    maxTokens: raw.maxTokens === undefined ? undefined : wholeNumber('--max-tokens', raw.maxTokens, 1),
    seed: raw.seed === undefined ? undefined : wholeNumber('--seed', raw.seed, -(2 ** 53)),
  };
}

function endpointOf(url: string): Endpoint {
  let baseUrl: string;
  try {
    baseUrl = normaliseBaseUrl(url);
  } catch (err) {
    throw new UsageError(`--endpoint: ${err instanceof Error ? err.message : String(err)}`);
  }
  const apiKey = process.env['MEDREVIEW_API_KEY'];
  return { name: new URL(baseUrl).host, baseUrl, server: 'openai-compatible', ...(apiKey ? { apiKey } : {}) };
}

function chooseApi(template: PromptTemplate, api: ApiKind | undefined): ApiKind {
  const chosen = api ?? defaultApi(template.mode);
  if ((chosen === 'chat') !== (template.mode === 'chat')) {
    throw new UsageError(`template '${template.id}' is in ${template.mode} mode: ${template.mode === 'chat' ? 'use --api chat' : 'use --api completions or --api native'}`);
  }
  return chosen;
}

/** The questions of any dataset format the importers read; each problem goes to stderr as file:line:col. */
async function readQuestions(file: string, io: CommandIO): Promise<Question[]> {
  const sink = new MemoryImportSink();
  await importDatasets([file], { cwd: io.cwd, onProblem: (p) => io.stderr.write(formatProblem(p) + '\n') }, sink);
  return sink.questions;
}

/** Prints batch progress on stderr; "waiting" only once per generation, however long the queue. */
function progressPrinter(io: CommandIO): (e: BatchEvent) => void {
  const waited = new Set<string>();
  return (e) => {
    if (e.type === 'generation' && e.event.type === 'waiting' && !waited.has(e.key)) {
      waited.add(e.key);
      io.stderr.write(`${e.questionId} ${e.model}: waiting for a free slot on the server\n`);
      return;
    }
    const line = batchEventLine(e);
    if (line) io.stderr.write(line + '\n');
  };
}

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'generate answers for a question set on a llama.cpp, vLLM or Ollama server (resumable)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv);
    const endpoint = endpointOf(args.endpoint);
    for (const w of endpointWarnings(endpoint.baseUrl)) io.stderr.write(`warning: ${w}\n`);
    const template = args.template ? await loadTemplateFile(args.template.startsWith('builtin:') ? args.template : resolve(io.cwd, args.template)) : builtinTemplate('plain-chat');
    const api = chooseApi(template, args.api);
    const questions = await readQuestions(args.questions, io);
    if (questions.length === 0) {
      io.stderr.write(`medreview generate: no questions could be read from ${args.questions}\n`);
      return 1;
    }
    let described: Awaited<ReturnType<typeof describeEndpoint>>;
    try {
      described = await describeEndpoint(endpoint, { onRetry: (_a, delay, why) => io.stderr.write(`server not ready (${why}); retrying in ${(delay / 1000).toFixed(1)} s\n`) });
    } catch (err) {
      if (!(err instanceof InferenceError)) throw err;
      io.stderr.write(`medreview generate: ${err.message}\n`);
      return 1;
    }
    const model = args.model ?? described.endpoint.model;
    if (!model) {
      io.stderr.write(`medreview generate: ${endpoint.baseUrl} lists no model; pass --model NAME\n`);
      return 1;
    }
    const slots = args.concurrency ?? described.endpoint.slots ?? 1;
    io.stderr.write(`${endpoint.baseUrl}: model ${model}, ${slots} at once; template ${template.id} (${template.mode}, ${template.hash.slice(0, 19)}); ${questions.length} questions -> ${args.out}\n`);
    const sink = new JsonlGenerationSink(resolve(io.cwd, args.out));
    const summary = await runBatch({
      questions,
      targets: [{ model, template, api, endpoints: [{ ...described.endpoint, slots }], params: { ...(args.maxTokens !== undefined ? { max_tokens: args.maxTokens } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}) } }],
      sink,
      onEvent: progressPrinter(io),
    });
    if (sink.unreadableLines > 0) io.stderr.write(`warning: ${sink.unreadableLines} unreadable line(s) in ${args.out} were ignored (a run interrupted mid-write?)\n`);
    io.stderr.write(batchSummaryLine(summary) + '\n');
    for (const u of summary.unreachable) io.stderr.write(`medreview generate: ${u.message}\n`);
    const unfinished = summary.failed + summary.incomplete + summary.cancelled + summary.notRun;
    if (unfinished > 0) io.stderr.write(`medreview generate: ${unfinished} generation(s) did not complete; run the same command again to retry them\n`);
    return unfinished > 0 ? 1 : 0;
  },
};
