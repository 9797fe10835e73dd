import { strict as assert } from 'node:assert';
import type { GenerationProgress } from '../../../server/protocol';
import { LiveGenerations } from '../../../webview/liveGenerations';

function progress(seq: number, patch: Partial<GenerationProgress> = {}): GenerationProgress {
  return { generationId: 'g1', seq, questionId: 'q1', regenerates: 'a1', model: 'm', endpoint: 'e', phase: 'streaming', reasoningDelta: '', answerDelta: '', replaced: false, state: 'none', ...patch };
}

describe('live generations in the panel', () => {
  it('appends deltas in order and redraws the whole text on a replaced message', () => {
    const live = new LiveGenerations();
    live.started({ generationId: 'g1', questionId: 'q1', regenerates: 'a1', endpoint: 'e' });
    assert.equal(live.ofAnswer('a1')?.phase, 'starting');
    live.progress(progress(1, { answerDelta: 'Patient with', state: 'none' }));
    live.progress(progress(2, { answerDelta: ' fever' }));
    assert.equal(live.ofAnswer('a1')?.answer, 'Patient with fever');
    // A </think> arrived without an opening tag: what looked like the answer was reasoning.
    live.progress(progress(3, { replaced: true, reasoning: 'Patient with fever', answer: '', state: 'complete' }));
    live.progress(progress(4, { answerDelta: 'Rest.' }));
    const g = live.ofQuestion('q1')[0]!;
    assert.deepEqual([g.reasoning, g.answer, g.state], ['Patient with fever', 'Rest.', 'none']);
  });

  it('ignores messages a snapshot already contains, and forgets a generation once it is done', () => {
    const live = new LiveGenerations();
    live.snapshot({ generationId: 'g1', seq: 5, questionId: 'q1', model: 'm', endpoint: 'e', phase: 'streaming', reasoning: 'r', answer: 'abc', state: 'complete' });
    live.progress(progress(4, { answerDelta: 'IGNORED' }));
    live.progress(progress(6, { answerDelta: 'd' }));
    assert.equal(live.ofQuestion('q1')[0]?.answer, 'abcd');
    live.done({ generationId: 'g1', questionId: 'q1', model: 'm', endpoint: 'e', status: 'complete' });
    assert.deepEqual(live.ofQuestion('q1'), []);
  });

  it('shows "waiting" with how long while the server has not sent a byte', () => {
    const live = new LiveGenerations();
    live.progress(progress(1, { phase: 'waiting', waiting: { sinceMs: 4000 } }));
    assert.equal(live.ofQuestion('q1')[0]?.phase, 'waiting');
    assert.equal(live.ofQuestion('q1')[0]?.waitingMs, 4000);
  });
});
