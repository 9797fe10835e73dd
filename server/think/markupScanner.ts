import { isMarkupChar, MAX_MARKUP_LENGTH, type MarkupClassifier, type MarkupKind } from './markupTokens';

export type MarkupEvent = { kind: 'text'; text: string } | { kind: MarkupKind };

/**
 * Cuts text into plain runs and markup events. It holds back a `<...` run only while more input could
 * still turn it into markup, so the events (once their text runs are concatenated) are the same however
 * the input is cut into chunks: the property the streaming splitter rests on.
 */
export class MarkupScanner {
  private pending = '';

  constructor(private readonly classify: MarkupClassifier) {}

  push(chunk: string, out: MarkupEvent[]): void {
    if (chunk === '') return;
    this.pending += chunk;
    this.drain(false, out);
  }

  end(out: MarkupEvent[]): void {
    this.drain(true, out);
  }

  private drain(final: boolean, out: MarkupEvent[]): void {
    const text = this.pending;
    let emitted = 0;
    let from = 0;
    for (;;) {
      const lt = text.indexOf('<', from);
      if (lt < 0) break;
      const stop = runEnd(text, lt);
      if (stop === text.length && !final) {
        // The run may still become `<think>` or an end token when the next chunk arrives.
        pushText(out, text.slice(emitted, lt));
        this.pending = text.slice(lt);
        return;
      }
      const kind = text.charCodeAt(stop) === 62 /* > */ ? this.classify(text.slice(lt, stop + 1)) : undefined;
      if (kind) {
        pushText(out, text.slice(emitted, lt));
        out.push({ kind });
        emitted = stop + 1;
        from = stop + 1;
      } else {
        from = lt + 1;
      }
    }
    pushText(out, text.slice(emitted));
    this.pending = '';
  }
}

/**
 * Index of the first character after the `<` at `lt` that cannot be inside a markup run: the place
 * where a closing `>` must stand. Stops early enough that the whole run fits `MAX_MARKUP_LENGTH`;
 * returns the text's length when the text ends first.
 */
function runEnd(text: string, lt: number): number {
  const limit = Math.min(text.length, lt + MAX_MARKUP_LENGTH - 1);
  let i = lt + 1;
  while (i < limit && isMarkupChar(text.charCodeAt(i))) i++;
  return i;
}

function pushText(out: MarkupEvent[], text: string): void {
  if (text !== '') out.push({ kind: 'text', text });
}

/** Scans a whole string at once. */
export function scanMarkup(text: string, classify: MarkupClassifier): MarkupEvent[] {
  const out: MarkupEvent[] = [];
  const scanner = new MarkupScanner(classify);
  scanner.push(text, out);
  scanner.end(out);
  return out;
}
