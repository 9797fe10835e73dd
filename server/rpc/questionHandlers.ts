import type { Connection } from 'vscode-languageserver/node';
import {
  GetQuestionRequest,
  GetRubricRequest,
  GetStatusRequest,
  ListQuestionsRequest,
  OpenDatasetRequest,
  type ListQuestionsParams,
  type ListQuestionsResult,
  type QuestionFilters,
  type RaterProgressView,
} from '../protocol';
import type { OpenProject, Project } from '../project/project';
import { questionView } from '../project/questionView';
import { answerRougePath, lowRougeMetric } from '../export/scoreFill';
import type { QuestionListParams } from '../store';
import { invalid, typed } from './errors';

export function storeFilters(f: QuestionFilters, p: OpenProject): QuestionListParams {
  return {
    rubricKey: p.rubric.rubric.id,
    search: f.search?.trim() || undefined,
    // "Unrated" is this rater's queue: answers others have already rated up to the study's overlap are theirs.
    queuedFor: f.ungraded ? { rater: p.rater, overlap: p.settings.ratersPerQuestion } : undefined,
    flagged: f.flagged || undefined,
    disagreementAtLeast: f.disagreement ? 1 : undefined,
    // Ignored in a blind study (a filter saved before the study turned blind could still be set).
    model: p.settings.blind ? undefined : f.model || undefined,
    thinkState: f.finish === 'unclosed' ? 'unclosed' : undefined,
    finishReason: f.finish === 'truncated' ? 'length' : undefined,
    scoreBelow: f.lowRouge === undefined ? undefined : { scorer: p.scores.scorer, path: answerRougePath(lowRougeMetric(p.rouge)), below: checkedThreshold(f.lowRouge) },
  };
}

function checkedThreshold(value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) throw invalid(`filters.lowRouge: ${JSON.stringify(value)} is not a ROUGE F-measure above 0 and at most 1`);
  return value;
}

/**
 * How long one list request scores answers for the ROUGE filter before it answers with what is scored: long
 * enough for a few thousand answers, short enough that the list shows progress (the panel asks again).
 */
const SCORING_BUDGET_MS = 1_500;

export async function listQuestions(project: Project, params: ListQuestionsParams): Promise<ListQuestionsResult> {
  const p = await project.ready();
  const filters = params.filters ?? {};
  const storeParams = storeFilters(filters, p);
  const unscored = filters.lowRouge === undefined ? undefined : await p.scores.fill(SCORING_BUDGET_MS);
  const result = await p.store.listQuestions({ ...storeParams, rater: p.rater, offset: params.offset, limit: params.limit });
  const progress = params.withProgress === false ? undefined : await raterProgressOf(p);
  return {
    total: result.total,
    questions: result.rows.map((r) => ({
      id: r.uid,
      datasetId: r.id,
      title: r.title,
      kind: r.kind,
      answerCount: r.answerCount,
      gradedByMe: r.gradedByRater,
      ratersComplete: r.ratersComplete,
      ratersTarget: p.settings.ratersPerQuestion,
      flagged: r.flagged,
      hasReference: r.hasReference,
    })),
    ...(progress ? { progress } : {}),
    models: p.settings.blind ? [] : p.models,
    blind: p.settings.blind,
    rougeFilter: { metric: lowRougeMetric(p.rouge), ...(unscored === undefined ? {} : { unscored }) },
  };
}

async function raterProgressOf(p: OpenProject): Promise<RaterProgressView> {
  const mine = (await p.store.raterProgress({ rubricKey: p.rubric.rubric.id })).find((r) => r.rater === p.rater);
  return mine ?? { rater: p.rater, gradedAnswers: 0, totalAnswers: 0, gradedQuestions: 0, totalQuestions: 0 };
}

/** Answers the panel's question requests (forwarded by the extension) from the open project. */
export function registerQuestionHandlers(connection: Connection, project: Project): void {
  connection.onRequest(ListQuestionsRequest, (params) => typed(() => listQuestions(project, params ?? {})));
  connection.onRequest(GetQuestionRequest, (params) =>
    typed(async () => {
      if (typeof params?.id !== 'string') throw invalid('getQuestion needs a string id');
      const p = await project.ready();
      const detail = await p.store.getQuestion(params.id, p.rater);
      project.viewedQuestionId = params.id;
      return questionView(detail, { rater: p.rater, blind: p.settings.blind, rubricKey: p.rubric.rubric.id, rouge: p.rouge, studyModels: p.models });
    }),
  );
  connection.onRequest(GetRubricRequest, () => typed(async () => (await project.ready()).rubric));
  connection.onRequest(GetStatusRequest, () => project.status);
  connection.onRequest(OpenDatasetRequest, (params) =>
    typed(() => {
      if (typeof params?.file !== 'string') throw invalid('openDataset needs a file path');
      return project.openFile(params.file);
    }),
  );
}
