import type { Connection } from 'vscode-languageserver/node';
import { SaveDraftRequest, SaveRatingRequest, SetFlagRequest, UndoRequest, type RatingView, type SaveRatingParams, type UndoResultView } from '../protocol';
import { CONSENSUS_RATER } from '../project/adjudication';
import type { Project } from '../project/project';
import { checkRating } from '../rubric';
import type { StoreEvent } from '../store';
import { invalid, typed } from './errors';

async function saveRating(project: Project, params: SaveRatingParams): Promise<RatingView> {
  const p = await project.ready();
  const check = checkRating(p.rubric.rubric, { axes: params.values, overall: params.overall, comment: params.comment });
  if (check.problems.length) throw invalid(check.problems.map((x) => `${x.field}: ${x.message}`).join('; '));
  if (!check.complete) throw invalid(`the rating is not complete: ${check.missing.join(', ')} still to rate`);
  const rater = params.consensus ? CONSENSUS_RATER : p.rater;
  if (params.consensus) await p.store.addRater(CONSENSUS_RATER, 'consensus');
  const saved = await p.store.saveRating({
    rater,
    answerUid: params.answerId,
    rubricHash: p.rubric.hash,
    values: params.values,
    overall: params.overall,
    comment: params.comment,
    blind: params.consensus ? false : p.settings.blind,
    shownPosition: params.position,
    expectedRevision: params.expectedRevision,
  });
  return { values: saved.values, overall: saved.overall, comment: saved.comment, revision: saved.revision, updatedAt: saved.updatedAt };
}

function describe(e: StoreEvent): string {
  const what = { rating: 'rating', preference: 'preference', 'choice-override': 'answer correction', flag: 'flag', 'question-set': 'import', answer: 'answer', job: 'job' }[e.entity];
  return `${e.kind === 'save' ? 'change to the' : e.kind} ${what}`;
}

async function undo(project: Project): Promise<UndoResultView | null> {
  const p = await project.ready();
  const result = await p.store.undoLastChange(p.rater);
  if (!result) return null;
  // Entity keys of rater work begin with the answer's id (a rating: "answer rubric", a preference: "a b").
  const answerUid = result.undone.entityKey.split(' ')[0] ?? '';
  const questionId = await p.store.questionOfAnswer(answerUid);
  return { description: describe(result.undone), questionId };
}

/** Saving, drafting, undoing and flagging: each answered only after its transaction committed. */
export function registerRatingHandlers(connection: Connection, project: Project): void {
  connection.onRequest(SaveRatingRequest, (params) => typed(() => saveRating(project, params)));
  connection.onRequest(SaveDraftRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      await p.store.saveDraft({ rater: p.rater, answerUid: params.answerId, rubricKey: p.rubric.rubric.id, form: params.draft });
    }),
  );
  connection.onRequest(UndoRequest, () => typed(() => undo(project)));
  connection.onRequest(SetFlagRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      await p.store.setFlag(p.rater, params.answerId, params.flagged ? (params.note ?? '') : null);
    }),
  );
}
