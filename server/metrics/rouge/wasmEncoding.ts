/**
 * Just enough of the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/) to build a
 * module of a few functions over one imported memory: the LCS kernels (rowUpdateCode.ts, markLineCode.ts).
 * Hand-encoding keeps the repository free of a WebAssembly toolchain; the kernels are small enough to read
 * opcode by opcode.
 */

export const I32 = 0x7f;
export const I64 = 0x7e;

/** Unsigned LEB128. */
function unsigned(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
function signed(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Signed LEB128 of a 64-bit integer. */
function signed64(n: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string): number[] {
  return [...unsigned(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsigned(body.length), ...body];
}

export interface WasmFunction {
  /** Export name. */
  name: string;
  params: number[];
  /** At most one result type; none when omitted. */
  results?: number[];
  /** Types of the locals after the parameters. */
  locals: number[];
  /** Instructions, without the final `end`. */
  body: number[];
}

/** A module importing memory `env.memory` and exporting `functions`. */
export function encodeModule(functions: readonly WasmFunction[]): Uint8Array {
  const types = vector(functions.map((f) => [0x60, ...vector(f.params.map((p) => [p])), ...vector((f.results ?? []).map((r) => [r]))]));
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, ...unsigned(1)];
  const declarations = vector(functions.map((_, i) => unsigned(i)));
  const exports = vector(functions.map((f, i) => [...name(f.name), 0x00, ...unsigned(i)]));
  const code = vector(
    functions.map((f) => {
      const body = [...vector(f.locals.map((t) => [1, t])), ...f.body, END];
      return [...unsigned(body.length), ...body];
    }),
  );
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, vector([memoryImport])),
    ...section(3, declarations),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

// Instructions used by the kernels (https://webassembly.github.io/spec/core/binary/instructions.html).
export const END = 0x0b;
export const BLOCK = [0x02, 0x40];
export const LOOP = [0x03, 0x40];
export const br = (depth: number): number[] => [0x0c, ...unsigned(depth)];
export const brIf = (depth: number): number[] => [0x0d, ...unsigned(depth)];
export const get = (local: number): number[] => [0x20, ...unsigned(local)];
export const set = (local: number): number[] => [0x21, ...unsigned(local)];
export const tee = (local: number): number[] => [0x22, ...unsigned(local)];
export const i32Const = (n: number): number[] => [0x41, ...signed(n)];
/** An i64 constant (a number must be a safe integer). */
export const i64Const = (n: number | bigint): number[] => [0x42, ...signed64(BigInt(n))];
/** Aligned loads and stores at a constant byte offset from the address on the stack. */
export const i32Load = (offset: number): number[] => [0x28, 2, ...unsigned(offset)];
export const i64Load = (offset: number): number[] => [0x29, 3, ...unsigned(offset)];
export const i32Load8U = (offset: number): number[] => [0x2d, 0, ...unsigned(offset)];
export const i32Store = (offset: number): number[] => [0x36, 2, ...unsigned(offset)];
export const i64Store = (offset: number): number[] => [0x37, 3, ...unsigned(offset)];
export const i32Store8 = (offset: number): number[] => [0x3a, 0, ...unsigned(offset)];
export const f64Store = (offset: number): number[] => [0x39, 3, ...unsigned(offset)];
/** Opcodes without immediates, in opcode order. */
export const SELECT = 0x1b;
export const I32_EQZ = 0x45;
export const I32_NE = 0x47;
export const I32_LT_S = 0x48;
export const I32_LT_U = 0x49;
export const I32_GT_S = 0x4a;
export const I32_GE_S = 0x4e;
export const I64_EQZ = 0x50;
export const I64_EQ = 0x51;
export const I64_LT_U = 0x54;
export const I32_CLZ = 0x67;
export const I32_CTZ = 0x68;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_AND = 0x71;
export const I32_OR = 0x72;
export const I32_XOR = 0x73;
export const I32_SHL = 0x74;
export const I32_SHR_U = 0x76;
export const I64_ADD = 0x7c;
export const I64_MUL = 0x7e;
export const I64_AND = 0x83;
export const I64_OR = 0x84;
export const I64_XOR = 0x85;
export const I64_SHL = 0x86;
export const I64_SHR_U = 0x88;
export const I32_WRAP_I64 = 0xa7;
export const I64_EXTEND_I32_U = 0xad;
export const F64_CONVERT_I64_U = 0xba;
