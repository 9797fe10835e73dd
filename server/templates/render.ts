import type { Question } from '../dataset/model';
import { placeholderInfo, scanPlaceholders } from './placeholders';
import type { ChatMessage, PromptTemplate, RenderedPrompt } from './types';

/**
 * Fills one line's placeholders in a single pass over the template, so text from the dataset that happens to
 * contain `{{...}}` is never expanded. Unknown placeholders stay as written (they are reported as problems).
 */
function fillLine(line: string, q: Question): { text: string; onlyEmptyPlaceholder: boolean } {
  const { uses } = scanPlaceholders(line);
  let out = '';
  let from = 0;
  let filled = '';
  for (const use of uses) {
    const info = placeholderInfo(use.name);
    const value = info ? info.value(q) : line.slice(use.start, use.end);
    out += line.slice(from, use.start) + value;
    filled += value;
    from = use.end;
  }
  out += line.slice(from);
  const rest = line.slice(0, uses[0]?.start ?? 0) + line.slice(uses.at(-1)?.end ?? line.length);
  const onlyEmptyPlaceholder = uses.length > 0 && filled === '' && rest.trim() === '' && uses.every((u) => placeholderInfo(u.name));
  return { text: out, onlyEmptyPlaceholder };
}

/**
 * The body with every placeholder filled for a question. A line holding nothing but placeholders that are
 * empty for this question (`{{options}}` of an open question) is dropped whole, so no stray blank line is left.
 */
export function renderBody(body: string, q: Question): string {
  const kept: string[] = [];
  for (const line of body.split('\n')) {
    const { text, onlyEmptyPlaceholder } = fillLine(line, q);
    if (!onlyEmptyPlaceholder) kept.push(text);
  }
  return kept.join('\n');
}

/**
 * What is sent for a question: chat messages (the server applies the model's chat template) or the raw
 * completion prompt, exactly as rendered (whitespace matters to a completion model, so nothing is trimmed).
 */
export function renderTemplate(t: PromptTemplate, q: Question): RenderedPrompt {
  const text = renderBody(t.body, q);
  if (t.mode === 'completion') return { mode: 'completion', prompt: text, thinkOpenedByPrompt: t.thinkOpenedByPrompt };
  const messages: ChatMessage[] = [];
  if (t.system) messages.push({ role: 'system', content: t.system });
  messages.push({ role: 'user', content: text.replace(/\n{3,}/g, '\n\n').trim() });
  return { mode: 'chat', messages, thinkOpenedByPrompt: t.thinkOpenedByPrompt };
}
