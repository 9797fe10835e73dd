import { strict as assert } from 'node:assert';
import { PhaseTimers, type TimeoutPhase } from '../../../server/inference/phaseTimers';

/**
 * Which clock fires when. A real blackholed host cannot be made on loopback (the kernel completes the
 * handshake for any listening socket), so the connect limit is checked on the timers themselves.
 */
function watch(limits: { connectMs: number; idleMs: number; waitingNoticeMs: number; firstByteMs: number }) {
  const fired: TimeoutPhase[] = [];
  const waiting: number[] = [];
  const timers = new PhaseTimers(limits, (p) => fired.push(p), (ms) => waiting.push(ms));
  return { timers, fired, waiting };
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('request phase clocks', () => {
  it('no connection within the connect limit: the connect clock fires', async () => {
    const { timers, fired } = watch({ connectMs: 30, idleMs: 10_000, waitingNoticeMs: 10_000, firstByteMs: 0 });
    timers.start();
    await settle(80);
    timers.clear();
    assert.deepEqual(fired, ['connect']);
  });

  it('connected but silent (queued): only "waiting" notices, however long, until bytes flow; then the idle clock', async () => {
    const { timers, fired, waiting } = watch({ connectMs: 30, idleMs: 40, waitingNoticeMs: 20, firstByteMs: 0 });
    timers.start();
    timers.connected();
    await settle(150);
    assert.deepEqual(fired, []);
    assert.ok(waiting.length >= 2);
    timers.bytes();
    const notices = waiting.length;
    await settle(100);
    timers.clear();
    assert.deepEqual(fired, ['idle']);
    assert.equal(waiting.length, notices, 'no waiting notice once bytes flow');
  });

  it('every byte restarts the idle clock', async () => {
    const { timers, fired } = watch({ connectMs: 1000, idleMs: 60, waitingNoticeMs: 1000, firstByteMs: 0 });
    timers.start();
    timers.connected();
    for (let i = 0; i < 6; i++) {
      timers.bytes();
      await settle(20);
    }
    timers.clear();
    assert.deepEqual(fired, []);
  });

  it('an optional first-byte limit fires when set', async () => {
    const { timers, fired } = watch({ connectMs: 1000, idleMs: 1000, waitingNoticeMs: 1000, firstByteMs: 30 });
    timers.start();
    timers.connected();
    await settle(80);
    timers.clear();
    assert.deepEqual(fired, ['first-byte']);
  });
});
