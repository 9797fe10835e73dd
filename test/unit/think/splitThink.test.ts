import { strict as assert } from 'node:assert';
import { splitThink, type SplitInput, type SplitResult } from '../../../server/think';

function split(output: string, extra: Omit<SplitInput, 'output'> = {}, tagNames?: string[]): SplitResult {
  return splitThink({ output, ...extra }, tagNames ? { tagNames } : {});
}

function expectSplit(r: SplitResult, reasoning: string, answer: string, state: SplitResult['state'], flags: SplitResult['flags'] = []): void {
  assert.deepEqual({ reasoning: r.reasoning, answer: r.answer, state: r.state, flags: r.flags }, { reasoning, answer, state, flags });
}

describe('splitThink: tags', () => {
  it('splits a closed <think> block from the answer and trims both parts', () => {
    expectSplit(split('<think>\n  Weigh PE against pneumonia.\n</think>\n\n  CT pulmonary angiogram.  \n'), 'Weigh PE against pneumonia.', 'CT pulmonary angiogram.', 'complete');
  });

  it('accepts <thinking> and any letter case', () => {
    expectSplit(split('<thinking>r</thinking>a'), 'r', 'a', 'complete');
    expectSplit(split('<THINK>r</Think>a'), 'r', 'a', 'complete');
    expectSplit(split('< think >r</ THINK >a'), 'r', 'a', 'complete');
  });

  it('uses configured tag names only', () => {
    expectSplit(split('<reasoning>r</reasoning>a', {}, ['reasoning']), 'r', 'a', 'complete');
    expectSplit(split('<think>r</think>a', {}, ['reasoning']), '', '<think>r</think>a', 'none');
  });

  it('leaves angle brackets that are not markup alone', () => {
    expectSplit(split('Give it if K < 5.5 and > 3.5 mmol/L; <b>not</b> otherwise, <s> too.'), '', 'Give it if K < 5.5 and > 3.5 mmol/L; <b>not</b> otherwise, <s> too.', 'none');
  });

  it('returns state none with the whole output as answer when there is no markup', () => {
    expectSplit(split('  Ceftriaxone 2 g IV.\n'), '', 'Ceftriaxone 2 g IV.', 'none');
    expectSplit(split(''), '', '', 'none');
  });
});

describe('splitThink: missing opening tag', () => {
  it('treats text before the first </think> as reasoning when the prompt opened the block', () => {
    expectSplit(split('Preload-dependent RV.\n</think>\n\nAvoid nitrates.', { thinkOpenedByPrompt: true }), 'Preload-dependent RV.', 'Avoid nitrates.', 'complete');
  });

  it('infers it from a lone </think> even when nobody said so', () => {
    expectSplit(split('Preload-dependent RV.</think>Avoid nitrates.'), 'Preload-dependent RV.', 'Avoid nitrates.', 'complete');
  });

  it('infers thinkOpenedByPrompt from a prompt that ends with an opened tag, like the seed prompt', () => {
    const prompt = '### Question:\nWhat next?\n\n### Response:\n<think>';
    expectSplit(split('Still reasoning, cut off here', { prompt }), 'Still reasoning, cut off here', '', 'unclosed');
    expectSplit(split('No think here', { prompt: '### Response:\n<think></think>' }), '', 'No think here', 'none');
  });

  it('does not count the model re-opening the block the prompt opened as a stray tag', () => {
    expectSplit(split('<think>r</think>a', { thinkOpenedByPrompt: true }), 'r', 'a', 'complete');
  });
});

describe('splitThink: unclosed reasoning', () => {
  it('makes everything reasoning and the answer empty', () => {
    expectSplit(split('<think>\n1. Severe exacerbation.\n2. Give'), '1. Severe exacerbation.\n2. Give', '', 'unclosed');
  });

  it('folds text before the opening tag into the reasoning too', () => {
    expectSplit(split('Let me see. <think> Still thinking'), 'Let me see.\n\nStill thinking', '', 'unclosed');
  });

  it('is unclosed when the prompt opened the block and the output never closes it', () => {
    expectSplit(split('thinking only', { thinkOpenedByPrompt: true }), 'thinking only', '', 'unclosed');
  });
});

describe('splitThink: reasoning split by the server', () => {
  it('takes reasoning_content / reasoning as the reasoning', () => {
    expectSplit(split('\n\nRest and fluids.', { reasoning: 'Viral illness likely.' }), 'Viral illness likely.', 'Rest and fluids.', 'complete');
  });

  it('ignores thinkOpenedByPrompt when the server already consumed the opened block', () => {
    expectSplit(split('\n\nRest and fluids.', { reasoning: 'Viral.', thinkOpenedByPrompt: true }), 'Viral.', 'Rest and fluids.', 'complete');
  });

  it('drops a leading <think> the template left in the reasoning without flagging it', () => {
    expectSplit(split('Answer.', { reasoning: '\n<think>Reasoning.' }), 'Reasoning.', 'Answer.', 'complete');
  });

  it('flags stray tags inside server reasoning and content', () => {
    expectSplit(split('Answer.', { reasoning: 'One. <think> Two. </think> Three.' }), 'One.  Two.  Three.', 'Answer.', 'complete', ['stray-tags']);
    expectSplit(split('Answer one.</think> Answer two.', { reasoning: 'R.' }), 'R.', 'Answer one. Answer two.', 'complete', ['stray-tags']);
  });

  it('is unclosed when all text went to the reasoning and the content is empty (a </think> that never came)', () => {
    expectSplit(split('', { reasoning: '\n\nRest plus plenty of water.' }), 'Rest plus plenty of water.', '', 'unclosed');
  });

  it('combines server reasoning with a think block left in the content', () => {
    expectSplit(split('<think>more</think>Answer.', { reasoning: 'first' }), 'first\n\nmore', 'Answer.', 'complete');
  });
});

describe('splitThink: stray, repeated and several blocks', () => {
  it('joins several blocks and the answer parts between them, flagging stray-tags', () => {
    expectSplit(split('<think>a</think>b<think>c</think>d'), 'a\n\nc', 'b\n\nd', 'complete', ['stray-tags']);
  });

  it('flags a Llama-3 style <think> loop as degenerate repetition', () => {
    const loop = '<think>\n' + '<think>\nThe farmer has cholinergic toxicity.\n'.repeat(9);
    const r = split(loop);
    assert.equal(r.state, 'unclosed');
    assert.equal(r.answer, '');
    assert.deepEqual(r.flags, ['degenerate-repetition', 'stray-tags']);
    assert.equal(r.reasoning.split('\n').filter((l) => l !== '').length, 9);
  });

  it('drops an opened block with nothing in it instead of hiding the answer', () => {
    expectSplit(split('Atropine.\n<think>\n<think>\n<think>\n'), '', 'Atropine.', 'none', ['degenerate-repetition', 'stray-tags']);
    expectSplit(split('Atropine. <think>'), '', 'Atropine.', 'none', ['stray-tags']);
  });

  it('flags the same line repeated many times even without tags', () => {
    const r = split('Answer.\n' + 'Give atropine until secretions dry.\n\n'.repeat(6));
    assert.deepEqual(r.flags, ['degenerate-repetition']);
  });

  it('flags a phrase looping at the end of the output', () => {
    const r = split('Rest plus plenty of water.' + 'FRest plus plenty of water.6Rest plus plenty of water.'.repeat(5));
    assert.deepEqual(r.flags, ['degenerate-repetition']);
  });

  it('does not flag ordinary lists', () => {
    const r = split('<think>x</think>\n- 1 mg IV\n- 1 mg IV\n- repeat\n- 2 mg IV\nAdrenaline 0.5 mg IM.');
    assert.deepEqual(r.flags, []);
  });
});

describe('splitThink: end-of-sequence tokens', () => {
  const tokens = ['</s>', '<|eot_id|>', '<|im_end|>', '<｜end▁of▁sentence｜>', '< | end_of_sentence | >', '<|end_of_sentence|>', '<|endoftext|>', '<end_of_turn>', '<|END_OF_TEXT|>'];
  for (const token of tokens) {
    it(`removes ${token} and flags eos-stripped`, () => {
      expectSplit(split(`<think>r</think>Intubate.${token}`), 'r', 'Intubate.', 'complete', ['eos-stripped']);
    });
  }

  it('removes tokens in the middle of the text as well', () => {
    expectSplit(split('One.<|eot_id|> Two.'), '', 'One. Two.', 'none', ['eos-stripped']);
  });
});

describe('splitThink: echoed prompt', () => {
  const prompt = 'Below is an instruction.\n\n### Question:\nWhat next?\n\n### Response:\n<think>';

  it('removes the prompt in front of the output and flags it', () => {
    expectSplit(split(prompt + 'Reasoning.</think>\nAnswer.', { prompt }), 'Reasoning.', 'Answer.', 'complete', ['prompt-echoed']);
  });

  it('matches the echo even when its whitespace differs', () => {
    const echo = 'Below is an instruction. ### Question: What next?\n### Response: <think>';
    expectSplit(split(echo + 'Reasoning.</think>\nAnswer.', { prompt }), 'Reasoning.', 'Answer.', 'complete', ['prompt-echoed']);
  });

  it('leaves an output that does not start with the prompt alone', () => {
    expectSplit(split('Below is my answer.</think>Answer.', { prompt }), 'Below is my answer.', 'Answer.', 'complete');
  });

  it('does not treat an output that is only the beginning of the prompt as an echo', () => {
    expectSplit(split('Below is an', { prompt, thinkOpenedByPrompt: false }), '', 'Below is an', 'none');
  });
});
