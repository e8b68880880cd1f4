// The product's seeded random numbers (ASSIGNMENTS.md "Randomness"): xoshiro128** seeded through
// splitmix32, 53-bit uniform doubles, normals by Box-Muller, Cauchy as tan(pi (u - 1/2)).
// Deterministic for a given seed on every platform: only 32-bit integer ops, IEEE basic operations,
// and the elementary functions of detmath.ts (Math.log/sin/cos/tan differ between JS engines).

import { log, sinCos2Pi, tanPi } from './detmath.js';

function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  /** `seed`: any finite number (integers recommended); omitted: a seed from Math.random. */
  constructor(seed?: number) {
    if (seed !== undefined && !Number.isFinite(seed)) {
      throw new TypeError(`Random: seed must be a finite number, got ${String(seed)}`);
    }
    const s = seed === undefined ? Math.floor(Math.random() * 2 ** 32) : seed;
    // Mix the high and low 32 bits so that seeds beyond 2^32 and fractional seeds differ too.
    const mix = splitmix32((s >>> 0) ^ Math.floor(s / 2 ** 32) ^ Math.round((s % 1) * 2 ** 31));
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal N(0, 1) by the Box-Muller transform (pairs are used in order). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * log(u1));
    const [sin, cos] = sinCos2Pi(u2);
    this.spareNormal = r * sin;
    return r * cos;
  }

  /** Standard Cauchy: tan(pi (u - 1/2)), with u moved to the centre of its 2^-53 cell (never +-Infinity). */
  cauchy(): number {
    return tanPi(this.uniform() - 0.5 + 2 ** -54);
  }

  /** Fills a new Float64Array of length n with draws of `kind`. */
  fill(n: number, kind: 'uniform' | 'normal' | 'cauchy' = 'uniform'): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = kind === 'uniform' ? this.uniform() : kind === 'normal' ? this.normal() : this.cauchy();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
