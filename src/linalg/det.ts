// Determinants from the LU factorization. The product of the pivots is accumulated as a mantissa
// and a power of two, so it never overflows or underflows on the way: det overflows to ±Infinity
// (or underflows to 0) only when the true value is out of range; slogdet never does.

import { withScratch } from '../core/arena.js';
import type { MatrixLike } from '../core/matrix.js';
import { squareMatrix } from './input.js';
import { permutationSign, placeLu } from './lu.js';

export interface Slogdet {
  /** +1, -1, or 0 for a singular matrix. */
  sign: number;
  /** log |det A| (-Infinity for a singular matrix). */
  logAbsDet: number;
}

/** Splits x (finite, non-zero) into m * 2^e with 0.5 <= |m| < 1, exactly (scalings by powers of 2). */
export function frexp(x: number): [number, number] {
  let m = Math.abs(x);
  let e = 0;
  // Bring m into [2^-900, 2^900] first, so that 2^-k below is a normal number.
  if (m < 2 ** -900) {
    m *= 2 ** 900;
    e -= 900;
  } else if (m > 2 ** 900) {
    m *= 2 ** -900;
    e += 900;
  }
  const k = Math.floor(Math.log2(m)) + 1;
  m *= 2 ** -k;
  e += k;
  // log2 can be off by one next to powers of two.
  while (m < 0.5) {
    m *= 2;
    e -= 1;
  }
  while (m >= 1) {
    m /= 2;
    e += 1;
  }
  return [x < 0 ? -m : m, e];
}

/** Sign, mantissa and binary exponent of det A. */
function detParts(op: string, A: MatrixLike): { sign: number; mantissa: number; exponent: number } {
  const a = squareMatrix(op, A);
  const n = a.rows;
  if (n === 0) return { sign: 1, mantissa: 0.5, exponent: 1 };
  return withScratch(op, (s) => {
    const f = placeLu(s, a);
    if (f.info > 0) return { sign: 0, mantissa: 0, exponent: 0 };
    const heap = s.heapF64();
    let sign = permutationSign(s, f);
    let mantissa = 1;
    let exponent = 0;
    for (let i = 0; i < n; i++) {
      const u = heap[f.lu / 8 + i * n + i];
      if (u < 0) sign = -sign;
      const [m, e] = frexp(Math.abs(u));
      const [pm, pe] = frexp(mantissa * m); // in [0.25, 1): pe is 0 or -1
      mantissa = pm;
      exponent += e + pe;
    }
    return { sign, mantissa, exponent };
  });
}

/** The determinant (0 for a singular matrix; ±Infinity only if |det A| exceeds the float64 range). */
export function det(A: MatrixLike): number {
  const { sign, mantissa, exponent } = detParts('det', A);
  if (sign === 0) return 0;
  // mantissa * 2^exponent without overflowing in between.
  const half = Math.trunc(exponent / 2);
  return sign * mantissa * 2 ** half * 2 ** (exponent - half);
}

/** Sign and natural log of |det A| (numpy.linalg.slogdet). */
export function slogdet(A: MatrixLike): Slogdet {
  const { sign, mantissa, exponent } = detParts('slogdet', A);
  if (sign === 0) return { sign: 0, logAbsDet: -Infinity };
  return { sign, logAbsDet: Math.log(mantissa) + exponent * Math.LN2 };
}
