import { AnswerIntake } from './answerIntake';
import { createContainerReader } from './containers/createContainerReader';
import { detectContainer } from './containers/detectContainer';
import type { ContainerKind, ContainerReader, RecordEvents, SourceRecord, SyntaxProblem } from './containers/sourceRecord';
import { detectFormat } from './formats/detectFormat';
import { FieldReader, pathText } from './formats/fieldReader';
import type { DatasetFormat } from './model';
import type { ParseContext, ParsedBatch } from './parseContext';
import { takeQuestion } from './questionIntake';
import { Utf8Decoder, type EncodingIssue } from './text/utf8Decoder';

const NONE: EncodingIssue[] = [];

/** Text held back until the container can be told: up to the first line break, or at most this much. */
const HEAD_LENGTH = 4 * 2 ** 20;

/**
 * One dataset file's way from bytes (or text) to questions and answers: decode, cut into records,
 * tell the format, check every field, match answers to questions, split model outputs. Synchronous and
 * push-driven, so the same code validates an open editor buffer and streams a 1 GB file; the caller
 * drains `batch` to the sink between chunks.
 */
export class FileParser {
  readonly batch: ParsedBatch = { questions: [], answers: [] };
  taken = 0;
  rejected = 0;
  format: DatasetFormat | undefined;
  container: ContainerKind | undefined;
  private readonly decoder = new Utf8Decoder();
  private reader: ContainerReader | undefined;
  private head = '';
  private started = false;
  private readonly invalidBytes: EncodingIssue[] = [];
  private answers: AnswerIntake | undefined;

  constructor(private readonly ctx: ParseContext) {
    this.format = ctx.options.format;
  }

  get refused(): boolean {
    return this.decoder.refused;
  }

  pushBytes(bytes: Buffer): void {
    const text = this.decoder.decode(bytes);
    this.takeIssues();
    this.pushText(text);
  }

  /** Feeds decoded text; a leading U+FEFF (a byte order mark an editor kept) is reported once. */
  pushText(text: string): void {
    if (!this.started && this.head === '' && text.charCodeAt(0) === 0xfeff) {
      this.encodingProblem({ kind: 'bom', line: 1, column: 1, bytes: 'EF BB BF' });
      text = text.slice(1);
    }
    if (this.reader) return this.reader.push(text);
    this.head += text;
    if (this.head.length >= HEAD_LENGTH || this.head.includes('\n')) this.start();
  }

  end(): void {
    if (!this.decoder.refused) {
      const rest = this.decoder.decode(Buffer.alloc(0), true);
      this.takeIssues();
      if (rest !== '') this.pushText(rest);
    }
    if (!this.reader && !this.decoder.refused) this.start();
    this.reader?.end();
    for (const issue of this.invalidBytes.splice(0)) this.encodingProblem(issue);
  }

  private start(): void {
    this.started = true;
    this.container = detectContainer(this.ctx.file, this.head);
    const events: RecordEvents = { onRecord: (r) => this.record(r), onSyntaxError: (e) => this.syntaxError(e) };
    this.reader = createContainerReader(this.container, events);
    const head = this.head;
    this.head = '';
    this.reader.push(head);
  }

  private takeIssues(): void {
    for (const issue of this.decoder.issues.splice(0)) {
      if (issue.kind === 'invalid-utf8') this.invalidBytes.push(issue);
      else this.encodingProblem(issue);
    }
  }

  private record(record: SourceRecord): void {
    const reader = new FieldReader(this.ctx.file, record);
    const badBytes = this.claimInvalidBytes(record.line, record.endLine);
    const taken = badBytes.length === 0 && this.take(reader);
    for (const issue of badBytes) this.encodingProblem(issue, replacementPath(record.value));
    for (const p of reader.problems) this.ctx.onProblem(p);
    if (taken) this.taken++;
    else this.rejected++;
  }

  private take(r: FieldReader): boolean {
    if (!r.isObject) {
      r.report([], 'wrong-type', `a record must be a JSON object, not ${Array.isArray(r.record.value) ? 'an array' : typeof r.record.value}`);
      return false;
    }
    this.format ??= detectFormat(r.record.value);
    if (!this.format) {
      const fields = Object.keys(r.fields).slice(0, 6).join(', ');
      r.report([], 'unknown-format', `cannot tell the dataset format from the fields (${fields}); expected medical-o1 (Question, Complex_CoT, Response), MedQA (question, options, answer_idx), PubMedQA (QUESTION, LONG_ANSWER, final_decision) or model answers (output, model, question_id or question); or name it with --format`);
      return false;
    }
    if (this.format !== 'model-answers') return takeQuestion(this.format, r, this.ctx, this.batch);
    this.answers ??= new AnswerIntake(this.ctx);
    return this.answers.take(r, this.batch);
  }

  private syntaxError(e: SyntaxProblem): void {
    for (const issue of this.claimInvalidBytes(0, e.line)) this.encodingProblem(issue);
    this.ctx.onProblem({ file: this.ctx.file, line: e.line, column: e.column, field: e.field, message: e.message, severity: 'error', code: e.code });
    this.rejected++;
  }

  /** Invalid byte sequences up to `endLine`: those from `fromLine` on belong to the record there. */
  private claimInvalidBytes(fromLine: number, endLine: number): EncodingIssue[] {
    if (this.invalidBytes.length === 0) return NONE;
    const mine: EncodingIssue[] = [];
    while (this.invalidBytes.length > 0 && (this.invalidBytes[0] as EncodingIssue).line <= endLine) {
      const issue = this.invalidBytes.shift() as EncodingIssue;
      if (issue.line >= fromLine) mine.push(issue);
      else this.encodingProblem(issue);
    }
    return mine;
  }

  private encodingProblem(issue: EncodingIssue, field?: string): void {
    const messages: Record<EncodingIssue['kind'], string> = {
      bom: 'the file starts with a UTF-8 byte order mark (BOM); it was ignored',
      utf16: `the file is UTF-16 encoded (it starts with the bytes ${issue.bytes}); save it as UTF-8`,
      'invalid-utf8': `invalid UTF-8 (bytes ${issue.bytes}); the record was not imported`,
    };
    this.ctx.onProblem({
      file: this.ctx.file,
      line: issue.line,
      column: issue.column,
      field,
      message: messages[issue.kind],
      severity: issue.kind === 'bom' ? 'warning' : 'error',
      code: issue.kind === 'bom' ? 'bom' : issue.kind === 'utf16' ? 'utf16' : 'invalid-utf8',
    });
  }
}

/** The field whose text holds a replacement character, to name it in the encoding problem. */
function replacementPath(value: unknown, path: (string | number)[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\uFFFD') ? pathText(path) || undefined : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = replacementPath(v, [...path, Array.isArray(value) ? Number(k) : k]);
    if (found) return found;
  }
  return undefined;
}

