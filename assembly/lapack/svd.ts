// Singular value decomposition of a row-major m x n matrix with m >= n (the TypeScript layer
// transposes wide matrices), LAPACK's algorithms:
//
//   tall (m >= QR_RATIO n): A = Q R (dgeqrf), then R is bidiagonalised (LAPACK dgesdd's path for
//                           m >> n: the bidiagonalisation works on n x n instead of m x n);
//   dgebrd:                 A = Q_B B P_Bᵀ, B upper bidiagonal, blocked with dlabrd so that half of
//                           the flops run in dgemm;
//   the bidiagonal SVD:     with vectors, divide and conquer (bdsdc.ts: LAPACK dbdsdc, the merges
//                           through dgemm); values only, or when chosen by svdSolver(0), implicit
//                           QR (dbdsqr, Demmel-Kahan: zero shift where a shift would spoil
//                           relative accuracy, relative convergence tests) with the rotations
//                           applied to Uᵀ and Vᵀ stored by rows (unit stride);
//   back-transformation:    Q_B and P_B applied to U_B and V_B as blocked reflectors (dormqr,
//                           LAPACK dormbr), U = Q (Q_B U_B) with Q formed by dorgqr and one dgemm.
//
// Row-major storage: a column is strided, a row contiguous. Left reflectors (columns) are applied
// as w = vᵀA (sums of rows) and A -= tau v wᵀ (row updates); right reflectors (rows) as dot
// products of rows. Uᵀ is kept instead of U during the QR sweeps so that every plane rotation
// mixes two contiguous rows.
//
// Where the time goes (thin svd of 2000x784, ms on a loaded machine, each kernel timed alone):
// dgeqrf 310, dgebrd of R 250-270, dorgqr of the 2000x784 Q 150-220, the final dgemm 255-280,
// the divide and conquer 20, applying Q_B and P_B about 2 x 90. With implicit QR (dbdsqr) the
// bidiagonal SVD with vectors took about 930 ms alone (12 k³ flops of rotations at k = 784): the
// divide and conquer cut the whole svd to 0.55-0.7x of its time. What is left is LAPACK dgesdd's
// own flop count (about 10 GF) at our dgemm's speed (measured 2.4-3.8x slower than OpenBLAS on
// the same products): forming Q and applying it by larfb instead of dorgqr + dgemm, and block
// sizes 16..64 for dgeqrf and dgebrd, were within noise. One-sided Jacobi (dgesvj) was not tried:
// about 6 k³ flops per sweep over 6-10 sweeps.
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

import { dgemm, dgemmWorkBytes } from "../blas/gemm";
import { dgemv } from "../blas/gemv";
import { larfg, dorgqr, dorgqrWorkBytes } from "./qr";

// ---- Machine constants (IEEE double, LAPACK dlamch) ----------------------------------------
const EPS: f64 = 1.1102230246251565e-16; // dlamch('E') = 2^-53
const SAFMIN: f64 = 2.2250738585072014e-308; // dlamch('S') = 2^-1022
const SAFMAX: f64 = 4.49423283715579e+307; // 1 / SAFMIN = 2^1022
const RTMIN: f64 = 1.4916681462400413e-154; // sqrt(SAFMIN)
const RTMAX: f64 = 4.740375954054589e+153; // sqrt(SAFMAX / 2)

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

// @ts-ignore: decorator
@inline function at(a: usize, lda: i32, r: i32, c: i32): usize {
  return a + ((<usize>r * <usize>lda + <usize>c) << 3);
}

/** Fortran SIGN(a, b): |a| with the sign of b. */
// @ts-ignore: decorator
@inline function sign(a: f64, b: f64): f64 {
  return b >= 0.0 ? Math.abs(a) : -Math.abs(a);
}

// ---- Block sizes (measured: see the comments at the call sites) ----------------------------
/** Panel width of the blocked bidiagonalisation (dlabrd). */
let NB: i32 = 32;
/** dgebrd works unblocked once fewer than NX columns are left (LAPACK: max(nb, 128)). */
let NX: i32 = 128;

/** Sets the bidiagonalisation's block size and crossover (tests and benchmarks; <= 0 / < 0 keep them). Returns NB. */
export function svdBlocking(nb: i32, nx: i32): i32 {
  if (nb > 0) NB = nb;
  if (nx >= 0) NX = nx;
  return NB;
}
/** The crossover in use. */
export function svdCrossover(): i32 {
  return NX;
}

// ---- Row kernels ----------------------------------------------------------------------------

/** y[0:n] -= s * x[0:n] (unit stride). */
function axpyNeg(n: i32, s: f64, x: usize, y: usize): void {
  const vs = f64x2.splat(s);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.sub(v128.load(y + o), f64x2.mul(vs, v128.load(x + o))));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(y + o, load<f64>(y + o) - s * load<f64>(x + o));
  }
}

/** x[0:n] *= s (unit stride). */
function scal(n: i32, s: f64, x: usize): void {
  for (let j = 0; j < n; j++) {
    const p = x + (<usize>j << 3);
    store<f64>(p, load<f64>(p) * s);
  }
}

/** Gathers n values at stride inc (bytes) into the contiguous dst. */
function gather(n: i32, src: usize, inc: usize, dst: usize): void {
  let p = src;
  for (let j = 0; j < n; j++) {
    store<f64>(dst + (<usize>j << 3), load<f64>(p));
    p += inc;
  }
}

/** y = alpha * A x + beta * y for the rows x cols block A (lda); x, y contiguous. */
// @ts-ignore: decorator
@inline function gemvN(rows: i32, cols: i32, alpha: f64, a: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  if (rows > 0) dgemv(0, rows, cols, alpha, a, lda, x, beta, y);
}

/** y = alpha * Aᵀ x + beta * y for the rows x cols block A (lda); x (rows), y (cols) contiguous. */
// @ts-ignore: decorator
@inline function gemvT(rows: i32, cols: i32, alpha: f64, a: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  if (cols > 0) dgemv(1, rows, cols, alpha, a, lda, x, beta, y);
}

// ---- Bidiagonalisation (dgebrd, dlabrd, dgebd2), m >= n, upper bidiagonal -------------------

/** Bytes of scratch dgebrd(m, n, ...) needs. */
export function dgebrdWorkBytes(m: i32, n: i32): usize {
  const nb = NB;
  return <usize>(nb * m + nb * n + 2 * m + 2 * n + 4 * nb) * 8 + dgemmWorkBytes(m, n, nb) + 8 * 64;
}

/**
 * Reduces the row-major m x n matrix A (m >= n) to upper bidiagonal form B = Q_Bᵀ A P_B
 * (LAPACK dgebrd): d (n) gets B's diagonal, e (n - 1) its superdiagonal. The left reflector
 * H_i = I - tauq_i v vᵀ (v = [1; A[i+1:m, i]]) is stored below the diagonal of column i, as dgeqrf
 * stores its reflectors (so dorgqr forms Q_B); the right reflector G_i = I - taup_i u uᵀ
 * (u = [1; A[i, i+2:n]]) to the right of the superdiagonal of row i.
 * Blocked: panels of NB rows and columns by dlabrd, whose update of the rest of the matrix is two
 * dgemms; the last NX columns (and small matrices) unblocked.
 */
export function dgebrd(m: i32, n: i32, a: usize, lda: i32, d: usize, e: usize, tauq: usize, taup: usize, work: usize): void {
  if (n <= 0) return;
  const nb = NB;
  const xt = align64(work); // nb x m: row p is column p of LAPACK's X
  const yt = align64(xt + (<usize>(nb * m) << 3)); // nb x n: row p is column p of Y
  const t1 = align64(yt + (<usize>(nb * n) << 3)); // m
  const t2 = align64(t1 + (<usize>m << 3)); // m
  const t3 = align64(t2 + (<usize>m << 3)); // n
  const gw = align64(t3 + (<usize>(n + 4 * nb) << 3));
  let i = 0;
  const nx = max<i32>(NX, nb); // as LAPACK (nx >= nb): every panel lies inside the matrix
  if (nb > 1 && nb < n && nx < n) {
    for (; i < n - nx; i += nb) {
      const M = m - i;
      const N = n - i;
      const aii = at(a, lda, i, i);
      labrd(M, N, nb, aii, lda, d + (<usize>i << 3), e + (<usize>i << 3), tauq + (<usize>i << 3), taup + (<usize>i << 3), xt, m, yt, n, t1, t2, t3);
      // A[i+nb:m, i+nb:n] -= V Y[nb:, :]ᵀ + X[nb:, :] U (V: the panel's columns, U: its rows)
      const r = M - nb;
      const c = N - nb;
      const a22 = at(a, lda, i + nb, i + nb);
      dgemm(0, 0, r, c, nb, -1.0, at(a, lda, i + nb, i), lda, yt + (<usize>nb << 3), n, 1.0, a22, lda, gw);
      dgemm(1, 0, r, c, nb, -1.0, xt + (<usize>nb << 3), m, at(a, lda, i, i + nb), lda, 1.0, a22, lda, gw);
      // put B's entries back where labrd left the reflectors' unit entries
      for (let j = i; j < i + nb; j++) {
        store<f64>(at(a, lda, j, j), load<f64>(d + (<usize>j << 3)));
        store<f64>(at(a, lda, j, j + 1), load<f64>(e + (<usize>j << 3)));
      }
    }
  }
  gebd2(m - i, n - i, at(a, lda, i, i), lda, d + (<usize>i << 3), e + (<usize>i << 3), tauq + (<usize>i << 3), taup + (<usize>i << 3), t1, t3);
}

/**
 * Unblocked bidiagonalisation of the M x N block at a (M >= N), LAPACK dgebd2.
 * v: scratch for M doubles; w: scratch for max(M, N) doubles.
 */
function gebd2(M: i32, N: i32, a: usize, lda: i32, d: usize, e: usize, tauq: usize, taup: usize, v: usize, w: usize): void {
  const ldaB = <usize>lda << 3;
  for (let i = 0; i < N; i++) {
    const aii = at(a, lda, i, i);
    const tq = larfg(M - i, aii, aii + ldaB, ldaB);
    store<f64>(tauq + (<usize>i << 3), tq);
    const di = load<f64>(aii);
    store<f64>(d + (<usize>i << 3), di);
    if (i + 1 < N) {
      if (tq != 0.0) {
        // H_i from the left on A[i:M, i+1:N]: w = A[i:M, i+1:N]ᵀ v, A -= tau v wᵀ
        store<f64>(aii, 1.0);
        gather(M - i, aii, ldaB, v);
        gemvT(M - i, N - i - 1, 1.0, aii + 8, lda, v, 0.0, w);
        for (let r = i; r < M; r++) {
          const vr = load<f64>(v + (<usize>(r - i) << 3));
          if (vr != 0.0) axpyNeg(N - i - 1, tq * vr, w, at(a, lda, r, i + 1));
        }
        store<f64>(aii, di);
      }
      const ai1 = aii + 8;
      const tp = larfg(N - i - 1, ai1, ai1 + 8, 8);
      store<f64>(taup + (<usize>i << 3), tp);
      const ei = load<f64>(ai1);
      store<f64>(e + (<usize>i << 3), ei);
      if (tp != 0.0 && i + 1 < M) {
        // G_i from the right on A[i+1:M, i+1:N]: w = A u, A -= tau w uᵀ
        store<f64>(ai1, 1.0);
        gemvN(M - i - 1, N - i - 1, 1.0, ai1 + ldaB, lda, ai1, 0.0, w);
        for (let r = i + 1; r < M; r++) {
          const wr = load<f64>(w + (<usize>(r - i - 1) << 3));
          if (wr != 0.0) axpyNeg(N - i - 1, tp * wr, ai1, at(a, lda, r, i + 1));
        }
        store<f64>(ai1, ei);
      }
    } else {
      store<f64>(taup + (<usize>i << 3), 0.0);
    }
  }
}

/**
 * One panel of the blocked bidiagonalisation (LAPACK dlabrd, m >= n): reduces the first nb rows
 * and columns of the M x N block at a and returns X (M x nb) and Y (N x nb) such that the rest
 * of the block is updated by A -= V Yᵀ + X U. Kept transposed (xt: nb x ldx, yt: nb x ldy, both
 * indexed by the block's row or column), so every vector below is contiguous. The unit entries
 * of the reflectors stay in A (diagonal and superdiagonal) for the caller's dgemm.
 * t1, t2: scratch for M doubles; t3: N + 4 nb doubles.
 */
function labrd(
  M: i32, N: i32, nb: i32, a: usize, lda: i32, d: usize, e: usize, tauq: usize, taup: usize,
  xt: usize, ldx: i32, yt: usize, ldy: i32, t1: usize, t2: usize, t3: usize,
): void {
  const ldaB = <usize>lda << 3;
  const ldxB = <usize>ldx << 3;
  const ldyB = <usize>ldy << 3;
  const s1 = t3 + (<usize>N << 3); // nb
  const s2 = s1 + (<usize>nb << 3); // nb
  const s3 = s2 + (<usize>nb << 3); // nb
  for (let i = 0; i < nb; i++) {
    const aii = at(a, lda, i, i);
    const xi = xt + <usize>i * ldxB; // row i of Xt: column i of X
    const yi = yt + <usize>i * ldyB; // column i of Y
    if (i > 0) {
      // A[i:M, i] -= A[i:M, 0:i] Y[i, 0:i]ᵀ + X[i:M, 0:i] A[0:i, i]
      gather(i, yt + (<usize>i << 3), ldyB, s1); // Y[i, 0:i]
      gather(i, at(a, lda, 0, i), ldaB, s2); // A[0:i, i]
      gemvN(M - i, i, 1.0, at(a, lda, i, 0), lda, s1, 0.0, t1);
      gemvT(i, M - i, 1.0, xt + (<usize>i << 3), ldx, s2, 1.0, t1);
      let p = aii;
      for (let r = 0; r < M - i; r++) {
        store<f64>(p, load<f64>(p) - load<f64>(t1 + (<usize>r << 3)));
        p += ldaB;
      }
    }
    // H_i annihilates A[i+1:M, i]
    const tq = larfg(M - i, aii, aii + ldaB, ldaB);
    store<f64>(tauq + (<usize>i << 3), tq);
    store<f64>(d + (<usize>i << 3), load<f64>(aii));
    if (i + 1 < N) {
      store<f64>(aii, 1.0);
      gather(M - i, aii, ldaB, t2); // v = A[i:M, i]
      const yr = yi + (<usize>(i + 1) << 3); // Y[i+1:N, i]
      const nr = N - i - 1;
      // Y[i+1:N, i] = tauq (A[i:M, i+1:N]ᵀ v - Y[i+1:N, 0:i] (A[i:M, 0:i]ᵀ v) - A[0:i, i+1:N]ᵀ (X[i:M, 0:i]ᵀ v))
      gemvT(M - i, nr, 1.0, aii + 8, lda, t2, 0.0, yr);
      gemvT(M - i, i, 1.0, at(a, lda, i, 0), lda, t2, 0.0, s1);
      gemvT(i, nr, -1.0, yt + (<usize>(i + 1) << 3), ldy, s1, 1.0, yr);
      gemvN(i, M - i, 1.0, xt + (<usize>i << 3), ldx, t2, 0.0, s2);
      gemvT(i, nr, -1.0, at(a, lda, 0, i + 1), lda, s2, 1.0, yr);
      scal(nr, tq, yr);
      // Y[0:i+1, i] is used later only through rows i+1.. : its first i+1 entries are not needed
      // A[i, i+1:N] -= Y[i+1:N, 0:i+1] A[i, 0:i+1]ᵀ + A[0:i, i+1:N]ᵀ X[i, 0:i]ᵀ
      const ai1 = aii + 8;
      gemvT(i + 1, nr, -1.0, yt + (<usize>(i + 1) << 3), ldy, at(a, lda, i, 0), 1.0, ai1);
      gather(i, xt + (<usize>i << 3), ldxB, s3); // X[i, 0:i]
      gemvT(i, nr, -1.0, at(a, lda, 0, i + 1), lda, s3, 1.0, ai1);
      // G_i annihilates A[i, i+2:N]
      const tp = larfg(nr, ai1, ai1 + 8, 8);
      store<f64>(taup + (<usize>i << 3), tp);
      store<f64>(e + (<usize>i << 3), load<f64>(ai1));
      store<f64>(ai1, 1.0);
      // X[i+1:M, i] = taup (A[i+1:M, i+1:N] u - A[i+1:M, 0:i+1] (Y[i+1:N, 0:i+1]ᵀ u) - X[i+1:M, 0:i] (A[0:i, i+1:N] u))
      const xr = xi + (<usize>(i + 1) << 3);
      const mr = M - i - 1;
      gemvN(mr, nr, 1.0, ai1 + ldaB, lda, ai1, 0.0, xr);
      gemvN(i + 1, nr, 1.0, yt + (<usize>(i + 1) << 3), ldy, ai1, 0.0, s1);
      gemvN(mr, i + 1, -1.0, at(a, lda, i + 1, 0), lda, s1, 1.0, xr);
      gemvN(i, nr, 1.0, at(a, lda, 0, i + 1), lda, ai1, 0.0, s2);
      gemvT(i, mr, -1.0, xt + (<usize>(i + 1) << 3), ldx, s2, 1.0, xr);
      scal(mr, tp, xr);
    } else {
      store<f64>(taup + (<usize>i << 3), 0.0);
    }
  }
}

// ---- Plane rotations -----------------------------------------------------------------------

// dlartg's outputs (AssemblyScript functions return one value).
let rotC: f64 = 1.0;
let rotS: f64 = 0.0;

/**
 * LAPACK dlartg (3.10): c, s, r with [c s; -s c] [f; g] = [r; 0], c >= 0 when f != 0,
 * r = sign(f) sqrt(f^2 + g^2), safe against overflow and underflow. c, s in rotC, rotS; returns r.
 */
function lartg(f: f64, g: f64): f64 {
  if (g == 0.0) {
    rotC = 1.0;
    rotS = 0.0;
    return f;
  }
  if (f == 0.0) {
    rotC = 0.0;
    rotS = sign(1.0, g);
    return Math.abs(g);
  }
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const dd = Math.sqrt(f * f + g * g);
    rotC = f1 / dd;
    const r = sign(dd, f);
    rotS = g / r;
    return r;
  }
  const u = Math.min(SAFMAX, Math.max(SAFMIN, Math.max(f1, g1)));
  const fs = f / u;
  const gs = g / u;
  const dd = Math.sqrt(fs * fs + gs * gs);
  rotC = Math.abs(fs) / dd;
  let r = sign(dd, f);
  rotS = gs / r;
  return r * u;
}

/** x' = c x + s y, y' = c y - s x on the rows x and y (n values each, unit stride; LAPACK drot). */
function rot(n: i32, x: usize, y: usize, c: f64, s: f64): void {
  const vc = f64x2.splat(c);
  const vs = f64x2.splat(s);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const xv = v128.load(x + o);
    const yv = v128.load(y + o);
    v128.store(x + o, f64x2.add(f64x2.mul(vc, xv), f64x2.mul(vs, yv)));
    v128.store(y + o, f64x2.sub(f64x2.mul(vc, yv), f64x2.mul(vs, xv)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    const xv = load<f64>(x + o);
    const yv = load<f64>(y + o);
    store<f64>(x + o, c * xv + s * yv);
    store<f64>(y + o, c * yv - s * xv);
  }
}

/**
 * LAPACK dlasr('L', 'V', forward or backward) on rows 0..k-1 of the row-major block at a (lda),
 * ncols columns: rotation j (cs[j], sn[j]) acts on rows j and j + 1:
 *   row_{j+1} = c row_{j+1} - s row_j,   row_j = s row_{j+1} + c row_j,
 * for j = 0..k-2 (forward) or k-2..0 (backward). Columns in strips of 8 (four f64x2, four
 * independent dependency chains): the running row stays in registers from one rotation to the
 * next, so each rotation costs one load and one store per value.
 */
function lasrRows(forward: bool, k: i32, ncols: i32, cs: usize, sn: usize, a: usize, lda: i32): void {
  if (k < 2 || ncols <= 0) return;
  const ldaB = <usize>lda << 3;
  let j = 0;
  for (; j + 8 <= ncols; j += 8) lasrStrip8(forward, k, cs, sn, a + (<usize>j << 3), ldaB);
  for (; j < ncols; j++) lasrStrip1(forward, k, cs, sn, a + (<usize>j << 3), ldaB);
}

function lasrStrip8(forward: bool, k: i32, cs: usize, sn: usize, a: usize, ldaB: usize): void {
  if (forward) {
    let p = a;
    let x0 = v128.load(p), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
    for (let r = 0; r < k - 1; r++) {
      const c = f64x2.splat(load<f64>(cs + (<usize>r << 3)));
      const s = f64x2.splat(load<f64>(sn + (<usize>r << 3)));
      const q = p + ldaB;
      const y0 = v128.load(q), y1 = v128.load(q, 16), y2 = v128.load(q, 32), y3 = v128.load(q, 48);
      v128.store(p, f64x2.add(f64x2.mul(s, y0), f64x2.mul(c, x0)));
      v128.store(p, f64x2.add(f64x2.mul(s, y1), f64x2.mul(c, x1)), 16);
      v128.store(p, f64x2.add(f64x2.mul(s, y2), f64x2.mul(c, x2)), 32);
      v128.store(p, f64x2.add(f64x2.mul(s, y3), f64x2.mul(c, x3)), 48);
      x0 = f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0));
      x1 = f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1));
      x2 = f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2));
      x3 = f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3));
      p = q;
    }
    v128.store(p, x0);
    v128.store(p, x1, 16);
    v128.store(p, x2, 32);
    v128.store(p, x3, 48);
  } else {
    // backward: rotation j on rows j, j+1 for j = k-2 .. 0; the running value is row j+1
    let q = a + <usize>(k - 1) * ldaB;
    let y0 = v128.load(q), y1 = v128.load(q, 16), y2 = v128.load(q, 32), y3 = v128.load(q, 48);
    for (let r = k - 2; r >= 0; r--) {
      const c = f64x2.splat(load<f64>(cs + (<usize>r << 3)));
      const s = f64x2.splat(load<f64>(sn + (<usize>r << 3)));
      const p = q - ldaB;
      const x0 = v128.load(p), x1 = v128.load(p, 16), x2 = v128.load(p, 32), x3 = v128.load(p, 48);
      v128.store(q, f64x2.sub(f64x2.mul(c, y0), f64x2.mul(s, x0)));
      v128.store(q, f64x2.sub(f64x2.mul(c, y1), f64x2.mul(s, x1)), 16);
      v128.store(q, f64x2.sub(f64x2.mul(c, y2), f64x2.mul(s, x2)), 32);
      v128.store(q, f64x2.sub(f64x2.mul(c, y3), f64x2.mul(s, x3)), 48);
      y0 = f64x2.add(f64x2.mul(s, y0), f64x2.mul(c, x0));
      y1 = f64x2.add(f64x2.mul(s, y1), f64x2.mul(c, x1));
      y2 = f64x2.add(f64x2.mul(s, y2), f64x2.mul(c, x2));
      y3 = f64x2.add(f64x2.mul(s, y3), f64x2.mul(c, x3));
      q = p;
    }
    v128.store(q, y0);
    v128.store(q, y1, 16);
    v128.store(q, y2, 32);
    v128.store(q, y3, 48);
  }
}

function lasrStrip1(forward: bool, k: i32, cs: usize, sn: usize, a: usize, ldaB: usize): void {
  if (forward) {
    let p = a;
    let x = load<f64>(p);
    for (let r = 0; r < k - 1; r++) {
      const c = load<f64>(cs + (<usize>r << 3));
      const s = load<f64>(sn + (<usize>r << 3));
      const q = p + ldaB;
      const y = load<f64>(q);
      store<f64>(p, s * y + c * x);
      x = c * y - s * x;
      p = q;
    }
    store<f64>(p, x);
  } else {
    let q = a + <usize>(k - 1) * ldaB;
    let y = load<f64>(q);
    for (let r = k - 2; r >= 0; r--) {
      const c = load<f64>(cs + (<usize>r << 3));
      const s = load<f64>(sn + (<usize>r << 3));
      const p = q - ldaB;
      const x = load<f64>(p);
      store<f64>(q, c * y - s * x);
      y = s * y + c * x;
      q = p;
    }
    store<f64>(q, y);
  }
}

// ---- Deferred rotations ---------------------------------------------------------------------
//
// The QR sweeps' rotations are not applied to Vᵀ and Uᵀ at once but queued, and a full queue is
// applied strip by strip: each strip of 8 columns (n rows) gets every queued sweep while it sits
// in cache. Applied sweep by sweep, every sweep streams the whole n x n matrix through memory:
// measured at n = 784 (4.9 MB per matrix, beyond L2), 900 ms for the vectors against 520 ms
// expected from the n = 200..300 rate, where the matrices fit in cache.
// Queue layout (a header of 8 i32/usize slots, then the arrays):
//   [0] used rotations, [1] entries, [2] rotation capacity, [3] entry capacity,
//   [4] matrix pointer, [5] leading dimension, [6] columns; cs, sn arrays; entries (ll, nrot, forward, offset).

/** Sweeps of about n/2 rotations each that a queue holds before it is applied. */
const QUEUE_SWEEPS: i32 = 24;

function queueCap(n: i32): i32 {
  return QUEUE_SWEEPS * n + 2;
}
function queueEntryCap(n: i32): i32 {
  return 2 * QUEUE_SWEEPS + 8;
}
function queueBytes(n: i32): usize {
  return 64 + align64(<usize>queueCap(n) << 3) * 2 + (<usize>queueEntryCap(n) << 4) + 64;
}
// @ts-ignore: decorator
@inline function qget(q: usize, slot: i32): i32 {
  return load<i32>(q + (<usize>slot << 3));
}
// @ts-ignore: decorator
@inline function qset(q: usize, slot: i32, v: i32): void {
  store<i32>(q + (<usize>slot << 3), v);
}
// @ts-ignore: decorator
@inline function qcs(q: usize): usize {
  return q + 64;
}
// @ts-ignore: decorator
@inline function qsn(q: usize, cap: i32): usize {
  return q + 64 + align64(<usize>cap << 3);
}
// @ts-ignore: decorator
@inline function qent(q: usize, cap: i32): usize {
  return q + 64 + 2 * align64(<usize>cap << 3);
}

function queueInit(q: usize, n: i32, a: usize, lda: i32, ncols: i32): void {
  qset(q, 0, 0);
  qset(q, 1, 0);
  qset(q, 2, queueCap(n));
  qset(q, 3, queueEntryCap(n));
  store<usize>(q + 32, a);
  qset(q, 5, lda);
  qset(q, 6, ncols);
}

/** Queues the sweep of nrot - 1 rotations (cs, sn) on rows ll..ll+nrot-1 (lasrRows' semantics). */
function enqueue(q: usize, forward: bool, ll: i32, nrot: i32, cs: usize, sn: usize): void {
  const cap = qget(q, 2);
  const k = nrot - 1;
  if (qget(q, 0) + k > cap || qget(q, 1) >= qget(q, 3)) queueFlush(q);
  const used = qget(q, 0);
  const cnt = qget(q, 1);
  memory.copy(qcs(q) + (<usize>used << 3), cs, <usize>k << 3);
  memory.copy(qsn(q, cap) + (<usize>used << 3), sn, <usize>k << 3);
  const ent = qent(q, cap) + (<usize>cnt << 4);
  store<i32>(ent, ll);
  store<i32>(ent, nrot, 4);
  store<i32>(ent, forward ? 1 : 0, 8);
  store<i32>(ent, used, 12);
  qset(q, 0, used + k);
  qset(q, 1, cnt + 1);
}

/** Applies every queued sweep, in order, strip by strip, and empties the queue. */
function queueFlush(q: usize): void {
  const cnt = qget(q, 1);
  if (cnt == 0) return;
  const cap = qget(q, 2);
  const a = load<usize>(q + 32);
  const lda = qget(q, 5);
  const ncols = qget(q, 6);
  const ldaB = <usize>lda << 3;
  const cs = qcs(q);
  const sn = qsn(q, cap);
  const ent = qent(q, cap);
  let j = 0;
  for (; j + 8 <= ncols; j += 8) {
    const col = a + (<usize>j << 3);
    for (let t = 0; t < cnt; t++) {
      const e = ent + (<usize>t << 4);
      const off = <usize>load<i32>(e, 12) << 3;
      lasrStrip8(load<i32>(e, 8) != 0, load<i32>(e, 4), cs + off, sn + off, col + <usize>load<i32>(e) * ldaB, ldaB);
    }
  }
  for (; j < ncols; j++) {
    const col = a + (<usize>j << 3);
    for (let t = 0; t < cnt; t++) {
      const e = ent + (<usize>t << 4);
      const off = <usize>load<i32>(e, 12) << 3;
      lasrStrip1(load<i32>(e, 8) != 0, load<i32>(e, 4), cs + off, sn + off, col + <usize>load<i32>(e) * ldaB, ldaB);
    }
  }
  qset(q, 0, 0);
  qset(q, 1, 0);
}

// ---- 2 x 2 triangular SVD (dlas2, dlasv2) ---------------------------------------------------

let svMin: f64 = 0.0;
let svMax: f64 = 0.0;
let svSinR: f64 = 0.0;
let svCosR: f64 = 1.0;
let svSinL: f64 = 0.0;
let svCosL: f64 = 1.0;

/** Singular values of [f g; 0 h] (LAPACK dlas2) into svMin, svMax. */
function las2(f: f64, g: f64, h: f64): void {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn == 0.0) {
    svMin = 0.0;
    if (fhmx == 0.0) svMax = ga;
    else {
      const mx = Math.max(fhmx, ga);
      const mn = Math.min(fhmx, ga);
      svMax = mx * Math.sqrt(1.0 + (mn / mx) * (mn / mx));
    }
  } else if (ga < fhmx) {
    const as = 1.0 + fhmn / fhmx;
    const at_ = (fhmx - fhmn) / fhmx;
    const au = (ga / fhmx) * (ga / fhmx);
    const c = 2.0 / (Math.sqrt(as * as + au) + Math.sqrt(at_ * at_ + au));
    svMin = fhmn * c;
    svMax = fhmx / c;
  } else {
    const au = fhmx / ga;
    if (au == 0.0) {
      svMin = (fhmn * fhmx) / ga;
      svMax = ga;
    } else {
      const as = 1.0 + fhmn / fhmx;
      const at_ = (fhmx - fhmn) / fhmx;
      const c = 1.0 / (Math.sqrt(1.0 + (as * au) * (as * au)) + Math.sqrt(1.0 + (at_ * au) * (at_ * au)));
      svMin = fhmn * c * au;
      svMin = svMin + svMin;
      svMax = ga / (c + c);
    }
  }
}

/**
 * SVD of the 2 x 2 upper triangular [f g; 0 h] (LAPACK dlasv2): signed svMax, svMin and the
 * rotations (svCosL, svSinL), (svCosR, svSinR) with
 * [csl snl; -snl csl] [f g; 0 h] [csr -snr; snr csr] = [ssmax 0; 0 ssmin].
 */
export function lasv2(f: f64, g: f64, h: f64): void {
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    let temp = ft;
    ft = ht;
    ht = temp;
    temp = fa;
    fa = ha;
    ha = temp;
  }
  const gt = g;
  const ga = Math.abs(gt);
  let clt = 1.0, crt = 1.0, slt = 0.0, srt = 0.0;
  let ssmin = 0.0, ssmax = 0.0;
  if (ga == 0.0) {
    ssmin = ha;
    ssmax = fa;
  } else {
    let gasmal = true;
    if (ga > fa) {
      pmax = 2;
      if (fa / ga < EPS) {
        // very large ga
        gasmal = false;
        ssmax = ga;
        if (ha > 1.0) ssmin = fa / (ga / ha);
        else ssmin = (fa / ga) * ha;
        clt = 1.0;
        slt = ht / gt;
        srt = 1.0;
        crt = ft / gt;
      }
    }
    if (gasmal) {
      const dd = fa - ha;
      let l = dd == fa ? 1.0 : dd / fa;
      const mm0 = gt / ft;
      let t = 2.0 - l;
      const mm = mm0 * mm0;
      const tt = t * t;
      const s = Math.sqrt(tt + mm);
      const r = l == 0.0 ? Math.abs(mm0) : Math.sqrt(l * l + mm);
      const aa = 0.5 * (s + r);
      ssmin = ha / aa;
      ssmax = fa * aa;
      if (mm == 0.0) {
        if (l == 0.0) t = sign(2.0, ft) * sign(1.0, gt);
        else t = gt / sign(dd, ft) + mm0 / t;
      } else {
        t = (mm0 / (s + t) + mm0 / (r + l)) * (1.0 + aa);
      }
      l = Math.sqrt(t * t + 4.0);
      crt = 2.0 / l;
      srt = t / l;
      clt = (crt + srt * mm0) / aa;
      slt = (ht / ft) * srt / aa;
    }
  }
  let csl: f64, snl: f64, csr: f64, snr: f64;
  if (swap) {
    csl = srt;
    snl = crt;
    csr = slt;
    snr = clt;
  } else {
    csl = clt;
    snl = slt;
    csr = crt;
    snr = srt;
  }
  let tsign = 1.0;
  if (pmax == 1) tsign = sign(1.0, csr) * sign(1.0, csl) * sign(1.0, f);
  if (pmax == 2) tsign = sign(1.0, snr) * sign(1.0, csl) * sign(1.0, g);
  if (pmax == 3) tsign = sign(1.0, snr) * sign(1.0, snl) * sign(1.0, h);
  svMax = sign(ssmax, tsign);
  svMin = sign(ssmin, tsign * sign(1.0, f) * sign(1.0, h));
  svCosL = csl;
  svSinL = snl;
  svCosR = csr;
  svSinR = snr;
}

/** lasv2's outputs: [svMax, svMin, cosL, sinL, cosR, sinR] by index (for bdsdc.ts). */
export function lasv2Out(i: i32): f64 {
  if (i == 0) return svMax;
  if (i == 1) return svMin;
  if (i == 2) return svCosL;
  if (i == 3) return svSinL;
  if (i == 4) return svCosR;
  return svSinR;
}

// ---- Bidiagonal SVD by implicit QR (dbdsqr) -------------------------------------------------

/** Bytes of scratch dbdsqr(n, ...) needs. */
export function dbdsqrWorkBytes(n: i32): usize {
  return <usize>(4 * n + 4) * 8 + 2 * queueBytes(n) + 4 * 64;
}

/** Iterations (QR sweeps, counted in rotations / n as LAPACK does) of the last dbdsqr call. */
let lastSweeps: i32 = 0;
export function dbdsqrSweeps(): i32 {
  return lastSweeps;
}

/**
 * SVD of the n x n upper bidiagonal B (diagonal d, superdiagonal e), LAPACK dbdsqr:
 * B = Q Σ Pᵀ. The rotations are applied to the rows of vt (n x ncvt, ld ldvt: vt := Pᵀ vt) and
 * to the rows of ut (n x nru, ld ldut: ut := Qᵀ ut, i.e. U := U Q with U = utᵀ). On return d
 * holds the singular values in decreasing order (non-negative), with the rows of vt and ut
 * permuted and signed to match. Relative accuracy: zero-shift QR (Demmel-Kahan) where the shift
 * would spoil it, relative convergence tests, chasing from the larger end of each block.
 * Returns 0, or the number of superdiagonal entries that failed to converge within 6 n^2 inner
 * steps (the iteration cap of LAPACK).
 */
export function dbdsqr(n: i32, d: usize, e: usize, vt: usize, ldvt: i32, ncvt: i32, ut: usize, ldut: i32, nru: i32, work: usize): i32 {
  lastSweeps = 0;
  if (n <= 0) return 0;
  const ldvtB = <usize>ldvt << 3;
  const ldutB = <usize>ldut << 3;
  const w = align64(work);
  const nm1 = n - 1;
  const w0 = w; // cs (right)
  const w1 = w + (<usize>nm1 << 3); // sn (right)
  const w2 = w + (<usize>(2 * nm1) << 3); // cs (left)
  const w3 = w + (<usize>(3 * nm1) << 3); // sn (left)
  const qv = align64(w + (<usize>(4 * n + 4) << 3));
  const qu = align64(qv + queueBytes(n));
  queueInit(qv, n, vt, ldvt, ncvt);
  queueInit(qu, n, ut, ldut, nru);
  let info = 0;
  if (n > 1) info = bdsqrLoop(n, d, e, vt, ldvtB, ncvt, ut, ldutB, nru, w0, w1, w2, w3, qv, qu);
  if (info != 0) return info;
  queueFlush(qv);
  queueFlush(qu);
  // Make the singular values non-negative, then sort them into decreasing order
  for (let i = 0; i < n; i++) {
    const di = load<f64>(d + (<usize>i << 3));
    if (di < 0.0) {
      store<f64>(d + (<usize>i << 3), -di);
      if (ncvt > 0) scal(ncvt, -1.0, vt + <usize>i * ldvtB);
    }
  }
  for (let i = 0; i < n - 1; i++) {
    // selection sort (LAPACK): the smallest of d[0..n-1-i] goes to position n-1-i
    let isub = 0;
    let smin = load<f64>(d);
    const last = n - 1 - i;
    for (let j = 1; j <= last; j++) {
      const dj = load<f64>(d + (<usize>j << 3));
      if (dj <= smin) {
        isub = j;
        smin = dj;
      }
    }
    if (isub != last) {
      store<f64>(d + (<usize>isub << 3), load<f64>(d + (<usize>last << 3)));
      store<f64>(d + (<usize>last << 3), smin);
      if (ncvt > 0) swapRows(ncvt, vt + <usize>isub * ldvtB, vt + <usize>last * ldvtB);
      if (nru > 0) swapRows(nru, ut + <usize>isub * ldutB, ut + <usize>last * ldutB);
    }
  }
  return 0;
}

function swapRows(n: i32, x: usize, y: usize): void {
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const t = v128.load(x + o);
    v128.store(x + o, v128.load(y + o));
    v128.store(y + o, t);
  }
  if (j < n) {
    const o = <usize>j << 3;
    const t = load<f64>(x + o);
    store<f64>(x + o, load<f64>(y + o));
    store<f64>(y + o, t);
  }
}

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** The main loop of dbdsqr (0-based port; LAPACK's labels in the comments). */
function bdsqrLoop(
  n: i32, d: usize, e: usize, vt: usize, ldvtB: usize, ncvt: i32, ut: usize, ldutB: usize, nru: i32,
  w0: usize, w1: usize, w2: usize, w3: usize, qv: usize, qu: usize,
): i32 {
  const MAXITR = 6;
  // tolerance for relative accuracy: tolmul = max(10, min(100, eps^(-1/8)))
  const tolmul = Math.max(10.0, Math.min(100.0, Math.pow(EPS, -0.125)));
  const tol = tolmul * EPS;
  let smax = 0.0;
  for (let i = 0; i < n; i++) smax = Math.max(smax, Math.abs(ld(d, i)));
  for (let i = 0; i < n - 1; i++) smax = Math.max(smax, Math.abs(ld(e, i)));
  // estimate of the smallest singular value (relative accuracy)
  let sminoa = Math.abs(ld(d, 0));
  if (sminoa != 0.0) {
    let mu = sminoa;
    for (let i = 1; i < n; i++) {
      mu = Math.abs(ld(d, i)) * (mu / (mu + Math.abs(ld(e, i - 1))));
      sminoa = Math.min(sminoa, mu);
      if (sminoa == 0.0) break;
    }
  }
  sminoa = sminoa / Math.sqrt(<f64>n);
  const thresh = Math.max(tol * sminoa, <f64>MAXITR * (<f64>n * (<f64>n * SAFMIN)));
  const maxitdivn = MAXITR * n;
  let iterdivn = 0;
  let iter = -1;
  let oldll = -1;
  let oldm = -1;
  let idir = 0;
  let m = n - 1; // last index of the unconverged part (0-based)
  let smin = 0.0;
  while (m > 0) {
    // label 60
    if (iter >= n) {
      iter -= n;
      iterdivn++;
      if (iterdivn >= maxitdivn) {
        let count = 0;
        for (let i = 0; i < n - 1; i++) if (ld(e, i) != 0.0) count++;
        return count;
      }
    }
    // find the diagonal block to work on: e[ll-1] == 0 (or ll == 0), e[ll..m-1] != 0
    smax = Math.abs(ld(d, m));
    let ll = -1;
    let split = false;
    for (let lll = 1; lll <= m; lll++) {
      const l = m - lll;
      const abss = Math.abs(ld(d, l));
      const abse = Math.abs(ld(e, l));
      if (abse <= thresh || abse == 0.0) {
        ll = l;
        split = true;
        break;
      }
      smax = Math.max(smax, Math.max(abss, abse));
    }
    if (split) {
      st(e, ll, 0.0);
      if (ll == m - 1) {
        // bottom singular value converged
        m--;
        continue;
      }
    }
    ll++; // label 90: e[ll..m-1] nonzero
    if (ll == m - 1) {
      // 2 x 2 block
      lasv2(ld(d, m - 1), ld(e, m - 1), ld(d, m));
      st(d, m - 1, svMax);
      st(e, m - 1, 0.0);
      st(d, m, svMin);
      st(w0, 0, svCosR);
      st(w1, 0, svSinR);
      st(w2, 0, svCosL);
      st(w3, 0, svSinL);
      if (ncvt > 0) enqueue(qv, true, m - 1, 2, w0, w1);
      if (nru > 0) enqueue(qu, true, m - 1, 2, w2, w3);
      m -= 2;
      continue;
    }
    // new submatrix: chase from the larger end towards the smaller
    if (ll > oldm || m < oldll) {
      idir = Math.abs(ld(d, ll)) >= Math.abs(ld(d, m)) ? 1 : 2;
    }
    // convergence tests
    let restart = false;
    if (idir == 1) {
      if (Math.abs(ld(e, m - 1)) <= Math.abs(tol) * Math.abs(ld(d, m))) {
        st(e, m - 1, 0.0);
        continue;
      }
      let mu = Math.abs(ld(d, ll));
      smin = mu;
      for (let lll = ll; lll < m; lll++) {
        if (Math.abs(ld(e, lll)) <= tol * mu) {
          st(e, lll, 0.0);
          restart = true;
          break;
        }
        mu = Math.abs(ld(d, lll + 1)) * (mu / (mu + Math.abs(ld(e, lll))));
        smin = Math.min(smin, mu);
      }
    } else {
      if (Math.abs(ld(e, ll)) <= Math.abs(tol) * Math.abs(ld(d, ll))) {
        st(e, ll, 0.0);
        continue;
      }
      let mu = Math.abs(ld(d, m));
      smin = mu;
      for (let lll = m - 1; lll >= ll; lll--) {
        if (Math.abs(ld(e, lll)) <= tol * mu) {
          st(e, lll, 0.0);
          restart = true;
          break;
        }
        mu = Math.abs(ld(d, lll)) * (mu / (mu + Math.abs(ld(e, lll))));
        smin = Math.min(smin, mu);
      }
    }
    if (restart) continue;
    oldll = ll;
    oldm = m;
    // shift: zero when shifting would ruin relative accuracy
    let shift = 0.0;
    if (<f64>n * tol * (smin / smax) <= Math.max(EPS, 0.01 * tol)) {
      shift = 0.0;
    } else {
      let sll: f64;
      if (idir == 1) {
        sll = Math.abs(ld(d, ll));
        las2(ld(d, m - 1), ld(e, m - 1), ld(d, m));
      } else {
        sll = Math.abs(ld(d, m));
        las2(ld(d, ll), ld(e, ll), ld(d, ll + 1));
      }
      shift = svMin;
      if (sll > 0.0 && (shift / sll) * (shift / sll) < EPS) shift = 0.0;
    }
    iter += m - ll;
    lastSweeps++;
    const nrot = m - ll + 1; // rows ll..m
    if (shift == 0.0) {
      if (idir == 1) {
        let cs = 1.0;
        let oldcs = 1.0;
        let oldsn = 0.0;
        for (let i = ll; i < m; i++) {
          const r = lartg(ld(d, i) * cs, ld(e, i));
          cs = rotC;
          const sn = rotS;
          if (i > ll) st(e, i - 1, oldsn * r);
          const di = lartg(oldcs * r, ld(d, i + 1) * sn);
          oldcs = rotC;
          oldsn = rotS;
          st(d, i, di);
          st(w0, i - ll, cs);
          st(w1, i - ll, sn);
          st(w2, i - ll, oldcs);
          st(w3, i - ll, oldsn);
        }
        const h = ld(d, m) * cs;
        st(d, m, h * oldcs);
        st(e, m - 1, h * oldsn);
        if (ncvt > 0) enqueue(qv, true, ll, nrot, w0, w1);
        if (nru > 0) enqueue(qu, true, ll, nrot, w2, w3);
        if (Math.abs(ld(e, m - 1)) <= thresh) st(e, m - 1, 0.0);
      } else {
        let cs = 1.0;
        let oldcs = 1.0;
        let oldsn = 0.0;
        for (let i = m; i > ll; i--) {
          const r = lartg(ld(d, i) * cs, ld(e, i - 1));
          cs = rotC;
          const sn = rotS;
          if (i < m) st(e, i, oldsn * r);
          const di = lartg(oldcs * r, ld(d, i - 1) * sn);
          oldcs = rotC;
          oldsn = rotS;
          st(d, i, di);
          st(w0, i - ll - 1, cs);
          st(w1, i - ll - 1, -sn);
          st(w2, i - ll - 1, oldcs);
          st(w3, i - ll - 1, -oldsn);
        }
        const h = ld(d, ll) * cs;
        st(d, ll, h * oldcs);
        st(e, ll, h * oldsn);
        if (ncvt > 0) enqueue(qv, false, ll, nrot, w2, w3);
        if (nru > 0) enqueue(qu, false, ll, nrot, w0, w1);
        if (Math.abs(ld(e, ll)) <= thresh) st(e, ll, 0.0);
      }
    } else {
      if (idir == 1) {
        let f = (Math.abs(ld(d, ll)) - shift) * (sign(1.0, ld(d, ll)) + shift / ld(d, ll));
        let g = ld(e, ll);
        for (let i = ll; i < m; i++) {
          let r = lartg(f, g);
          const cosr = rotC;
          const sinr = rotS;
          if (i > ll) st(e, i - 1, r);
          f = cosr * ld(d, i) + sinr * ld(e, i);
          st(e, i, cosr * ld(e, i) - sinr * ld(d, i));
          g = sinr * ld(d, i + 1);
          st(d, i + 1, cosr * ld(d, i + 1));
          r = lartg(f, g);
          const cosl = rotC;
          const sinl = rotS;
          st(d, i, r);
          f = cosl * ld(e, i) + sinl * ld(d, i + 1);
          st(d, i + 1, cosl * ld(d, i + 1) - sinl * ld(e, i));
          if (i < m - 1) {
            g = sinl * ld(e, i + 1);
            st(e, i + 1, cosl * ld(e, i + 1));
          }
          st(w0, i - ll, cosr);
          st(w1, i - ll, sinr);
          st(w2, i - ll, cosl);
          st(w3, i - ll, sinl);
        }
        st(e, m - 1, f);
        if (ncvt > 0) enqueue(qv, true, ll, nrot, w0, w1);
        if (nru > 0) enqueue(qu, true, ll, nrot, w2, w3);
        if (Math.abs(ld(e, m - 1)) <= thresh) st(e, m - 1, 0.0);
      } else {
        let f = (Math.abs(ld(d, m)) - shift) * (sign(1.0, ld(d, m)) + shift / ld(d, m));
        let g = ld(e, m - 1);
        for (let i = m; i > ll; i--) {
          let r = lartg(f, g);
          const cosr = rotC;
          const sinr = rotS;
          if (i < m) st(e, i, r);
          f = cosr * ld(d, i) + sinr * ld(e, i - 1);
          st(e, i - 1, cosr * ld(e, i - 1) - sinr * ld(d, i));
          g = sinr * ld(d, i - 1);
          st(d, i - 1, cosr * ld(d, i - 1));
          r = lartg(f, g);
          const cosl = rotC;
          const sinl = rotS;
          st(d, i, r);
          f = cosl * ld(e, i - 1) + sinl * ld(d, i - 1);
          st(d, i - 1, cosl * ld(d, i - 1) - sinl * ld(e, i - 1));
          if (i > ll + 1) {
            g = sinl * ld(e, i - 2);
            st(e, i - 2, cosl * ld(e, i - 2));
          }
          st(w0, i - ll - 1, cosr);
          st(w1, i - ll - 1, -sinr);
          st(w2, i - ll - 1, cosl);
          st(w3, i - ll - 1, -sinl);
        }
        st(e, ll, f);
        if (Math.abs(ld(e, ll)) <= thresh) st(e, ll, 0.0);
        if (ncvt > 0) enqueue(qv, false, ll, nrot, w2, w3);
        if (nru > 0) enqueue(qu, false, ll, nrot, w0, w1);
      }
    }
  }
  return 0;
}

// ---- Forming the orthogonal factors ----------------------------------------------------------

/** dst (cols x rows, ldd) = srcᵀ for the rows x cols block src (lds), in 32 x 32 tiles. */
export function transpose(rows: i32, cols: i32, src: usize, lds: i32, dst: usize, ldd: i32): void {
  for (let i0 = 0; i0 < rows; i0 += 32) {
    const i1 = min<i32>(rows, i0 + 32);
    for (let j0 = 0; j0 < cols; j0 += 32) {
      const j1 = min<i32>(cols, j0 + 32);
      for (let i = i0; i < i1; i++) {
        const s = src + (<usize>i * <usize>lds << 3);
        for (let j = j0; j < j1; j++) store<f64>(dst + ((<usize>j * <usize>ldd + <usize>i) << 3), load<f64>(s + (<usize>j << 3)));
      }
    }
  }
}

/**
 * Vt = P_Bᵀ (n x n, ldvt) from dgebrd's right reflectors in the rows of a (LAPACK dorgbr('P')).
 * P_B = diag(1, P'), where P' is formed by dorgqr from the reflectors laid out as columns in z.
 * z: (n-1)^2 doubles; q: (n-1)^2 doubles; work: dorgqrWorkBytes(n-1, n-1, n-1).
 */
function formVt(n: i32, a: usize, lda: i32, taup: usize, vt: usize, ldvt: i32, z: usize, q: usize, work: usize): void {
  for (let i = 0; i < n; i++) memory.fill(vt + (<usize>i * <usize>ldvt << 3), 0, <usize>n << 3);
  store<f64>(vt, 1.0);
  const k = n - 1;
  if (k <= 0) return;
  // z[r, c] = a[c, r + 1] for r > c: reflector c as column c below the diagonal
  for (let c = 0; c < k; c++) {
    for (let r = c + 1; r < k; r++) store<f64>(z + ((<usize>r * <usize>k + <usize>c) << 3), load<f64>(at(a, lda, c, r + 1)));
  }
  dorgqr(k, k, k, z, k, taup, q, k, work);
  // Vt[1:, 1:] = P'ᵀ
  transpose(k, k, q, k, vt + (<usize>ldvt << 3) + 8, ldvt);
}

/**
 * m / n at or above which the tall path factors A = Q R first (LAPACK dgesdd: 11/6, dgesvd: 1.6).
 * Measured, thin svd (n = 784), ms, QR first / direct: m = 1000: 709 / 668; 1200: 789 / 802;
 * 2000: 1106 / 1354 (the direct path rotates Uᵀ rows of length m in dbdsqr): crossover near 1.5.
 */
let QR_RATIO_NUM: i32 = 8;
let QR_RATIO_DEN: i32 = 5;

/** Sets the ratio m / n from which the SVD starts with a QR factorization (num / den; 0 keeps it). Returns num * 1000 / den. */
export function svdQrRatio(num: i32, den: i32): i32 {
  if (num > 0 && den > 0) {
    QR_RATIO_NUM = num;
    QR_RATIO_DEN = den;
  }
  return (QR_RATIO_NUM * 1000) / QR_RATIO_DEN;
}

// @ts-ignore: decorator
@inline function qrPath(m: i32, n: i32): bool {
  return <i64>m * QR_RATIO_DEN >= <i64>n * QR_RATIO_NUM && n > 0;
}

/**
 * The bidiagonal SVD with vectors: true (default) divide and conquer (bdsdc.ts: dbdsdc, most of
 * its work in gemm), false implicit QR (dbdsqr, rotations applied to the vectors). Values only
 * always use dbdsqr without vectors. Measured at 2000x784 thin: see src/linalg/svd.ts.
 */
let USE_DC: bool = true;

/** Chooses the bidiagonal solver for vectors (1 divide and conquer, 0 implicit QR, < 0 keeps). Returns 1 or 0. */
export function svdSolver(dc: i32): i32 {
  if (dc >= 0) USE_DC = dc != 0;
  return USE_DC ? 1 : 0;
}

/** Bytes of scratch dgesvd(m, n, job, ...) needs (m >= n). */
export function dgesvdWorkBytes(m: i32, n: i32, job: i32): usize {
  const qr = qrPath(m, n);
  const mw = qr ? n : m; // rows of the matrix that is bidiagonalised
  let bytes: usize = <usize>(5 * n + 8) * 8; // tau, d, e, tauq, taup
  if (qr) bytes += <usize>n * n * 8 + qrTBytesLocal(m, n) + dgeqrfWorkBytesLocal(m, n); // R, T, dgeqrf
  bytes += dgebrdWorkBytes(mw, n);
  bytes += dbdsqrWorkBytes(n);
  if (job > 0) {
    const k = max<i32>(n - 1, 1);
    bytes += <usize>(2 * k * k) * 8 + dorgqrWorkBytes(k, k, k); // formVt
    bytes += <usize>n * mw * 8; // Uᵀ
    const qcols = job == 2 ? m : n;
    if (qr) bytes += <usize>m * qcols * 8; // Q of the QR
    bytes += dorgqrWorkBytes(m, qcols, n) + dgemmWorkBytes(m, n, n);
    // divide and conquer: P_Bᵀ, U_B, V_B, its scratch and info, the direct path's U
    bytes += <usize>(4 * n * n) * 8 + bdsdcWorkBytes(n) + 64 + <usize>m * n * 8 + dgemmWorkBytes(n, n, n) + dorgqrWorkBytes(m, n, n);
  }
  return bytes + 40 * 64;
}

import { dgeqrfKeepT, dgeqrfWorkBytes, qrTBytes, dorgqrWithT, dormqr } from "./qr";
import { bdsdc, bdsdcWorkBytes } from "./bdsdc";

// @ts-ignore: decorator
@inline function qrTBytesLocal(m: i32, n: i32): usize {
  return qrTBytes(m, n);
}
// @ts-ignore: decorator
@inline function dgeqrfWorkBytesLocal(m: i32, n: i32): usize {
  return dgeqrfWorkBytes(m, n);
}

/** Bump allocator over the work area (64-byte aligned blocks). */
let wp: usize = 0;
function take(bytes: usize): usize {
  const p = align64(wp);
  wp = p + bytes;
  return p;
}

/**
 * SVD of the row-major m x n matrix A (m >= n), destroyed. job 0: singular values only (s, n
 * of them, decreasing); 1: also thin U (m x n, ldu) and Vt (n x n, ldvt); 2: also full U (m x m).
 * work: dgesvdWorkBytes(m, n, job). Returns 0, or > 0 when the bidiagonal QR iteration did not
 * converge (the number of unconverged superdiagonal entries).
 */
export function dgesvd(m: i32, n: i32, a: usize, lda: i32, s: usize, job: i32, u: usize, ldu: i32, vt: usize, ldvt: i32, work: usize): i32 {
  if (n <= 0) return 0;
  wp = work;
  const d = s;
  const e = take(<usize>n << 3);
  const tauq = take(<usize>n << 3);
  const taup = take(<usize>n << 3);
  const qr = qrPath(m, n);
  let b = a; // the matrix that is bidiagonalised
  let ldb = lda;
  let mw = m;
  let tauqr: usize = 0;
  let qrT: usize = 0;
  let tCols = 0;
  if (qr) {
    tauqr = take(<usize>n << 3);
    qrT = take(qrTBytes(m, n));
    tCols = dgeqrfKeepT(m, n, a, lda, tauqr, qrT, take(dgeqrfWorkBytes(m, n)));
    b = take(<usize>n * n * 8);
    ldb = n;
    mw = n;
    for (let i = 0; i < n; i++) {
      const row = b + (<usize>(i * n) << 3);
      memory.fill(row, 0, <usize>i << 3);
      memory.copy(row + (<usize>i << 3), at(a, lda, i, i), <usize>(n - i) << 3);
    }
  }
  const mark = wp;
  dgebrd(mw, n, b, ldb, d, e, tauq, taup, take(dgebrdWorkBytes(mw, n)));
  wp = mark;
  if (job == 0) return dbdsqr(n, d, e, 0, 0, 0, 0, 0, 0, take(dbdsqrWorkBytes(n)));
  if (USE_DC) return backTransformDc(m, n, a, lda, b, ldb, qr, d, e, tauq, taup, tauqr, qrT, tCols, job, u, ldu, vt, ldvt);
  // Vᵀ = P_Bᵀ, to be rotated by the bidiagonal QR
  {
    const k = max<i32>(n - 1, 1);
    const z = take(<usize>(k * k) << 3);
    const q = take(<usize>(k * k) << 3);
    formVt(n, b, ldb, taup, vt, ldvt, z, q, take(dorgqrWorkBytes(k, k, k)));
    wp = mark;
  }
  const ut = take(<usize>n * mw * 8); // Uᵀ of the bidiagonalised matrix: n x mw
  if (qr) {
    // Q_B (n x n) in place of R, then its transpose
    dorgqr(n, n, n, b, n, tauq, b, n, take(dorgqrWorkBytes(n, n, n)));
    transpose(n, n, b, n, ut, n);
    const mark2 = wp;
    const info = dbdsqr(n, d, e, vt, ldvt, n, ut, n, n, take(dbdsqrWorkBytes(n)));
    if (info != 0) return info;
    wp = mark2;
    // U = Q U_R, U_R = utᵀ
    const qcols = job == 2 ? m : n;
    const qq = take(<usize>m * qcols * 8);
    dorgqrWithT(m, qcols, n, a, lda, tauqr, qrT, tCols, qq, qcols, take(dorgqrWorkBytes(m, qcols, n)));
    dgemm(0, 1, m, n, n, 1.0, qq, qcols, ut, n, 0.0, u, ldu, take(dgemmWorkBytes(m, n, n)));
    if (job == 2) {
      for (let i = 0; i < m; i++) memory.copy(at(u, ldu, i, n), at(qq, qcols, i, n), <usize>(m - n) << 3);
    }
    return 0;
  }
  // direct path: Q_B (m x qcols) into U, its first n columns transposed into ut, rotated, copied back
  const qcols = job == 2 ? m : n;
  dorgqr(m, qcols, n, a, lda, tauq, u, ldu, take(dorgqrWorkBytes(m, qcols, n)));
  transpose(m, n, u, ldu, ut, m);
  const info = dbdsqr(n, d, e, vt, ldvt, n, ut, m, m, take(dbdsqrWorkBytes(n)));
  if (info != 0) return info;
  transpose(n, m, ut, m, u, ldu);
  return 0;
}

/**
 * dgesvd's vectors through divide and conquer: B = U_B Σ V_Bᵀ (bdsdc, vectors as rows), then
 * Vᵀ = V_Bᵀ P_Bᵀ and U = Q (Q_B U_B) (QR path) or Q_B U_B (direct path). Q_B and P_B are applied
 * as blocked reflectors (dormqr, LAPACK dormbr) rather than formed and multiplied; the QR's Q
 * is formed (dorgqr with the kept T) and multiplied by one dgemm.
 */
function backTransformDc(
  m: i32, n: i32, a: usize, lda: i32, b: usize, ldb: i32, qr: bool, d: usize, e: usize, tauq: usize, taup: usize,
  tauqr: usize, qrT: usize, tCols: i32, job: i32, u: usize, ldu: i32, vt: usize, ldvt: i32,
): i32 {
  const nnB = <usize>n * <usize>n * 8;
  const ub = take(nnB);
  const vb = take(nnB);
  {
    const mark = wp;
    const status = bdsdc(n, d, e, ub, n, vb, n, take(bdsdcWorkBytes(n)), take(64));
    wp = mark;
    if (status != 0) return status;
  }
  // Vᵀ = V_Bᵀ P_Bᵀ with P_B = diag(1, P'): Vᵀ[:, 0] = V_Bᵀ[:, 0], Vᵀ[:, 1:] = (P' Y)ᵀ for Y = (V_Bᵀ[:, 1:])ᵀ
  {
    const mark = wp;
    const k = n - 1;
    for (let i = 0; i < n; i++) store<f64>(at(vt, ldvt, i, 0), load<f64>(at(vb, n, i, 0)));
    if (k > 0) {
      const z = take(<usize>(k * k) << 3);
      // z[r, c] = b[c, r + 1] for r > c: reflector c as column c below the diagonal
      for (let c = 0; c < k; c++) {
        for (let r = c + 1; r < k; r++) store<f64>(z + ((<usize>r * <usize>k + <usize>c) << 3), load<f64>(at(b, ldb, c, r + 1)));
      }
      const y = take(<usize>(k * n) << 3);
      transpose(n, k, vb + 8, n, y, n);
      dormqr(k, n, k, z, k, taup, y, n, take(dorgqrWorkBytes(k, n, k)));
      transpose(k, n, y, n, vt + 8, ldvt);
    }
    wp = mark;
  }
  if (qr) {
    // U of R = Q_B U_B (n x n), then U = Q (U of R)
    const x = take(nnB);
    transpose(n, n, ub, n, x, n);
    {
      const mark = wp;
      dormqr(n, n, n, b, ldb, tauq, x, n, take(dorgqrWorkBytes(n, n, n)));
      wp = mark;
    }
    const qcols = job == 2 ? m : n;
    const qq = take(<usize>m * qcols * 8);
    dorgqrWithT(m, qcols, n, a, lda, tauqr, qrT, tCols, qq, qcols, take(dorgqrWorkBytes(m, qcols, n)));
    dgemm(0, 0, m, n, n, 1.0, qq, qcols, x, n, 0.0, u, ldu, take(dgemmWorkBytes(m, n, n)));
    if (job == 2) {
      for (let i = 0; i < m; i++) memory.copy(at(u, ldu, i, n), at(qq, qcols, i, n), <usize>(m - n) << 3);
    }
    return 0;
  }
  if (job == 1) {
    // direct, thin: U = Q_B [U_B; 0]
    transpose(n, n, ub, n, u, ldu);
    for (let i = n; i < m; i++) memory.fill(at(u, ldu, i, 0), 0, <usize>n << 3);
    dormqr(m, n, n, a, lda, tauq, u, ldu, take(dorgqrWorkBytes(m, n, n)));
    return 0;
  }
  // direct, full: Q_B (m x m) into U, then U[:, 0:n] = Q_B[:, 0:n] U_B
  dorgqr(m, m, n, a, lda, tauq, u, ldu, take(dorgqrWorkBytes(m, m, n)));
  const tmp = take(<usize>m * n * 8);
  dgemm(0, 1, m, n, n, 1.0, u, ldu, ub, n, 0.0, tmp, n, take(dgemmWorkBytes(m, n, n)));
  for (let i = 0; i < m; i++) memory.copy(at(u, ldu, i, 0), tmp + ((<usize>i * <usize>n) << 3), <usize>n << 3);
  return 0;
}
