import {
  BLOCK,
  br,
  brIf,
  END,
  get,
  I32,
  I32_ADD,
  I32_AND,
  I32_EQZ,
  I32_GE_S,
  I32_MUL,
  I32_SHL,
  I32_SHR_U,
  I32_SUB,
  I32_WRAP_I64,
  I32_XOR,
  i32Const,
  i32Load,
  i32Store,
  I64,
  I64_ADD,
  I64_EQ,
  I64_EQZ,
  I64_EXTEND_I32_U,
  I64_MUL,
  I64_SHR_U,
  i64Const,
  i64Load,
  i64Store,
  LOOP,
  set,
  tee,
  type WasmFunction,
} from './wasmEncoding';

// Parameters: byte addresses of the reference's and the candidate's token ids with their lengths, the
// alphabet size, byte addresses of the table's keys (i64, 0 = empty), counts (i32) and the list of filled
// slots, and the table's hash shift and slot mask.
const REFERENCE = 0;
const REFERENCE_LENGTH = 1;
const CANDIDATE = 2;
const CANDIDATE_LENGTH = 3;
const ALPHABET = 4;
const KEYS = 5;
const COUNTS = 6;
const FILLED = 7;
const SHIFT = 8;
const MASK = 9;
// Locals.
const I = 10;
const SLOT = 11;
const FILLED_COUNT = 12;
const OVERLAP = 13;
const ADDRESS = 14;
const LEFT = 15;
const KEY = 16;
const FOUND = 17;

/** KEY = ids[i - 1] * alphabet + ids[i] + 1 for the ids at byte address `ids`. */
const bigramKey = (ids: number): number[] => [
  ...get(ids), ...get(I), ...i32Const(2), I32_SHL, I32_ADD, ...i32Const(4), I32_SUB, ...set(ADDRESS),
  ...get(ADDRESS), ...i32Load(0), I64_EXTEND_I32_U, ...get(ALPHABET), I64_EXTEND_I32_U, I64_MUL,
  ...get(ADDRESS), ...i32Load(4), I64_EXTEND_I32_U, I64_ADD, ...i64Const(1), I64_ADD, ...set(KEY),
  // Fibonacci hashing of both halves of the key.
  ...get(KEY), I32_WRAP_I64, ...get(KEY), ...i64Const(32), I64_SHR_U, I32_WRAP_I64, I32_XOR,
  ...i32Const(0x9e3779b1 | 0), I32_MUL, ...get(SHIFT), I32_SHR_U, ...set(SLOT),
]; // prettier-ignore

/** ADDRESS = the byte address of counts[SLOT]. */
const countAddress = [...get(COUNTS), ...get(SLOT), ...i32Const(2), I32_SHL, I32_ADD, ...tee(ADDRESS)];

/** FOUND = keys[SLOT]. */
const loadFound = [...get(KEYS), ...get(SLOT), ...i32Const(3), I32_SHL, I32_ADD, ...i64Load(0), ...set(FOUND)];

const nextSlot = [...get(SLOT), ...i32Const(1), I32_ADD, ...get(MASK), I32_AND, ...set(SLOT)];

/**
 * `bigramOverlap(...)`: ngrams.ts's clipped bigram overlap. Counts the reference's bigrams in the open-
 * addressing table, then uses those counts up with the candidate's bigrams (each one still available is a
 * shared occurrence; branch-free, as that is data-dependent), then empties the filled slots. Returns the
 * overlap.
 */
export const bigramOverlapFunction: WasmFunction = {
  name: 'bigramOverlap',
  params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
  results: [I32],
  locals: [I32, I32, I32, I32, I32, I32, I64, I64],
  body: [
    ...i32Const(1), ...set(I),
    ...BLOCK, ...LOOP, // reference bigrams
    ...get(I), ...get(REFERENCE_LENGTH), I32_GE_S, ...brIf(1),
    ...bigramKey(REFERENCE),
    ...BLOCK, ...LOOP,
    ...loadFound,
    ...BLOCK,
    ...get(FOUND), ...get(KEY), I64_EQ, I32_EQZ, ...brIf(0),
    ...countAddress, ...get(ADDRESS), ...i32Load(0), ...i32Const(1), I32_ADD, ...i32Store(0),
    ...br(2),
    END,
    ...BLOCK,
    ...get(FOUND), I64_EQZ, I32_EQZ, ...brIf(0),
    ...get(KEYS), ...get(SLOT), ...i32Const(3), I32_SHL, I32_ADD, ...get(KEY), ...i64Store(0),
    ...countAddress, ...i32Const(1), ...i32Store(0),
    ...get(FILLED), ...get(FILLED_COUNT), ...i32Const(2), I32_SHL, I32_ADD, ...get(SLOT), ...i32Store(0),
    ...get(FILLED_COUNT), ...i32Const(1), I32_ADD, ...set(FILLED_COUNT),
    ...br(2),
    END,
    ...nextSlot,
    ...br(0), END, END,
    ...get(I), ...i32Const(1), I32_ADD, ...set(I),
    ...br(0), END, END,
    ...i32Const(1), ...set(I),
    ...BLOCK, ...LOOP, // candidate bigrams
    ...get(I), ...get(CANDIDATE_LENGTH), I32_GE_S, ...brIf(1),
    ...bigramKey(CANDIDATE),
    ...BLOCK, ...LOOP,
    ...loadFound,
    ...BLOCK,
    ...get(FOUND), ...get(KEY), I64_EQ, I32_EQZ, ...brIf(0),
    ...countAddress, ...i32Load(0), ...set(LEFT),
    // available = left > 0 ? 1 : 0, as (0 - left) >>> 31.
    ...get(ADDRESS), ...get(LEFT), ...i32Const(0), ...get(LEFT), I32_SUB, ...i32Const(31), I32_SHR_U, I32_SUB, ...i32Store(0),
    ...get(OVERLAP), ...i32Const(0), ...get(LEFT), I32_SUB, ...i32Const(31), I32_SHR_U, I32_ADD, ...set(OVERLAP),
    ...br(2),
    END,
    ...get(FOUND), I64_EQZ, ...brIf(1),
    ...nextSlot,
    ...br(0), END, END,
    ...get(I), ...i32Const(1), I32_ADD, ...set(I),
    ...br(0), END, END,
    ...i32Const(0), ...set(I),
    ...BLOCK, ...LOOP, // empty the filled slots
    ...get(I), ...get(FILLED_COUNT), I32_GE_S, ...brIf(1),
    ...get(KEYS), ...get(FILLED), ...get(I), ...i32Const(2), I32_SHL, I32_ADD, ...i32Load(0), ...i32Const(3), I32_SHL, I32_ADD,
    ...i64Const(0), ...i64Store(0),
    ...get(I), ...i32Const(1), I32_ADD, ...set(I),
    ...br(0), END, END,
    ...get(OVERLAP),
  ], // prettier-ignore
};
