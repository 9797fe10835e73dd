/** The lexical pieces of JSON (RFC 8259) the record scanner checks character by character. */

/** Where the number automaton stands; Zero, Int, Frac and Exp are complete numbers. */
export enum NumberState {
  Start,
  Sign,
  Zero,
  Int,
  Dot,
  Frac,
  E,
  ESign,
  Exp,
}

/** Characters that end, escape or break a JSON string (raw control characters are not allowed in one). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const STRING_SPECIAL = /["\\\u0000-\u001f]/g;

export function isJsonSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** The number automaton's next state on `c`, or undefined when `c` cannot continue the number. */
export function nextNumberState(state: NumberState, c: number): NumberState | undefined {
  const digit = c >= 48 && c <= 57;
  const exponent = c === 101 || c === 69;
  switch (state) {
    case NumberState.Start:
      if (c === 45) return NumberState.Sign;
      return c === 48 ? NumberState.Zero : digit ? NumberState.Int : undefined;
    case NumberState.Sign:
      return c === 48 ? NumberState.Zero : digit ? NumberState.Int : undefined;
    case NumberState.Zero:
      return c === 46 ? NumberState.Dot : exponent ? NumberState.E : undefined;
    case NumberState.Int:
      return digit ? NumberState.Int : c === 46 ? NumberState.Dot : exponent ? NumberState.E : undefined;
    case NumberState.Dot:
      return digit ? NumberState.Frac : undefined;
    case NumberState.Frac:
      return digit ? NumberState.Frac : exponent ? NumberState.E : undefined;
    case NumberState.E:
      return c === 43 || c === 45 ? NumberState.ESign : digit ? NumberState.Exp : undefined;
    case NumberState.ESign:
    case NumberState.Exp:
      return digit ? NumberState.Exp : undefined;
  }
}

export function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** A character as an error message shows it. */
export function shown(c: number): string {
  if (c === 10) return 'a line break';
  if (c < 32) return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCharCode(c)}'`;
}
