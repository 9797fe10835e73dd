import { strict as assert } from 'node:assert';
import { ProgressThrottle, type Clock, type ProgressPayload } from '../../../server/generation';
import type { GenerationEvent } from '../../../server/inference';
import { createThinkStream } from '../../../server/think';

/** A clock the test moves by hand: timers run when their time is reached. */
class ManualClock implements Clock {
  private t = 0;
  private timers: { at: number; run: () => void }[] = [];
  now(): number {
    return this.t;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const timer = { at: this.t + ms, run };
    this.timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x !== handle);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.run();
    }
    this.t = end;
  }
}

function applied(sent: readonly ProgressPayload[]): { reasoning: string; answer: string } {
  let reasoning = '';
  let answer = '';
  for (const p of sent) {
    if (p.replaced) [reasoning, answer] = [p.reasoning ?? '', p.answer ?? ''];
    else [reasoning, answer] = [reasoning + p.reasoningDelta, answer + p.answerDelta];
  }
  return { reasoning, answer };
}

/** Splitter updates for `text` cut into pieces of `size` characters, as a server streams tokens. */
function deltas(text: string, size: number, opened = false): GenerationEvent[] {
  const stream = createThinkStream({}, { thinkOpenedByPrompt: opened });
  const out: GenerationEvent[] = [];
  for (let i = 0; i < text.length; i += size) out.push({ type: 'delta', ...stream.push({ content: text.slice(i, i + size) }) });
  return out;
}

describe('generation progress throttle', () => {
  it('sends the first update at once, then at most one per interval, and the panel ends with the whole text', () => {
    const clock = new ManualClock();
    const sent: { at: number; p: ProgressPayload }[] = [];
    const throttle = new ProgressThrottle((p) => sent.push({ at: clock.now(), p }), 33, clock);
    const text = '<think>Fever, cough and crackles at the right base point to a lobar pneumonia.</think>Amoxicillin, and review in 48 hours.';
    const events = deltas(text, 2);
    for (const e of events) {
      throttle.push(e);
      clock.advance(4); // a token every 4 ms: 250 per second
    }
    throttle.close();
    assert.equal(sent[0]?.at, 0, 'the first token is not held back');
    for (let i = 1; i < sent.length - 1; i++) assert.ok(sent[i]!.at - sent[i - 1]!.at >= 33, `messages ${i - 1} and ${i} are ${sent[i]!.at - sent[i - 1]!.at} ms apart`);
    const duration = events.length * 4;
    assert.ok(sent.length <= Math.ceil(duration / 33) + 2, `${sent.length} messages for ${duration} ms of streaming`);
    assert.ok(sent.length < events.length / 4, 'deltas were merged');
    const last = events.at(-1);
    assert.ok(last?.type === 'delta');
    assert.deepEqual(applied(sent.map((s) => s.p)), { reasoning: last.reasoning, answer: last.answer });
    assert.equal(sent.at(-1)?.p.state, 'complete');
  });

  it('turns a merged reclassification into one redraw carrying the whole text', () => {
    const clock = new ManualClock();
    const sent: ProgressPayload[] = [];
    const throttle = new ProgressThrottle((p) => sent.push(p), 33, clock);
    // No opening tag: the text reads as answer until `</think>` shows it was reasoning all along.
    const events = deltas('Likely viral. Check the CRP.</think>Supportive care.', 3);
    const replacedAt = events.findIndex((e) => e.type === 'delta' && e.replaced);
    assert.ok(replacedAt > 1, 'the recording has a reclassification mid-stream');
    throttle.push(events[0]!);
    for (const e of events.slice(1)) throttle.push(e); // all within one interval
    throttle.close();
    assert.equal(sent.length, 2);
    assert.equal(sent[1]?.replaced, true);
    assert.deepEqual([sent[1]?.reasoningDelta, sent[1]?.answerDelta], ['', '']);
    assert.deepEqual(applied(sent), { reasoning: 'Likely viral. Check the CRP.', answer: 'Supportive care.' });
  });

  it('reports waiting and a retry (which clears the text), and sends nothing after close', () => {
    const clock = new ManualClock();
    const sent: ProgressPayload[] = [];
    const throttle = new ProgressThrottle((p) => sent.push(p), 33, clock);
    throttle.push({ type: 'waiting', sinceMs: 1000 });
    clock.advance(40);
    throttle.push({ type: 'retrying', attempt: 1, delayMs: 500, reason: 'HTTP 503 Loading model' });
    clock.advance(40);
    throttle.push(deltas('Rest.', 5)[0]!);
    throttle.close();
    throttle.push(deltas('More.', 5)[0]!);
    clock.advance(100);
    assert.deepEqual(
      sent.map((p) => p.phase),
      ['waiting', 'retrying', 'streaming'],
    );
    assert.deepEqual(sent[0]?.waiting, { sinceMs: 1000 });
    assert.deepEqual([sent[1]?.replaced, sent[1]?.reasoning, sent[1]?.answer, sent[1]?.retrying?.attempt], [true, '', '', 1]);
    assert.equal(sent[2]?.waiting, undefined);
    assert.equal(sent[2]?.answerDelta, 'Rest.');
  });
});
