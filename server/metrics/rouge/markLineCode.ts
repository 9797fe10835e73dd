import {
  BLOCK,
  br,
  brIf,
  END,
  get,
  I32,
  I32_ADD,
  I32_AND,
  I32_CLZ,
  I32_CTZ,
  I32_EQZ,
  I32_GE_S,
  I32_LT_S,
  I32_MUL,
  I32_OR,
  I32_SHL,
  I32_SHR_U,
  I32_SUB,
  I32_XOR,
  i32Const,
  i32Load,
  i32Load8U,
  i32Store,
  i32Store8,
  LOOP,
  set,
  tee,
  type WasmFunction,
} from './wasmEncoding';

// Parameters (addresses in bytes): the row records (row i, 1-based, at rows + 12i: mask row or -1, trace
// offset and first stored word, both in 32-bit words), the row count, segmentsOfSlot and its words per slot,
// the segment offsets, the backtrack positions, the active-segment bits, the layout's 32-bit words per mask
// row, where row 1's mark goes, and the number of active segments. Masks start at address 0.
const ROWS = 0;
const ROW_COUNT = 1;
const SEGMENTS_OF_SLOT = 2;
const SEGMENT_WORDS = 3;
const SEGMENT_OFFSET = 4;
const POSITION = 5;
const ACTIVE = 6;
const WORDS = 7;
const MARKS = 8;
const REMAINING = 9;
// Locals.
const I = 10;
const RECORD = 11;
const SLOT = 12;
const AT = 13;
const FIRST_STORED = 14;
const MASK_BASE = 15;
const SW = 16;
const BITS = 17;
const LOW = 18;
const SEGMENT = 19;
const OFFSET = 20;
const P = 21;
const STOP = 22;
const W = 23;
const STOPS = 24;
const MATCHED = 25;
const J = 26;
const ADDRESS = 27;

/** Pushes the byte address of 32-bit element `index` (a local) of the array at byte address `array`. */
const element = (array: number, index: number): number[] => [...get(array), ...get(index), ...i32Const(2), I32_SHL, I32_ADD];

/** active[sw] ^= low; remaining-- (a segment's path has left the table). */
const retire = [
  ...element(ACTIVE, SW), ...tee(ADDRESS), ...get(ADDRESS), ...i32Load(0), ...get(LOW), I32_XOR, ...i32Store(0),
  ...get(REMAINING), ...i32Const(1), I32_SUB, ...set(REMAINING),
]; // prettier-ignore

/**
 * `markLine(...)`: lineTrace.ts's `markUnion` loop, line for line: rows from the last up, each stepping the
 * active segments holding its token to their next stop, the highest set bit at or below the current column
 * of the row's stored stops (a row below its stored words stops at once), marking the row on a match.
 */
export const markLineFunction: WasmFunction = {
  name: 'markLine',
  params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
  locals: Array.from({ length: 18 }, () => I32),
  body: [
    ...get(ROW_COUNT), ...set(I),
    ...BLOCK, ...LOOP, // rows, from the last
    ...get(I), I32_EQZ, ...brIf(1),
    ...get(REMAINING), I32_EQZ, ...brIf(1),
    ...get(ROWS), ...get(I), ...i32Const(12), I32_MUL, I32_ADD, ...set(RECORD),
    ...get(RECORD), ...i32Load(0), ...set(SLOT),
    ...BLOCK, // this row
    ...get(SLOT), ...i32Const(0), I32_LT_S, ...brIf(0),
    ...get(RECORD), ...i32Load(4), ...set(AT),
    ...get(RECORD), ...i32Load(8), ...set(FIRST_STORED),
    ...get(SLOT), ...get(WORDS), I32_MUL, ...set(MASK_BASE),
    ...i32Const(0), ...set(SW),
    ...BLOCK, ...LOOP, // segment words
    ...get(SW), ...get(SEGMENT_WORDS), I32_GE_S, ...brIf(1),
    ...get(SEGMENTS_OF_SLOT), ...get(SLOT), ...get(SEGMENT_WORDS), I32_MUL, ...get(SW), I32_ADD, ...i32Const(2), I32_SHL, I32_ADD, ...i32Load(0),
    ...element(ACTIVE, SW), ...i32Load(0), I32_AND, ...set(BITS),
    ...BLOCK, ...LOOP, // segments holding the token, still active
    ...get(BITS), I32_EQZ, ...brIf(1),
    ...get(BITS), ...i32Const(0), ...get(BITS), I32_SUB, I32_AND, ...set(LOW),
    ...get(BITS), ...get(LOW), I32_XOR, ...set(BITS),
    ...get(SW), ...i32Const(5), I32_SHL, ...get(LOW), I32_CTZ, I32_ADD, ...set(SEGMENT),
    ...element(SEGMENT_OFFSET, SEGMENT), ...i32Load(0), ...set(OFFSET),
    ...get(OFFSET), ...element(POSITION, SEGMENT), ...i32Load(0), I32_ADD, ...i32Const(1), I32_SUB, ...set(P),
    ...i32Const(-1), ...set(STOP),
    ...BLOCK, ...LOOP, // scan down for the stop
    ...get(P), ...i32Const(5), I32_SHR_U, ...set(W),
    ...BLOCK,
    ...get(W), ...get(FIRST_STORED), I32_GE_S, ...brIf(0),
    ...get(P), ...set(STOP), ...br(2),
    END,
    ...get(AT), ...get(W), I32_ADD, ...i32Const(2), I32_SHL, ...i32Load(0),
    ...i32Const(2), ...get(P), ...i32Const(31), I32_AND, I32_SHL, ...i32Const(1), I32_SUB, I32_AND, ...set(STOPS),
    ...BLOCK,
    ...get(STOPS), I32_EQZ, ...brIf(0),
    ...get(W), ...i32Const(5), I32_SHL, ...i32Const(31), I32_ADD, ...get(STOPS), I32_CLZ, I32_SUB, ...set(STOP), ...br(2),
    END,
    ...get(W), ...i32Const(5), I32_SHL, ...i32Const(1), I32_SUB, ...tee(P), ...get(OFFSET), I32_LT_S, ...brIf(1),
    ...br(0), END, END,
    ...BLOCK, // the path has left the table
    ...get(STOP), ...get(OFFSET), I32_GE_S, ...brIf(0),
    ...element(POSITION, SEGMENT), ...i32Const(0), ...i32Store(0),
    ...retire,
    ...br(1),
    END,
    ...get(MASK_BASE), ...get(STOP), ...i32Const(5), I32_SHR_U, I32_ADD, ...i32Const(2), I32_SHL, ...i32Load(0),
    ...get(STOP), ...i32Const(31), I32_AND, I32_SHR_U, ...i32Const(1), I32_AND, ...set(MATCHED),
    ...get(MARKS), ...get(I), I32_ADD, ...i32Const(1), I32_SUB, ...tee(ADDRESS), ...get(ADDRESS), ...i32Load8U(0), ...get(MATCHED), I32_OR, ...i32Store8(0),
    ...get(STOP), ...get(OFFSET), I32_SUB, ...i32Const(1), I32_ADD, ...get(MATCHED), I32_SUB, ...set(J),
    ...element(POSITION, SEGMENT), ...get(J), ...i32Store(0),
    ...BLOCK,
    ...get(J), ...brIf(0),
    ...retire,
    END,
    ...br(0), END, END,
    ...get(SW), ...i32Const(1), I32_ADD, ...set(SW),
    ...br(0), END, END,
    END, // this row
    ...get(I), ...i32Const(1), I32_SUB, ...set(I),
    ...br(0), END, END,
  ], // prettier-ignore
};
