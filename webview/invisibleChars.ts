/**
 * Characters that change how text reads without being visible: bidirectional overrides and isolates (which
 * can make "500 µg" display reversed) and zero-width characters. A reviewer must see that they are there,
 * so each is replaced by a visible marker such as `[U+202E]`.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export interface RevealedText {
  text: string;
  /** How many invisible characters were replaced. */
  hidden: number;
}

export function revealInvisible(text: string): RevealedText {
  let hidden = 0;
  const revealed = text.replace(INVISIBLE, (c) => {
    hidden++;
    return `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;
  });
  return { text: revealed, hidden };
}
