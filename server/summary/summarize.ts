import { DEFAULT_RESAMPLES, DEFAULT_SEED, type BootstrapOptions } from '../metrics/stats';
import { accuracySummary } from './accuracy';
import { answerGroups } from './answerGroups';
import { harmRate, overallMean, summarizeAxis } from './axisSummary';
import { choiceTable } from './choiceTable';
import { byName, sortByAnswer } from './estimates';
import { agreementTally, pooledTally, tallyEntries, type AgreementTally } from './raterAgreement';
import { codedAxes, takeRatings, type CleanRating, type CodedAxis, type RatingIntake } from './ratingIntake';
import { rougeByModel, takeRouge, type RougeByModel } from './rougeMeans';
import type { ModelSummary, RougeMeans, StudySummary, SummaryAccuracy, SummaryInput, SummaryIssue, SummaryOptions, SummaryRouge } from './types';

/**
 * The per-model summary of a study: means per axis with bootstrap 95% intervals, nominal distributions,
 * harm rates, the overall score, ROUGE means, accuracy and agreement between raters. Pure and
 * deterministic: the same input and seed give the same numbers, whatever the order of the rows.
 */
export function summarizeStudy(input: SummaryInput, options: SummaryOptions = {}): StudySummary {
  const bootstrap = bootstrapOptions(options);
  const rouge = checkedRouge(input);
  return summarizeWith(input, bootstrap, rouge, rougeByModel(rouge.rows, bootstrap));
}

/** A study's input whose ratings were checked as they came (RatingIntake), not handed over as a list. */
export interface TakenInput extends Omit<SummaryInput, 'ratings'> {
  intake: RatingIntake;
}

/** Computes rougeByModel of the rows with these options, somewhere else (another thread). */
export type RougeMeansOf = (rows: readonly SummaryRouge[], options: BootstrapOptions) => Promise<RougeByModel>;

/**
 * summarizeStudy with the ROUGE means (about a quarter of its time on the export benchmark: every answer
 * resampled 2000 times) computed by `elsewhere` meanwhile: the same summary.
 */
export async function summarizeStudyAlongside(input: SummaryInput | TakenInput, options: SummaryOptions, elsewhere: RougeMeansOf): Promise<StudySummary> {
  const bootstrap = bootstrapOptions(options);
  const rouge = checkedRouge(input);
  const means = elsewhere(rouge.rows, bootstrap);
  // Should the summary below throw, a failure there later must not go unhandled (it would end the process).
  means.catch(() => undefined);
  const study = summarizeWith(input, bootstrap, rouge, undefined);
  const byModel = await means;
  for (const m of study.models) m.rouge = byModel.get(m.model) ?? null;
  return study;
}

function bootstrapOptions(options: SummaryOptions): BootstrapOptions {
  return { seed: options.seed ?? DEFAULT_SEED, resamples: options.resamples ?? DEFAULT_RESAMPLES };
}

/** The ROUGE rows that can be used, and the issues of those that cannot. */
interface CheckedRouge {
  rows: SummaryRouge[];
  issues: SummaryIssue[];
}

function checkedRouge(input: Pick<SummaryInput, 'rouge'>): CheckedRouge {
  const issues: SummaryIssue[] = [];
  return { rows: takeRouge(input.rouge ?? [], issues), issues };
}

/** The summary with each model's ROUGE means from `rougeMeans`, or null in their place until they come. */
function summarizeWith(input: SummaryInput | TakenInput, bootstrap: BootstrapOptions, rouge: CheckedRouge, rougeMeans: RougeByModel | undefined): StudySummary {
  const issues: SummaryIssue[] = [];
  const { axes, ratings } = cleanRatings(input, issues);
  issues.push(...rouge.issues);
  const accuracy = accuracyByModel(input.accuracy ?? [], issues);
  const models = [...new Set([...ratings.map((r) => r.model), ...rouge.rows.map((r) => r.model), ...accuracy.keys()])].sort(byName);
  const table = choiceTable(ratings, axes);
  const tallies: AgreementTally[] = [];
  const summaries = models.map((model) => {
    const own = sortByAnswer(ratings.filter((r) => r.model === model));
    const tally = agreementTally(axes, own, table);
    tallies.push(tally);
    return summarizeModel(model, axes, own, tally, rougeMeans?.get(model) ?? null, accuracy.get(model), bootstrap, issues);
  });
  return {
    rubric: { id: input.rubric.id, version: input.rubric.version, title: input.rubric.title, overallLabel: input.rubric.overall.label },
    settings: { seed: bootstrap.seed!, resamples: bootstrap.resamples!, confidence: 0.95 },
    codings: axes.map((a) => a.coding),
    models: summaries,
    pooledAgreement: tallyEntries(axes, pooledTally(axes, tallies, ratings, table)),
    issues,
  };
}

function cleanRatings(input: SummaryInput | TakenInput, issues: SummaryIssue[]): { axes: readonly CodedAxis[]; ratings: CleanRating[] } {
  if ('intake' in input) {
    issues.push(...input.intake.issues);
    return { axes: input.intake.axes, ratings: input.intake.taken() };
  }
  const axes = codedAxes(input.rubric);
  return { axes, ratings: takeRatings(input.rubric, axes, input.ratings, issues) };
}

function summarizeModel(
  model: string,
  axes: readonly CodedAxis[],
  ratings: readonly CleanRating[],
  agreement: AgreementTally,
  rouge: RougeMeans | null,
  accuracy: { row: SummaryAccuracy; index: number } | undefined,
  bootstrap: BootstrapOptions,
  issues: SummaryIssue[],
): ModelSummary {
  const groups = answerGroups(ratings);
  return {
    model,
    answers: groups.answers,
    ratings: ratings.length,
    raters: new Set(ratings.map((r) => r.raterId)).size,
    axes: axes.map((a) => summarizeAxis(a, groups, bootstrap)),
    overall: overallMean(groups, bootstrap),
    harm: axes.filter((a) => a.coding.harm).map((a) => harmRate(a, ratings)),
    rouge,
    accuracy: accuracy ? accuracySummary(accuracy.row, accuracy.index, issues) : null,
    agreement: tallyEntries(axes, agreement),
  };
}

/** One accuracy row per model; a second one for the same model is reported, not added up. */
function accuracyByModel(rows: readonly SummaryAccuracy[], issues: SummaryIssue[]): Map<string, { row: SummaryAccuracy; index: number }> {
  const out = new Map<string, { row: SummaryAccuracy; index: number }>();
  rows.forEach((row, index) => {
    const first = out.get(row.model);
    if (first) {
      issues.push({ field: `accuracy[${index}]`, code: 'invalid-accuracy', message: `model ${JSON.stringify(row.model)} has a second accuracy row (first: accuracy[${first.index}]); the first is used` });
    } else {
      out.set(row.model, { row, index });
    }
  });
  return out;
}
