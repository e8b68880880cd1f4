// Reduction to upper Hessenberg form by orthogonal similarity (LAPACK dgehrd, dlahr2, dgehd2) and
// the accumulation of its orthogonal factor (dorghr), column-major, 1-based.
//
// A = Q H Qᵀ with Q = H(ilo) H(ilo+1) ... H(ihi-1), H(i) = I - tau v vᵀ, v(1:i) = 0, v(i+1) = 1 and
// v(i+2:ihi) stored in A(i+2:ihi, i).
//
// Blocked as LAPACK (Quintana-Orti and van de Geijn): dlahr2 reduces a panel of nb columns,
// building V, T and Y = A V T with matrix-vector products (the product of the trailing matrix
// with each new reflector, A(k+1:n, i+1:n) v, is half of the flops and has to be level 2), and the
// rest of the matrix is updated by gemms: A := A - Y Vᵀ from the right, then (I - V T Vᵀ)ᵀ from
// the left. The last columns are reduced unblocked (dgehd2).

import { larfg } from "../qr";
import {
  at, axpy, gemmCM, gemmCMWorkBytes, gemvN, gemvT, gt, lacpy, laset, larfLeft, larfRight, scal, st, vg, vs,
} from "./aux";

/** Panel width of the blocked reduction and of dorghr's blocks. */
let NB: i32 = 32;
/** Columns left to the unblocked dgehd2 at the end (LAPACK's crossover nx). */
let NX: i32 = 128;

/** Sets the Hessenberg block size (0 keeps it); returns the value in use. Tests and benchmarks. */
export function hessenbergBlockSize(nb: i32): i32 {
  if (nb > 0) NB = nb;
  return NB;
}

/** Sets the unblocked crossover (< 0 keeps it); returns the value in use. */
export function hessenbergCrossover(nx: i32): i32 {
  if (nx >= 0) NX = nx;
  return NX;
}

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/** Scratch bytes of gehrd and orghr for order n. */
export function hessenbergWorkBytes(n: i32): usize {
  const nb = NB;
  return <usize>(2 * nb * nb + 2 * n * nb + 2 * nb * n + n) * 8 + gemmCMWorkBytes(n, n, max<i32>(n, nb)) + 8 * 64;
}

// ---- dgehd2 -----------------------------------------------------------------------------------

/** Unblocked reduction of columns ilo..ihi-1 (LAPACK dgehd2). work: n doubles. */
export function gehd2(n: i32, ilo: i32, ihi: i32, a: usize, lda: i32, tau: usize, work: usize): void {
  for (let i = ilo; i <= ihi - 1; i++) {
    // reflector H(i) annihilating A(i+2:ihi, i)
    const ti = larfg(ihi - i, at(a, lda, i + 1, i), at(a, lda, min<i32>(i + 2, n), i), 8);
    vs(tau, i, ti);
    const aii = gt(a, lda, i + 1, i);
    st(a, lda, i + 1, i, 1.0);
    const v = at(a, lda, i + 1, i);
    // from the right to A(1:ihi, i+1:ihi), from the left to A(i+1:ihi, i+1:n)
    larfRight(ihi, ihi - i, v, ti, at(a, lda, 1, i + 1), lda, work);
    larfLeft(ihi - i, n - i, v, ti, at(a, lda, i + 1, i + 1), lda);
    st(a, lda, i + 1, i, aii);
  }
}

// ---- dgehrd -----------------------------------------------------------------------------------

/**
 * Reduces A (column-major, n x n) to upper Hessenberg form in rows and columns ilo..ihi (LAPACK
 * dgehrd): H on and above the first subdiagonal, the reflectors below it, their scalars in
 * tau(1:n-1) (zero outside ilo..ihi-1). work: hessenbergWorkBytes(n) bytes.
 */
export function gehrd(n: i32, ilo: i32, ihi: i32, a: usize, lda: i32, tau: usize, work: usize): void {
  for (let i = 1; i <= ilo - 1; i++) vs(tau, i, 0.0);
  for (let i = max<i32>(1, ihi); i <= n - 1; i++) vs(tau, i, 0.0);
  const nh = ihi - ilo + 1;
  if (nh <= 1) return;
  const nb = NB;
  const nx = max<i32>(nb, NX);
  const t = align64(work);
  const y = align64(t + (<usize>(nb * nb) << 3));
  const vd = align64(y + (<usize>(n * nb) << 3));
  const w1 = align64(vd + (<usize>(n * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * n) << 3));
  const v1 = align64(w2 + (<usize>(nb * n) << 3));
  const gw = align64(v1 + (<usize>n << 3));
  let i = ilo;
  if (nb >= 2 && nb < nh) {
    for (; i <= ihi - 1 - nx; i += nb) {
      const ib = min<i32>(nb, ihi - i);
      laset(nb, nb, 0.0, 0.0, t, nb);
      // reduce columns i..i+ib-1; V, T and Y = A V T
      lahr2(ihi, i, ib, at(a, lda, 1, i), lda, tau + (<usize>(i - 1) << 3), t, nb, y, n, gw);
      // A(1:ihi, i+ib:ihi) -= Y Vᵀ (V(i+ib, ib) = 1 for the product)
      const ei = gt(a, lda, i + ib, i + ib - 1);
      st(a, lda, i + ib, i + ib - 1, 1.0);
      gemmCM(0, 1, ihi, ihi - i - ib + 1, ib, -1.0, y, n, at(a, lda, i + ib, i), lda, 1.0, at(a, lda, 1, i + ib), lda, gw);
      st(a, lda, i + ib, i + ib - 1, ei);
      // A(1:i, i+1:i+ib-1) -= Y(1:i, 1:ib-1) V1ᵀ
      trmmRightLowerTransUnit(i, ib - 1, at(a, lda, i + 1, i), lda, y, n);
      for (let j = 0; j <= ib - 2; j++) axpy(i, -1.0, y + (<usize>(j * n) << 3), at(a, lda, 1, i + j + 1));
      // A(i+1:ihi, i+ib:n) := (I - V T Vᵀ)ᵀ A(i+1:ihi, i+ib:n)
      larfbLeftTrans(ihi - i, n - i - ib + 1, ib, at(a, lda, i + 1, i), lda, t, nb, at(a, lda, i + 1, i + ib), lda, vd, w1, w2, gw);
    }
  }
  gehd2(n, i, ihi, a, lda, tau, v1);
}

/**
 * LAPACK dlahr2: reduces the first nb columns of the n x (n-k+1) block A (whose column 1 is the
 * global column k) so that entries below the k-th subdiagonal vanish; returns the reflectors in A,
 * their scalars in tau(1:nb), the nb x nb upper triangular T (ldt) and Y = A V T in y (ldy,
 * n x nb). t must be zero below its diagonal on entry.
 */
function lahr2(n: i32, k: i32, nb: i32, a: usize, lda: i32, tau: usize, t: usize, ldt: i32, y: usize, ldy: i32, gw: usize): void {
  if (n <= 1) return;
  const ldaB = <usize>lda << 3;
  let ei = 0.0;
  for (let i = 1; i <= nb; i++) {
    if (i > 1) {
      // update column i: A(k+1:n, i) -= Y(k+1:n, 1:i-1) A(k+i-1, 1:i-1)ᵀ
      gemvN(n - k, i - 1, -1.0, at(y, ldy, k + 1, 1), ldy, at(a, lda, k + i - 1, 1), ldaB, at(a, lda, k + 1, i));
      // apply (I - V T Vᵀ)ᵀ to this column b = [b1; b2], using T(1:i-1, nb) as w
      const w = at(t, ldt, 1, nb);
      memory.copy(w, at(a, lda, k + 1, i), <usize>(i - 1) << 3);
      trmvLowerTransUnit(i - 1, at(a, lda, k + 1, 1), lda, w); // w = V1ᵀ b1
      gemvT(n - k - i + 1, i - 1, 1.0, at(a, lda, k + i, 1), lda, at(a, lda, k + i, i), w); // w += V2ᵀ b2
      trmvUpperTransNonunit(i - 1, t, ldt, w); // w = Tᵀ w
      gemvN(n - k - i + 1, i - 1, -1.0, at(a, lda, k + i, 1), lda, w, 8, at(a, lda, k + i, i)); // b2 -= V2 w
      trmvLowerNotransUnit(i - 1, at(a, lda, k + 1, 1), lda, w); // w = V1 w
      axpy(i - 1, -1.0, w, at(a, lda, k + 1, i)); // b1 -= w
      st(a, lda, k + i - 1, i - 1, ei);
    }
    // reflector H(i) annihilating A(k+i+1:n, i)
    const ti = larfg(n - k - i + 1, at(a, lda, k + i, i), at(a, lda, min<i32>(k + i + 1, n), i), 8);
    vs(tau, i, ti);
    ei = gt(a, lda, k + i, i);
    st(a, lda, k + i, i, 1.0);
    const v = at(a, lda, k + i, i);
    // Y(k+1:n, i) = A(k+1:n, i+1:n-k+1) v - Y(k+1:n, 1:i-1) (V2ᵀ v), times tau(i)
    const yi = at(y, ldy, k + 1, i);
    memory.fill(yi, 0, <usize>(n - k) << 3);
    gemvN(n - k, n - k - i + 1, 1.0, at(a, lda, k + 1, i + 1), lda, v, 8, yi);
    const tc = at(t, ldt, 1, i);
    memory.fill(tc, 0, <usize>(i - 1) << 3);
    gemvT(n - k - i + 1, i - 1, 1.0, at(a, lda, k + i, 1), lda, v, tc);
    gemvN(n - k, i - 1, -1.0, at(y, ldy, k + 1, 1), ldy, tc, 8, yi);
    scal(n - k, ti, yi);
    // T(1:i-1, i) = -tau(i) T(1:i-1, 1:i-1) T(1:i-1, i); T(i, i) = tau(i)
    scal(i - 1, -ti, tc);
    trmvUpperNotransNonunit(i - 1, t, ldt, tc);
    st(t, ldt, i, i, ti);
  }
  st(a, lda, k + nb, nb, ei);
  // Y(1:k, 1:nb) = (A(1:k, 2:nb+1) V1 + A(1:k, nb+2:n-k+1) V2) T
  lacpy(k, nb, at(a, lda, 1, 2), lda, y, ldy);
  trmmRightLowerNotransUnit(k, nb, at(a, lda, k + 1, 1), lda, y, ldy);
  if (n > k + nb) gemmCM(0, 0, k, nb, n - k - nb, 1.0, at(a, lda, 1, 2 + nb), lda, at(a, lda, k + 1 + nb, 1), lda, 1.0, y, ldy, gw);
  trmmRightUpperNotransNonunit(k, nb, t, ldt, y, ldy);
}

/**
 * C := (I - V T Vᵀ)ᵀ C for the M x N block C (LAPACK dlarfb 'L' 'T' 'F' 'C'); V (M x K) is unit
 * lower trapezoidal in v (ldv, values above its diagonal ignored), T upper triangular (ldt, zero
 * below the diagonal). Through a dense copy of V and three gemms. vd: M x K; w1, w2: K x N.
 */
function larfbLeftTrans(
  M: i32, N: i32, K: i32, v: usize, ldv: i32, t: usize, ldt: i32, c: usize, ldc: i32,
  vd: usize, w1: usize, w2: usize, gw: usize,
): void {
  denseV(M, K, v, ldv, vd);
  gemmCM(1, 0, K, N, M, 1.0, vd, M, c, ldc, 0.0, w1, K, gw);
  gemmCM(1, 0, K, N, K, 1.0, t, ldt, w1, K, 0.0, w2, K, gw);
  gemmCM(0, 0, M, N, K, -1.0, vd, M, w2, K, 1.0, c, ldc, gw);
}

/** Dense M x K copy (ld M) of the unit lower trapezoidal V stored in v (ldv). */
function denseV(M: i32, K: i32, v: usize, ldv: i32, vd: usize): void {
  for (let c = 1; c <= K; c++) {
    const dst = at(vd, M, 1, c);
    if (c > 1) memory.fill(dst, 0, <usize>min<i32>(c - 1, M) << 3);
    if (c <= M) {
      store<f64>(at(vd, M, c, c), 1.0);
      if (c < M) memory.copy(at(vd, M, c + 1, c), at(v, ldv, c + 1, c), <usize>(M - c) << 3);
    }
  }
}

// ---- Small triangular products (m <= nb) ------------------------------------------------------

/** x := Lᵀ x, L unit lower triangular m x m (ldl). */
function trmvLowerTransUnit(m: i32, l: usize, ldl: i32, x: usize): void {
  for (let r = 1; r <= m; r++) {
    let s = vg(x, r);
    for (let p = r + 1; p <= m; p++) s += gt(l, ldl, p, r) * vg(x, p);
    vs(x, r, s);
  }
}

/** x := L x, L unit lower triangular. */
function trmvLowerNotransUnit(m: i32, l: usize, ldl: i32, x: usize): void {
  for (let r = m; r >= 1; r--) {
    let s = vg(x, r);
    for (let p = 1; p < r; p++) s += gt(l, ldl, r, p) * vg(x, p);
    vs(x, r, s);
  }
}

/** x := Tᵀ x, T upper triangular (non-unit). */
function trmvUpperTransNonunit(m: i32, t: usize, ldt: i32, x: usize): void {
  for (let r = m; r >= 1; r--) {
    let s = 0.0;
    for (let p = 1; p <= r; p++) s += gt(t, ldt, p, r) * vg(x, p);
    vs(x, r, s);
  }
}

/** x := T x, T upper triangular (non-unit). */
function trmvUpperNotransNonunit(m: i32, t: usize, ldt: i32, x: usize): void {
  for (let r = 1; r <= m; r++) {
    let s = 0.0;
    for (let p = r; p <= m; p++) s += gt(t, ldt, r, p) * vg(x, p);
    vs(x, r, s);
  }
}

/** Y := Y L for the m x nb block Y (ldy), L unit lower triangular nb x nb (ldl). */
function trmmRightLowerNotransUnit(m: i32, nb: i32, l: usize, ldl: i32, y: usize, ldy: i32): void {
  for (let j = 1; j <= nb; j++) {
    const yj = at(y, ldy, 1, j);
    for (let p = j + 1; p <= nb; p++) axpy(m, gt(l, ldl, p, j), at(y, ldy, 1, p), yj);
  }
}

/** Y := Y Lᵀ for the m x nc block Y, L unit lower triangular nc x nc. */
function trmmRightLowerTransUnit(m: i32, nc: i32, l: usize, ldl: i32, y: usize, ldy: i32): void {
  for (let j = nc; j >= 1; j--) {
    const yj = at(y, ldy, 1, j);
    for (let p = 1; p < j; p++) axpy(m, gt(l, ldl, j, p), at(y, ldy, 1, p), yj);
  }
}

/** Y := Y T for the m x nb block Y, T upper triangular nb x nb (non-unit). */
function trmmRightUpperNotransNonunit(m: i32, nb: i32, t: usize, ldt: i32, y: usize, ldy: i32): void {
  for (let j = nb; j >= 1; j--) {
    const yj = at(y, ldy, 1, j);
    scal(m, gt(t, ldt, j, j), yj);
    for (let p = 1; p < j; p++) axpy(m, gt(t, ldt, p, j), at(y, ldy, 1, p), yj);
  }
}

// ---- dorghr -----------------------------------------------------------------------------------

/**
 * Forms the orthogonal Q (n x n, column-major, q/ldq) of gehrd from its reflectors in a and tau
 * (LAPACK dorghr): Q is the identity outside rows and columns ilo+1..ihi. Blocked backwards as
 * dorgqr: each block of nb reflectors is applied to the trailing part of Q with its compact WY
 * form (T from Vᵀ V through a gemm, as dlarft) and three gemms. work: hessenbergWorkBytes(n).
 */
export function orghr(n: i32, ilo: i32, ihi: i32, a: usize, lda: i32, tau: usize, q: usize, ldq: i32, work: usize): void {
  laset(n, n, 0.0, 1.0, q, ldq);
  const nh = ihi - ilo; // number of reflectors
  if (nh < 1) return;
  const nb = NB;
  const vd = align64(work);
  const t = align64(vd + (<usize>(n * nb) << 3));
  const g = align64(t + (<usize>(nb * nb) << 3));
  const w1 = align64(g + (<usize>(nb * nb) << 3));
  const w2 = align64(w1 + (<usize>(nb * n) << 3));
  const gw = align64(w2 + (<usize>(nb * n) << 3));
  const jlast = ilo + ((nh - 1) / nb) * nb;
  for (let j = jlast; j >= ilo; j -= nb) {
    const jb = min<i32>(nb, ihi - j); // reflectors j..j+jb-1
    const M = ihi - j; // rows j+1..ihi
    // dense V: column c is reflector j+c-1, 1 at row c (global row j+c)
    for (let c = 1; c <= jb; c++) {
      const dst = at(vd, M, 1, c);
      if (c > 1) memory.fill(dst, 0, <usize>(c - 1) << 3);
      store<f64>(at(vd, M, c, c), 1.0);
      if (c < M) memory.copy(at(vd, M, c + 1, c), at(a, lda, j + c + 1, j + c - 1), <usize>(M - c) << 3);
    }
    larft(M, jb, vd, tau + (<usize>(j - 1) << 3), t, g, gw);
    const qb = at(q, ldq, j + 1, j + 1);
    gemmCM(1, 0, jb, M, M, 1.0, vd, M, qb, ldq, 0.0, w1, jb, gw);
    gemmCM(0, 0, jb, M, jb, 1.0, t, jb, w1, jb, 0.0, w2, jb, gw);
    gemmCM(0, 0, M, M, jb, -1.0, vd, M, w2, jb, 1.0, qb, ldq, gw);
  }
}

/**
 * T (k x k upper triangular, ld k) of the compact WY form of the k reflectors in the dense M x k
 * panel vd with scalars tau (LAPACK dlarft 'F' 'C'): G = Vᵀ V by a gemm, then
 * T(1:c-1, c) = -tau(c) T(1:c-1, 1:c-1) G(1:c-1, c). g: k x k scratch.
 */
function larft(M: i32, k: i32, vd: usize, tau: usize, t: usize, g: usize, gw: usize): void {
  gemmCM(1, 0, k, k, M, 1.0, vd, M, vd, M, 0.0, g, k, gw);
  laset(k, k, 0.0, 0.0, t, k);
  for (let c = 1; c <= k; c++) {
    const tc = vg(tau, c);
    st(t, k, c, c, tc);
    if (tc == 0.0) continue;
    for (let r = 1; r < c; r++) {
      let s = 0.0;
      for (let p = r; p < c; p++) s += gt(t, k, r, p) * gt(g, k, p, c);
      st(t, k, r, c, -tc * s);
    }
  }
}
