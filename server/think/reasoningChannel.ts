import type { MarkupEvent } from './markupScanner';

/**
 * Reasoning a server already split off (`reasoning_content`, `reasoning`). All of it is reasoning;
 * tags left in it are dropped. An opening tag before any text or a closing tag after all of it is what a
 * template leaves behind (llama.cpp sends `"\n<think>..."` for R1 distills), so only others count as stray.
 */
export class ReasoningChannel {
  text = '';
  stray = 0;
  eos = 0;
  private hasText = false;
  private closesSinceText = 0;

  apply(event: MarkupEvent): string {
    switch (event.kind) {
      case 'text':
        this.text += event.text;
        if (/\S/.test(event.text)) {
          this.hasText = true;
          this.stray += this.closesSinceText;
          this.closesSinceText = 0;
        }
        return event.text;
      case 'open':
        if (this.hasText) this.stray++;
        return '';
      case 'close':
        this.closesSinceText++;
        return '';
      case 'eos':
        this.eos++;
        return '';
    }
  }

  get hasReasoning(): boolean {
    return this.hasText;
  }
}
