import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDatasets } from '../../../server/dataset';
import { defaultRubric, rubricContentHash } from '../../../server/rubric';
import { openStore, StoreImportSink, type AxisValue, type Rating, type Store, type StoredAnswer, type StoredQuestion } from '../../../server/store';
import { sharedPath } from '../../helpers/shared';

/**
 * A small real study for the export tests: the first four MedQA-USMLE questions, two PubMedQA questions
 * and one medical-o1 question (with its reference reasoning) from ../shared/data, with answers of three
 * models built from the medical-o1 reasoning chains and responses to the same questions, and the two real
 * fine-tuned outputs of the seed study (one with an unclosed `<think>`). Imported through the real dataset
 * importer into the set the extension uses.
 */

export const MODELS = { thinking: 'demo/r1-style', plain: 'demo/plain', lettered: 'demo/lettered' } as const;
export const RUBRIC = defaultRubric();
export const RUBRIC_HASH = rubricContentHash(RUBRIC);
export const SET = 'workspace';

interface MedqaRow {
  question: string;
  options: Record<string, string>;
  answer: string;
  answer_idx: string;
}

interface O1Row {
  Question: string;
  Complex_CoT: string;
  Response: string;
}

interface PubmedItem {
  QUESTION: string;
  CONTEXTS: string[];
  LONG_ANSWER: string;
  final_decision: string;
}

export function medqaRows(n = 4): MedqaRow[] {
  return readFileSync(sharedPath('data', 'medqa_usmle.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, n)
    .map((l) => JSON.parse(l) as MedqaRow);
}

/** medical-o1 row used as an open question with a reference reasoning (not among the MedQA questions used). */
export const O1_QUESTION_ROW = 10;

export function o1Rows(n: number): O1Row[] {
  return (JSON.parse(readFileSync(sharedPath('data', 'medical_o1_sft.json'), 'utf8')) as O1Row[]).slice(0, n);
}

export function pubmedItems(n: number): [string, PubmedItem][] {
  const all = JSON.parse(readFileSync(sharedPath('data', 'pubmedqa_pqal.json'), 'utf8')) as Record<string, PubmedItem>;
  return Object.entries(all).slice(0, n);
}

/** Everything a generated answer can record about its generation: an endpoint, model id, template, usage, cut short. */
export const FULL_GENERATION = {
  endpoint: 'http://127.0.0.1:8080',
  modelId: 'llama-3-8b.Q4_K_M.gguf',
  template: { name: 'plain-chat', hash: 'sha256-template-0000000000000001', body: '{{question}}' },
  usage: { prompt_tokens: 120, completion_tokens: 64 },
  incomplete: true,
};

/** A letter that is an option of the question but not its label: the lettered model's wrong answer. */
export function wrongLetter(row: MedqaRow): string {
  return Object.keys(row.options).find((l) => l !== row.answer_idx) as string;
}

function answerLines(dir: string): string {
  const medqa = medqaRows();
  const o1 = o1Rows(medqa.length);
  const lines: object[] = [];
  medqa.forEach((q, i) => {
    const o = o1[i]!;
    const params = { temperature: 0.6, top_p: 0.95, max_tokens: 2048 };
    lines.push({ question: q.question, model: MODELS.thinking, output: `<think>\n${o.Complex_CoT}\n</think>\n\n${o.Response}`, params, finish_reason: 'stop', timings: { totalMs: 1200 + i } });
    lines.push({ question: q.question, model: MODELS.plain, output: o.Response, params: { temperature: 0 }, finish_reason: 'length' });
    lines.push({ question: q.question, model: MODELS.lettered, output: `${o.Response}\n\nAnswer: ${wrongLetter(q)}` });
  });
  // Another question's reasoning and response as the answer to the open question: real text, partly overlapping.
  const open = o1Rows(O1_QUESTION_ROW + 2);
  const other = open[O1_QUESTION_ROW + 1]!;
  lines.push({ question: open[O1_QUESTION_ROW]!.Question, model: MODELS.thinking, output: `<think>${other.Complex_CoT}</think>${other.Response}` });
  for (const [, item] of pubmedItems(2)) {
    lines.push({ question: item.QUESTION, model: MODELS.thinking, output: `<think>\nThe abstract reports the outcome directly.\n</think>\n\n${item.final_decision}. ${item.LONG_ANSWER}` });
    lines.push({ question: item.QUESTION, model: MODELS.plain, output: `maybe. The evidence is limited.` });
  }
  const seed = readFileSync(sharedPath('data', 'seed_model_answers.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const file = join(dir, 'answers.jsonl');
  writeFileSync(file, [...lines.map((l) => JSON.stringify(l)), ...seed].join('\n') + '\n');
  return file;
}

/** Builds the study database (questions, answers, the default rubric) at `path`, through the real importer. */
export async function buildStudyDatabase(dir: string, path: string): Promise<void> {
  const medqaFile = join(dir, 'medqa.jsonl');
  writeFileSync(medqaFile, medqaRows().map((r) => JSON.stringify(r)).join('\n') + '\n');
  const pubmedFile = join(dir, 'pubmedqa.json');
  writeFileSync(pubmedFile, JSON.stringify(Object.fromEntries(pubmedItems(2))));
  const o1File = join(dir, 'medical-o1.json');
  writeFileSync(o1File, JSON.stringify([o1Rows(O1_QUESTION_ROW + 1)[O1_QUESTION_ROW]]));
  const answersFile = answerLines(dir);
  const store = await openStore(path, { import: { parseWorker: false } });
  try {
    await store.registerRubric({ key: RUBRIC.id, version: RUBRIC.version, hash: RUBRIC_HASH, body: JSON.stringify(RUBRIC) });
    const sink = await StoreImportSink.open(store, SET);
    const report = await importDatasets([medqaFile, pubmedFile, o1File, answersFile], { createMissingQuestions: true }, sink);
    if (!report.ok) throw new Error(`fixture import failed: ${JSON.stringify(report.files.map((f) => f.problems))}`);
    await sink.finish(report.files);
  } finally {
    await store.close();
  }
}

export interface StudyQuestion {
  question: StoredQuestion;
  answers: StoredAnswer[];
  /** The answer of a model. */
  of(model: string): StoredAnswer;
}

/** A temp folder with a copy of the study database per test (built once per test file). */
export class StudyFiles {
  private constructor(
    readonly dir: string,
    private readonly base: string,
  ) {}

  static async create(): Promise<StudyFiles> {
    const dir = mkdtempSync(join(tmpdir(), 'medreview-export-'));
    const base = join(dir, 'base.sqlite');
    await buildStudyDatabase(dir, base);
    return new StudyFiles(dir, base);
  }

  private copies = 0;

  /** A fresh copy of the study database; its path. */
  copy(): string {
    const path = join(this.dir, `study-${++this.copies}.sqlite`);
    copyFileSync(this.base, path);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every question of the study with its answers, in import order. */
export async function studyQuestions(store: Store): Promise<StudyQuestion[]> {
  const rows = (await store.listQuestions({ limit: 100 })).rows;
  const out: StudyQuestion[] = [];
  for (const row of rows) {
    const detail = await store.getQuestion(row.uid);
    out.push({
      question: detail.question,
      answers: detail.answers,
      of(model: string) {
        const a = detail.answers.find((x) => x.model === model);
        if (!a) throw new Error(`no answer of ${model} to ${row.id}`);
        return a;
      },
    });
  }
  return out;
}

/** The first study question whose text is `text`. */
export function questionByText(qs: readonly StudyQuestion[], text: string): StudyQuestion {
  const q = qs.find((x) => x.question.text === text);
  if (!q) throw new Error(`no study question '${text.slice(0, 40)}'`);
  return q;
}

/**
 * A generated answer without reasoning (the whole output is its final answer) and without generation details
 * beyond the endpoint: the least a generated answer has.
 */
export function addPlainAnswer(store: Store, q: Pick<StoredQuestion, 'uid' | 'id'>, model: string, text: string): Promise<{ uid: string; inserted: boolean }> {
  return store.addGeneratedAnswer(q.uid, {
    questionId: q.id,
    model,
    raw: text,
    split: { reasoning: '', answer: text, state: 'none', flags: [] },
    generation: { endpoint: 'http://127.0.0.1:8080' },
  });
}

/** A generated answer that reasons first: `<think>reasoning</think>answer`, split into the two. */
export function addThinkingAnswer(store: Store, q: Pick<StoredQuestion, 'uid' | 'id'>, model: string, reasoning: string, answer: string): Promise<{ uid: string; inserted: boolean }> {
  return store.addGeneratedAnswer(q.uid, {
    questionId: q.id,
    model,
    raw: `<think>${reasoning}</think>${answer}`,
    split: { reasoning, answer, state: 'complete', flags: [] },
    generation: { endpoint: 'http://127.0.0.1:8080' },
  });
}

/** A complete rating under the default rubric; `values` overrides single axes. */
export function rate(
  store: Store,
  rater: string,
  answerUid: string,
  overall: number | null,
  extra: { values?: Record<string, AxisValue>; comment?: string; blind?: boolean; shownPosition?: number } = {},
): Promise<Rating> {
  return store.saveRating({
    rater,
    answerUid,
    rubricHash: RUBRIC_HASH,
    values: {
      consensus: 'aligned',
      harm_extent: 'none',
      harm_likelihood: 'low',
      correct_comprehension: true,
      correct_recall: true,
      correct_reasoning: overall !== null && overall >= 3,
      incorrect_comprehension: false,
      incorrect_recall: false,
      incorrect_reasoning: false,
      inappropriate_content: 'no',
      missing_content: 'minor',
      bias: false,
      ...extra.values,
    },
    overall,
    comment: extra.comment ?? '',
    blind: extra.blind ?? false,
    shownPosition: extra.shownPosition ?? null,
  });
}

/** A study's review database as one test sees it: a fresh copy, opened, with its questions in study order. */
export interface OpenedStudy {
  path: string;
  store: Store;
  qs: StudyQuestion[];
}

/**
 * The hooks every export suite uses: the study built once for the suite, and each test given its own copy of
 * the database, opened (and closed after it), so no test sees another's ratings.
 */
export function useStudyStore(onOpened: (study: OpenedStudy) => void): void {
  let files: StudyFiles;
  let store: Store | undefined;
  before(async () => {
    files = await StudyFiles.create();
  });
  after(() => files.remove());
  beforeEach(async () => {
    const path = files.copy();
    store = await openStore(path);
    onOpened({ path, store, qs: await studyQuestions(store) });
  });
  afterEach(() => store?.close());
}
