import { composeSplit } from './composeSplit';
import { ContentFold, type FoldEffect } from './contentFold';
import { LiveView } from './liveView';
import { MarkupScanner, scanMarkup, type MarkupEvent } from './markupScanner';
import { createMarkupClassifier, DEFAULT_TAG_NAMES, type MarkupClassifier } from './markupTokens';
import { PromptEchoStripper } from './promptEcho';
import { ReasoningChannel } from './reasoningChannel';
import { mergeReasoningFields } from './reasoningFields';
import type { SplitOptions, SplitResult, ThinkContext, ThinkDelta, ThinkState, ThinkStream, ThinkStreamUpdate } from './types';

/** True when the prompt's last reasoning tag is an opening one: the output then starts inside reasoning. */
export function promptOpensThink(prompt: string, classify: MarkupClassifier = markupClassifier(DEFAULT_TAG_NAMES)): boolean {
  let last: MarkupEvent['kind'] | undefined;
  for (const e of scanMarkup(prompt, classify)) if (e.kind === 'open' || e.kind === 'close') last = e.kind;
  return last === 'open';
}

const classifiers = new Map<string, MarkupClassifier>();

/** Classifiers are cached per tag-name list: an import splits hundreds of thousands of outputs. */
function markupClassifier(tagNames: readonly string[]): MarkupClassifier {
  const key = tagNames.join('\u0000');
  let classify = classifiers.get(key);
  if (!classify) {
    classify = createMarkupClassifier(tagNames);
    classifiers.set(key, classify);
  }
  return classify;
}

/** The one splitting state machine: markup scanners, prompt-echo stripper, content fold, reasoning channel. */
export class Splitter {
  private readonly contentScanner: MarkupScanner;
  private readonly reasoningScanner: MarkupScanner;
  private readonly echo: PromptEchoStripper;
  private readonly channel = new ReasoningChannel();
  private readonly opened: boolean;
  /** Content events are kept so the fold can be replayed if its starting assumption turns out wrong. */
  private readonly contentEvents: MarkupEvent[] = [];
  private readonly events: MarkupEvent[] = [];
  private fold: ContentFold | undefined;
  private result: SplitResult | undefined;

  constructor(options: SplitOptions, context: ThinkContext, private readonly view?: LiveView) {
    const classify = markupClassifier(options.tagNames ?? DEFAULT_TAG_NAMES);
    this.contentScanner = new MarkupScanner(classify);
    this.reasoningScanner = new MarkupScanner(classify);
    this.echo = new PromptEchoStripper(context.prompt);
    this.opened = context.thinkOpenedByPrompt ?? (context.prompt !== undefined && promptOpensThink(context.prompt, classify));
  }

  feed(reasoning: string, content: string): void {
    if (this.result) throw new Error('think stream already ended');
    this.reasoningScanner.push(reasoning, this.events);
    this.applyReasoning();
    this.contentScanner.push(this.echo.push(content), this.events);
    this.applyContent();
  }

  finish(): SplitResult {
    if (this.result) return this.result;
    this.reasoningScanner.end(this.events);
    this.applyReasoning();
    this.contentScanner.push(this.echo.end(), this.events);
    this.contentScanner.end(this.events);
    this.applyContent();
    const fold = this.currentFold();
    fold.finish();
    this.result = composeSplit(fold, this.channel, this.echo.echoed);
    return this.result;
  }

  provisionalState(): ThinkState {
    const fold = this.fold;
    if (fold?.inside) return 'unclosed';
    if (fold && fold.closes > 0) return 'complete';
    if (this.channel.hasReasoning) return this.view?.answerHasText ? 'complete' : 'unclosed';
    return this.opened && !fold ? 'unclosed' : 'none';
  }

  private applyReasoning(): void {
    for (const e of this.events) {
      const text = this.channel.apply(e);
      if (text !== '') this.view?.appendReasoning(text);
    }
    this.events.length = 0;
    if (this.fold && this.fold.serverSplit !== this.channel.hasReasoning) this.replay();
  }

  private applyContent(): void {
    if (this.events.length === 0) return;
    const fold = this.currentFold();
    for (const e of this.events) {
      this.contentEvents.push(e);
      this.show(fold.apply(e));
    }
    this.events.length = 0;
  }

  private currentFold(): ContentFold {
    if (!this.fold) this.fold = new ContentFold(this.opened, this.channel.hasReasoning);
    else if (this.fold.serverSplit !== this.channel.hasReasoning) this.replay();
    return this.fold;
  }

  /**
   * Server reasoning normally arrives before any content; if it comes later, the content read so far
   * is read again under the right assumption (see ContentFold's `serverSplit`).
   */
  private replay(): void {
    const fold = new ContentFold(this.opened, this.channel.hasReasoning);
    for (const e of this.contentEvents) fold.apply(e);
    this.fold = fold;
    this.view?.redraw(fold, this.channel.text);
  }

  private show(effect: FoldEffect): void {
    if (effect === undefined || !this.view) return;
    if (effect === 'reclassified') this.view.redraw(this.fold, this.channel.text);
    else if (effect.appended === 'reasoning') this.view.appendReasoning(effect.text);
    else this.view.appendAnswer(effect.text);
  }
}

class StreamingSplitter implements ThinkStream {
  private readonly view = new LiveView();
  private readonly splitter: Splitter;

  constructor(options: SplitOptions, context: ThinkContext) {
    this.splitter = new Splitter(options, context, this.view);
  }

  push(delta: ThinkDelta): ThinkStreamUpdate {
    const view = this.view;
    view.begin();
    this.splitter.feed(mergeReasoningFields(delta.reasoning_content, delta.reasoning), delta.content ?? '');
    return {
      reasoningDelta: view.reasoningDelta,
      answerDelta: view.answerDelta,
      replaced: view.replaced,
      reasoning: view.reasoning,
      answer: view.answer,
      state: this.splitter.provisionalState(),
    };
  }

  end(): SplitResult {
    return this.splitter.finish();
  }
}

/**
 * A splitter for a generation as it streams in. Feed it each delta; `end()` gives exactly what
 * `splitThink` gives for the whole text, wherever the chunks were cut (a tag split across chunks included).
 */
export function createThinkStream(options: SplitOptions = {}, context: ThinkContext = {}): ThinkStream {
  return new StreamingSplitter(options, context);
}
