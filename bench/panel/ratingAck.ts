/**
 * Keypress to rating acknowledged: every answer of a run of questions rated with the keyboard alone (one key
 * per field of the built-in rubric; the form saves itself once complete), timed in the page from the
 * `mr:key` of the key that completed the form to the panel's `mr:acked:<answerId>`. The rater waits until
 * the form has taken the earlier keys before pressing the last one, so each figure is one key's latency,
 * not a queue of keys typed ahead.
 */
import { defaultRubric } from '../../server/rubric';
import { formFields, type FormField } from '../../webview/ratingForm';
import { Seeded } from './medicalText';
import { scrollRowIntoView } from './firstPaint';
import type { PanelSession } from './panelSession';
import { longTasksSince, pageNow, probeMarks, waitForMark, waitForSave } from './pageProbes';
import { summarise, type Summary } from './stats';

/** One rating's last key, split at the arrival of the panel command and of the store's answer. */
interface AckSample {
  keyToAcked: number;
  /** Keydown in the page to the resolved command arriving back from the extension host. */
  keyToCommand: number;
  /** Command arrived to the host's answer to `rating/save`: the page's form logic plus the save round trip. */
  commandToSaved: number;
  /** The answer arrived to mr:acked: the page handling it (about zero; the two marks share one message event). */
  savedToAcked: number;
  /** Question-list pages that arrived between the key and the acknowledgement (the host was busy with them too). */
  listPages: number;
}

export interface AckFigures {
  keyToAcked: Summary;
  keyToCommand: Summary;
  commandToSaved: Summary;
  savedToAcked: Summary;
  /** keyToAcked of the ratings during which question-list pages arrived, and of the others. */
  keyToAckedWithListTraffic: Summary;
  keyToAckedWithoutListTraffic: Summary;
  ratings: number;
  /** Ratings whose save ended in an error shown on the form (with the first message) instead of "saved". */
  failedSaves: number;
  firstFailure?: string;
  keysPerRating: number;
  /** Times `j`, pressed right after a question's last rating was acknowledged, selected another row than the next. */
  jSelectedAnotherRow: number;
  longTasksOver50ms: number;
  longestTaskMs: number;
}

function keyFor(field: FormField, r: Seeded): string | undefined {
  if (field.kind === 'comment') return undefined;
  if (field.kind === 'overall') return String(r.int(1, 5));
  const i = r.int(0, field.axis.choices.length - 1);
  return field.axis.choices[i]?.key ?? String(i + 1);
}

/** One rating's keys, in field order (the comment is left empty: it is optional). */
function ratingKeys(r: Seeded): string[] {
  return formFields(defaultRubric())
    .map((f) => keyFor(f, r))
    .filter((k): k is string => k !== undefined);
}

async function rateFocusedAnswer(s: PanelSession, r: Seeded, timeoutMs: number): Promise<AckSample | { error: string }> {
  const focused = s.panel.frame.locator('.answers .answer.focused');
  const answerId = (await focused.getAttribute('data-answer-id')) ?? '';
  const keys = ratingKeys(r);
  for (const k of keys.slice(0, -1)) await s.panel.press(k);
  await focused.locator('.field.focused[data-field="overall"]').waitFor();
  await s.panel.press(keys.at(-1)!);
  const outcome = await waitForSave(s.frame, answerId, timeoutMs);
  if ('error' in outcome) return outcome;
  const acked = outcome.acked;
  const [key, command, saved, listPages] = await s.frame.evaluate(
    ([t, commandMark, savedMark, listMark]) => {
      const times = (name: string): number[] => performance.getEntriesByName(name, 'mark').map((m) => m.startTime);
      const k = times('mr:key').filter((x) => x <= t).at(-1) ?? NaN;
      const c = times(commandMark).find((x) => x >= k) ?? NaN;
      // The panel's own message listener may run before the probe's, so the answer's mark can follow mr:acked.
      return [k, c, times(savedMark).find((x) => x >= c) ?? NaN, times(listMark).filter((x) => x >= k && x <= t).length];
    },
    [acked, probeMarks.command, probeMarks.ratingSaved, probeMarks.listPage] as const,
  );
  return { keyToAcked: acked - key, keyToCommand: command - key, commandToSaved: saved - command, savedToAcked: acked - saved, listPages };
}

async function focusAnswer(s: PanelSession, index: number): Promise<void> {
  const id = await s.panel.answers().nth(index).getAttribute('data-answer-id');
  await s.panel.frame.locator(`.answers .answer.focused[data-answer-id="${id ?? ''}"]`).waitFor();
}

export interface RatingRun {
  questions: number;
  /** Rate at most this many answers of each question. */
  answersPerQuestion?: number;
  /** How long one acknowledgement may take before the run fails. */
  timeoutMs?: number;
}

/** Rates the answers of `run.questions` questions, starting with the selected one, moving on with `j`. */
export async function measureRatingAck(s: PanelSession, run: RatingRun): Promise<AckFigures> {
  const { questions, answersPerQuestion = Infinity, timeoutMs = 30_000 } = run;
  const r = new Seeded(8_030);
  const latencies: AckSample[] = [];
  let strayed = 0;
  const failures: string[] = [];
  await s.panel.focusPage();
  const from = await pageNow(s.frame);
  for (let q = 0; q < questions; q++) {
    const answers = Math.min(answersPerQuestion, await s.panel.answers().count());
    for (let a = 0; a < answers; a++) {
      await focusAnswer(s, a);
      const rated = await rateFocusedAnswer(s, r, timeoutMs);
      if ('error' in rated) failures.push(rated.error);
      else latencies.push(rated);
      if (a < answers - 1) await s.panel.press('l');
    }
    if (q < questions - 1 && !(await nextQuestion(s))) strayed++;
  }
  const tasks = await longTasksSince(s.frame, from);
  return {
    keyToAcked: summarise(latencies.map((x) => x.keyToAcked)),
    keyToCommand: summarise(latencies.map((x) => x.keyToCommand)),
    commandToSaved: summarise(latencies.map((x) => x.commandToSaved)),
    savedToAcked: summarise(latencies.map((x) => x.savedToAcked)),
    keyToAckedWithListTraffic: summarise(latencies.filter((x) => x.listPages > 0).map((x) => x.keyToAcked)),
    keyToAckedWithoutListTraffic: summarise(latencies.filter((x) => x.listPages === 0).map((x) => x.keyToAcked)),
    ratings: latencies.length,
    failedSaves: failures.length,
    firstFailure: failures[0],
    jSelectedAnotherRow: strayed,
    keysPerRating: ratingKeys(new Seeded(1)).length,
    ...tasks,
  };
}

/**
 * `j` to the next question. Returns false when `j` selected another row than the next one (the panel
 * then loses its place in the list while the list reloads after a save); the rater's intended question is
 * then selected by a click, so the figures stay about the key presses they name.
 */
export async function nextQuestion(s: PanelSession): Promise<boolean> {
  const selected = s.panel.frame.locator('.question-list li.selected');
  const before = (await selected.getAttribute('data-question-id')) ?? '';
  const beforeIndex = Number(await selected.getAttribute('data-index'));
  await s.panel.press('j');
  const next = s.panel.frame.locator(`.question-list li.selected:not([data-question-id="${before}"])`);
  await next.waitFor();
  await waitForMark(s.frame, `mr:painted:${(await next.getAttribute('data-question-id')) ?? ''}`);
  if (Number(await next.getAttribute('data-index')) === beforeIndex + 1) return true;
  await scrollRowIntoView(s, beforeIndex + 1);
  const row = s.panel.frame.locator(`.question-list li[data-index="${beforeIndex + 1}"]`);
  const id = (await row.getAttribute('data-question-id')) ?? '';
  await row.click();
  await waitForMark(s.frame, `mr:painted:${id}`);
  return false;
}
