/** Something that can photograph itself: an open browser session. */
export interface Photographable {
  screenshot(name: string): Promise<string>;
}

/** Sessions open right now, so a failing test can photograph them (kept apart to avoid an import cycle). */
export const openSessions = new Set<Photographable>();
