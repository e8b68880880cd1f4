// Shared pieces of the general (nonsymmetric) eigensolver: machine constants, column-major
// addressing, BLAS-1/2 loops and LAPACK's small auxiliaries (dlanv2, dlartg, dladiv, dlarf).
//
// The eigensolver works internally on COLUMN-MAJOR matrices with 1-BASED indices, exactly as the
// LAPACK sources it follows (dgeev and what it calls), so that every index can be checked against
// them line by line. Products go through the row-major dgemm (a column-major X is the row-major
// Xᵀ: see gemmCM). The driver (geev.ts) transposes the row-major input once, O(n^2).
//
// Small routines return several values through module globals (LV_*, LG_*, LD_*): wasm globals
// are registers to V8, and nothing here runs re-entrantly.

import { dgemm, dgemmWorkBytes } from "../../blas/gemm";
import { axpy4 } from "../qr";
import { lapy2 } from "../tridiag";

/** dlamch('S') = 2^-1022: the safe minimum. */
export const SAFMIN: f64 = 2.2250738585072014e-308;
/** dlamch('P') = 2^-52: LAPACK's "precision" (eps * base), the ulp of the QR deflation tests. */
export const ULP: f64 = 2.220446049250313e-16;
/** dlamch('E') = 2^-53: relative machine epsilon (rounding). */
export const EPSR: f64 = 1.1102230246251565e-16;

// ---- Column-major addressing (1-based) ----------------------------------------------------

/** Address of A(i, j) of a column-major matrix with leading dimension ld, 1-based. */
// @ts-ignore: decorator
@inline export function at(a: usize, ld: i32, i: i32, j: i32): usize {
  return a + (<usize>((j - 1) * ld + (i - 1)) << 3);
}

/** A(i, j). */
// @ts-ignore: decorator
@inline export function gt(a: usize, ld: i32, i: i32, j: i32): f64 {
  return load<f64>(at(a, ld, i, j));
}

/** A(i, j) = v. */
// @ts-ignore: decorator
@inline export function st(a: usize, ld: i32, i: i32, j: i32, v: f64): void {
  store<f64>(at(a, ld, i, j), v);
}

/** x(i) of a contiguous vector, 1-based. */
// @ts-ignore: decorator
@inline export function vg(x: usize, i: i32): f64 {
  return load<f64>(x + (<usize>(i - 1) << 3));
}

/** x(i) = v. */
// @ts-ignore: decorator
@inline export function vs(x: usize, i: i32, v: f64): void {
  store<f64>(x + (<usize>(i - 1) << 3), v);
}

// ---- Products ---------------------------------------------------------------------------

/**
 * Column-major C (m x n) = alpha op(A) op(B) + beta C (ta, tb: transpose flags), through the
 * row-major dgemm: the column-major C is the row-major Cᵀ = op(B)ᵀ op(A)ᵀ.
 */
export function gemmCM(
  ta: i32, tb: i32, m: i32, n: i32, k: i32, alpha: f64,
  a: usize, lda: i32, b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  dgemm(tb, ta, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc, work);
}

/** Scratch bytes gemmCM needs for any product of at most these dimensions. */
export function gemmCMWorkBytes(m: i32, n: i32, k: i32): usize {
  return dgemmWorkBytes(max<i32>(m, n), max<i32>(m, n), k);
}

// ---- Vector loops (unit stride, f64x2) ---------------------------------------------------

/** sum x[i] y[i], i < n (contiguous). */
export function dot(n: i32, x: usize, y: usize): f64 {
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x + o + 16), v128.load(y + o + 16)));
  }
  const s = f64x2.add(s0, s1);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) r += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return r;
}

/** y[0:n] += a x[0:n] (contiguous). */
export function axpy(n: i32, a: f64, x: usize, y: usize): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, v128.load(x + o))));
    v128.store(y + o + 16, f64x2.add(v128.load(y + o + 16), f64x2.mul(va, v128.load(x + o + 16))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

/** x[0:n] *= a (contiguous). */
export function scal(n: i32, a: f64, x: usize): void {
  const va = f64x2.splat(a);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(x + o, f64x2.mul(va, v128.load(x + o)));
  }
  if (i < n) store<f64>(x + (<usize>i << 3), a * load<f64>(x + (<usize>i << 3)));
}

/**
 * y[0:m] += alpha A x for the column-major m x n block A (lda) and x[j] at x + j * incx bytes
 * (BLAS dgemv 'N'): four columns per pass over y.
 */
export function gemvN(m: i32, n: i32, alpha: f64, a: usize, lda: i32, x: usize, incx: usize, y: usize): void {
  if (m <= 0 || n <= 0) return;
  const ldaB = <usize>lda << 3;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const c0 = a + <usize>j * ldaB;
    const xp = x + <usize>j * incx;
    // y += four scaled columns of A in one pass over y (qr.ts's axpy4).
    axpy4(
      m, alpha * load<f64>(xp), c0, alpha * load<f64>(xp + incx), c0 + ldaB,
      alpha * load<f64>(xp + 2 * incx), c0 + 2 * ldaB, alpha * load<f64>(xp + 3 * incx), c0 + 3 * ldaB, y,
    );
  }
  for (; j < n; j++) axpy(m, alpha * load<f64>(x + <usize>j * incx), a + <usize>j * ldaB, y);
}


/** y[j] += alpha A(:, j)ᵀ x for the column-major m x n block A (BLAS dgemv 'T'); x, y contiguous. */
export function gemvT(m: i32, n: i32, alpha: f64, a: usize, lda: i32, x: usize, y: usize): void {
  if (m <= 0 || n <= 0) return;
  const ldaB = <usize>lda << 3;
  for (let j = 0; j < n; j++) {
    const yp = y + (<usize>j << 3);
    store<f64>(yp, load<f64>(yp) + alpha * dot(m, a + <usize>j * ldaB, x));
  }
}

/** Plane rotation of two vectors (BLAS drot; strides in bytes): x' = c x + s y, y' = c y - s x. */
export function rot(n: i32, x: usize, incx: usize, y: usize, incy: usize, c: f64, s: f64): void {
  let px = x;
  let py = y;
  for (let i = 0; i < n; i++) {
    const a = load<f64>(px);
    const b = load<f64>(py);
    store<f64>(px, c * a + s * b);
    store<f64>(py, c * b - s * a);
    px += incx;
    py += incy;
  }
}

/** Swaps n values of two vectors (strides in bytes). */
export function swap(n: i32, x: usize, incx: usize, y: usize, incy: usize): void {
  let px = x;
  let py = y;
  for (let i = 0; i < n; i++) {
    const t = load<f64>(px);
    store<f64>(px, load<f64>(py));
    store<f64>(py, t);
    px += incx;
    py += incy;
  }
}

/** Sets the m x n column-major block to alpha off the diagonal and beta on it (LAPACK dlaset 'A'). */
export function laset(m: i32, n: i32, alpha: f64, beta: f64, a: usize, lda: i32): void {
  for (let j = 1; j <= n; j++) {
    const col = at(a, lda, 1, j);
    if (alpha == 0.0) memory.fill(col, 0, <usize>m << 3);
    else for (let i = 0; i < m; i++) store<f64>(col + (<usize>i << 3), alpha);
    if (j <= m) store<f64>(at(a, lda, j, j), beta);
  }
}

/** Copies the m x n column-major block a (lda) into b (ldb) (LAPACK dlacpy 'A'). */
export function lacpy(m: i32, n: i32, a: usize, lda: i32, b: usize, ldb: i32): void {
  for (let j = 1; j <= n; j++) memory.copy(at(b, ldb, 1, j), at(a, lda, 1, j), <usize>m << 3);
}

// ---- Householder reflectors (column-major) ------------------------------------------------

/**
 * C := (I - tau v vᵀ) C for the m x n block C (LAPACK dlarf 'L'); v: m contiguous values
 * (v[0] included as stored: callers set it to 1). One pass per column: dot, then axpy.
 */
export function larfLeft(m: i32, n: i32, v: usize, tau: f64, c: usize, ldc: i32): void {
  if (tau == 0.0) return;
  const ldcB = <usize>ldc << 3;
  let col = c;
  for (let j = 0; j < n; j++) {
    const w = dot(m, col, v);
    axpy(m, -tau * w, v, col);
    col += ldcB;
  }
}

/**
 * C := C (I - tau v vᵀ) for the m x n block C (LAPACK dlarf 'R'); v: n contiguous values.
 * w: scratch for m doubles.
 */
export function larfRight(m: i32, n: i32, v: usize, tau: f64, c: usize, ldc: i32, w: usize): void {
  if (tau == 0.0) return;
  memory.fill(w, 0, <usize>m << 3);
  gemvN(m, n, 1.0, c, ldc, v, 8, w);
  const ldcB = <usize>ldc << 3;
  let col = c;
  for (let j = 0; j < n; j++) {
    axpy(m, -tau * load<f64>(v + (<usize>j << 3)), w, col);
    col += ldcB;
  }
}

// ---- dlanv2, dlartg, dladiv (dlapy2: tridiag.ts's lapy2) ------------------------------------


// Outputs of lanv2.
export let LV_A: f64 = 0;
export let LV_B: f64 = 0;
export let LV_C: f64 = 0;
export let LV_D: f64 = 0;
export let LV_RT1R: f64 = 0;
export let LV_RT1I: f64 = 0;
export let LV_RT2R: f64 = 0;
export let LV_RT2I: f64 = 0;
export let LV_CS: f64 = 0;
export let LV_SN: f64 = 0;

/** 2^-485 and 2^485: dlanv2's rescaling thresholds (base^int(log_base(safmin/eps)/2)). */
const SAFMN2: f64 = 1.0010415475915505e-146;
const SAFMX2: f64 = 9.989595361011175e+145;

/**
 * Schur factorization of a real 2x2 matrix in standard form (LAPACK 3.10 dlanv2):
 * [a b; c d] = [cs -sn; sn cs] [aa bb; cc dd] [cs sn; -sn cs] with either cc = 0 (two real
 * eigenvalues aa, dd) or aa = dd and bb cc < 0 (the complex pair aa ± sqrt(bb cc), rt1i > 0).
 * Results in LV_A..LV_D, LV_RT1R, LV_RT1I, LV_RT2R, LV_RT2I, LV_CS, LV_SN.
 */
export function lanv2(a: f64, b: f64, c: f64, d: f64): void {
  let cs: f64 = 1.0;
  let sn: f64 = 0.0;
  if (c == 0.0) {
    cs = 1.0;
    sn = 0.0;
  } else if (b == 0.0) {
    // swap rows and columns
    cs = 0.0;
    sn = 1.0;
    const t = d;
    d = a;
    a = t;
    b = -c;
    c = 0.0;
  } else if (a - d == 0.0 && copysign<f64>(1.0, b) != copysign<f64>(1.0, c)) {
    cs = 1.0;
    sn = 0.0;
  } else {
    let temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * copysign<f64>(1.0, b) * copysign<f64>(1.0, c);
    let scale = Math.max(Math.abs(p), bcmax);
    let z = (p / scale) * p + (bcmax / scale) * bcmis;
    // If z is of the order of the machine accuracy, postpone the decision on the nature of the
    // eigenvalues.
    if (z >= 4.0 * ULP) {
      // real eigenvalues: compute a and d
      z = p + copysign<f64>(Math.sqrt(scale) * Math.sqrt(z), p);
      a = d + z;
      d = d - (bcmax / z) * bcmis;
      const tau = lapy2(c, z);
      cs = z / tau;
      sn = c / tau;
      b = b - c;
      c = 0.0;
    } else {
      // complex eigenvalues, or real (almost) equal eigenvalues: make the diagonal equal
      let count = 0;
      let sigma = b + c;
      while (true) {
        count++;
        scale = Math.max(Math.abs(temp), Math.abs(sigma));
        if (scale >= SAFMX2) {
          sigma *= SAFMN2;
          temp *= SAFMN2;
          if (count <= 20) continue;
        }
        if (scale <= SAFMN2) {
          sigma *= SAFMX2;
          temp *= SAFMX2;
          if (count <= 20) continue;
        }
        break;
      }
      p = 0.5 * temp;
      const tau = lapy2(sigma, temp);
      cs = Math.sqrt(0.5 * (1.0 + Math.abs(sigma) / tau));
      sn = -(p / (tau * cs)) * copysign<f64>(1.0, sigma);
      // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs]
      const aa = a * cs + b * sn;
      const bb = -a * sn + b * cs;
      const cc = c * cs + d * sn;
      const dd = -c * sn + d * cs;
      // [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd]
      a = aa * cs + cc * sn;
      b = bb * cs + dd * sn;
      c = -aa * sn + cc * cs;
      d = -bb * sn + dd * cs;
      temp = 0.5 * (a + d);
      a = temp;
      d = temp;
      if (c != 0.0) {
        if (b != 0.0) {
          if (copysign<f64>(1.0, b) == copysign<f64>(1.0, c)) {
            // real eigenvalues: reduce to upper triangular form
            const sab = Math.sqrt(Math.abs(b));
            const sac = Math.sqrt(Math.abs(c));
            p = copysign<f64>(sab * sac, c);
            const tau1 = 1.0 / Math.sqrt(Math.abs(b + c));
            a = temp + p;
            d = temp - p;
            b = b - c;
            c = 0.0;
            const cs1 = sab * tau1;
            const sn1 = sac * tau1;
            const t = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = t;
          }
        } else {
          b = -c;
          c = 0.0;
          const t = cs;
          cs = -sn;
          sn = t;
        }
      }
    }
  }
  LV_A = a;
  LV_B = b;
  LV_C = c;
  LV_D = d;
  LV_RT1R = a;
  LV_RT2R = d;
  if (c == 0.0) {
    LV_RT1I = 0.0;
    LV_RT2I = 0.0;
  } else {
    LV_RT1I = Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
    LV_RT2I = -LV_RT1I;
  }
  LV_CS = cs;
  LV_SN = sn;
}

// Outputs of lartg.
export let LG_C: f64 = 0;
export let LG_S: f64 = 0;
export let LG_R: f64 = 0;

const SAFMAX: f64 = 4.49423283715579e+307; // 1 / SAFMIN = 2^1022
const RTMIN: f64 = 1.4916681462400413e-154; // sqrt(SAFMIN)
const RTMAX: f64 = 4.740375954054589e+153; // sqrt(SAFMAX / 2)

/**
 * Plane rotation with [c s; -s c] [f; g] = [r; 0] (LAPACK 3.10 dlartg, E. Anderson's safe
 * scaling): c >= 0, r has the sign of f. Results in LG_C, LG_S, LG_R.
 */
export function lartg(f: f64, g: f64): void {
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (g == 0.0) {
    LG_C = 1.0;
    LG_S = 0.0;
    LG_R = f;
  } else if (f == 0.0) {
    LG_C = 0.0;
    LG_S = copysign<f64>(1.0, g);
    LG_R = g1;
  } else if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const d = Math.sqrt(f * f + g * g);
    LG_C = f1 / d;
    LG_R = copysign<f64>(d, f);
    LG_S = g / LG_R;
  } else {
    const u = Math.min(SAFMAX, Math.max(SAFMIN, Math.max(f1, g1)));
    const fs = f / u;
    const gs = g / u;
    const d = Math.sqrt(fs * fs + gs * gs);
    LG_C = Math.abs(fs) / d;
    const r = copysign<f64>(d, f);
    LG_S = gs / r;
    LG_R = r * u;
  }
}

// Outputs of ladiv.
export let LD_P: f64 = 0;
export let LD_Q: f64 = 0;

/**
 * (a + i b) / (c + i d) = LD_P + i LD_Q without unnecessary overflow or underflow (LAPACK dladiv,
 * Baudin and Smith's robust algorithm with its prescaling).
 */
export function ladiv(a: f64, b: f64, c: f64, d: f64): void {
  let aa = a;
  let bb = b;
  let cc = c;
  let dd = d;
  const ab = Math.max(Math.abs(a), Math.abs(b));
  const cd = Math.max(Math.abs(c), Math.abs(d));
  let s = 1.0;
  const ov = f64.MAX_VALUE;
  const un = SAFMIN;
  const eps = EPSR;
  const be = 2.0 / (eps * eps);
  if (ab >= 0.5 * ov) {
    aa *= 0.5;
    bb *= 0.5;
    s *= 2.0;
  }
  if (cd >= 0.5 * ov) {
    cc *= 0.5;
    dd *= 0.5;
    s *= 0.5;
  }
  if (ab <= (un * 2.0) / eps) {
    aa *= be;
    bb *= be;
    s /= be;
  }
  if (cd <= (un * 2.0) / eps) {
    cc *= be;
    dd *= be;
    s *= be;
  }
  let p: f64;
  let q: f64;
  if (Math.abs(d) <= Math.abs(c)) {
    ladiv1(aa, bb, cc, dd);
    p = LD_P;
    q = LD_Q;
  } else {
    ladiv1(bb, aa, dd, cc);
    p = LD_P;
    q = -LD_Q;
  }
  LD_P = p * s;
  LD_Q = q * s;
}

function ladiv1(a: f64, b: f64, c: f64, d: f64): void {
  const r = d / c;
  const t = 1.0 / (c + d * r);
  const p = ladiv2(a, b, c, d, r, t);
  const q = ladiv2(b, -a, c, d, r, t);
  LD_P = p;
  LD_Q = q;
}

function ladiv2(a: f64, b: f64, c: f64, d: f64, r: f64, t: f64): f64 {
  if (r != 0.0) {
    const br = b * r;
    if (br != 0.0) return (a + br) * t;
    return a * t + (b * t) * r;
  }
  return (a + d * (b / c)) * t;
}
