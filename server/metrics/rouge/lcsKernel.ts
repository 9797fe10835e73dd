import type { BitColumns } from './bitColumns';
import { popcount32 as importedPopcount32, zerosBelow } from './bitWords';
import { markLineFunction } from './markLineCode';
import { advanceRowFunction, traceRowFunction } from './rowUpdateCode';
import { compileFunctions, WasmInstance } from './wasmRuntime';

/**
 * The inner loops of the LCS passes run as WebAssembly: for ROUGE-Lsum (lineTrace.ts) the traced row update
 * and the backtrack sweep, for ROUGE-L alone the plain row update. In JavaScript each 32-bit word of a row
 * update cost about a hundred machine instructions (V8 re-checks every typed array at every access and runs
 * short of registers); compiled from WebAssembly a word is 64 bits, so half as many, at a fraction of the
 * instructions each.
 *
 * Everything the kernels touch lives in one memory, laid out in 32-bit words, every region 64-bit aligned:
 * the token masks of the loaded columns (from word 0), the row state, the segment tables, the backtrack's
 * positions and active bits, the row records of the current line, the marks (bytes), then the current line's
 * trace. JavaScript fills and reads it through `view`; the trace is written as 64-bit words and read as
 * 32-bit ones (little-endian: bit b of 64-bit word v is bit b mod 32 of 32-bit word 2v + (b >> 5), so a bit
 * position means the same in both).
 */

// Local copy: a bundler's module interop can turn every read of an imported binding into a getter call.
const popcount32 = importedPopcount32;

/** Compiled once; each kernel instance gets its own memory. */
const kernelModule = compileFunctions([traceRowFunction, markLineFunction, advanceRowFunction]);

type TraceRow = (mask: number, state: number, trace: number, first: number, last: number, words: number) => void;
type AdvanceRow = (mask: number, state: number, first: number, last: number, words: number) => void;
type MarkLine = (
  rows: number,
  rowCount: number,
  segmentsOfSlot: number,
  segmentWords: number,
  segmentOffset: number,
  position: number,
  active: number,
  words: number,
  marks: number,
  remaining: number,
) => void;

function even(n: number): number {
  return (n + 1) & ~1;
}

export class LcsKernel {
  private readonly instance = new WasmInstance(kernelModule);
  private readonly traceRowFn: TraceRow;
  private readonly markLineFn: MarkLine;
  private readonly advanceRowFn: AdvanceRow;
  // Region starts, in 32-bit words.
  private stateAt = 0;
  private segmentsOfSlotAt = 0;
  private segmentOffsetAt = 0;
  private positionAt = 0;
  private activeAt = 0;
  /** Row i (1-based) of the current line: mask row or -1, trace offset, first stored word. */
  rowsAt = 0;
  /** Marks, one byte per reference token: from byte 4 * marksAt. */
  marksAt = 0;
  /** The current line's trace. */
  traceAt = 0;
  private words64 = 0;

  constructor() {
    const exports = this.instance.exports;
    this.traceRowFn = exports.traceRow as TraceRow;
    this.markLineFn = exports.markLine as MarkLine;
    this.advanceRowFn = exports.advanceRow as AdvanceRow;
  }

  /** The memory as 32-bit words, and as bytes (replaced when the memory grows). */
  get view(): Int32Array {
    return this.instance.view;
  }

  get bytes(): Uint8Array {
    return this.instance.bytes;
  }

  /**
   * LCS length of `rows[from..to)` against the single, unguarded segment of `columns`: the plain pass, with
   * the masks then the row vector in memory.
   */
  length(columns: BitColumns, rows: Int32Array, from: number, to: number): number {
    const { words, slotCount, slotOf, firstWord, lastWord } = columns;
    const stateAt = slotCount * words;
    this.reserve(stateAt + words);
    const view = this.view;
    view.set(columns.masks.subarray(0, slotCount * words));
    view.set(columns.initial.subarray(0, words), stateAt);
    for (let i = from; i < to; i++) {
      const slot = slotOf[rows[i]!]!;
      // A token absent from the columns leaves the row unchanged.
      if (slot < 0) continue;
      this.advanceRowFn(4 * slot * words, 4 * stateAt, firstWord[slot]! >>> 1, lastWord[slot]! >>> 1, words >>> 1);
    }
    return zerosBelow(view.subarray(stateAt, stateAt + words), columns.segmentLength[0]!);
  }

  /**
   * Copies in the tables of `columns` (whose word count is even), for reference lines of at most
   * `maxLineRows` tokens and `markCount` tokens in all: the whole-text row vector starts at all ones, the
   * marks at 0.
   */
  load(columns: BitColumns, maxLineRows: number, markCount: number): void {
    const { words, slotCount, segmentCount, segmentWords } = columns;
    this.words64 = words >>> 1;
    this.stateAt = slotCount * words;
    this.segmentsOfSlotAt = this.stateAt + 3 * words;
    this.segmentOffsetAt = this.segmentsOfSlotAt + even(slotCount * segmentWords);
    this.positionAt = this.segmentOffsetAt + even(segmentCount);
    this.activeAt = this.positionAt + even(segmentCount);
    this.rowsAt = this.activeAt + even(segmentWords);
    this.marksAt = this.rowsAt + even(3 * (maxLineRows + 1));
    this.traceAt = this.marksAt + even((markCount + 3) >>> 2);
    this.reserve(this.traceAt);
    const view = this.view;
    view.set(columns.masks.subarray(0, slotCount * words));
    const keep = columns.keep;
    for (let w = 0; w < words; w++) {
      const at = this.stateAt + 6 * (w >>> 1) + (w & 1);
      view[at + 2] = keep[w]!;
      view[at + 4] = -1;
    }
    view.set(columns.segmentsOfSlot.subarray(0, slotCount * segmentWords), this.segmentsOfSlotAt);
    view.set(columns.segmentOffset.subarray(0, segmentCount), this.segmentOffsetAt);
    this.bytes.fill(0, 4 * this.marksAt, 4 * this.marksAt + markCount);
  }

  /** Makes room for a line of `rowCount` traced rows and resets the line's row vector. */
  startLine(columns: BitColumns, rowCount: number): void {
    const words = columns.words;
    this.reserve(this.traceAt + rowCount * words);
    const view = this.view;
    const initial = columns.initial;
    for (let w = 0; w < words; w++) view[this.stateAt + 6 * (w >>> 1) + (w & 1)] = initial[w]!;
  }

  /**
   * Advances both row vectors by the row of mask row `slot`, over the 32-bit words `first..last` (`first`
   * even), storing the trace from `view[traceFrom]` on. Returns how many 32-bit words it stored.
   */
  traceRow(columns: BitColumns, slot: number, first: number, last: number, traceFrom: number): number {
    const first64 = first >>> 1;
    const last64 = last >>> 1;
    this.traceRowFn(4 * slot * columns.words, 4 * this.stateAt, 4 * traceFrom - 8 * first64, first64, last64, this.words64);
    return 2 * (last64 - first64 + 1);
  }

  /** The backtrack sweep over the current line's `rowCount` rows, marking from mark `markFrom` on. */
  markLine(columns: BitColumns, rowCount: number, markFrom: number): void {
    const { segmentCount, segmentWords, segmentLength } = columns;
    const view = this.view;
    for (let s = 0; s < segmentCount; s++) view[this.positionAt + s] = segmentLength[s]!;
    view.fill(-1, this.activeAt, this.activeAt + segmentWords);
    if ((segmentCount & 31) !== 0) view[this.activeAt + segmentWords - 1] = (1 << (segmentCount & 31)) - 1;
    this.markLineFn(
      4 * this.rowsAt,
      rowCount,
      4 * this.segmentsOfSlotAt,
      segmentWords,
      4 * this.segmentOffsetAt,
      4 * this.positionAt,
      4 * this.activeAt,
      columns.words,
      4 * this.marksAt + markFrom,
      segmentCount,
    );
  }

  /** Zero bits of the whole-text row vector: its LCS once all rows are in. */
  wholeZeros(): number {
    let zeros = 0;
    for (let v = 0; v < this.words64; v++) {
      const at = this.stateAt + 6 * v + 4;
      zeros += 64 - popcount32(this.view[at]!) - popcount32(this.view[at + 1]!);
    }
    return zeros;
  }

  private reserve(words32: number): void {
    this.instance.reserve(words32);
  }
}
