import { encodeModule, type WasmFunction } from './wasmEncoding';

// The few WebAssembly declarations needed (TypeScript has them in lib.dom, which this project does not load).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE_BYTES = 65536;

/** A compiled module of hand-encoded functions (see wasmEncoding.ts). Compile once, instantiate per user. */
export function compileFunctions(functions: readonly WasmFunction[]): object {
  return new wasm.Module(encodeModule(functions));
}

/**
 * An instance of a compiled module with a memory of its own, which JavaScript fills and reads through `view`
 * (32-bit words), `bytes` and `doubles`; all are replaced when the memory grows, so read them after
 * `reserve`.
 */
export class WasmInstance {
  private readonly memory = new wasm.Memory({ initial: 1 });
  readonly exports: Record<string, unknown>;
  view: Int32Array;
  bytes: Uint8Array;
  doubles: Float64Array;

  constructor(module: object) {
    this.exports = new wasm.Instance(module, { env: { memory: this.memory } }).exports;
    this.view = new Int32Array(this.memory.buffer);
    this.bytes = new Uint8Array(this.memory.buffer);
    this.doubles = new Float64Array(this.memory.buffer);
  }

  /** Grows the memory to at least `words32` 32-bit words. */
  reserve(words32: number): void {
    const bytes = 4 * words32;
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    this.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
    this.view = new Int32Array(this.memory.buffer);
    this.bytes = new Uint8Array(this.memory.buffer);
    this.doubles = new Float64Array(this.memory.buffer);
  }
}
