import type { GenerationDone, GenerationPhase, GenerationProgress, GenerationSnapshot } from '../server/protocol';
import type { ThinkState } from '../server/think/types';

/** A generation streaming into the panel. */
export interface LiveGeneration {
  generationId: string;
  seq: number;
  questionId: string;
  regenerates?: string;
  model: string;
  endpoint: string;
  phase: GenerationPhase | 'starting';
  reasoning: string;
  answer: string;
  state: ThinkState;
  waitingMs?: number;
  retry?: string;
}

/**
 * The generations streaming into the panel, built from the server's progress messages: deltas appended in
 * `seq` order, a `replaced` message redrawing the whole text, anything at or below a known `seq` ignored (a
 * snapshot after a reload already contains it). Pure state, so the rules are testable without a browser.
 */
export class LiveGenerations {
  private readonly byId = new Map<string, LiveGeneration>();

  /** A generation the panel just started: shown as "starting" until its first message. */
  started(g: { generationId: string; questionId: string; regenerates?: string; model?: string; endpoint: string }): void {
    if (this.byId.has(g.generationId)) return;
    this.byId.set(g.generationId, { ...g, model: g.model ?? '', seq: 0, phase: 'starting', reasoning: '', answer: '', state: 'none' });
  }

  snapshot(s: GenerationSnapshot): void {
    const known = this.byId.get(s.generationId);
    if (known && known.seq >= s.seq) return;
    this.byId.set(s.generationId, { ...s });
  }

  progress(p: GenerationProgress): void {
    const g = this.byId.get(p.generationId) ?? { generationId: p.generationId, seq: 0, questionId: p.questionId, regenerates: p.regenerates, model: p.model, endpoint: p.endpoint, phase: 'starting' as const, reasoning: '', answer: '', state: 'none' as const };
    if (p.seq <= g.seq) return;
    this.byId.set(p.generationId, {
      ...g,
      seq: p.seq,
      model: p.model,
      phase: p.phase,
      reasoning: p.replaced ? (p.reasoning ?? '') : g.reasoning + p.reasoningDelta,
      answer: p.replaced ? (p.answer ?? '') : g.answer + p.answerDelta,
      state: p.state,
      waitingMs: p.waiting?.sinceMs,
      retry: p.retrying ? `retry ${p.retrying.attempt}: ${p.retrying.reason}` : undefined,
    });
  }

  /** The generation ended: it stops being live (its stored answer comes with the question). */
  done(d: GenerationDone): LiveGeneration | undefined {
    const g = this.byId.get(d.generationId);
    this.byId.delete(d.generationId);
    return g;
  }

  ofQuestion(questionId: string): LiveGeneration[] {
    return [...this.byId.values()].filter((g) => g.questionId === questionId);
  }

  /** The live regeneration of an answer, if any. */
  ofAnswer(answerId: string): LiveGeneration | undefined {
    return [...this.byId.values()].find((g) => g.regenerates === answerId);
  }
}
