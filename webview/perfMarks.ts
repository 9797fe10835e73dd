/**
 * Timing marks for the panel benchmarks (bench/panel.bench.ts reads them with `performance.getEntriesByType`).
 * Marks are cheap and stay in the page; nothing is sent anywhere.
 */
export const perf = {
  /** A question was asked for (click, j/k, restore). */
  selected(questionId: string): void {
    performance.mark(`mr:selected:${questionId}`);
  },
  /** The question's answers are on screen (after the render that showed them). */
  painted(questionId: string): void {
    performance.mark(`mr:painted:${questionId}`);
  },
  /** A key that sets a rating value was pressed in the page. */
  key(): void {
    performance.mark('mr:key');
  },
  /** The store acknowledged a rating. */
  acknowledged(answerId: string): void {
    performance.mark(`mr:acked:${answerId}`);
  },
};
