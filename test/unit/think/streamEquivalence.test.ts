import { strict as assert } from 'node:assert';
import { createThinkStream, splitThink, type SplitInput, type SplitResult, type ThinkDelta } from '../../../server/think';
import { joinDeltas, medicalO1Rows, perRequestDeltaLists, reasoningCaseMessages, seedAnswers, transcriptDeltas } from './realOutputs';

/** The streaming splitter fed `deltas` in order. */
function streamed(input: Omit<SplitInput, 'output' | 'reasoning'>, deltas: ThinkDelta[]): SplitResult {
  const stream = createThinkStream({}, { thinkOpenedByPrompt: input.thinkOpenedByPrompt, prompt: input.prompt });
  for (const d of deltas) stream.push(d);
  return stream.end();
}

/** `text` cut at the given ascending positions. */
function cut(text: string, positions: number[]): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const p of positions) {
    parts.push(text.slice(from, p));
    from = p;
  }
  parts.push(text.slice(from));
  return parts;
}

/** Asserts that content cut at each single position, fed as deltas, ends as the batch split does. */
function assertEveryCut(input: SplitInput, positions?: Iterable<number>): void {
  const want = splitThink(input);
  const reasoningDelta: ThinkDelta[] = input.reasoning ? [{ reasoning_content: input.reasoning }] : [];
  for (const p of positions ?? Array.from({ length: input.output.length + 1 }, (_, i) => i)) {
    const got = streamed(input, [...reasoningDelta, ...cut(input.output, [p]).map((content) => ({ content }))]);
    if (got.state !== want.state || got.reasoning !== want.reasoning || got.answer !== want.answer || got.flags.join() !== want.flags.join()) {
      assert.deepEqual(got, want, `cut at ${p} of ${JSON.stringify(input.output.slice(Math.max(0, p - 20), p + 20))}`);
    }
  }
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Several multi-cut patterns: fixed-size chunks, random cuts, and cuts inside every markup run. */
function assertMultiCuts(input: SplitInput, seed: number): void {
  const want = splitThink(input);
  const text = input.output;
  const patterns: number[][] = [];
  for (const size of [1, 2, 3, 5, 8, 13]) patterns.push(Array.from({ length: Math.floor(text.length / size) }, (_, i) => (i + 1) * size));
  const random = lcg(seed);
  for (let t = 0; t < 40; t++) {
    const n = 1 + Math.floor(random() * 25);
    patterns.push([...new Set(Array.from({ length: n }, () => Math.floor(random() * (text.length + 1))))].sort((a, b) => a - b));
  }
  const inTags: number[] = [];
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) for (let k = 1; k <= 4; k++) inTags.push(i + k);
  patterns.push([...new Set(inTags)].filter((p) => p <= text.length).sort((a, b) => a - b));
  for (const positions of patterns) {
    const deltas: ThinkDelta[] = cut(text, positions).map((content) => ({ content }));
    if (input.reasoning) deltas.unshift({ reasoning_content: input.reasoning });
    assert.deepEqual(streamed(input, deltas), want, `cuts at ${positions.slice(0, 12).join(',')}...`);
  }
}

const REASONING = 'Patient with fever and cough suggests viral infection; supportive care fits';
const ANSWER = 'Rest plus plenty of water.';

describe('streaming split equals batch split, however the text is cut', function () {
  this.timeout(120_000);

  describe('the two real seed outputs', () => {
    const seeds = seedAnswers();

    it('split as the data README describes them (batch oracle)', () => {
      const [deepseek, mistral] = seeds;
      assert.ok(deepseek && mistral);
      const ds = splitThink({ output: deepseek.output });
      const close = deepseek.output.indexOf('</think>');
      assert.equal(ds.state, 'complete');
      assert.equal(ds.reasoning, deepseek.output.slice('<think>'.length, close).trim());
      assert.equal(ds.answer, deepseek.output.slice(close + '</think>'.length).replace('< | end_of_sentence | >', '').trim());
      assert.deepEqual(ds.flags, ['eos-stripped']);
      const mi = splitThink({ output: mistral.output });
      assert.equal(mi.state, 'unclosed');
      assert.equal(mi.answer, '');
      assert.equal(mi.reasoning, mistral.output.replace('<think>', '').trim());
    });

    it('at every single cut position', () => {
      for (const s of seeds) assertEveryCut({ output: s.output });
    });

    it('with the opening tag removed (thinkOpenedByPrompt), at every cut position', () => {
      for (const s of seeds) assertEveryCut({ output: s.output.replace('<think>', ''), thinkOpenedByPrompt: true });
    });

    it('under multi-cut patterns, also with the prompt echoed in front', () => {
      seeds.forEach((s, i) => {
        assertMultiCuts({ output: s.output }, 11 + i);
        const prompt = 'Below is an instruction.\n\n### Question:\nWhat is the next best step?\n\n### Response:\n<think>';
        assertMultiCuts({ output: prompt + s.output.replace('<think>', ''), prompt }, 29 + i);
      });
    });
  });

  describe('all 120 medical-o1 rows formatted as <think>CoT</think>Response', () => {
    const rows = medicalO1Rows();

    it('split back into exactly Complex_CoT and Response (batch oracle), in every variant', () => {
      assert.equal(rows.length, 120);
      for (const r of rows) {
        const want = { reasoning: r.Complex_CoT.trim(), answer: r.Response.trim(), state: 'complete' };
        const plain = splitThink({ output: `<think>\n${r.Complex_CoT}\n</think>\n\n${r.Response}` });
        assert.deepEqual({ ...plain, flags: undefined }, { ...want, flags: undefined });
        assert.deepEqual(plain.flags, []);
        const opened = splitThink({ output: `${r.Complex_CoT}</think>${r.Response}<｜end▁of▁sentence｜>` });
        assert.deepEqual({ reasoning: opened.reasoning, answer: opened.answer, state: opened.state, flags: opened.flags }, { ...want, flags: ['eos-stripped'] });
        const server = splitThink({ output: r.Response, reasoning: r.Complex_CoT });
        assert.deepEqual({ reasoning: server.reasoning, answer: server.answer, state: server.state }, want);
        const unclosed = splitThink({ output: `<think>${r.Complex_CoT}` });
        assert.deepEqual({ reasoning: unclosed.reasoning, answer: unclosed.answer, state: unclosed.state }, { reasoning: r.Complex_CoT.trim(), answer: '', state: 'unclosed' });
      }
    });

    it('at every single cut position', () => {
      for (const r of rows) assertEveryCut({ output: `<think>\n${r.Complex_CoT}\n</think>\n\n${r.Response}` });
    });

    it('without the opening tag and with an end token, at every cut position near markup and every 7th elsewhere', () => {
      for (const r of rows) {
        const output = `${r.Complex_CoT}</think>${r.Response}<｜end▁of▁sentence｜>`;
        const near = new Set<number>();
        for (const anchor of [r.Complex_CoT.length, output.length - 21]) for (let d = -40; d <= 40; d++) near.add(anchor + d);
        for (let p = 0; p <= output.length; p += 7) near.add(p);
        assertEveryCut({ output }, [...near].filter((p) => p >= 0 && p <= output.length));
      }
    });

    it('under multi-cut patterns, with server reasoning arriving before or after the content', () => {
      rows.slice(0, 30).forEach((r, i) => assertMultiCuts({ output: `<think>${r.Complex_CoT}</think>${r.Response}` }, 100 + i));
      for (const r of rows.slice(0, 30)) {
        const want = splitThink({ output: r.Response, reasoning: r.Complex_CoT, thinkOpenedByPrompt: true });
        const late = streamed({ thinkOpenedByPrompt: true }, [{ content: r.Response.slice(0, 10) }, { reasoning: r.Complex_CoT }, { content: r.Response.slice(10) }]);
        assert.deepEqual(late, want);
      }
    });
  });

  describe('llama-server transcripts', () => {
    it('chat streams: the recorded deltas give the scripted reasoning and answer', () => {
      for (const file of ['chat_stream.txt', 'chat_stream_no_usage.txt']) {
        const deltas = transcriptDeltas(file);
        const got = streamed({}, deltas);
        assert.deepEqual(got, { reasoning: REASONING, answer: ANSWER, state: 'complete', flags: [] }, file);
        assert.deepEqual(got, splitThink(joinDeltas(deltas)), file);
      }
    });

    it('completion streams after a prompt ending in <think>: recorded chunks and every cut position', () => {
      for (const file of ['completion_stream.txt', 'v1_completions_stream.txt']) {
        const deltas = transcriptDeltas(file);
        assert.deepEqual(streamed({ thinkOpenedByPrompt: true }, deltas), { reasoning: REASONING, answer: ANSWER, state: 'complete', flags: [] }, file);
        assertEveryCut({ output: joinDeltas(deltas).output, thinkOpenedByPrompt: true });
      }
    });

    it('every reasoning format of reasoning_format_per_request.txt gives the same split', () => {
      const lists = perRequestDeltaLists();
      assert.deepEqual([...lists.keys()].sort(), ['auto', 'deepseek', 'deepseek-legacy', 'none']);
      for (const [format, deltas] of lists) {
        assert.deepEqual(streamed({}, deltas), { reasoning: REASONING, answer: ANSWER, state: 'complete', flags: [] }, format);
        const { output, reasoning } = joinDeltas(deltas);
        assertEveryCut({ output, reasoning });
      }
    });

    it('every template and reasoning-format case of reasoning_cases_*.txt, whole and at every cut', () => {
      const cases = reasoningCaseMessages();
      const split = { reasoning: REASONING, answer: ANSWER, state: 'complete', flags: [] };
      const plain = { reasoning: '', answer: ANSWER, state: 'none', flags: [] };
      const expected: Record<string, object> = {
        A_qwen3_default: split,
        E_legacy: split,
        F_none: split,
        B_gemma_auto: split,
        B_gemma_deepseek: split,
        C_llama2_deepseek: plain,
        C_llama2_none: plain,
        D1_r1distill_auto: split,
        D2_r1_forced_open_nonl_auto: split,
        D2_r1_forced_open_nonl_none: split,
        C2_nojinja_llama2_deepseek: plain,
        C3_inst_jinja_deepseek: plain,
        G_qwen3_model_skips_think_auto: plain,
        D3_r1_forced_open_model_skips_think: { reasoning: ANSWER, answer: '', state: 'unclosed', flags: [] },
      };
      assert.deepEqual([...cases.keys()].sort(), Object.keys(expected).sort());
      for (const [name, message] of cases) {
        const input = { output: message.content, reasoning: message.reasoning_content };
        assert.deepEqual(splitThink(input), expected[name], name);
        assertEveryCut(input);
        const reasoning = input.reasoning ?? '';
        for (let p = 0; p <= reasoning.length; p++) {
          const deltas = cut(reasoning, [p]).map((r) => ({ reasoning_content: r }));
          assert.deepEqual(streamed({}, [...deltas, { content: input.output }]), expected[name], `${name}: reasoning cut at ${p}`);
        }
      }
    });

    it('a template that closes the block itself (enable_thinking false): complete with empty reasoning', () => {
      assert.deepEqual(splitThink({ output: '<think>\n\n</think>\n\nRest plus plenty of water.' }), { reasoning: '', answer: ANSWER, state: 'complete', flags: [] });
    });

    it('a looping generation cut off by a disconnect: stray </think> and repetition flagged, any cut', () => {
      const deltas = transcriptDeltas('disconnect_partial.txt');
      const { output, reasoning } = joinDeltas(deltas);
      const got = streamed({}, deltas);
      assert.equal(got.reasoning, REASONING);
      assert.equal(got.state, 'complete');
      assert.ok(got.answer.startsWith('Rest plus plenty of water.'));
      assert.ok(!got.answer.includes('</think>'));
      assert.deepEqual(got.flags, ['degenerate-repetition', 'stray-tags']);
      assertEveryCut({ output, reasoning });
    });
  });
});
