import { strict as assert } from 'node:assert';
import { Rpc } from '../../../webview/rpc';
import { GetQuestion, SaveDraft, type QuestionDetail, type RequestMessage } from '../../../webview/protocol';
import { QuestionPrefetch } from '../../../webview/questionPrefetch';

/** The panel's rpc against a host that answers every `question/get` with the question's current version. */
function harness() {
  const posted: RequestMessage[] = [];
  let listener: ((e: { data: unknown }) => void) | undefined;
  const rpc = new Rpc({ postMessage: (m) => posted.push(m as RequestMessage) }, { addEventListener: (_t, l) => (listener = l) });
  const version = new Map<string, number>();
  /** Answers every request posted so far; a question's text says which version was read. */
  const answerAll = async (): Promise<void> => {
    for (const m of posted.splice(0)) {
      const id = (m.params as { id?: string }).id ?? '';
      const result = m.method === 'question/get' ? { id, text: `${id} v${version.get(id) ?? 1}` } : null;
      listener?.({ data: { kind: 'response', id: m.id, ok: true, result } });
    }
    await new Promise((r) => setImmediate(r));
  };
  const gets = () => posted.filter((m) => m.method === 'question/get').map((m) => (m.params as { id: string }).id);
  return { rpc, posted, version, answerAll, gets };
}

const text = (d: QuestionDetail): string => d.text;
const draft = (answerId: string) => ({ answerId, draft: { values: {}, overall: null, comment: '' } });

describe('question prefetch (j and k without a round trip)', () => {
  it('serves a prefetched neighbour without asking the host again, once', async () => {
    const h = harness();
    const prefetch = new QuestionPrefetch(h.rpc);
    prefetch.warm(['q2', 'q0']);
    assert.deepEqual(h.gets(), ['q2', 'q0']);
    await h.answerAll();
    assert.equal(text(await prefetch.get('q2')), 'q2 v1');
    assert.deepEqual(h.gets(), [], 'no request for a question fetched ahead');
    const again = prefetch.get('q2');
    assert.deepEqual(h.gets(), ['q2'], 'shown again: asked for afresh');
    await h.answerAll();
    await again;
  });

  it('drops what it fetched once a data-changing request went out, and fetches nothing while one is open', async () => {
    const h = harness();
    const prefetch = new QuestionPrefetch(h.rpc);
    prefetch.warm(['q2']);
    await h.answerAll();
    h.version.set('q2', 2);
    const saving = h.rpc.request(SaveDraft, draft('a1'));
    prefetch.warm(['q2']);
    assert.deepEqual(h.gets(), [], 'no prefetch while a save is open: its answer could be outdated');
    await h.answerAll();
    await saving;
    const shown = prefetch.get('q2');
    assert.deepEqual(h.gets(), ['q2'], 'the copy from before the save is not used');
    await h.answerAll();
    assert.equal(text(await shown), 'q2 v2');
  });

  it('tells when saves have settled, so neighbours can be fetched again', async () => {
    const h = harness();
    let settled = 0;
    h.rpc.onWritesSettled(() => settled++);
    const a = h.rpc.request(SaveDraft, draft('a1'));
    const b = h.rpc.request(SaveDraft, draft('a2'));
    const read = h.rpc.request(GetQuestion, { id: 'q1' });
    assert.equal(h.rpc.writeMark, undefined);
    await h.answerAll();
    await Promise.all([a, b, read]);
    assert.equal(settled, 1, 'once, when the last open save settled; reads do not count');
    assert.equal(h.rpc.writeMark, 2);
  });

  it('keeps at most its capacity, forgetting the oldest first', async () => {
    const h = harness();
    const prefetch = new QuestionPrefetch(h.rpc, 2);
    prefetch.warm(['q1', 'q2', 'q3']);
    await h.answerAll();
    await prefetch.get('q3');
    await prefetch.get('q2');
    assert.deepEqual(h.gets(), []);
    const oldest = prefetch.get('q1');
    assert.deepEqual(h.gets(), ['q1'], 'q1 was forgotten');
    await h.answerAll();
    await oldest;
  });
});
