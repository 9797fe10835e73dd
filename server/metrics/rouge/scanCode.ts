import {
  BLOCK,
  br,
  brIf,
  END,
  F64_CONVERT_I64_U,
  f64Store,
  get,
  I32,
  I32_ADD,
  I32_EQZ,
  I32_GE_S,
  I32_LT_U,
  I32_NE,
  I32_SHL,
  i32Const,
  i32Load8U,
  i32Store,
  I64,
  I64_ADD,
  I64_EQZ,
  I64_EXTEND_I32_U,
  I64_LT_U,
  I64_MUL,
  i64Const,
  LOOP,
  SELECT,
  set,
  type WasmFunction,
} from './wasmEncoding';

/** Digits of "i" and "k" (see vocabulary.ts), for U+0130 and U+212A. */
export const DIGIT_OF_I = 20;
export const DIGIT_OF_K = 22;

/**
 * A key keeps growing while below 38^11, so up to twelve characters; longer tokens' keys then stay put
 * (branch-free, with `select`) instead of overflowing. They are told apart by their characters anyway.
 */
const KEY_CAP = 38n ** 11n;

// Parameters (addresses in bytes): the UTF-8 text and its length, the digit table (256 bytes: a key digit,
// 1 for a lead byte worth a look, 0 for a separator), the output arrays (keys as f64, token starts and ends
// as i32 byte offsets, line ends as i32 token counts) and the cell receiving the line count.
const BYTES = 0;
const LENGTH = 1;
const DIGITS = 2;
const KEYS = 3;
const STARTS = 4;
const ENDS = 5;
const LINE_ENDS = 6;
const LINE_COUNT = 7;
// Locals.
const I = 8;
const B = 9;
const D = 10;
const COUNT = 11;
const START = 12;
const END_AT = 13;
const LINES = 14;
const LAST_LINE_END = 15;
const KEY = 16;

/** KEY = KEY < cap ? KEY * 38 + digit : KEY, the digit pushed by `digit`. */
const appendDigit = (digit: number[]): number[] => [
  ...get(KEY), ...i64Const(38), I64_MUL, ...digit, I64_ADD,
  ...get(KEY),
  ...get(KEY), ...i64Const(KEY_CAP), I64_LT_U,
  SELECT, ...set(KEY),
]; // prettier-ignore

const increment = (local: number): number[] => [...get(local), ...i32Const(1), I32_ADD, ...set(local)];

/** Stores the token ending at byte END_AT (when KEY is not 0: every digit is at least 2) and clears KEY. */
const emitToken = [
  ...BLOCK,
  ...get(KEY), I64_EQZ, ...brIf(0),
  ...get(KEYS), ...get(COUNT), ...i32Const(3), I32_SHL, I32_ADD, ...get(KEY), F64_CONVERT_I64_U, ...f64Store(0),
  ...get(STARTS), ...get(COUNT), ...i32Const(2), I32_SHL, I32_ADD, ...get(START), ...i32Store(0),
  ...get(ENDS), ...get(COUNT), ...i32Const(2), I32_SHL, I32_ADD, ...get(END_AT), ...i32Store(0),
  ...increment(COUNT),
  ...i64Const(0), ...set(KEY),
  END,
]; // prettier-ignore

/** Records a line end at COUNT unless the line got no token. */
const endLine = [
  ...BLOCK,
  ...get(COUNT), ...get(LAST_LINE_END), I32_NE, I32_EQZ, ...brIf(0),
  ...get(LINE_ENDS), ...get(LINES), ...i32Const(2), I32_SHL, I32_ADD, ...get(COUNT), ...i32Store(0),
  ...increment(LINES),
  ...get(COUNT), ...set(LAST_LINE_END),
  END,
]; // prettier-ignore

const byteAt = (offset: number): number[] => [...get(BYTES), ...get(I), I32_ADD, ...i32Load8U(offset)];

/**
 * `scanTokens(...)`: tokenizer.ts's byte scan. Returns the token count; the line count goes to its cell. A
 * separator that is "\n" ends a line; C4 B0 (U+0130) is "i" then a separator; E2 84 AA (U+212A) is "k".
 */
export const scanTokensFunction: WasmFunction = {
  name: 'scanTokens',
  params: [I32, I32, I32, I32, I32, I32, I32, I32],
  results: [I32],
  locals: [I32, I32, I32, I32, I32, I32, I32, I32, I64],
  body: [
    ...BLOCK, ...LOOP,
    ...get(I), ...get(LENGTH), I32_GE_S, ...brIf(1),
    ...byteAt(0), ...set(B),
    ...get(DIGITS), ...get(B), I32_ADD, ...i32Load8U(0), ...set(D),
    ...BLOCK, // a token character
    ...get(D), ...i32Const(2), I32_LT_U, ...brIf(0),
    ...appendDigit([...get(D), I64_EXTEND_I32_U]),
    ...increment(I),
    ...br(1),
    END,
    ...get(I), ...set(END_AT),
    ...BLOCK, // a lead byte
    ...get(D), ...i32Const(1), I32_NE, ...brIf(0),
    ...BLOCK,
    ...get(B), ...i32Const(0xe2), I32_NE, ...brIf(0),
    ...byteAt(1), ...i32Const(0x84), I32_NE, ...brIf(0),
    ...byteAt(2), ...i32Const(0xaa), I32_NE, ...brIf(0),
    ...appendDigit(i64Const(DIGIT_OF_K)),
    ...get(I), ...i32Const(3), I32_ADD, ...set(I),
    ...br(2),
    END,
    ...BLOCK,
    ...get(B), ...i32Const(0xc4), I32_NE, ...brIf(0),
    ...byteAt(1), ...i32Const(0xb0), I32_NE, ...brIf(0),
    ...appendDigit(i64Const(DIGIT_OF_I)),
    ...increment(I),
    ...get(I), ...i32Const(1), I32_ADD, ...set(END_AT),
    END,
    END,
    ...emitToken,
    // The next token, if any, starts after this separator.
    ...get(I), ...i32Const(1), I32_ADD, ...set(START),
    ...BLOCK,
    ...get(B), ...i32Const(10), I32_NE, ...brIf(0),
    ...endLine,
    END,
    ...increment(I),
    ...br(0), END, END,
    ...get(LENGTH), ...set(END_AT),
    ...emitToken,
    ...endLine,
    ...get(LINE_COUNT), ...get(LINES), ...i32Store(0),
    ...get(COUNT),
  ], // prettier-ignore
};
