import type { MarkupEvent } from './markupScanner';

export type Role = 'reasoning' | 'answer';

export interface Segment {
  role: Role;
  text: string;
}

/** What one event did to the text shown so far. */
export type FoldEffect = { appended: Role; text: string } | 'reclassified' | undefined;

/**
 * The state machine that assigns the model's `content` text to reasoning or answer, one markup event at
 * a time. Batch and streaming splitting both run it; only the chunking of text events differs.
 */
export class ContentFold {
  readonly segments: Segment[] = [];
  inside: boolean;
  /** Reasoning blocks that ended, with a closing tag or implicitly (a `</think>` with no opening). */
  closes = 0;
  /** Reasoning blocks seen, including one opened by the prompt. */
  blocks: number;
  /** Tags that neither opened nor closed a block: repeated `<think>`, a `</think>` outside reasoning. */
  stray = 0;
  eos = 0;
  private explicitOpens = 0;
  private blockHasText = false;
  private blockTagged = false;
  private breakSegment = true;

  readonly startsInside: boolean;

  /**
   * @param opened the prompt opened a reasoning block, so the output starts inside it
   * @param serverSplit the server sent reasoning separately: it consumed the prompt's block and any
   *   first `</think>`, so the content starts as answer and a `</think>` in it is stray
   */
  constructor(opened: boolean, readonly serverSplit: boolean) {
    this.startsInside = opened && !serverSplit;
    this.inside = this.startsInside;
    this.blocks = this.startsInside ? 1 : 0;
  }

  apply(event: MarkupEvent): FoldEffect {
    switch (event.kind) {
      case 'text':
        return this.text(event.text);
      case 'open':
        this.open();
        return undefined;
      case 'close':
        return this.close();
      case 'eos':
        this.eos++;
        return undefined;
    }
  }

  /** True when the output ended inside a reasoning block that has text in it. */
  get unclosed(): boolean {
    return this.inside && this.blockHasText;
  }

  /** Call once at the end: an opened block with nothing but whitespace in it was only tags. */
  finish(): void {
    if (this.inside && !this.blockHasText) {
      if (this.blockTagged) this.stray++;
      this.inside = false;
    }
  }

  private text(text: string): FoldEffect {
    const role: Role = this.inside ? 'reasoning' : 'answer';
    const last = this.segments[this.segments.length - 1];
    if (last && last.role === role && !this.breakSegment) last.text += text;
    else this.segments.push({ role, text });
    this.breakSegment = false;
    if (this.inside && !this.blockHasText && /\S/.test(text)) this.blockHasText = true;
    return { appended: role, text };
  }

  private open(): void {
    if (!this.inside) {
      this.inside = true;
      this.blocks++;
      this.explicitOpens++;
      this.blockHasText = false;
      this.blockTagged = true;
      this.breakSegment = true;
      return;
    }
    const repeatsPromptOpening = this.startsInside && this.closes === 0 && this.explicitOpens === 0 && !this.blockHasText;
    if (repeatsPromptOpening) {
      // The template opened the block and the model wrote its usual `<think>` anyway: not a stray.
      this.explicitOpens++;
      this.blockTagged = true;
      return;
    }
    this.stray++;
  }

  private close(): FoldEffect {
    if (this.inside) {
      this.inside = false;
      this.closes++;
      this.breakSegment = true;
      return undefined;
    }
    if (this.closes === 0 && this.explicitOpens === 0 && !this.serverSplit) {
      // A `</think>` with no opening: the prompt opened the block, so everything so far was reasoning.
      const text = this.segments.map((s) => s.text).join('');
      this.segments.length = 0;
      if (text !== '') this.segments.push({ role: 'reasoning', text });
      this.closes++;
      this.blocks++;
      this.breakSegment = true;
      return 'reclassified';
    }
    this.stray++;
    return undefined;
  }
}
