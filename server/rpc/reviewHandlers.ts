import type { Connection } from 'vscode-languageserver/node';
import { gradeAnswer } from '../metrics';
import { preferenceChoice, preferenceView } from '../project/preferences';
import type { Project } from '../project/project';
import { gradedView } from '../project/questionView';
import { adjudicationView } from '../project/adjudication';
import { CorrectExtractionRequest, GetAdjudicationRequest, SavePreferenceRequest, type AccuracyView, type CorrectExtractionParams } from '../protocol';
import { invalid, typed } from './errors';

async function correctExtraction(project: Project, params: CorrectExtractionParams): Promise<AccuracyView | null> {
  const p = await project.ready();
  const [answer] = await p.store.getAnswers([params.answerId]);
  if (!answer) throw invalid(`no answer with id '${params.answerId}'`);
  const detail = await p.store.getQuestion(answer.questionUid, p.rater);
  const extraction = gradeAnswer(detail.question, answer.split.answer);
  if (!extraction) throw invalid('this question has no label to grade against');
  if (params.corrected === null) await p.store.clearChoiceOverride(p.rater, answer.uid);
  else await p.store.setChoiceOverride({ rater: p.rater, answerUid: answer.uid, extracted: extraction.extraction.choice, corrected: params.corrected });
  return gradedView(detail.question, answer.split.answer, params.corrected);
}

/** Pairwise preferences and corrections of extracted choices: each answered after its commit. */
export function registerReviewHandlers(connection: Connection, project: Project): void {
  connection.onRequest(SavePreferenceRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      if (params.left === params.right) throw invalid('a preference needs two different answers');
      const saved = await p.store.savePreference({
        rater: p.rater,
        answerA: params.left,
        answerB: params.right,
        choice: preferenceChoice(params.choice),
        blind: p.settings.blind,
        shownFirst: 'a',
      });
      return preferenceView(saved);
    }),
  );
  connection.onRequest(CorrectExtractionRequest, (params) => typed(() => correctExtraction(project, params)));
  connection.onRequest(GetAdjudicationRequest, (params) =>
    typed(async () => {
      const p = await project.ready();
      const detail = await p.store.getQuestion(params.id, p.rater);
      const all = await p.store.ratingsOfQuestion(params.id);
      return adjudicationView(detail, all, { rater: p.rater, rubricKey: p.rubric.rubric.id, rouge: p.rouge, studyModels: p.models });
    }),
  );
}
