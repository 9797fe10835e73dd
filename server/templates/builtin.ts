import { hasErrors, parseTemplate } from './parseTemplate';
import type { PromptTemplate } from './types';

/**
 * Templates that ship with MedReview. `medical-cot` has the shape the seed study's fine-tunes were trained on
 * (an instruction block, `### Question:`, `### Response:` and an opened `<think>`), in completion mode: sent
 * through a chat template, such a model sees a format it never learned, which is how degenerate output starts.
 */
export const BUILTIN_TEMPLATE_TEXTS: Record<string, string> = {
  'medical-cot': `---
id: medical-cot
description: Step-by-step clinical reasoning in the plain-text format of the seed study's fine-tuned models.
mode: completion
stop: ["### Question:"]
temperature: 0.6
top_p: 0.95
max_tokens: 2048
---
Below is a clinical question. Work through it the way an experienced physician would: note the key findings,
weigh the differential diagnosis, and reason step by step before committing to a single, clear answer.

### Instruction:
You are a physician with broad expertise in clinical reasoning, diagnosis and treatment planning.
Answer the question that follows.

### Question:
{{question}}
{{options}}

### Response:
<think>
`,
  'plain-chat': `---
id: plain-chat
description: The question as a chat message; the server applies the model's own chat template.
mode: chat
system: You are a careful physician. Think the question through, then give a concise final answer. For a multiple-choice question, end with the letter of the best option.
temperature: 0.6
---
{{context}}

{{question}}

{{options}}
`,
};

export const BUILTIN_TEMPLATE_IDS = Object.keys(BUILTIN_TEMPLATE_TEXTS);

/** A built-in template by id (`medical-cot`, `plain-chat`), parsed; its file is `builtin:<id>`. */
export function builtinTemplate(id: string): PromptTemplate {
  const text = BUILTIN_TEMPLATE_TEXTS[id];
  if (text === undefined) throw new Error(`no built-in template '${id}' (built in: ${BUILTIN_TEMPLATE_IDS.join(', ')})`);
  const { template, problems } = parseTemplate(text, `builtin:${id}`);
  if (!template || hasErrors(problems)) throw new Error(`built-in template '${id}' does not parse: ${problems.map((p) => p.message).join('; ')}`);
  return template;
}
