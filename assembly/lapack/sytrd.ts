// Householder reduction of a symmetric matrix to tridiagonal form, T = Qᵀ A Q (LAPACK dsytrd with
// its panel dlatrd and unblocked dsytd2), and the back-transformation Z := Q Z (dormtr).
//
// Storage. The matrix is row-major and only its UPPER triangle is read and written (the caller
// mirrors the lower triangle there first: symLowerToUpper). Row-major upper is column-major lower,
// so this is LAPACK's UPLO = 'L' algorithm with every column turned into a contiguous row:
// reflector H_i = I - tau_i v vᵀ annihilates A[i, i+2:n] (row i right of the superdiagonal), and
// its vector v = [1; v'] is stored in A[i, i+1:n] (the 1 implicit, e[i] at A[i, i+1] on return).
// Q = H_0 H_1 ... H_{n-2}.
//
// Blocking (dsytrd): panels of NB rows are reduced by dlatrd, which also forms W (here stored
// transposed, one contiguous row per reflector) such that the trailing matrix's update is the
// symmetric rank-2k A -= V Wᵀ + W Vᵀ, done through dgemm on the upper triangle only (block rows
// from the diagonal to the right, k = 2 NB: [V; W]ᵀ [W; V]). The rest (half the flops) is one
// symmetric matrix-vector product per column, memory bound: symvUpper reads each entry of the
// upper triangle once for both of its uses (row dot product and column axpy), two rows at a time.
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

import { dgemm, dgemmWorkBytes } from "../blas/gemm";
import { larfg } from "./qr";
import { dot } from "../blas/trsm";

/** Panel height of the blocked reduction (LAPACK's ilaenv for DSYTRD: 32). */
let NB: i32 = 32;
/** Rows left to the unblocked reduction at the end (LAPACK's crossover nx; >= NB). */
let NX: i32 = 32;
/** Reflectors per block of the back-transformation. */
let NBO: i32 = 32;

/** Sets the reduction's panel height and crossover and the back-transformation's block (0 keeps). Returns [NB, NX, NBO] packed as NB | NX << 10 | NBO << 20. */
export function sytrdBlocking(nb: i32, nx: i32, nbo: i32): i32 {
  if (nb > 0) NB = nb;
  if (nx > 0) NX = nx;
  if (nbo > 0) NBO = nbo;
  if (NX < NB) NX = NB;
  return NB | (NX << 10) | (NBO << 20);
}

/** Rows per gemm call of the trailing update (the wasted lower half of each diagonal block is BR^2/2). */
const BR: i32 = 64;

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}
// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

// ---- preparation ---------------------------------------------------------------------------

/**
 * Copies the strictly lower triangle of the n x n matrix at a (lda) onto the strictly upper one
 * (A[j, i] = A[i, j] for j < i), in tiles so that both sides stay in cache, and returns the largest
 * absolute value of the lower triangle with the diagonal (LAPACK dlansy 'M', UPLO = 'L').
 * fromUpper != 0: the upper triangle is the one given; nothing is copied, its max is returned.
 */
export function symLowerToUpper(n: i32, a: usize, lda: i32, fromUpper: i32): f64 {
  const T = 32;
  const ldaB = <usize>lda << 3;
  let amax = 0.0;
  if (fromUpper != 0) {
    for (let i = 0; i < n; i++) {
      const row = a + <usize>i * ldaB;
      for (let j = i; j < n; j++) amax = Math.max(amax, Math.abs(ld(row, j)));
    }
    return amax;
  }
  for (let ib = 0; ib < n; ib += T) {
    const iend = min<i32>(n, ib + T);
    for (let jb = 0; jb <= ib; jb += T) {
      for (let i = ib; i < iend; i++) {
        const rowi = a + <usize>i * ldaB;
        const jend = min<i32>(i, jb + T); // strictly lower: j < i
        for (let j = jb; j < jend; j++) {
          const v = ld(rowi, j);
          amax = Math.max(amax, Math.abs(v));
          st(a + <usize>j * ldaB, i, v);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) amax = Math.max(amax, Math.abs(ld(a + <usize>i * ldaB, i)));
  return amax;
}

/** The upper triangle (with the diagonal) of the n x n matrix at a (lda) times 2^k (exact). */
export function scaleUpper2(n: i32, a: usize, lda: i32, k: i32): void {
  const h = k >> 1;
  const s1 = reinterpret<f64>(<u64>(h + 1023) << 52);
  const s2 = reinterpret<f64>(<u64>(k - h + 1023) << 52);
  const ldaB = <usize>lda << 3;
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * ldaB;
    for (let j = i; j < n; j++) st(row, j, ld(row, j) * s1 * s2);
  }
}

/** dst (n x n, ldd) = srcᵀ (src n x n, lds), in tiles. */
export function transposeSquare(n: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  const T = 16;
  const ldsB = <usize>lds << 3;
  const lddB = <usize>ldd << 3;
  for (let ib = 0; ib < n; ib += T) {
    const iend = min<i32>(n, ib + T);
    for (let jb = 0; jb < n; jb += T) {
      const jend = min<i32>(n, jb + T);
      for (let i = ib; i < iend; i++) {
        const row = src + <usize>i * ldsB;
        for (let j = jb; j < jend; j++) st(dst + <usize>j * lddB, i, ld(row, j));
      }
    }
  }
}

// ---- level-1 and level-2 kernels -------------------------------------------------------------

/** y[0:n] -= a u[0:n] + b v[0:n]. */
function axpy2neg(n: i32, a: f64, u: usize, b: f64, v: usize, y: usize): void {
  const va = f64x2.splat(a);
  const vb = f64x2.splat(b);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.sub(v128.load(y + o), f64x2.add(f64x2.mul(va, v128.load(u + o)), f64x2.mul(vb, v128.load(v + o)))));
  }
  if (j < n) st(y, j, ld(y, j) - (a * ld(u, j) + b * ld(v, j)));
}

/** y[0:n] += a x[0:n]. */
function axpy(n: i32, a: f64, x: usize, y: usize): void {
  const va = f64x2.splat(a);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(va, v128.load(x + o))));
  }
  if (j < n) st(y, j, ld(y, j) + a * ld(x, j));
}

/** x[0:n] *= a. */
function scal(n: i32, a: f64, x: usize): void {
  const va = f64x2.splat(a);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(x + o, f64x2.mul(va, v128.load(x + o)));
  }
  if (j < n) st(x, j, a * ld(x, j));
}

let gS0: f64 = 0;
let gS1: f64 = 0;

/**
 * The part of symvUpper for two rows r0, r1 (their entries in columns q..q+len-1) against
 * x[q..]: the dot products go to gS0, gS1; y[q..] += x0 r0 + x1 r1 (the transposed half).
 * One pass over both rows: every matrix entry is loaded once for its two uses.
 */
function symvPair(len: i32, r0: usize, r1: usize, x: usize, y: usize, x0: f64, x1: f64): void {
  let acc0 = f64x2.splat(0.0);
  let acc1 = f64x2.splat(0.0);
  const vx0 = f64x2.splat(x0);
  const vx1 = f64x2.splat(x1);
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const o = <usize>k << 3;
    const a0 = v128.load(r0 + o);
    const a1 = v128.load(r1 + o);
    const xv = v128.load(x + o);
    const yv = v128.load(y + o);
    acc0 = f64x2.add(acc0, f64x2.mul(a0, xv));
    acc1 = f64x2.add(acc1, f64x2.mul(a1, xv));
    v128.store(y + o, f64x2.add(yv, f64x2.add(f64x2.mul(a0, vx0), f64x2.mul(a1, vx1))));
  }
  let s0 = hsum(acc0);
  let s1 = hsum(acc1);
  if (k < len) {
    const a0 = ld(r0, k);
    const a1 = ld(r1, k);
    const xk = ld(x, k);
    s0 += a0 * xk;
    s1 += a1 * xk;
    st(y, k, ld(y, k) + a0 * x0 + a1 * x1);
  }
  gS0 = s0;
  gS1 = s1;
}

let gS2: f64 = 0;
let gS3: f64 = 0;

/**
 * symvPair for four rows: dot products to gS0..gS3, y[q..] += x0 r0 + x1 r1 + x2 r2 + x3 r3.
 * Written for V8's code generator (see blas/microkernel.ts): pointers that step through the rows
 * (constant offsets fold into the addresses), two steps per iteration separated by a branch that
 * is never taken (so each step's loads are scheduled next to its arithmetic instead of all being
 * hoisted, which would spill), and no scalar use of x0..x3 after the loop (else V8 keeps them as
 * scalars and splats them again in every iteration).
 */
function symvQuad(len: i32, r0: usize, r1: usize, r2: usize, r3: usize, x: usize, y: usize, x0: f64, x1: f64, x2: f64, x3: f64): void {
  let acc0 = f64x2.splat(0.0);
  let acc1 = f64x2.splat(0.0);
  let acc2 = f64x2.splat(0.0);
  let acc3 = f64x2.splat(0.0);
  const vx0 = f64x2.splat(x0);
  const vx1 = f64x2.splat(x1);
  const vx2 = f64x2.splat(x2);
  const vx3 = f64x2.splat(x3);
  let px = x;
  let py = y;
  let p0 = r0;
  let p1 = r1;
  let p2 = r2;
  let p3 = r3;
  const pxEnd = x + (<usize>(len & ~3) << 3);
  const pxLast = pxEnd - 32; // inside the loop px <= pxLast: the break below is never taken
  while (px < pxEnd) {
    {
      const xv = v128.load(px);
      const a0 = v128.load(p0);
      acc0 = f64x2.add(acc0, f64x2.mul(a0, xv));
      let yv = f64x2.add(v128.load(py), f64x2.mul(a0, vx0));
      const a1 = v128.load(p1);
      acc1 = f64x2.add(acc1, f64x2.mul(a1, xv));
      yv = f64x2.add(yv, f64x2.mul(a1, vx1));
      const a2 = v128.load(p2);
      acc2 = f64x2.add(acc2, f64x2.mul(a2, xv));
      yv = f64x2.add(yv, f64x2.mul(a2, vx2));
      const a3 = v128.load(p3);
      acc3 = f64x2.add(acc3, f64x2.mul(a3, xv));
      v128.store(py, f64x2.add(yv, f64x2.mul(a3, vx3)));
    }
    if (px > pxLast) break; // never taken
    {
      const xv = v128.load(px, 16);
      const a0 = v128.load(p0, 16);
      acc0 = f64x2.add(acc0, f64x2.mul(a0, xv));
      let yv = f64x2.add(v128.load(py, 16), f64x2.mul(a0, vx0));
      const a1 = v128.load(p1, 16);
      acc1 = f64x2.add(acc1, f64x2.mul(a1, xv));
      yv = f64x2.add(yv, f64x2.mul(a1, vx1));
      const a2 = v128.load(p2, 16);
      acc2 = f64x2.add(acc2, f64x2.mul(a2, xv));
      yv = f64x2.add(yv, f64x2.mul(a2, vx2));
      const a3 = v128.load(p3, 16);
      acc3 = f64x2.add(acc3, f64x2.mul(a3, xv));
      v128.store(py, f64x2.add(yv, f64x2.mul(a3, vx3)), 16);
    }
    px += 32;
    py += 32;
    p0 += 32;
    p1 += 32;
    p2 += 32;
    p3 += 32;
  }
  // the remaining 0..3 entries, one at a time (lane 0 of each vector)
  const pxEnd2 = x + (<usize>len << 3);
  while (px < pxEnd2) {
    const xv = v128.load64_zero(px);
    const a0 = v128.load64_zero(p0);
    const a1 = v128.load64_zero(p1);
    const a2 = v128.load64_zero(p2);
    const a3 = v128.load64_zero(p3);
    acc0 = f64x2.add(acc0, f64x2.mul(a0, xv));
    acc1 = f64x2.add(acc1, f64x2.mul(a1, xv));
    acc2 = f64x2.add(acc2, f64x2.mul(a2, xv));
    acc3 = f64x2.add(acc3, f64x2.mul(a3, xv));
    const t = f64x2.add(f64x2.add(f64x2.mul(a0, vx0), f64x2.mul(a1, vx1)), f64x2.add(f64x2.mul(a2, vx2), f64x2.mul(a3, vx3)));
    store<f64>(py, load<f64>(py) + f64x2.extract_lane(t, 0));
    px += 8;
    py += 8;
    p0 += 8;
    p1 += 8;
    p2 += 8;
    p3 += 8;
  }
  gS0 = hsum(acc0);
  gS1 = hsum(acc1);
  gS2 = hsum(acc2);
  gS3 = hsum(acc3);
}

/** Rows per pass of symvUpper (2 or 4; benchmarks). */
let SYMV_ROWS: i32 = 4;
export function symvRows(r: i32): i32 {
  if (r == 2 || r == 4) SYMV_ROWS = r;
  return SYMV_ROWS;
}

/** y[0:m] = A x for the symmetric m x m A whose upper triangle is stored row-major at a (lda). */
export function symvUpper(m: i32, a: usize, lda: i32, x: usize, y: usize): void {
  memory.fill(y, 0, <usize>m << 3);
  const ldaB = <usize>lda << 3;
  let p = 0;
  if (SYMV_ROWS == 4) {
    for (; p + 4 <= m; p += 4) {
      const r0 = a + <usize>p * ldaB + (<usize>p << 3); // &A[p, p]
      const r1 = r0 + ldaB + 8;
      const r2 = r1 + ldaB + 8;
      const r3 = r2 + ldaB + 8;
      const x0 = ld(x, p);
      const x1 = ld(x, p + 1);
      const x2 = ld(x, p + 2);
      const x3 = ld(x, p + 3);
      // the 4 x 4 diagonal block, from its upper triangle
      const a01 = ld(r0, 1), a02 = ld(r0, 2), a03 = ld(r0, 3);
      const a12 = ld(r1, 1), a13 = ld(r1, 2);
      const a23 = ld(r2, 1);
      const s0 = ld(r0, 0) * x0 + a01 * x1 + a02 * x2 + a03 * x3;
      const s1 = a01 * x0 + ld(r1, 0) * x1 + a12 * x2 + a13 * x3;
      const s2 = a02 * x0 + a12 * x1 + ld(r2, 0) * x2 + a23 * x3;
      const s3 = a03 * x0 + a13 * x1 + a23 * x2 + ld(r3, 0) * x3;
      symvQuad(m - p - 4, r0 + 32, r1 + 24, r2 + 16, r3 + 8, x + (<usize>(p + 4) << 3), y + (<usize>(p + 4) << 3), x0, x1, x2, x3);
      st(y, p, ld(y, p) + s0 + gS0);
      st(y, p + 1, ld(y, p + 1) + s1 + gS1);
      st(y, p + 2, ld(y, p + 2) + s2 + gS2);
      st(y, p + 3, ld(y, p + 3) + s3 + gS3);
    }
  }
  for (; p + 2 <= m; p += 2) {
    const r0 = a + <usize>p * ldaB + (<usize>p << 3); // &A[p, p]
    const r1 = r0 + ldaB + 8; // &A[p+1, p+1]
    const x0 = ld(x, p);
    const x1 = ld(x, p + 1);
    const a01 = ld(r0, 1);
    const s0 = ld(r0, 0) * x0 + a01 * x1;
    const s1 = a01 * x0 + ld(r1, 0) * x1;
    symvPair(m - p - 2, r0 + 16, r1 + 8, x + (<usize>(p + 2) << 3), y + (<usize>(p + 2) << 3), x0, x1);
    st(y, p, ld(y, p) + s0 + gS0);
    st(y, p + 1, ld(y, p + 1) + s1 + gS1);
  }
  if (p < m) st(y, p, ld(y, p) + ld(a + <usize>p * ldaB, p) * ld(x, p));
}

// ---- dsytrd ----------------------------------------------------------------------------------

/** Bytes of scratch dsytrd(n, ...) needs. */
export function dsytrdWorkBytes(n: i32): usize {
  const nb = NB;
  return <usize>(nb * n + 3 * nb * n + 2 * nb + n) * 8 + dgemmWorkBytes(BR, n, 2 * nb) + 8 * 64;
}

/**
 * Reduces the symmetric n x n matrix whose upper triangle is stored row-major at a (lda) to
 * tridiagonal form: d[0:n] the diagonal, e[0:n-1] the off-diagonal, the reflectors in A's upper
 * triangle and tau[0:n-1] (LAPACK dsytrd, UPLO = 'L', in the transposed storage described above).
 * work: dsytrdWorkBytes(n) bytes.
 */
export function dsytrd(n: i32, a: usize, lda: i32, d: usize, e: usize, tau: usize, work: usize): void {
  if (n <= 0) return;
  const nb = NB;
  const ldaB = <usize>lda << 3;
  const wt = align64(work); // nb x n: the rows of Wᵀ
  const xy = align64(wt + (<usize>(nb * n) << 3)); // 3nb x (n - j1): [V; W; V] of the trailing columns
  const t12 = align64(xy + (<usize>(3 * nb * n) << 3)); // 2 nb: the panel's dot products
  const tmp = align64(t12 + (<usize>(2 * nb) << 3)); // n
  const gw = align64(tmp + (<usize>n << 3));
  let j = 0;
  if (n > NX + 1) {
    for (; j < n - NX; j += nb) {
      latrd(n, j, nb, a, lda, d, e, tau, wt, n, t12);
      // trailing update of rows/columns j1..n-1 (upper triangle): A -= V Wᵀ + W Vᵀ
      const j1 = j + nb;
      const mt = n - j1;
      const ldx = mt;
      for (let k = 0; k < nb; k++) {
        const vrow = a + <usize>(j + k) * ldaB + (<usize>j1 << 3);
        const wrow = wt + ((<usize>k * <usize>n + <usize>j1) << 3);
        memory.copy(xy + (<usize>(k * ldx) << 3), vrow, <usize>mt << 3);
        memory.copy(xy + (<usize>((nb + k) * ldx) << 3), wrow, <usize>mt << 3);
        memory.copy(xy + (<usize>((2 * nb + k) * ldx) << 3), vrow, <usize>mt << 3);
      }
      const yb = xy + (<usize>(nb * ldx) << 3); // [W; V]
      for (let r0 = 0; r0 < mt; r0 += BR) {
        const br = min<i32>(BR, mt - r0);
        dgemm(1, 0, br, mt - r0, 2 * nb, -1.0, xy + (<usize>r0 << 3), ldx, yb + (<usize>r0 << 3), ldx, 1.0,
          a + <usize>(j1 + r0) * ldaB + (<usize>(j1 + r0) << 3), lda, gw);
      }
      // put the superdiagonal back over the reflectors' implicit ones
      for (let k = 0; k < nb; k++) st(a + <usize>(j + k) * ldaB, j + k + 1, ld(e, j + k));
    }
  }
  sytd2(n, j, a, lda, d, e, tau, tmp);
}

/**
 * dlatrd (UPLO = 'L') on the panel of rows j0..j0+nb-1: reduces them and forms the rows of Wᵀ
 * (wt, ld ldw, global column indices) so that the trailing matrix's update is A -= V Wᵀ + W Vᵀ.
 * The panel's implicit ones (A[i, i+1] = 1) stay in place for that update. t12: 2 nb doubles.
 */
function latrd(n: i32, j0: i32, nb: i32, a: usize, lda: i32, d: usize, e: usize, tau: usize, wt: usize, ldw: i32, t12: usize): void {
  const ldaB = <usize>lda << 3;
  const ldwB = <usize>ldw << 3;
  for (let c = 0; c < nb; c++) {
    const i = j0 + c;
    const rowi = a + <usize>i * ldaB;
    // bring row i (A[i, i:n]) up to date with the panel's earlier reflectors
    const len = n - i;
    for (let k = 0; k < c; k++) {
      const vk = a + <usize>(j0 + k) * ldaB; // row of reflector j0+k
      const wk = wt + <usize>k * ldwB;
      axpy2neg(len, ld(wk, i), vk + (<usize>i << 3), ld(vk, i), wk + (<usize>i << 3), rowi + (<usize>i << 3));
    }
    st(d, i, ld(rowi, i));
    // the reflector annihilating A[i, i+2:n]
    const m = n - i - 1;
    const ti = larfg(m, rowi + (<usize>(i + 1) << 3), rowi + (<usize>(i + 2) << 3), 8);
    st(tau, i, ti);
    st(e, i, ld(rowi, i + 1));
    st(rowi, i + 1, 1.0);
    // w = tau (A v - V (Wᵀ v) - W (Vᵀ v)) over the trailing rows i+1..n-1, then w -= (tau/2)(wᵀv) v
    const v = rowi + (<usize>(i + 1) << 3);
    const w = wt + <usize>c * ldwB + (<usize>(i + 1) << 3);
    symvUpper(m, a + <usize>(i + 1) * ldaB + (<usize>(i + 1) << 3), lda, v, w);
    for (let k = 0; k < c; k++) {
      st(t12, k, dot(m, wt + <usize>k * ldwB + (<usize>(i + 1) << 3), v));
      st(t12, nb + k, dot(m, a + <usize>(j0 + k) * ldaB + (<usize>(i + 1) << 3), v));
    }
    for (let k = 0; k < c; k++) {
      axpy2neg(m, ld(t12, k), a + <usize>(j0 + k) * ldaB + (<usize>(i + 1) << 3), ld(t12, nb + k), wt + <usize>k * ldwB + (<usize>(i + 1) << 3), w);
    }
    scal(m, ti, w);
    const alpha = -0.5 * ti * dot(m, w, v);
    axpy(m, alpha, v, w);
  }
}

/**
 * dsytd2 (UPLO = 'L') on rows and columns j..n-1: one reflector at a time, each applied to the
 * trailing matrix by a symmetric rank-2 update of its upper triangle. w: n doubles.
 */
function sytd2(n: i32, j: i32, a: usize, lda: i32, d: usize, e: usize, tau: usize, w: usize): void {
  const ldaB = <usize>lda << 3;
  for (let i = j; i < n - 1; i++) {
    const rowi = a + <usize>i * ldaB;
    const m = n - i - 1;
    const ti = larfg(m, rowi + (<usize>(i + 1) << 3), rowi + (<usize>(i + 2) << 3), 8);
    st(tau, i, ti);
    const ei = ld(rowi, i + 1);
    st(e, i, ei);
    if (ti != 0.0) {
      st(rowi, i + 1, 1.0);
      const v = rowi + (<usize>(i + 1) << 3);
      const sub = a + <usize>(i + 1) * ldaB + (<usize>(i + 1) << 3);
      symvUpper(m, sub, lda, v, w);
      scal(m, ti, w);
      const alpha = -0.5 * ti * dot(m, w, v);
      axpy(m, alpha, v, w);
      // A[i+1:, i+1:] -= v wᵀ + w vᵀ (upper triangle, row by row)
      for (let p = 0; p < m; p++) {
        axpy2neg(m - p, ld(v, p), w + (<usize>p << 3), ld(w, p), v + (<usize>p << 3), sub + <usize>p * ldaB + (<usize>p << 3));
      }
      st(rowi, i + 1, ei);
    }
    st(d, i, ld(rowi, i));
  }
  st(d, n - 1, ld(a + <usize>(n - 1) * ldaB, n - 1));
}

// ---- dormtr ----------------------------------------------------------------------------------

/** Bytes of scratch dormtr(n, ...) needs. */
export function dormtrWorkBytes(n: i32): usize {
  const nb = NBO;
  const big = max<i32>(n, nb);
  return <usize>(nb * n + 2 * nb * nb + 2 * nb * n) * 8 + dgemmWorkBytes(big, n, big) + 8 * 64;
}

/**
 * Z := Q Z for the Q of dsytrd (its reflectors in the upper triangle of a, tau), Z n x n
 * row-major at z (ldz): rows 1..n-1 of Z get Q's (n-1) x (n-1) block, applied as LAPACK
 * dormqr ('L', 'N') does: blocks of NBO reflectors from the last to the first, each as the
 * compact WY product (I - V T Vᵀ) C through three gemms (W = Vᵀ C, W = T W, C -= V W).
 * work: dormtrWorkBytes(n) bytes.
 */
export function dormtr(n: i32, a: usize, lda: i32, tau: usize, z: usize, ldz: i32, work: usize): void {
  dormtrCols(n, n, a, lda, tau, z, ldz, work);
}

/**
 * dormtr on the first ncols (<= n) columns of an n x ncols Z only: the eigenvectors of a few
 * eigenvalues (PCA's leading k) cost ncols / n of the full back-transformation.
 * work: dormtrWorkBytes(n) bytes.
 */
export function dormtrCols(n: i32, ncols: i32, a: usize, lda: i32, tau: usize, z: usize, ldz: i32, work: usize): void {
  const nq = n - 1;
  if (nq <= 0) return;
  const nb = NBO;
  const ldaB = <usize>lda << 3;
  const ldzB = <usize>ldz << 3;
  const vt = align64(work); // nb x nq: dense rows of Vᵀ
  const t = align64(vt + (<usize>(nb * nq) << 3));
  const g = align64(t + (<usize>(nb * nb) << 3));
  const w1 = align64(g + (<usize>(nb * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * n) << 3));
  const gw = align64(w2 + (<usize>(nb * n) << 3));
  const jlast = ((nq - 1) / nb) * nb;
  for (let j = jlast; j >= 0; j -= nb) {
    const jb = min<i32>(nb, nq - j);
    const M = nq - j;
    // dense Vᵀ (jb x M): row p = [0 (p times), 1, A[j+p, j+p+2:n]]
    for (let p = 0; p < jb; p++) {
      const row = vt + (<usize>(p * M) << 3);
      if (p > 0) memory.fill(row, 0, <usize>p << 3);
      st(row, p, 1.0);
      const cnt = M - p - 1;
      if (cnt > 0) memory.copy(row + (<usize>(p + 1) << 3), a + <usize>(j + p) * ldaB + (<usize>(j + p + 2) << 3), <usize>cnt << 3);
    }
    larftRows(jb, M, vt, tau + (<usize>j << 3), t, g, gw);
    const c = z + <usize>(j + 1) * ldzB;
    dgemm(0, 0, jb, ncols, M, 1.0, vt, M, c, ldz, 0.0, w1, ncols, gw);
    dgemm(0, 0, jb, ncols, jb, 1.0, t, jb, w1, ncols, 0.0, w2, ncols, gw);
    dgemm(1, 0, M, ncols, jb, -1.0, vt, M, w2, ncols, 1.0, c, ldz, gw);
  }
}

/**
 * T (k x k upper triangular, ld k) of the compact WY form of k reflectors given as the dense rows
 * of Vᵀ (k x M, ld M) and tau (LAPACK dlarft, forward, columnwise): G = Vᵀ V by a gemm, then
 * T[0:c, c] = -tau_c T[0:c, 0:c] G[0:c, c].
 */
function larftRows(k: i32, M: i32, vt: usize, tau: usize, t: usize, g: usize, gw: usize): void {
  dgemm(0, 1, k, k, M, 1.0, vt, M, vt, M, 0.0, g, k, gw);
  for (let c = 0; c < k; c++) {
    const tc = ld(tau, c);
    for (let r = 0; r < k; r++) {
      const idx = r * k + c;
      if (r > c) st(t, idx, 0.0);
      else if (r == c) st(t, idx, tc);
      else if (tc == 0.0) st(t, idx, 0.0);
      else {
        let s = 0.0;
        for (let p = r; p < c; p++) s += ld(t, r * k + p) * ld(g, p * k + c);
        st(t, idx, -tc * s);
      }
    }
  }
}
