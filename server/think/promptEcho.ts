/**
 * Removes the prompt when a pipeline returned prompt + completion (as a plain `generate` + `decode` does).
 * Whitespace is ignored on both sides while matching, because decoding a prompt rarely reproduces its
 * spacing exactly. Output is held back only while it still matches the prompt, so the result does not
 * depend on how the output is cut into chunks.
 */
export class PromptEchoStripper {
  private matched = 0;
  private held = '';
  private done: boolean;
  echoed = false;

  private readonly prompt: string;

  constructor(prompt: string | undefined) {
    this.prompt = withoutSpaces(prompt ?? '');
    this.done = this.prompt === '';
  }

  /** Returns the part of `chunk` that is model output rather than echoed prompt. */
  push(chunk: string): string {
    if (this.done) return chunk;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (isSpace(code)) continue;
      if (code !== this.prompt.charCodeAt(this.matched)) {
        this.done = true;
        const all = this.held + chunk;
        this.held = '';
        return all;
      }
      this.matched++;
      if (this.matched === this.prompt.length) {
        this.done = true;
        this.echoed = true;
        this.held = '';
        return chunk.slice(i + 1);
      }
    }
    this.held += chunk;
    return '';
  }

  /** At the end, output that only ever matched a beginning of the prompt was not an echo: give it back. */
  end(): string {
    this.done = true;
    const rest = this.held;
    this.held = '';
    return rest;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 12 || code === 11 || code === 0xa0;
}

function withoutSpaces(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) out += text[i];
  return out;
}
