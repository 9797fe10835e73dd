/** Helpers for bit vectors and tables held in Int32Arrays of 32-bit words. */

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of zero bits among the first `n` bits of `v`. */
export function zerosBelow(v: Int32Array, n: number): number {
  let ones = 0;
  const full = n >>> 5;
  for (let w = 0; w < full; w++) ones += popcount32(v[w]!);
  const rest = n & 31;
  if (rest > 0) ones += popcount32(v[full]! & ((1 << rest) - 1));
  return n - ones;
}

export function growInt32(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, a.length * 2));
  bigger.set(a);
  return bigger;
}
