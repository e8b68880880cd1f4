// Householder QR of a row-major matrix, LAPACK semantics (dgeqrf, dorgqr, dgeqp3).
//
// Storage (as LAPACK, but row-major): after dgeqrf, R is on and above the diagonal of A and the
// Householder vector v_j of H_j = I - tau_j v_j v_jᵀ is below the diagonal of column j, with an
// implicit 1 at row j. Q = H_0 H_1 ... H_{k-1}, k = min(m, n).
//
// Row-major shapes the loops: a column is strided (lda) but a row is contiguous, so applying a
// reflector to a block, w = vᵀ A then A -= tau v wᵀ, runs as w += v_i * (row i) and
// (row i) -= (tau v_i) * w: every inner loop is a unit-stride SIMD axpy over a row.
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

import { dgemm, dgemmWorkBytes } from "../blas/gemm";
import { lapy2 } from "./tridiag";

// Measured (this machine, Node 20, min of interleaved rounds), 1000x500 dgeqrf / dorgqr, ms:
//   NB 16: 36.0 / 28.7 (first round noisy) | 24: 25.5 / 25.1 | 32: 26.7 / 25.6 | 48: 27.1 / 25.2 |
//   64: 30.0 / 26.2; crossover NX 0 / 32 / 64 / 128 within 2% of each other. At NB 32 about 80% of
//   dgeqrf's time is in the larfb gemms (about 20 GFLOP/s: k = 32 products run below the square
//   gemm's 23), 13% in the panels (level 2, about 5.5 G multiply-adds/s).
// Tried and not kept: a panel making one pass per column instead of four (the next column's row
// sums folded into the current update, the scaling of x deferred, sums formed with a power-of-two
// prescale checked afterwards): panels 8% faster, under 1% overall. And Vᵀ C with C read in place
// instead of packed (a strided-B micro-kernel): no faster than dgemm.

/** Panel width of the blocked QR (columns per compact-WY block). */
let NB: i32 = 32;

/** Sets the block size (benchmarks and tests; 0 keeps it). Returns the block size in use. */
export function qrBlockSize(nb: i32): i32 {
  if (nb > 0) NB = nb;
  return NB;
}

// ---- Constants of LAPACK's dlamch (IEEE double, rounding) --------------------------------
/** dlamch('S') / dlamch('E') = 2^-1022 / 2^-53: LAPACK dlarfg's safe minimum. */
const SAFMIN: f64 = 2.004168360008973e-292; // 2^-969
const RSAFMN: f64 = 4.9896007738368e+291; // 2^969
/** sqrt(eps), eps = 2^-53: the norm-recomputation threshold of LAPACK dlaqp2 (tol3z). */
const TOL3Z: f64 = 1.0536712127723509e-8; // sqrt(2^-53)
/** Sums of squares in [SSQ_LO, SSQ_HI] had no harmful underflow or overflow (see nrm2). */
const SSQ_LO: f64 = 1.0261342003245941e-289; // 2^-960
const SSQ_HI: f64 = 1.0715086071862673e+301; // 2^1000

// @ts-ignore: decorator
@inline function pow2(e: i32): f64 {
  // 2^e for -1022 <= e <= 1023 (exact)
  return reinterpret<f64>(<u64>(e + 1023) << 52);
}

/** 2^e for -2044 <= e <= 2046 applied to x as two exact power-of-two scalings. */
// @ts-ignore: decorator
@inline function scaleBy2(x: f64, e: i32): f64 {
  const h = e >> 1;
  return x * pow2(h) * pow2(e - h);
}

// ---- Level-1 helpers --------------------------------------------------------------------

/**
 * Euclidean norm of n values x[0], x[inc], ... (inc in bytes), safe against overflow and
 * underflow (LAPACK dnrm2's contract). Fast path: the plain sum of squares, accepted when it lies
 * in [2^-960, 2^1000]: then no square overflowed, and every square that underflowed is below
 * 2^-1022, under n * 2^-1074 absolute against a sum >= 2^-960 (relative < eps for n < 2^60).
 * Otherwise the values are rescaled by a power of two near 1/max|x| (exact) and summed again.
 */
export function nrm2(n: i32, x: usize, inc: usize): f64 {
  let s0 = 0.0;
  let s1 = 0.0;
  let p = x;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a = load<f64>(p);
    const b = load<f64>(p + inc);
    s0 += a * a;
    s1 += b * b;
    p += inc << 1;
  }
  if (i < n) {
    const a = load<f64>(p);
    s0 += a * a;
  }
  const s = s0 + s1;
  if (s >= SSQ_LO && s <= SSQ_HI) return Math.sqrt(s);
  return nrm2Scaled(n, x, inc);
}

/** The rescaling path of nrm2 (zero, tiny or huge vectors; NaN propagates). */
function nrm2Scaled(n: i32, x: usize, inc: usize): f64 {
  let amax = 0.0;
  let p = x;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(load<f64>(p));
    if (a > amax || a != a) amax = a;
    p += inc;
  }
  if (amax == 0.0 || amax != amax || amax > f64.MAX_VALUE) return amax;
  const e = exponentOf(amax);
  // Scale so that max |x| * 2^-e lies in [1, 2): no overflow, and the sum is >= 1.
  let s = 0.0;
  p = x;
  for (let i = 0; i < n; i++) {
    const a = scaleBy2(load<f64>(p), -e);
    s += a * a;
    p += inc;
  }
  return scaleBy2(Math.sqrt(s), e);
}

/** floor(log2(a)) for a finite a > 0 (subnormals included). */
function exponentOf(a: f64): i32 {
  const bits = reinterpret<u64>(a);
  const be = <i32>((bits >> 52) & 0x7ff);
  if (be != 0) return be - 1023;
  // subnormal: scale up by 2^64 first
  const b2 = reinterpret<u64>(a * pow2(64));
  return <i32>((b2 >> 52) & 0x7ff) - 1023 - 64;
}


/** x[0], x[inc], ... *= s (inc in bytes). */
function scalStrided(n: i32, s: f64, x: usize, inc: usize): void {
  let p = x;
  for (let i = 0; i < n; i++) {
    store<f64>(p, load<f64>(p) * s);
    p += inc;
  }
}

/**
 * LAPACK dlarfg: generates H = I - tau v vᵀ with H [alpha; x] = [beta; 0], v = [1; v'].
 * n counts alpha and x; x has n - 1 values at stride inc bytes. On return alpha holds beta and x
 * holds v'. beta = -sign(alpha) * ||[alpha; x]||; tau = 0 (H = I) when x is zero. When |beta|
 * is below the safe minimum, x and alpha are rescaled first (at most 20 times), as LAPACK does.
 */
export function larfg(n: i32, alphaPtr: usize, x: usize, inc: usize): f64 {
  if (n <= 1) return 0.0;
  let xnorm = nrm2(n - 1, x, inc);
  if (xnorm == 0.0) return 0.0;
  let alpha = load<f64>(alphaPtr);
  let beta = -copysign<f64>(lapy2(alpha, xnorm), alpha);
  let knt = 0;
  if (Math.abs(beta) < SAFMIN) {
    // beta may be inaccurate: scale x up and recompute
    do {
      knt++;
      scalStrided(n - 1, RSAFMN, x, inc);
      beta *= RSAFMN;
      alpha *= RSAFMN;
    } while (Math.abs(beta) < SAFMIN && knt < 20);
    xnorm = nrm2(n - 1, x, inc);
    beta = -copysign<f64>(lapy2(alpha, xnorm), alpha);
  }
  const tau = (beta - alpha) / beta;
  scalStrided(n - 1, 1.0 / (alpha - beta), x, inc);
  for (let j = 0; j < knt; j++) beta *= SAFMIN;
  store<f64>(alphaPtr, beta);
  return tau;
}

// ---- Row kernels (unit stride, SIMD) ------------------------------------------------------

/** w[0:n] = r[0:n]. */
// @ts-ignore: decorator
@inline function copyRow(n: i32, r: usize, w: usize): void {
  memory.copy(w, r, <usize>n << 3);
}

/** w[0:n] += s * r[0:n]. */
function axpy1(n: i32, s: f64, r: usize, w: usize): void {
  const vs = f64x2.splat(s);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(w + o, f64x2.add(v128.load(w + o), f64x2.mul(vs, v128.load(r + o))));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(w + o, load<f64>(w + o) + s * load<f64>(r + o));
  }
}

/** w[0:n] += s0 r0 + s1 r1 + s2 r2 + s3 r3 (four rows per pass over w). */
export function axpy4(n: i32, s0: f64, r0: usize, s1: f64, r1: usize, s2: f64, r2: usize, s3: f64, r3: usize, w: usize): void {
  const v0 = f64x2.splat(s0);
  const v1 = f64x2.splat(s1);
  const v2 = f64x2.splat(s2);
  const v3 = f64x2.splat(s3);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    const a = f64x2.add(f64x2.mul(v0, v128.load(r0 + o)), f64x2.mul(v1, v128.load(r1 + o)));
    const b = f64x2.add(f64x2.mul(v2, v128.load(r2 + o)), f64x2.mul(v3, v128.load(r3 + o)));
    v128.store(w + o, f64x2.add(v128.load(w + o), f64x2.add(a, b)));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(w + o, load<f64>(w + o) + ((s0 * load<f64>(r0 + o) + s1 * load<f64>(r1 + o)) + (s2 * load<f64>(r2 + o) + s3 * load<f64>(r3 + o))));
  }
}

/** r[0:n] -= s * w[0:n]. */
function rowUpdate(n: i32, s: f64, w: usize, r: usize): void {
  const vs = f64x2.splat(s);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(r + o, f64x2.sub(v128.load(r + o), f64x2.mul(vs, v128.load(w + o))));
  }
  if (j < n) {
    const o = <usize>j << 3;
    store<f64>(r + o, load<f64>(r + o) - s * load<f64>(w + o));
  }
}

/**
 * w[0:n] = vᵀ C for the M x n block C (row stride ldcB bytes) and v = [1; v'] with v' at vp
 * (stride vinc bytes): w = C[0, :] + sum_i v'_i C[i, :].
 */
function reflectorRowSum(M: i32, n: i32, vp: usize, vinc: usize, c: usize, ldcB: usize, w: usize): void {
  copyRow(n, c, w);
  let i = 1;
  let r = c + ldcB;
  let v = vp;
  for (; i + 4 <= M; i += 4) {
    axpy4(n, load<f64>(v), r, load<f64>(v + vinc), r + ldcB, load<f64>(v + 2 * vinc), r + 2 * ldcB, load<f64>(v + 3 * vinc), r + 3 * ldcB, w);
    r += 4 * ldcB;
    v += 4 * vinc;
  }
  for (; i < M; i++) {
    axpy1(n, load<f64>(v), r, w);
    r += ldcB;
    v += vinc;
  }
}

/** C -= tau v wᵀ for the M x n block C, v = [1; v'] (as reflectorRowSum). */
function reflectorRank1(M: i32, n: i32, tau: f64, vp: usize, vinc: usize, c: usize, ldcB: usize, w: usize): void {
  rowUpdate(n, tau, w, c);
  let r = c + ldcB;
  let v = vp;
  for (let i = 1; i < M; i++) {
    rowUpdate(n, tau * load<f64>(v), w, r);
    r += ldcB;
    v += vinc;
  }
}

// ---- Unblocked QR of a block (dgeqr2) with the T factor of its reflectors (dlarft) ---------

/**
 * Factors the first kf columns of the M x N block at a (lda elements), applying each reflector to
 * all N columns (LAPACK dgeqr2 on the block). When t != 0 it also forms the kf x kf upper
 * triangular T of the compact WY form H_0 ... H_{kf-1} = I - V T Vᵀ (LAPACK dlarft, forward,
 * columnwise; t has leading dimension ldt, its lower triangle is set to zero).
 * w: scratch for N doubles.
 *
 * The row sums w = vᵀ A run over all N columns: the entries left of column c give
 * V[:, 0:c]ᵀ v_c, the column of T, for free.
 */
function geqr2(M: i32, N: i32, kf: i32, a: usize, lda: i32, tau: usize, t: usize, ldt: i32, w: usize): void {
  const ldaB = <usize>lda << 3;
  for (let c = 0; c < kf; c++) {
    const acc = a + <usize>c * ldaB + (<usize>c << 3); // A[c, c]
    const rows = M - c;
    const tc = rows > 1 ? larfg(rows, acc, acc + ldaB, ldaB) : 0.0;
    store<f64>(tau + (<usize>c << 3), tc);
    const needW = tc != 0.0 && (c + 1 < N || t != 0);
    // With T the row sums cover columns 0..N-1 (the part left of c feeds T); without, c+1..N-1.
    const w0 = t != 0 ? 0 : c + 1;
    if (needW) {
      // w[0:N-w0] = v_cᵀ A[c:M, w0:N] with v_c = [1; A[c+1:M, c]]
      reflectorRowSum(rows, N - w0, acc + ldaB, ldaB, a + <usize>c * ldaB + (<usize>w0 << 3), ldaB, w);
    }
    if (t != 0) {
      // T[0:c, c] = -tau_c T[0:c, 0:c] (V[:, 0:c]ᵀ v_c); T[c, c] = tau_c; T[c+1:, c] = 0
      for (let r = 0; r < kf; r++) {
        const tp = t + ((<usize>r * ldt + c) << 3);
        if (r > c) store<f64>(tp, 0.0);
        else if (r == c) store<f64>(tp, tc);
        else if (tc == 0.0) store<f64>(tp, 0.0);
        else {
          // upper triangular row r of T times w[r:c]
          let s = 0.0;
          const trow = t + (<usize>r * ldt << 3);
          for (let q = r; q < c; q++) s += load<f64>(trow + (<usize>q << 3)) * load<f64>(w + (<usize>q << 3));
          store<f64>(tp, -tc * s);
        }
      }
    }
    if (needW && c + 1 < N) {
      // A[c:M, c+1:N] -= tau_c v_c w[c+1:N]ᵀ
      reflectorRank1(rows, N - c - 1, tc, acc + ldaB, ldaB, acc + 8, ldaB, w + (<usize>(c + 1 - w0) << 3));
    }
  }
}

// ---- Block reflector (dlarfb) --------------------------------------------------------------

/**
 * Copies the k reflectors stored below the diagonal of the M x k block at a (lda) into the dense
 * M x k row-major panel vd with their explicit unit diagonal and zeros above it.
 */
function denseV(M: i32, k: i32, a: usize, lda: i32, vd: usize): void {
  const ldaB = <usize>lda << 3;
  for (let i = 0; i < M; i++) {
    const src = a + <usize>i * ldaB;
    const dst = vd + (<usize>(i * k) << 3);
    const below = min<i32>(i, k); // columns 0..i-1 hold stored values
    if (below > 0) memory.copy(dst, src, <usize>below << 3);
    if (i < k) {
      store<f64>(dst + (<usize>i << 3), 1.0);
      if (i + 1 < k) memory.fill(dst + (<usize>(i + 1) << 3), 0, <usize>(k - i - 1) << 3);
    }
  }
}

/**
 * C := (I - V T Vᵀ)ᵀ C (trans != 0: applies Qᵀ of the block, for the factorization) or
 * C := (I - V T Vᵀ) C (trans == 0: applies Q, for forming Q), LAPACK dlarfb (left, forward,
 * columnwise) through three gemms: W1 = Vᵀ C; W2 = op(T) W1; C -= V W2.
 * vd: dense M x k panel; t: k x k upper triangular (ld k); c: M x N (ldc);
 * w1, w2: k x N scratch each; gw: dgemm scratch for the largest of these products.
 */
function larfb(trans: i32, M: i32, N: i32, k: i32, vd: usize, t: usize, c: usize, ldc: i32, w1: usize, w2: usize, gw: usize): void {
  if (M <= 0 || N <= 0 || k <= 0) return;
  dgemm(1, 0, k, N, M, 1.0, vd, k, c, ldc, 0.0, w1, N, gw);
  dgemm(trans, 0, k, N, k, 1.0, t, k, w1, N, 0.0, w2, N, gw);
  dgemm(0, 0, M, N, k, -1.0, vd, k, w2, N, 1.0, c, ldc, gw);
}

/**
 * C := (I - V T Vᵀ) C for C = [[I, 0], [0, C22]] (M x N, the top-left block k x k), as dorgqr
 * meets it: C's first k rows and columns are those of the identity. Then Vᵀ C = [V1ᵀ, V2ᵀ C22]
 * (V = [V1; V2], V1 the k x k unit lower triangle): the gemm skips the zero blocks.
 */
function larfbIdentityTop(M: i32, N: i32, k: i32, vd: usize, t: usize, c: usize, ldc: i32, w1: usize, w2: usize, gw: usize): void {
  if (M <= 0 || N <= 0 || k <= 0) return;
  // W1[:, 0:k] = V1ᵀ
  for (let r = 0; r < k; r++) {
    for (let q = 0; q < k; q++) store<f64>(w1 + (<usize>(r * N + q) << 3), load<f64>(vd + (<usize>(q * k + r) << 3)));
  }
  // W1[:, k:N] = V2ᵀ C22
  if (N > k) {
    const ldcB = <usize>ldc << 3;
    dgemm(1, 0, k, N - k, M - k, 1.0, vd + (<usize>(k * k) << 3), k, c + <usize>k * ldcB + (<usize>k << 3), ldc, 0.0, w1 + (<usize>k << 3), N, gw);
  }
  dgemm(0, 0, k, N, k, 1.0, t, k, w1, N, 0.0, w2, N, gw);
  dgemm(0, 0, M, N, k, -1.0, vd, k, w2, N, 1.0, c, ldc, gw);
}

// ---- dgeqrf --------------------------------------------------------------------------------

/** Columns left over at the end that dgeqrf factors unblocked (LAPACK's crossover nx). */
let NX: i32 = 64;

/** Sets the unblocked crossover (benchmarks and tests; < 0 keeps it). Returns the value in use. */
export function qrCrossover(nx: i32): i32 {
  if (nx >= 0) NX = nx;
  return NX;
}

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/** Bytes of scratch dgeqrf(m, n, ...) needs. */
export function dgeqrfWorkBytes(m: i32, n: i32): usize {
  const nb = NB;
  const big = max<i32>(m, nb);
  return <usize>(m * nb + nb * nb + 2 * nb * n + n) * 8 + dgemmWorkBytes(big, n, big) + 6 * 64;
}

/**
 * Blocked Householder QR of the row-major m x n matrix A (LAPACK dgeqrf): panels of NB columns
 * are factored unblocked (geqr2, which also forms T), and the rest of the matrix is updated with
 * the panel's block reflector through dgemm (larfb). tau: min(m, n) doubles.
 * work: dgeqrfWorkBytes(m, n) bytes.
 */
export function dgeqrf(m: i32, n: i32, a: usize, lda: i32, tau: usize, work: usize): void {
  geqrf(m, n, a, lda, tau, 0, work);
}

/** Bytes dgeqrfKeepT needs for the T factors it keeps. */
export function qrTBytes(m: i32, n: i32): usize {
  return <usize>(min<i32>(m, n) * NB) << 3;
}

/**
 * dgeqrf that also keeps the T factor of each blocked panel for dorgqrWithT (saves forming them
 * again): the panel starting at column j (a multiple of NB) stores its jb x jb T at
 * t + j * NB * 8 (leading dimension jb). t: qrTBytes(m, n) bytes. Returns the number of leading
 * columns whose T is stored (the last columns, factored unblocked, have none).
 */
export function dgeqrfKeepT(m: i32, n: i32, a: usize, lda: i32, tau: usize, t: usize, work: usize): i32 {
  return geqrf(m, n, a, lda, tau, t, work);
}

function geqrf(m: i32, n: i32, a: usize, lda: i32, tau: usize, tKeep: usize, work: usize): i32 {
  const k = min<i32>(m, n);
  if (k <= 0) return 0;
  const nb = NB;
  const ldaB = <usize>lda << 3;
  const vd = align64(work);
  const tScratch = align64(vd + (<usize>(m * nb) << 3));
  const w1 = align64(tScratch + (<usize>(nb * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * n) << 3));
  const wv = align64(w2 + (<usize>(nb * n) << 3));
  const gw = align64(wv + (<usize>n << 3));
  let j = 0;
  if (nb < k && NX < k) {
    for (; j < k - NX; j += nb) {
      const jb = min<i32>(nb, k - j);
      const M = m - j;
      const ajj = a + <usize>j * ldaB + (<usize>j << 3);
      const t = tKeep != 0 ? tKeep + (<usize>(j * nb) << 3) : tScratch;
      geqr2(M, jb, jb, ajj, lda, tau + (<usize>j << 3), t, jb, wv);
      if (j + jb < n) {
        denseV(M, jb, ajj, lda, vd);
        larfb(1, M, n - j - jb, jb, vd, t, ajj + (<usize>jb << 3), lda, w1, w2, gw);
      }
    }
  }
  const kept = tKeep != 0 ? j : 0;
  if (j < k) {
    geqr2(m - j, n - j, k - j, a + <usize>j * ldaB + (<usize>j << 3), lda, tau + (<usize>j << 3), 0, 0, wv);
  }
  return kept;
}

// ---- dorgqr --------------------------------------------------------------------------------

/** Bytes of scratch dorgqr(m, ncols, k, ...) needs. */
export function dorgqrWorkBytes(m: i32, ncols: i32, k: i32): usize {
  const nb = NB;
  const big = max<i32>(m, nb);
  return <usize>(m * nb + 2 * nb * nb + 2 * nb * ncols) * 8 + dgemmWorkBytes(big, max<i32>(ncols, nb), big) + 6 * 64;
}

/**
 * The first ncols columns of Q = H_0 ... H_{k-1} (an m x ncols matrix; k <= ncols <= m) from
 * dgeqrf's reflectors in a (lda) and tau, written to q (ldq). q may be a itself (ldq == lda,
 * ncols <= columns of A): each block of reflectors is copied out before its columns are
 * overwritten. Blocked as LAPACK dorgqr: blocks of NB reflectors from the last to the first, each
 * applied to the part of Q it touches (larfbIdentityTop; T formed from V by dlarft through a gemm).
 * work: dorgqrWorkBytes(m, ncols, k) bytes.
 */
export function dorgqr(m: i32, ncols: i32, k: i32, a: usize, lda: i32, tau: usize, q: usize, ldq: i32, work: usize): void {
  orgqr(m, ncols, k, a, lda, tau, 0, 0, q, ldq, work);
}

/**
 * dorgqr with the T factors kept by dgeqrfKeepT (t, and tCols its return value; the same block
 * size NB): blocks within the first tCols columns use them instead of forming T again.
 */
export function dorgqrWithT(m: i32, ncols: i32, k: i32, a: usize, lda: i32, tau: usize, t: usize, tCols: i32, q: usize, ldq: i32, work: usize): void {
  orgqr(m, ncols, k, a, lda, tau, t, tCols, q, ldq, work);
}

function orgqr(m: i32, ncols: i32, k: i32, a: usize, lda: i32, tau: usize, tKept: usize, tCols: i32, q: usize, ldq: i32, work: usize): void {
  if (m <= 0 || ncols <= 0) return;
  const ldqB = <usize>ldq << 3;
  if (k <= 0) {
    setIdentity(m, ncols, 0, 0, q, ldq);
    return;
  }
  const nb = NB;
  const ldaB = <usize>lda << 3;
  const vd = align64(work);
  const tScratch = align64(vd + (<usize>(m * nb) << 3));
  const g = align64(tScratch + (<usize>(nb * nb) << 3));
  const w1 = align64(g + (<usize>(nb * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * ncols) << 3));
  const gw = align64(w2 + (<usize>(nb * ncols) << 3));
  const jlast = ((k - 1) / nb) * nb;
  for (let j = jlast; j >= 0; j -= nb) {
    const jb = min<i32>(nb, k - j);
    const M = m - j;
    denseV(M, jb, a + <usize>j * ldaB + (<usize>j << 3), lda, vd);
    let t = tScratch;
    if (tKept != 0 && j + jb <= tCols) t = tKept + (<usize>(j * nb) << 3);
    else larft(M, jb, vd, tau + (<usize>j << 3), t, g, gw);
    const qjj = q + <usize>j * ldqB + (<usize>j << 3);
    if (j == jlast) {
      setIdentity(M, ncols - j, 0, 0, qjj, ldq);
    } else {
      // rows j..j+jb-1 (columns >= j) and columns j..j+jb-1 (rows >= j+jb) enter Q here
      setIdentity(jb, ncols - j, 0, 0, qjj, ldq);
      setIdentity(M - jb, jb, jb, 0, qjj + <usize>jb * ldqB, ldq);
    }
    larfbIdentityTop(M, ncols - j, jb, vd, t, qjj, ldq, w1, w2, gw);
  }
}

/**
 * C := Q C for the m x ncols matrix C (ldc), Q = H_0 ... H_{k-1} (k <= m) from dgeqrf-style
 * reflectors below the diagonal of a (lda) and tau (LAPACK dormqr, side 'L', no transpose):
 * blocks of NB reflectors from the last to the first, each applied through larfb (three gemms).
 * The SVD applies its bidiagonalisation's Q_B and P_B this way instead of forming them and
 * multiplying (2 n^3 flops instead of 4/3 n^3 + 2 n^3). work: dorgqrWorkBytes(m, ncols, k).
 */
export function dormqr(m: i32, ncols: i32, k: i32, a: usize, lda: i32, tau: usize, c: usize, ldc: i32, work: usize): void {
  if (m <= 0 || ncols <= 0 || k <= 0) return;
  const nb = NB;
  const ldaB = <usize>lda << 3;
  const ldcB = <usize>ldc << 3;
  const vd = align64(work);
  const t = align64(vd + (<usize>(m * nb) << 3));
  const g = align64(t + (<usize>(nb * nb) << 3));
  const w1 = align64(g + (<usize>(nb * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * ncols) << 3));
  const gw = align64(w2 + (<usize>(nb * ncols) << 3));
  const jlast = ((k - 1) / nb) * nb;
  for (let j = jlast; j >= 0; j -= nb) {
    const jb = min<i32>(nb, k - j);
    const M = m - j;
    denseV(M, jb, a + <usize>j * ldaB + (<usize>j << 3), lda, vd);
    larft(M, jb, vd, tau + (<usize>j << 3), t, g, gw);
    larfb(0, M, ncols, jb, vd, t, c + <usize>j * ldcB, ldc, w1, w2, gw);
  }
}

/** The rows x cols block at q (ldq) = entries (r, c) of the identity shifted: 1 where r + r0 == c + c0. */
function setIdentity(rows: i32, cols: i32, r0: i32, c0: i32, q: usize, ldq: i32): void {
  for (let r = 0; r < rows; r++) {
    const row = q + (<usize>(r * ldq) << 3);
    memory.fill(row, 0, <usize>cols << 3);
    const c = r + r0 - c0;
    if (c >= 0 && c < cols) store<f64>(row + (<usize>c << 3), 1.0);
  }
}

/**
 * T (k x k, upper triangular, ld k) of the compact WY form of k reflectors given as the dense
 * M x k panel vd and tau (LAPACK dlarft, forward, columnwise): G = Vᵀ V through dgemm, then
 * T[0:c, c] = -tau_c T[0:c, 0:c] G[0:c, c]. g: k x k scratch; gw: dgemm scratch.
 */
function larft(M: i32, k: i32, vd: usize, tau: usize, t: usize, g: usize, gw: usize): void {
  dgemm(1, 0, k, k, M, 1.0, vd, k, vd, k, 0.0, g, k, gw);
  for (let c = 0; c < k; c++) {
    const tc = load<f64>(tau + (<usize>c << 3));
    for (let r = 0; r < k; r++) {
      const tp = t + (<usize>(r * k + c) << 3);
      if (r > c) store<f64>(tp, 0.0);
      else if (r == c) store<f64>(tp, tc);
      else if (tc == 0.0) store<f64>(tp, 0.0);
      else {
        let s = 0.0;
        for (let p = r; p < c; p++) s += load<f64>(t + (<usize>(r * k + p) << 3)) * load<f64>(g + (<usize>(p * k + c) << 3));
        store<f64>(tp, -tc * s);
      }
    }
  }
}

// ---- dgeqp3 (QR with column pivoting) -----------------------------------------------------

// Measured, pivoted R of 1000x500 / 500x500 / 2000x1000, ms: unblocked dlaqp2 throughout 51.2 /
// 20.6 / 487; blocked NBP 16: 37.8 / 15.4 / 324, 32: 39.9 / 16.1 / 338, 48: 41.3 / 17.1 / 335,
// 64: 43.8 / 18.1 / 361 (NXP 32..128 within noise). Unpivoted at the same time: 27 / 10.8 / 207.

/** Panel width of the blocked pivoted QR (dlaqps) and the columns left to the unblocked dlaqp2. */
let NBP: i32 = 16;
let NXP: i32 = 128;

/** Sets the pivoted QR's block size (benchmarks and tests; 0 keeps it). Returns the value in use. */
export function qrPivotBlockSize(nb: i32): i32 {
  if (nb > 0) NBP = nb;
  return NBP;
}

/** Sets the pivoted QR's unblocked crossover (benchmarks and tests; < 0 keeps it). Returns the value in use. */
export function qrPivotCrossover(nx: i32): i32 {
  if (nx >= 0) NXP = nx;
  return NXP;
}

/** Bytes of scratch dgeqp3(m, n, ...) needs. */
export function dgeqp3WorkBytes(m: i32, n: i32): usize {
  const nb = NBP;
  return <usize>(3 * n + nb + nb * n) * 8 + <usize>n * 4 + dgemmWorkBytes(m, n, nb) + 6 * 64;
}

/**
 * QR with column pivoting of the row-major m x n matrix A (LAPACK dgeqp3): at step i the
 * remaining column of largest (partial) norm moves to position i, then H_i is generated and
 * applied. Blocked as LAPACK: panels of NBP columns by dlaqps (the reflectors' effect on the
 * rest of the matrix is accumulated in F and applied once per panel through dgemm; only the pivot
 * row and column are updated at each step), the last NXP columns by the unblocked dlaqp2.
 * Partial column norms are downdated after each step and recomputed when the downdate has lost
 * too much accuracy (LAPACK's test with tol3z = sqrt(eps); dlaqps ends its panel there).
 * jpvt: n i32 (0-based), on return A[:, jpvt] = Q R. tau: min(m, n) doubles.
 * work: dgeqp3WorkBytes(m, n) bytes.
 */
export function dgeqp3(m: i32, n: i32, a: usize, lda: i32, jpvt: usize, tau: usize, work: usize): void {
  for (let j = 0; j < n; j++) store<i32>(jpvt + (<usize>j << 2), j);
  const k = min<i32>(m, n);
  if (k <= 0) return;
  const nb = NBP;
  const vn1 = align64(work);
  const vn2 = align64(vn1 + (<usize>n << 3));
  const w = align64(vn2 + (<usize>n << 3));
  const auxv = align64(w + (<usize>n << 3));
  const ft = align64(auxv + (<usize>nb << 3));
  const marks = align64(ft + (<usize>(nb * n) << 3));
  const gw = align64(marks + (<usize>n << 2));
  // initial column norms: one pass over the rows (contiguous), then the safe check per column
  columnNorms(m, n, a, lda, vn1, w);
  memory.copy(vn2, vn1, <usize>n << 3);
  let j = 0;
  if (nb > 1 && nb < k && NXP < k) {
    while (j < k - NXP) {
      const jb = min<i32>(nb, k - NXP - j);
      j += laqps(m, n, j, jb, a, lda, jpvt, tau, vn1, vn2, w, auxv, ft, marks, gw);
    }
  }
  if (j < k) laqp2(m, n, j, a, lda, jpvt, tau, vn1, vn2, w);
}

/** Index of the first largest of vn1[from:n] (LAPACK idamax on the partial norms). */
function pivotColumn(from: i32, n: i32, vn1: usize): i32 {
  let pvt = from;
  let best = load<f64>(vn1 + (<usize>from << 3));
  for (let j = from + 1; j < n; j++) {
    const v = load<f64>(vn1 + (<usize>j << 3));
    if (v > best) {
      best = v;
      pvt = j;
    }
  }
  return pvt;
}

/** Swaps columns i and pvt of A (all m rows), their jpvt entries and partial norms (vn1[i], vn2[i] move to pvt). */
function pivotSwap(m: i32, a: usize, lda: i32, jpvt: usize, vn1: usize, vn2: usize, i: i32, pvt: i32): void {
  swapColumns(m, a, lda, pvt, i);
  const pi = jpvt + (<usize>i << 2);
  const pp = jpvt + (<usize>pvt << 2);
  const t = load<i32>(pi);
  store<i32>(pi, load<i32>(pp));
  store<i32>(pp, t);
  store<f64>(vn1 + (<usize>pvt << 3), load<f64>(vn1 + (<usize>i << 3)));
  store<f64>(vn2 + (<usize>pvt << 3), load<f64>(vn2 + (<usize>i << 3)));
}

/**
 * Unblocked pivoted QR of columns j0..n-1 (rows j0..m-1 active; LAPACK dlaqp2 with offset j0):
 * pivot, reflect, apply H_i to the rest (row sums, then rank-1 row updates), downdate the norms.
 */
function laqp2(m: i32, n: i32, j0: i32, a: usize, lda: i32, jpvt: usize, tau: usize, vn1: usize, vn2: usize, w: usize): void {
  const k = min<i32>(m, n);
  const ldaB = <usize>lda << 3;
  for (let i = j0; i < k; i++) {
    const pvt = pivotColumn(i, n, vn1);
    if (pvt != i) pivotSwap(m, a, lda, jpvt, vn1, vn2, i, pvt);
    const aii = a + <usize>i * ldaB + (<usize>i << 3);
    const rows = m - i;
    const ti = rows > 1 ? larfg(rows, aii, aii + ldaB, ldaB) : 0.0;
    store<f64>(tau + (<usize>i << 3), ti);
    const N = n - i - 1;
    if (N > 0 && ti != 0.0) {
      reflectorRowSum(rows, N, aii + ldaB, ldaB, aii + 8, ldaB, w);
      reflectorRank1(rows, N, ti, aii + ldaB, ldaB, aii + 8, ldaB, w);
    }
    // downdate the partial norms with row i (LAPACK dlaqp2)
    const rowi = a + <usize>i * ldaB;
    for (let j = i + 1; j < n; j++) {
      const p1 = vn1 + (<usize>j << 3);
      const n1 = load<f64>(p1);
      if (n1 == 0.0) continue;
      const r = Math.abs(load<f64>(rowi + (<usize>j << 3))) / n1;
      let temp = 1.0 - r * r;
      if (temp < 0.0) temp = 0.0;
      const q = n1 / load<f64>(vn2 + (<usize>j << 3));
      const temp2 = temp * q * q;
      if (temp2 <= TOL3Z) {
        const nn = i + 1 < m ? nrm2(m - i - 1, rowi + ldaB + (<usize>j << 3), ldaB) : 0.0;
        store<f64>(p1, nn);
        store<f64>(vn2 + (<usize>j << 3), nn);
      } else {
        store<f64>(p1, n1 * Math.sqrt(temp));
      }
    }
  }
}

/**
 * One panel of the blocked pivoted QR (LAPACK dlaqps), row-major: factors up to nb columns
 * starting at column (and row) j0 and returns how many it factored (fewer when a partial norm
 * must be recomputed). Only the pivot column and the pivot row are brought up to date at each
 * step; the other columns get the panel's reflectors at the end at once:
 * A[j0+kb:m, j0+kb:n] -= V F[j0+kb:n, :]ᵀ through dgemm.
 * F is kept transposed (ft: nb x n, leading dimension n, indexed by global column): row p of ft
 * is column p of LAPACK's F, so each of its updates is a contiguous row operation.
 */
function laqps(
  m: i32, n: i32, j0: i32, nb: i32, a: usize, lda: i32, jpvt: usize, tau: usize,
  vn1: usize, vn2: usize, w: usize, auxv: usize, ft: usize, marks: usize, gw: usize,
): i32 {
  const ldaB = <usize>lda << 3;
  const ldfB = <usize>n << 3;
  const lastrk = min<i32>(m, n);
  let nmarks = 0;
  let k = 0;
  while (k < nb && nmarks == 0) {
    const c = j0 + k; // pivot column and row
    const pvt = pivotColumn(c, n, vn1);
    if (pvt != c) {
      pivotSwap(m, a, lda, jpvt, vn1, vn2, c, pvt);
      // F(pvt, 0:k) <-> F(c, 0:k): columns pvt and c of ft's first k rows
      for (let p = 0; p < k; p++) {
        const row = ft + <usize>p * ldfB;
        const x = load<f64>(row + (<usize>c << 3));
        store<f64>(row + (<usize>c << 3), load<f64>(row + (<usize>pvt << 3)));
        store<f64>(row + (<usize>pvt << 3), x);
      }
    }
    const acc = a + <usize>c * ldaB + (<usize>c << 3); // A[c, c]
    // Bring column c up to date (rows c..m-1): A[i, c] -= A[i, j0:c] F[c, 0:k]ᵀ
    if (k > 0) {
      let row = a + <usize>c * ldaB + (<usize>j0 << 3);
      for (let i = c; i < m; i++) {
        let s = 0.0;
        for (let p = 0; p < k; p++) s += load<f64>(row + (<usize>p << 3)) * load<f64>(ft + <usize>p * ldfB + (<usize>c << 3));
        const x = row + (<usize>k << 3);
        store<f64>(x, load<f64>(x) - s);
        row += ldaB;
      }
    }
    const rows = m - c;
    const tc = rows > 1 ? larfg(rows, acc, acc + ldaB, ldaB) : 0.0;
    store<f64>(tau + (<usize>c << 3), tc);
    const akk = load<f64>(acc);
    store<f64>(acc, 1.0);
    if (c + 1 < n) {
      const fk = ft + <usize>k * ldfB;
      if (tc != 0.0) {
        // w = vᵀ A[c:m, j0:n] in one pass over the rows: the part left of c gives
        // auxv = -tau V[c:m, 0:k]ᵀ v, the part right of c gives F[c+1:n, k] = tau A[c:m, c+1:n]ᵀ v.
        reflectorRowSum(rows, n - j0, acc + ldaB, ldaB, a + <usize>c * ldaB + (<usize>j0 << 3), ldaB, w);
        const wr = w + (<usize>(k + 1) << 3); // w at column c + 1
        const fr = fk + (<usize>(c + 1) << 3);
        const N = n - c - 1;
        for (let j = 0; j < N; j++) store<f64>(fr + (<usize>j << 3), tc * load<f64>(wr + (<usize>j << 3)));
        // F[:, k] += F[:, 0:k] auxv (only the columns right of c are ever used)
        for (let p = 0; p < k; p++) {
          const ap = -tc * load<f64>(w + (<usize>p << 3));
          axpy1(N, ap, ft + <usize>p * ldfB + (<usize>(c + 1) << 3), fr);
        }
      } else {
        memory.fill(fk + (<usize>(c + 1) << 3), 0, <usize>(n - c - 1) << 3);
      }
      // F[j0..c, k] = 0 (LAPACK pads F(1:k, k) with zeros)
      memory.fill(fk + (<usize>j0 << 3), 0, <usize>(k + 1) << 3);
      // Bring row c up to date: A[c, c+1:n] -= A[c, j0:c+1] F[c+1:n, 0:k+1]ᵀ (A[c, c] is 1 now)
      const rowc = a + <usize>c * ldaB;
      for (let p = 0; p <= k; p++) {
        const coef = load<f64>(rowc + (<usize>(j0 + p) << 3));
        if (coef != 0.0) rowUpdate(n - c - 1, coef, ft + <usize>p * ldfB + (<usize>(c + 1) << 3), rowc + (<usize>(c + 1) << 3));
      }
      // Downdate the partial norms with row c; mark the ones to recompute (LAPACK's lsticc list)
      if (c + 1 < lastrk) {
        for (let j = c + 1; j < n; j++) {
          const p1 = vn1 + (<usize>j << 3);
          const n1 = load<f64>(p1);
          if (n1 == 0.0) continue;
          let temp = Math.abs(load<f64>(rowc + (<usize>j << 3))) / n1;
          temp = Math.max(0.0, (1.0 + temp) * (1.0 - temp));
          const q = n1 / load<f64>(vn2 + (<usize>j << 3));
          const temp2 = temp * q * q;
          if (temp2 <= TOL3Z) {
            store<i32>(marks + (<usize>nmarks << 2), j);
            nmarks++;
          } else {
            store<f64>(p1, n1 * Math.sqrt(temp));
          }
        }
      }
    }
    store<f64>(acc, akk);
    k++;
  }
  const kb = k;
  const r0 = j0 + kb; // first row and column not yet up to date
  if (r0 < m && r0 < n) {
    dgemm(0, 0, m - r0, n - r0, kb, -1.0, a + <usize>r0 * ldaB + (<usize>j0 << 3), lda, ft + (<usize>r0 << 3), n, 1.0, a + <usize>r0 * ldaB + (<usize>r0 << 3), lda, gw);
  }
  // Recompute the marked norms from the updated rows r0..m-1
  for (let t = 0; t < nmarks; t++) {
    const j = load<i32>(marks + (<usize>t << 2));
    const nn = r0 < m ? nrm2(m - r0, a + <usize>r0 * ldaB + (<usize>j << 3), ldaB) : 0.0;
    store<f64>(vn1 + (<usize>j << 3), nn);
    store<f64>(vn2 + (<usize>j << 3), nn);
  }
  return kb;
}

/** Norms of the n columns of the m x n block at a into out, safe against over/underflow. */
function columnNorms(m: i32, n: i32, a: usize, lda: i32, out: usize, ssq: usize): void {
  const ldaB = <usize>lda << 3;
  memory.fill(ssq, 0, <usize>n << 3);
  for (let i = 0; i < m; i++) {
    const row = a + <usize>i * ldaB;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const x = v128.load(row + o);
      v128.store(ssq + o, f64x2.add(v128.load(ssq + o), f64x2.mul(x, x)));
    }
    if (j < n) {
      const o = <usize>j << 3;
      const x = load<f64>(row + o);
      store<f64>(ssq + o, load<f64>(ssq + o) + x * x);
    }
  }
  for (let j = 0; j < n; j++) {
    const s = load<f64>(ssq + (<usize>j << 3));
    store<f64>(out + (<usize>j << 3), s >= SSQ_LO && s <= SSQ_HI ? Math.sqrt(s) : nrm2Scaled(m, a + (<usize>j << 3), ldaB));
  }
}

/** Swaps columns p and q of the m-row block at a (lda). */
function swapColumns(m: i32, a: usize, lda: i32, p: i32, q: i32): void {
  const ldaB = <usize>lda << 3;
  let pp = a + (<usize>p << 3);
  let pq = a + (<usize>q << 3);
  for (let i = 0; i < m; i++) {
    const t = load<f64>(pp);
    store<f64>(pp, load<f64>(pq));
    store<f64>(pq, t);
    pp += ldaB;
    pq += ldaB;
  }
}
