import type { CommentField, OverallScore, Rubric, RubricAxis, RubricChoice } from './types';

/** The shape a rubric file has once it passed the schema and semantic checks (optional fields may be absent). */
interface RubricFile {
  id: string;
  version: string;
  title: string;
  instructions?: string;
  axes: AxisFile[];
  overall?: Partial<OverallScore>;
  comment?: Partial<CommentField>;
}

type AxisFile = Omit<RubricAxis, 'required' | 'choices'> & { required?: boolean; choices?: RubricChoice[] };

/**
 * Fills in every default, so that two files meaning the same rubric produce the same object (and the
 * same content hash), and the panel never guesses. Call only on a document without errors.
 */
export function normalizeRubric(value: unknown): Rubric {
  const file = value as RubricFile;
  const rubric: Rubric = {
    id: file.id,
    version: file.version,
    title: file.title,
    axes: file.axes.map(normalizeAxis),
    overall: normalizeOverall(file.overall),
    comment: normalizeComment(file.comment),
  };
  if (file.instructions !== undefined) rubric.instructions = file.instructions;
  return rubric;
}

function normalizeAxis(axis: AxisFile): RubricAxis {
  const out: RubricAxis = {
    id: axis.id,
    label: axis.label,
    kind: axis.kind,
    // Free text is optional unless a study says otherwise; every scale must be answered.
    required: axis.required ?? axis.kind !== 'text',
    choices: axis.kind === 'text' ? [] : (axis.choices ?? []).map(normalizeChoice),
  };
  if (axis.description !== undefined) out.description = axis.description;
  if (axis.kind === 'interval') {
    if (axis.min !== undefined) out.min = axis.min;
    if (axis.max !== undefined) out.max = axis.max;
    if (axis.step !== undefined) out.step = axis.step;
  }
  if (axis.kind === 'text' && axis.maxLength !== undefined) out.maxLength = axis.maxLength;
  if (axis.harm === true) out.harm = true;
  return out;
}

function normalizeChoice(choice: RubricChoice): RubricChoice {
  const out: RubricChoice = { value: choice.value, label: choice.label };
  if (choice.description !== undefined) out.description = choice.description;
  if (choice.key !== undefined) out.key = choice.key;
  return out;
}

function normalizeOverall(overall: Partial<OverallScore> | undefined): OverallScore {
  const out: OverallScore = {
    label: overall?.label ?? 'Overall',
    required: overall?.required ?? true,
    choices: (overall?.choices ?? []).map(normalizeChoice).sort((a, b) => Number(a.value) - Number(b.value)),
  };
  if (overall?.description !== undefined) out.description = overall.description;
  return out;
}

function normalizeComment(comment: Partial<CommentField> | undefined): CommentField {
  const out: CommentField = { label: comment?.label ?? 'Comment', required: comment?.required ?? false };
  if (comment?.description !== undefined) out.description = comment.description;
  if (comment?.maxLength !== undefined) out.maxLength = comment.maxLength;
  return out;
}
