/**
 * A seeded pseudo-random generator (xoshiro128**, Blackman & Vigna), so bootstrap intervals are
 * reproducible: the same data and seed give the same interval on every machine and run.
 */
export interface SeededRandom {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n) for n up to 2^32 (bias below n / 2^32, negligible for resampling). */
  below(n: number): number;
}

/** SplitMix32-style scrambler, used only to spread a small seed over the 128-bit state. */
function splitMix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function seededRandom(seed: number): SeededRandom {
  const init = { x: seed | 0 };
  let s0 = splitMix32(init);
  let s1 = splitMix32(init);
  let s2 = splitMix32(init);
  let s3 = splitMix32(init);
  // An all-zero state would stay zero forever.
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    below: (n: number) => Math.floor((nextUint32() / 4294967296) * n),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
