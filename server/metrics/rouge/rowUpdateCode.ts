import {
  BLOCK,
  br,
  brIf,
  END,
  get,
  I32,
  I32_ADD,
  I32_GE_S,
  I32_GT_S,
  I32_MUL,
  I32_SHL,
  i32Const,
  I64,
  I64_ADD,
  I64_AND,
  I64_EQZ,
  I64_OR,
  I64_SHL,
  I64_SHR_U,
  I64_XOR,
  i64Const,
  i64Load,
  i64Store,
  LOOP,
  set,
  type WasmFunction,
} from './wasmEncoding';

// The row updates of the bit-parallel LCS as WebAssembly functions (see lcsKernel.ts), one traced for
// ROUGE-Lsum and one plain for ROUGE-L alone.

// traceRow's parameters: byte addresses of the token's mask row, of the state and of the row's trace (as if
// its first stored word were word 0), then the 64-bit word range to update and the layout's word count.
const MASK = 0;
const STATE = 1;
const TRACE = 2;
const FIRST = 3;
const LAST = 4;
const WORDS = 5;
// Locals.
const CARRY = 6;
const WHOLE_CARRY = 7;
const X = 8;
const U = 9;
const SUM = 10;
const MATCH = 11;
const Y = 12;
const UY = 13;
const SUM_Y = 14;
const W = 15;
const K = 16;

const NOT = [...i64Const(-1), I64_XOR];

/**
 * `traceRow(mask, state, trace, first, last, words)`: one row of the traced LCS pass (lineTrace.ts) over
 * 64-bit words. For w in first..last, with state word w at state + 24w holding V (the line's row vector),
 * the guard mask and the whole-text row vector:
 *   u = V & match; sum = V + u + carry; carry = (u | (V & ~sum)) >> 63;
 *   V = (sum | (V & ~match)) & guards; trace[w] = match | ~(((sum ^ V ^ u) >> 1) | (carry << 63));
 * then the same update, untraced and unguarded, of the whole-text vector, whose carry then runs on through the
 * words above while it lasts (there U = 0: y + 1 | y).
 */
export const traceRowFunction: WasmFunction = {
  name: 'traceRow',
  params: [I32, I32, I32, I32, I32, I32],
  locals: [I64, I64, I64, I64, I64, I64, I64, I64, I64, I32, I32],
  body: [
    ...get(FIRST), ...set(W),
    ...BLOCK, ...LOOP,
    ...get(W), ...get(LAST), I32_GT_S, ...brIf(1),
    ...get(MASK), ...get(W), ...i32Const(3), I32_SHL, I32_ADD, ...i64Load(0), ...set(MATCH),
    ...get(STATE), ...get(W), ...i32Const(24), I32_MUL, I32_ADD, ...set(K),
    ...get(K), ...i64Load(0), ...set(X),
    ...get(X), ...get(MATCH), I64_AND, ...set(U),
    ...get(X), ...get(U), I64_ADD, ...get(CARRY), I64_ADD, ...set(SUM),
    ...get(U), ...get(X), ...get(SUM), ...NOT, I64_AND, I64_OR, ...i64Const(63), I64_SHR_U, ...set(CARRY),
    ...get(K), ...get(SUM), ...get(X), ...get(MATCH), ...NOT, I64_AND, I64_OR, ...get(K), ...i64Load(8), I64_AND, ...i64Store(0),
    ...get(TRACE), ...get(W), ...i32Const(3), I32_SHL, I32_ADD,
    ...get(MATCH), ...get(SUM), ...get(X), I64_XOR, ...get(U), I64_XOR, ...i64Const(1), I64_SHR_U,
    ...get(CARRY), ...i64Const(63), I64_SHL, I64_OR, ...NOT, I64_OR, ...i64Store(0),
    ...get(K), ...i64Load(16), ...set(Y),
    ...get(Y), ...get(MATCH), I64_AND, ...set(UY),
    ...get(Y), ...get(UY), I64_ADD, ...get(WHOLE_CARRY), I64_ADD, ...set(SUM_Y),
    ...get(UY), ...get(Y), ...get(SUM_Y), ...NOT, I64_AND, I64_OR, ...i64Const(63), I64_SHR_U, ...set(WHOLE_CARRY),
    ...get(K), ...get(SUM_Y), ...get(Y), ...get(MATCH), ...NOT, I64_AND, I64_OR, ...i64Store(16),
    ...get(W), ...i32Const(1), I32_ADD, ...set(W),
    ...br(0), END, END,
    ...BLOCK, ...LOOP,
    ...get(WHOLE_CARRY), I64_EQZ, ...brIf(1),
    ...get(W), ...get(WORDS), I32_GE_S, ...brIf(1),
    ...get(STATE), ...get(W), ...i32Const(24), I32_MUL, I32_ADD, ...set(K),
    ...get(K), ...i64Load(16), ...set(Y),
    ...get(Y), ...i64Const(1), I64_ADD, ...set(SUM_Y),
    ...get(Y), ...get(SUM_Y), ...NOT, I64_AND, ...i64Const(63), I64_SHR_U, ...set(WHOLE_CARRY),
    ...get(K), ...get(SUM_Y), ...get(Y), I64_OR, ...i64Store(16),
    ...get(W), ...i32Const(1), I32_ADD, ...set(W),
    ...br(0), END, END,
  ], // prettier-ignore
};

// advanceRow's parameters: byte addresses of the token's mask row and of the row vector (64-bit words), then
// the 64-bit word range the token's columns span and the layout's word count. Its locals.
const V_MASK = 0;
const V_STATE = 1;
const V_FIRST = 2;
const V_LAST = 3;
const V_WORDS = 4;
const V_CARRY = 5;
const V_X = 6;
const V_U = 7;
const V_SUM = 8;
const V_MATCH = 9;
const V_W = 10;
const V_K = 11;

/**
 * `advanceRow(mask, state, first, last, words)`: one row of the plain LCS (lcs.ts), V = (V + U) | (V & ~match)
 * with U = V & match, over 64-bit words first..last, then the carry on through the words above while it lasts.
 */
export const advanceRowFunction: WasmFunction = {
  name: 'advanceRow',
  params: [I32, I32, I32, I32, I32],
  locals: [I64, I64, I64, I64, I64, I32, I32],
  body: [
    ...get(V_FIRST), ...set(V_W),
    ...BLOCK, ...LOOP,
    ...get(V_W), ...get(V_LAST), I32_GT_S, ...brIf(1),
    ...get(V_MASK), ...get(V_W), ...i32Const(3), I32_SHL, I32_ADD, ...i64Load(0), ...set(V_MATCH),
    ...get(V_STATE), ...get(V_W), ...i32Const(3), I32_SHL, I32_ADD, ...set(V_K),
    ...get(V_K), ...i64Load(0), ...set(V_X),
    ...get(V_X), ...get(V_MATCH), I64_AND, ...set(V_U),
    ...get(V_X), ...get(V_U), I64_ADD, ...get(V_CARRY), I64_ADD, ...set(V_SUM),
    ...get(V_U), ...get(V_X), ...get(V_SUM), ...NOT, I64_AND, I64_OR, ...i64Const(63), I64_SHR_U, ...set(V_CARRY),
    ...get(V_K), ...get(V_SUM), ...get(V_X), ...get(V_MATCH), ...NOT, I64_AND, I64_OR, ...i64Store(0),
    ...get(V_W), ...i32Const(1), I32_ADD, ...set(V_W),
    ...br(0), END, END,
    ...BLOCK, ...LOOP,
    ...get(V_CARRY), I64_EQZ, ...brIf(1),
    ...get(V_W), ...get(V_WORDS), I32_GE_S, ...brIf(1),
    ...get(V_STATE), ...get(V_W), ...i32Const(3), I32_SHL, I32_ADD, ...set(V_K),
    ...get(V_K), ...i64Load(0), ...set(V_X),
    ...get(V_X), ...i64Const(1), I64_ADD, ...set(V_SUM),
    ...get(V_X), ...get(V_SUM), ...NOT, I64_AND, ...i64Const(63), I64_SHR_U, ...set(V_CARRY),
    ...get(V_K), ...get(V_SUM), ...get(V_X), I64_OR, ...i64Store(0),
    ...get(V_W), ...i32Const(1), I32_ADD, ...set(V_W),
    ...br(0), END, END,
  ], // prettier-ignore
};
