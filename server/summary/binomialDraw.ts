import type { SeededRandom } from '../metrics/stats';

/**
 * An exact binomial(n, p) variate from a seeded generator in O(1) expected time, whatever n: inversion
 * (Kachitvichyanukul & Schmeiser's BINV) when n·p is small, otherwise Hörmann's transformed rejection with
 * decomposition (BTRD, "The generation of binomial random variates", 1993). Both are exact: the only
 * approximation is the generator's 32-bit uniforms. p above 1/2 is drawn as n minus a binomial(n, 1-p).
 */
export function binomialDraw(random: SeededRandom, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(random, n, 1 - p);
  return n * p < INVERSION_BELOW ? byInversion(random, n, p) : byRejection(random, n, p);
}

/** Below this mean, walking the probabilities from 0 is cheaper than rejection (about n·p + 1 steps). */
const INVERSION_BELOW = 12;

function byInversion(random: SeededRandom, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const first = Math.pow(q, n);
  for (;;) {
    let u = random.next();
    let pk = first;
    let k = 0;
    // pk is P(X = k); the ratio P(k)/P(k-1) = (n-k+1)/k · p/q = a/k - s.
    while (u > pk) {
      u -= pk;
      k++;
      if (k > n) break;
      pk *= a / k - s;
    }
    if (k <= n) return k;
  }
}

function byRejection(random: SeededRandom, n: number, p: number): number {
  const q = 1 - p;
  const mode = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = random.next();
    let u: number;
    if (v <= urvr) {
      // The hat's central part: accepted at once (most draws end here).
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = random.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = Math.sign(u) * 0.5 - u;
      v = random.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    if (accepts(v, k, { n, mode, r, nr, npq })) return k;
  }
}

interface Shape {
  n: number;
  mode: number;
  r: number;
  nr: number;
  npq: number;
}

/** Whether v lies under P(k)/P(mode): by the ratio recursion near the mode, else by squeeze and Stirling. */
function accepts(v: number, k: number, { n, mode, r, nr, npq }: Shape): boolean {
  const km = Math.abs(k - mode);
  if (km <= 15) {
    let f = 1;
    if (mode < k) for (let i = mode + 1; i <= k; i++) f *= nr / i - r;
    else for (let i = k + 1; i <= mode; i++) v *= nr / i - r;
    return v <= f;
  }
  const logV = Math.log(v);
  const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
  const t = (-km * km) / (2 * npq);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const nm = n - mode + 1;
  const h = (mode + 0.5) * Math.log((mode + 1) / (r * nm)) + stirlingTail(mode) + stirlingTail(n - mode);
  const nk = n - k + 1;
  return logV <= h + (n + 1) * Math.log(nm / nk) + (k + 0.5) * Math.log((nk * r) / (k + 1)) - stirlingTail(k) - stirlingTail(n - k);
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln(k!) minus Stirling's approximation (k + 1/2) ln(k + 1) - (k + 1) + ln(2π)/2: exact for small k, by its series beyond. */
export function stirlingTail(k: number): number {
  if (k < 10) {
    let logFactorial = 0;
    for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
    return logFactorial - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_TWO_PI);
  }
  const k1 = k + 1;
  const k2 = k1 * k1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / k2) / k2) / k1;
}
