import type { Readable } from 'node:stream';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import {
  agreementReport,
  MEASUREMENT_LEVELS,
  readReliabilityData,
  summarizeAgreement,
  type AgreementReport,
  type KappaWeights,
  type MeasurementLevel,
  type ReliabilityData,
} from '../../agreement';
import { LineIndex } from '../../rubric';
import { UsageError, type CliCommand, type CommandIO } from '../command';

const usage = `usage: medreview agreement --level nominal|ordinal|interval [--weights none|linear|quadratic] [--order A,B,C]

Reads on stdin a JSON array of raters, each an array of values per unit (null where missing), e.g.
  [[1, 2, 3, null], [1, 2, 2, 4]]
and prints one line:
  {"krippendorffAlpha": number|null, "fleissKappa": number|null, "cohenKappa": number|null}

  krippendorffAlpha  at the given level; missing values allowed
  fleissKappa        nominal; only when no value is missing, else null
  cohenKappa         only with exactly two raters (units either left unrated are skipped); weighted
                     by default none for nominal, linear for ordinal, quadratic for interval

A coefficient that is undefined for the data (no pairable values, or every value the same) is null,
with the reason on stderr.

options:
  --level    level of measurement (also: ratio)
  --weights  weights for Cohen's kappa
  --order    scale order of the categories, comma-separated or a JSON array; needed for ordinal
             text values (e.g. --order low,medium,high)`;

interface AgreementArgs {
  level: MeasurementLevel;
  weights?: KappaWeights;
  order?: (string | number | boolean)[];
}

export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary: "Inter-rater agreement (Krippendorff's alpha, Fleiss' and Cohen's kappa) of ratings on stdin",
  usage,
  async run(args: string[], io: CommandIO): Promise<number> {
    const options = parseArgs(args);
    const text = await readAll(io.stdin);
    const parsed = parseInput(text);
    if ('error' in parsed) {
      io.stderr.write(`<stdin>:${parsed.error}\n`);
      return 1;
    }
    let report: AgreementReport;
    try {
      report = agreementReport(parsed.data, options.level, {
        ...(options.order ? { order: options.order } : {}),
        ...(options.weights ? { cohenWeights: options.weights } : {}),
      });
    } catch (err) {
      // Values that do not fit the level (text at interval level, a value missing from --order).
      io.stderr.write(`medreview agreement: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
    explainNulls(report, io);
    io.stdout.write(`${JSON.stringify(summarizeAgreement(report))}\n`);
    return 0;
  },
};

function parseArgs(args: string[]): AgreementArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--(level|weights|order)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new UsageError(`unknown argument '${arg}'`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${match[1]} needs a value`);
    values.set(match[1], value);
  }
  const level = values.get('level');
  if (!level) throw new UsageError('--level is required');
  if (!MEASUREMENT_LEVELS.includes(level as MeasurementLevel)) throw new UsageError(`--level must be one of ${MEASUREMENT_LEVELS.join(', ')}, not '${level}'`);
  const out: AgreementArgs = { level: level as MeasurementLevel };
  const weights = values.get('weights');
  if (weights !== undefined) {
    if (!['none', 'linear', 'quadratic'].includes(weights)) throw new UsageError(`--weights must be none, linear or quadratic, not '${weights}'`);
    out.weights = weights as KappaWeights;
  }
  const order = values.get('order');
  if (order !== undefined) out.order = parseOrder(order);
  return out;
}

/** `low,medium,high` gives strings; a JSON array keeps numbers and booleans as such. */
function parseOrder(text: string): (string | number | boolean)[] {
  if (text.trim().startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UsageError('--order is not a valid JSON array');
    }
    if (!Array.isArray(value) || !value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
      throw new UsageError('--order must be an array of strings, numbers or booleans');
    }
    return value as (string | number | boolean)[];
  }
  return text.split(',').map((s) => s.trim());
}

/** Parses stdin; an error comes back as `line:column: message` for the spot it concerns. */
function parseInput(text: string): { data: ReliabilityData } | { error: string } {
  const lines = new LineIndex(text);
  const where = (offset: number): string => {
    const { line, column } = lines.position(offset);
    return `${line}:${column}`;
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first) return { error: `${where(first.offset)}: error: invalid JSON (${printParseErrorCode(first.error)})` };
  if (!root) return { error: '1:1: error: no input; expected a JSON array of raters' };
  const read = readReliabilityData(getNodeValue(root));
  if ('data' in read) return read;
  const node = findNodeAtLocation(root, read.error.path) ?? root;
  const field = read.error.path.map((i) => `[${i}]`).join('');
  return { error: `${where(node.offset)}: error${field ? ` [${field}]` : ''}: ${read.error.message}` };
}

function explainNulls(report: AgreementReport, io: CommandIO): void {
  const reasons: Record<string, string> = {
    'no-pairable-values': 'no unit has values from two raters',
    'no-variation': 'all compared values are the same, so chance agreement is already perfect',
    'too-few-raters': 'fewer than two raters',
  };
  const notes: [string, string | undefined][] = [
    ['krippendorffAlpha', report.krippendorffAlpha.reason],
    ['fleissKappa', report.fleissKappa?.reason],
    ['cohenKappa', report.cohenKappa?.reason],
  ];
  for (const [name, reason] of notes) {
    if (reason) io.stderr.write(`medreview agreement: ${name} is null: ${reasons[reason] ?? reason}\n`);
  }
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}
