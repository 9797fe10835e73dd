import { strict as assert } from 'node:assert';
import { Rpc, RpcError } from '../../../webview/rpc';
import { GetQuestion, StatusChanged, WebviewErrorCode, type RequestMessage } from '../../../webview/protocol';

/** A stand-in for the panel's window and the VS Code webview API: what the panel posts, and a way to answer. */
function harness() {
  const posted: RequestMessage[] = [];
  let listener: ((e: { data: unknown }) => void) | undefined;
  const rpc = new Rpc({ postMessage: (m) => posted.push(m as RequestMessage) }, { addEventListener: (_t, l) => (listener = l) });
  const deliver = (data: unknown): void => listener?.({ data });
  return { rpc, posted, deliver };
}

describe('webview rpc', () => {
  it('sends each request with a fresh id and its timeout, and resolves with the matching result', async () => {
    const { rpc, posted, deliver } = harness();
    const first = rpc.request(GetQuestion, { id: 'q1' }, 5000);
    const second = rpc.request(GetQuestion, { id: 'q2' }, 5000);
    assert.equal(posted.length, 2);
    assert.notEqual(posted[0]!.id, posted[1]!.id);
    assert.equal(posted[0]!.timeoutMs, 5000);
    assert.equal(posted[0]!.method, 'question/get');
    deliver({ kind: 'response', id: posted[1]!.id, ok: true, result: { id: 'q2' } });
    deliver({ kind: 'response', id: posted[0]!.id, ok: true, result: { id: 'q1' } });
    assert.deepEqual(await first, { id: 'q1' });
    assert.deepEqual(await second, { id: 'q2' });
  });

  it('rejects with the typed error result the host sent', async () => {
    const { rpc, posted, deliver } = harness();
    const pending = rpc.request(GetQuestion, { id: 'missing' });
    deliver({ kind: 'response', id: posted[0]!.id, ok: false, error: { code: WebviewErrorCode.NotFound, message: 'no question' } });
    await assert.rejects(pending, (e: unknown) => e instanceof RpcError && e.error.code === WebviewErrorCode.NotFound);
  });

  it('times out with a timeout error when no answer comes, and ignores a late answer', async () => {
    const { rpc, posted, deliver } = harness();
    const pending = rpc.request(GetQuestion, { id: 'slow' }, 20);
    await assert.rejects(pending, (e: unknown) => e instanceof RpcError && e.error.code === WebviewErrorCode.Timeout);
    assert.doesNotThrow(() => deliver({ kind: 'response', id: posted[0]!.id, ok: true, result: {} }));
  });

  it('dispatches notifications to their handler and drops malformed messages', () => {
    const { rpc, deliver } = harness();
    const seen: unknown[] = [];
    rpc.onNotification(StatusChanged, (s) => seen.push(s.state));
    deliver({ kind: 'notification', method: 'status/changed', params: { state: 'ready' } });
    deliver({ kind: 'notification' });
    deliver('not a message');
    deliver(null);
    assert.deepEqual(seen, ['ready']);
  });
});
