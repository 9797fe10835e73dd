import { strict as assert } from 'node:assert';
import { defaultRubric } from '../../../server/rubric';
import type { AnswerView } from '../../../server/protocol';
import { FormController } from '../../../webview/formController';
import { FrameGate } from '../../../webview/frameGate';
import type { RequestMessage } from '../../../webview/protocol';
import { formFields, valueForKey } from '../../../webview/ratingForm';
import { Rpc } from '../../../webview/rpc';

const rubric = defaultRubric();
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

function answer(id: string): AnswerView {
  return {
    id, position: 0, label: 'Answer A', reasoning: '', answer: 'x', state: 'none', flags: [], incomplete: false, unblinding: false,
    rouge: { answer: null, reasoning: null }, accuracy: null, myRating: null, myDraft: null, flaggedByMe: false, otherRaters: 0, origin: 'file', details: {},
  };
}

/** The panel's forms with a host that answers only when told, and a count of the draws that got through the gate. */
function panel() {
  const posted: RequestMessage[] = [];
  let listener: ((e: { data: unknown }) => void) | undefined;
  const rpc = new Rpc({ postMessage: (m) => posted.push(m as RequestMessage) }, { addEventListener: (_t, l) => (listener = l) });
  const gate = new FrameGate(10_000);
  let draws = 0;
  let queued = false;
  // As the panel does: at most one draw waiting, with whatever the state is when it runs.
  const changed = (): void => {
    if (queued) return;
    queued = true;
    gate.whenOpen(() => {
      queued = false;
      draws++;
    });
  };
  const forms = new FormController(rpc, changed, () => undefined, false, () => gate.hold());
  forms.load([answer('a1')]);
  /** Every key of a complete rating but the last. */
  const fillAllButLast = (): void => {
    const fields = formFields(rubric).filter((f) => f.kind !== 'comment');
    for (const f of fields.slice(0, -1)) forms.choose(rubric, 'a1', f, valueForKey(f, '1')!);
  };
  const completeIt = (): void => {
    const last = formFields(rubric).filter((f) => f.kind !== 'comment').at(-1)!;
    forms.choose(rubric, 'a1', last, valueForKey(last, '4')!);
  };
  const answerSave = async (ok: boolean): Promise<void> => {
    const save = posted.find((m) => m.method === 'rating/save');
    assert.ok(save, 'a rating/save went out');
    const data = ok
      ? { kind: 'response', id: save.id, ok: true, result: { values: {}, overall: 4, comment: '', revision: 1, updatedAt: 1 } }
      : { kind: 'response', id: save.id, ok: false, error: { code: 'internal', message: 'disk full' } };
    listener?.({ data });
    await later(0);
  };
  return { gate, forms, posted, draws: () => draws, fillAllButLast, completeIt, answerSave };
}

describe('frame gate (no frame between a save leaving the page and its answer)', () => {
  it('draws at once when nothing holds it, and a held draw once, when the last hold is released', () => {
    const gate = new FrameGate(10_000);
    let draws = 0;
    gate.whenOpen(() => draws++);
    assert.equal(draws, 1);
    const first = gate.hold();
    const second = gate.hold();
    gate.whenOpen(() => draws++);
    first();
    first();
    assert.equal(draws, 1, 'a second release of the same hold does not open the gate for the other one');
    second();
    assert.equal(draws, 2);
    assert.equal(gate.held, false);
  });

  it('opens by itself after its cap, so a slow store still shows "saving"', async () => {
    const gate = new FrameGate(20);
    let draws = 0;
    const release = gate.hold();
    gate.whenOpen(() => draws++);
    await later(5);
    assert.equal(draws, 0);
    await later(40);
    assert.equal(draws, 1);
    release();
    assert.equal(draws, 1, 'releasing after the cap draws nothing again');
  });

  it('holds the form\'s draw from the completing key until the store answers, and draws once then', async () => {
    const p = panel();
    p.fillAllButLast();
    const before = p.draws();
    assert.ok(before > 0, 'keys of an incomplete form draw at once');
    p.completeIt();
    assert.equal(p.posted.filter((m) => m.method === 'rating/save').length, 1, 'the save left the page with the key');
    assert.equal(p.draws(), before, 'no draw while the save is out');
    assert.equal(p.gate.held, true);
    await p.answerSave(true);
    assert.equal(p.draws(), before + 1, 'one draw, with the answer');
    assert.equal(p.forms.get('a1')?.status, 'saved');
    assert.equal(p.gate.held, false);
  });

  it('lets the draw through when the save fails, to show the error', async () => {
    const p = panel();
    p.fillAllButLast();
    p.completeIt();
    await p.answerSave(false);
    assert.equal(p.gate.held, false);
    assert.equal(p.forms.get('a1')?.status, 'error');
  });
});
