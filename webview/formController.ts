import type { Rubric } from '../server/rubric/types';
import { SaveDraft, SaveRating, type AnswerView } from './protocol';
import { draftOf, formFor, isChanged, isComplete, withValue, type FormField, type FormValue, type RatingForm } from './ratingForm';
import { perf } from './perfMarks';
import { RpcError, type Rpc } from './rpc';

const DRAFT_DELAY_MS = 400;
const COMMENT_SAVE_DELAY_MS = 700;

/**
 * The rating forms of the question on screen. A complete form is saved by itself; an incomplete one is kept
 * as a draft. A form shows "saved" only once the store acknowledged exactly its values; a change made while
 * a save is in flight is saved again when that one returns.
 */
export class FormController {
  private forms = new Map<string, RatingForm>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private inFlight = new Set<string>();

  constructor(
    private readonly rpc: Rpc,
    private readonly changed: () => void,
    private readonly onSaved: (answerId: string) => void,
    /** Forms of the adjudicated consensus: saved as rater "consensus", and never kept as this rater's drafts. */
    private readonly consensus = false,
    /** Holds the page's drawing while a save is out (see frameGate.ts); released when its answer is in. */
    private readonly holdFrames: () => () => void = () => () => undefined,
  ) {}

  /** Starts over with a question's answers, keeping forms with unsaved edits of the same answers. */
  load(answers: AnswerView[]): void {
    const next = new Map<string, RatingForm>();
    for (const a of answers) {
      const mine = this.forms.get(a.id);
      const keep = mine && (mine.status === 'saving' || (mine.status !== 'saved' && isChanged(mine) && !a.myRating));
      next.set(a.id, keep ? { ...mine, position: a.position } : formFor(a));
    }
    this.forms = next;
  }

  get(answerId: string): RatingForm | undefined {
    return this.forms.get(answerId);
  }

  choose(rubric: Rubric, answerId: string, field: FormField, value: FormValue): void {
    this.update(rubric, answerId, (f) => withValue(f, field, value), 0);
  }

  comment(rubric: Rubric, answerId: string, text: string): void {
    this.update(rubric, answerId, (f) => ({ ...f, comment: text }), COMMENT_SAVE_DELAY_MS);
  }

  /** Saves now (Ctrl+Enter, the Save button, Retry). */
  saveNow(rubric: Rubric, answerId: string): void {
    clearTimeout(this.timers.get(answerId));
    void this.persist(rubric, answerId);
  }

  private update(rubric: Rubric, answerId: string, change: (f: RatingForm) => RatingForm, delay: number): void {
    const f = this.forms.get(answerId);
    if (!f) return;
    const next = change(f);
    this.forms.set(answerId, { ...next, status: next.status === 'saving' ? 'saving' : isChanged(next) ? 'draft' : 'saved', error: undefined });
    clearTimeout(this.timers.get(answerId));
    const complete = isComplete(rubric, next);
    // A rating completed by a key goes out now, not from a timer: a timer task may run only after the frame
    // this change asks for, so the save waited for the render before it even left the page.
    if (complete && delay === 0) void this.persist(rubric, answerId);
    else this.timers.set(answerId, setTimeout(() => void this.persist(rubric, answerId), complete ? delay : DRAFT_DELAY_MS));
    this.changed();
  }

  private async persist(rubric: Rubric, answerId: string): Promise<void> {
    const f = this.forms.get(answerId);
    if (!f || this.inFlight.has(answerId) || !isChanged(f)) return;
    if (!isComplete(rubric, f)) {
      if (!this.consensus) await this.rpc.request(SaveDraft, { answerId, draft: draftOf(f) }).catch(() => undefined);
      return;
    }
    this.inFlight.add(answerId);
    const release = this.holdFrames();
    this.set(answerId, { status: 'saving' });
    try {
      const saved = await this.rpc.request(SaveRating, {
        answerId,
        values: f.values,
        overall: f.overall,
        comment: f.comment,
        position: f.position,
        expectedRevision: f.saved?.revision,
        consensus: this.consensus || undefined,
      });
      const now = this.forms.get(answerId);
      if (!now) return;
      const stillSame = now.overall === f.overall && now.comment === f.comment && JSON.stringify(now.values) === JSON.stringify(f.values);
      this.forms.set(answerId, { ...now, saved, status: stillSame ? 'saved' : 'draft' });
      perf.acknowledged(answerId);
      this.onSaved(answerId);
      if (!stillSame) this.timers.set(answerId, setTimeout(() => void this.persist(rubric, answerId), 0));
    } catch (err) {
      this.set(answerId, { status: 'error', error: err instanceof RpcError ? err.message : String(err) });
    } finally {
      this.inFlight.delete(answerId);
      this.changed();
      release();
    }
  }

  private set(answerId: string, patch: Partial<RatingForm>): void {
    const f = this.forms.get(answerId);
    if (f) this.forms.set(answerId, { ...f, ...patch });
    this.changed();
  }
}
