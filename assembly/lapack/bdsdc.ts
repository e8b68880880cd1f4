// Divide and conquer for the SVD of an upper bidiagonal matrix (LAPACK dbdsdc with COMPQ = 'I',
// the tree of dlasd0 and the merges of dlasd1..dlasd3; Gu and Eisenstat's singular vectors).
//
// A node is an upper bidiagonal N x M block, M = N + sqre (sqre = 1: one extra column, whose
// entry e[r0+N-1] sits right of the last diagonal entry). It is cut at its middle row:
//
//         ( B1   0   0  )      B1: NL x (NL+1) (sqre 1), B2: NR x (NR+sqre), N = NL + 1 + NR;
//     B = ( α e_last  β e_first )   the middle row has α = d[mid] in B1's last column and
//         ( 0    0   B2 )      β = e[mid] in B2's first column.
//
// With the children's SVDs Bi = Ui (Si 0) Viᵀ, B is orthogonally equivalent to the "broken
// arrow" whose first row is z = (α V1ᵀ e_last, β V2ᵀ e_first) and whose other rows are
// diag(S1, S2); the columns of the children's null vectors have no diagonal entry (two of them
// for sqre = 1: rotated into one, the other becomes B's null vector). Its singular values are
// the roots of 1 + sum_j z_j^2 / (d_j^2 - σ^2) = 0 with d_0 = 0.
//
// We solve that equation in σ² with the secular solver of the tridiagonal divide and conquer
// (stedc.ts laed4: the arrow M has MᵀM = diag(d²) + z zᵀ): the poles fl(d_j²) are the squares
// of d_j (1 + ε), a relative perturbation of the d_j of half an ulp, so the computed roots and
// differences d_j² - σ_i² are those of a problem within eps of B. Deflation, unlike the
// eigenproblem's, is decided in σ (LAPACK dlasd2's tests: |z_j| <= tol or d_j - d_i <= tol with
// tol = 8 eps max(|α|, |β|, max d)): a test on the squares would move small singular values by
// sqrt(eps). Then z is recomputed from the roots (Gu-Eisenstat) and the vectors of the arrow are
//   v_i ∝ (z_j / (d_j² - σ_i²))_j,   u_i ∝ (-1, d_j z_j / (d_j² - σ_i²) for j >= 1),
// orthogonal to working precision however close the roots. B's vectors are the children's
// vectors times these, through dgemm on the nonzero blocks only (left-only, mixed and right-only
// rows, as dlasd3's column types): nearly all the O(n³) work is gemm.
//
// Layout: singular vectors are kept as ROWS (row i of ut is the left vector of d[i], row i of
// vt the right one), so that rotations, copies and swaps are contiguous and the merge products
// are row-major gemms. Leaves (N <= SMLSIZ) are solved by the implicit QR of svd.ts (dbdsqr),
// after the extra column of an N x (N+1) leaf has been chased out by rotations from the right.
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

import { dgemm, dgemmWorkBytes } from "../blas/gemm";
import { nrm2 } from "./qr";
import { laed4, laed4Root, laed4LastIterations } from "./stedc";
import { EPS, FAIL_LAED4, lapy2, ld, ldi, rotateRows, setIdentity, setInfo, st, sti } from "./tridiag";
import { dbdsqr, dbdsqrWorkBytes, lasv2, lasv2Out } from "./svd";

/** Largest node solved by implicit QR instead of being divided (LAPACK's ilaenv 9 = 25). */
let SMLSIZ: i32 = 25;

/** Sets the leaf size (tests and benchmarks; 0 keeps it). Returns the value in use. */
export function bdsdcLeafSize(s: i32): i32 {
  if (s > 0) SMLSIZ = s;
  return SMLSIZ;
}

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

// @ts-ignore: decorator
@inline function row(a: usize, lda: i32, r: i32): usize {
  return a + ((<usize>r * <usize>lda) << 3);
}

/** Bytes of scratch bdsdc(n, ...) needs. */
export function bdsdcWorkBytes(n: i32): usize {
  const nn = (<usize>n * <usize>n) << 3;
  return (<usize>(10 * n + 16) << 3) + (<usize>(8 * n + 16) << 2) + 6 * nn + dgemmWorkBytes(n, n, n) +
    dbdsqrWorkBytes(max<i32>(SMLSIZ, 1) + 1) + 24 * 64;
}

// Scratch of the current bdsdc call.
let gN: i32 = 0;
let gD: usize = 0;
let gE: usize = 0;
let gUt: usize = 0;
let gLdu: i32 = 0;
let gVt: usize = 0;
let gLdv: i32 = 0;
let gInfo: usize = 0;
let wPole: usize = 0; // per local column: d_j (scaled)
let wZ: usize = 0; // per local column: z_j
let wDel: usize = 0; // non-deflated: d_j^2 (the poles of the secular equation)
let wDs: usize = 0; // non-deflated: d_j
let wZs: usize = 0; // non-deflated: z_j (then Gu-Eisenstat's z)
let wZh: usize = 0; // non-deflated: z_j / ||z||
let wVal: usize = 0; // the node's singular values before sorting
let wTmp: usize = 0;
let wTmp2: usize = 0;
let wUs: usize = 0; // k x k: left vectors of the arrow (rows), then permuted
let wVs: usize = 0; // k x k: deltas, then right vectors of the arrow (rows), permuted
let wUc: usize = 0; // compressed child rows for the U products
let wVc: usize = 0; // compressed child rows for the V products
let wUN: usize = 0; // N x N: the node's new left rows
let wVN: usize = 0; // N x M: the node's new right rows
let wGemm: usize = 0;
let wLeaf: usize = 0;
let iRow: usize = 0; // per local column: its row in ut and vt
let iTyp: usize = 0; // per local column: 1 left-only, 2 both halves, 3 right-only
let iOrd: usize = 0; // child columns by ascending d
let iND: usize = 0; // non-deflated columns, ascending d (column 0 first)
let iDF: usize = 0; // deflated columns
let iPerm: usize = 0; // the node's rows by descending singular value
let iGrp: usize = 0; // non-deflated columns grouped by type (for the products)

/**
 * SVD of the n x n upper bidiagonal B (d[0:n], e[0:n-1]) by divide and conquer: B = U Σ Vᵀ.
 * On return d holds the singular values in decreasing order (non-negative), row i of ut (n x n,
 * ldut) is the left singular vector of d[i] and row i of vt (n x n, ldvt) the right one; e is
 * destroyed. work: bdsdcWorkBytes(n). Returns 0, or a failure status (the implicit QR of a leaf:
 * its count of unconverged entries; the secular equation: FAIL_LAED4 with [kind, root, size,
 * iterations] at info, 4 i32).
 */
export function bdsdc(n: i32, d: usize, e: usize, ut: usize, ldut: i32, vt: usize, ldvt: i32, work: usize, info: usize): i32 {
  if (n <= 0) return 0;
  gN = n;
  gD = d;
  gE = e;
  gUt = ut;
  gLdu = ldut;
  gVt = vt;
  gLdv = ldvt;
  gInfo = info;
  let p = align64(work);
  const vecB = <usize>(n + 2) << 3;
  wPole = p; p = align64(p + vecB);
  wZ = p; p = align64(p + vecB);
  wDel = p; p = align64(p + vecB);
  wDs = p; p = align64(p + vecB);
  wZs = p; p = align64(p + vecB);
  wZh = p; p = align64(p + vecB);
  wVal = p; p = align64(p + vecB);
  wTmp = p; p = align64(p + vecB);
  wTmp2 = p; p = align64(p + vecB);
  const idxB = <usize>(n + 2) << 2;
  iRow = p; p = align64(p + idxB);
  iTyp = p; p = align64(p + idxB);
  iOrd = p; p = align64(p + idxB);
  iND = p; p = align64(p + idxB);
  iDF = p; p = align64(p + idxB);
  iPerm = p; p = align64(p + idxB);
  iGrp = p; p = align64(p + idxB);
  const nn = (<usize>n * <usize>n) << 3;
  wUs = p; p = align64(p + nn);
  wVs = p; p = align64(p + nn);
  wUc = p; p = align64(p + nn);
  wVc = p; p = align64(p + nn);
  wUN = p; p = align64(p + nn);
  wVN = p; p = align64(p + nn);
  wLeaf = p; p = align64(p + dbdsqrWorkBytes(max<i32>(SMLSIZ, 1) + 1));
  wGemm = p;
  setIdentity(n, ut, ldut);
  setIdentity(n, vt, ldvt);
  return solveNode(0, n, 0);
}

/** The node of N rows starting at row (and column) r0, with sqre extra columns. */
function solveNode(r0: i32, N: i32, sqre: i32): i32 {
  if (N <= SMLSIZ) return leaf(r0, N, sqre);
  const NL = N / 2;
  const NR = N - NL - 1;
  let status = solveNode(r0, NL, 1);
  if (status != 0) return status;
  status = solveNode(r0 + NL + 1, NR, sqre);
  if (status != 0) return status;
  return merge(r0, NL, NR, sqre);
}

/**
 * A leaf: for sqre = 1 the entry e[r0+N-1] of the extra column is chased out by rotations of
 * the columns (j, N), j = N-1..0 (they become rotations of the rows of vt), leaving an N x N
 * bidiagonal and a zero last column; then implicit QR (dbdsqr) on the square part.
 */
function leaf(r0: i32, N: i32, sqre: i32): i32 {
  if (N == 0) return 0; // (leaf size 1) a 0 x sqre node: its null vector is the identity row
  const M = N + sqre;
  const d = gD + (<usize>r0 << 3);
  const e = gE + (<usize>r0 << 3);
  const vt0 = gVt + ((<usize>r0 * <usize>gLdv + <usize>r0) << 3);
  const ut0 = gUt + ((<usize>r0 * <usize>gLdu + <usize>r0) << 3);
  if (sqre == 1) {
    let f = ld(e, N - 1);
    st(e, N - 1, 0.0);
    const vn = row(vt0, gLdv, N);
    for (let j = N - 1; j >= 0 && f != 0.0; j--) {
      const dj = ld(d, j);
      const r = lapy2(dj, f);
      const c = dj / r;
      const s = f / r;
      st(d, j, r);
      // row_j' = c row_j + s row_N, row_N' = c row_N - s row_j
      rotateRows(M, c, s, row(vt0, gLdv, j), vn);
      if (j > 0) {
        const ej = ld(e, j - 1);
        f = -s * ej;
        st(e, j - 1, c * ej);
      }
    }
  }
  if (N == 1) {
    const d0 = ld(d, 0);
    if (d0 < 0.0) {
      st(d, 0, -d0);
      const v0 = vt0;
      for (let t = 0; t < M; t++) st(v0, t, -ld(v0, t));
    }
    return 0;
  }
  return dbdsqr(N, d, e, vt0, gLdv, M, ut0, gLdu, N, wLeaf);
}

/**
 * Merges the solved children of the node at r0 (dlasd1): forms z, deflates (dlasd2), solves
 * the secular equation and forms the vectors (dlasd3), and writes the node's singular values
 * (descending) and rows back; for sqre = 1 the node's null vector is vt row r0 + N.
 */
function merge(r0: i32, NL: i32, NR: i32, sqre: i32): i32 {
  const N = NL + NR + 1;
  const M = N + sqre;
  const mid = r0 + NL;
  const ut = gUt;
  const vt = gVt;
  const ldu = gLdu;
  const ldv = gLdv;
  let alpha = ld(gD, mid);
  let beta = ld(gE, mid);
  // scale so that max(|α|, |β|, d) = 1
  let orgnrm = Math.max(Math.abs(alpha), Math.abs(beta));
  for (let i = r0; i < r0 + N; i++) if (i != mid) orgnrm = Math.max(orgnrm, ld(gD, i));
  st(gD, mid, 0.0);
  if (orgnrm == 0.0) return 0; // B is zero: every value 0, the rows as they are (identity pairs)
  const inv = 1.0 / orgnrm;
  alpha *= inv;
  beta *= inv;
  // local columns: 0 = the children's null column(s); 1..NL: left child; NL+1..N-1: right child
  sti(iRow, 0, mid);
  sti(iTyp, 0, sqre == 1 ? 2 : 1);
  st(wPole, 0, 0.0);
  for (let i = 0; i < NL; i++) {
    const c = 1 + i;
    sti(iRow, c, r0 + i);
    sti(iTyp, c, 1);
    st(wPole, c, ld(gD, r0 + i) * inv);
    st(wZ, c, alpha * load<f64>(row(vt, ldv, r0 + i) + (<usize>mid << 3)));
  }
  for (let i = 0; i < NR; i++) {
    const c = NL + 1 + i;
    sti(iRow, c, mid + 1 + i);
    sti(iTyp, c, 3);
    st(wPole, c, ld(gD, mid + 1 + i) * inv);
    st(wZ, c, beta * load<f64>(row(vt, ldv, mid + 1 + i) + (<usize>(mid + 1) << 3)));
  }
  // the null columns: the left child's (vt row mid), and the right child's (vt row r0 + N) for sqre = 1
  let z0 = alpha * load<f64>(row(vt, ldv, mid) + (<usize>mid << 3));
  if (sqre == 1) {
    const zb = beta * load<f64>(row(vt, ldv, r0 + N) + (<usize>(mid + 1) << 3));
    const r = lapy2(z0, zb);
    if (r != 0.0) {
      const c = z0 / r;
      const s = zb / r;
      // row mid' = c row_a + s row_b (its z is r); row N' = c row_b - s row_a (z 0: B's null vector)
      rotateRows(M, c, s, row(vt, ldv, mid) + (<usize>r0 << 3), row(vt, ldv, r0 + N) + (<usize>r0 << 3));
    }
    z0 = r;
  }
  // deflation tolerance (dlasd2)
  let dmax = 0.0;
  for (let c = 1; c < N; c++) dmax = Math.max(dmax, ld(wPole, c));
  const tol = 8.0 * EPS * Math.max(dmax, Math.max(Math.abs(alpha), Math.abs(beta)));
  if (Math.abs(z0) <= tol) z0 = tol;
  st(wZ, 0, z0);
  // child columns by ascending d: merge the two descending runs
  {
    let a = NL; // left run, read from its end (smallest)
    let b = NR;
    let o = 0;
    while (a > 0 && b > 0) {
      if (ld(wPole, a) <= ld(wPole, NL + b)) sti(iOrd, o++, a--);
      else sti(iOrd, o++, NL + b--);
    }
    while (a > 0) sti(iOrd, o++, a--);
    while (b > 0) sti(iOrd, o++, NL + b--);
  }
  // deflate: tiny z, or d close to the previous kept d (rotate that one's z into this one's)
  let k = 1;
  sti(iND, 0, 0);
  let nd = 0;
  let prev = -1;
  for (let t = 0; t < N - 1; t++) {
    const c = ldi(iOrd, t);
    const zc = ld(wZ, c);
    if (Math.abs(zc) <= tol) {
      sti(iDF, nd++, c);
      continue;
    }
    if (prev >= 0 && ld(wPole, c) - ld(wPole, prev) <= tol) {
      const zp = ld(wZ, prev);
      const tau = lapy2(zc, zp);
      const cs = zc / tau;
      const sn = -zp / tau;
      st(wZ, c, tau);
      st(wZ, prev, 0.0);
      const rp = ldi(iRow, prev);
      const rc = ldi(iRow, c);
      // x = prev, y = c: x' = cs x + sn y (z 0), y' = cs y - sn x (z tau)
      rotateRows(N, cs, sn, row(ut, ldu, rp) + (<usize>r0 << 3), row(ut, ldu, rc) + (<usize>r0 << 3));
      rotateRows(M, cs, sn, row(vt, ldv, rp) + (<usize>r0 << 3), row(vt, ldv, rc) + (<usize>r0 << 3));
      if (ldi(iTyp, prev) != ldi(iTyp, c)) sti(iTyp, c, 2);
      sti(iDF, nd++, prev);
      prev = c;
      continue;
    }
    if (prev >= 0) sti(iND, k++, prev);
    prev = c;
  }
  if (prev >= 0) sti(iND, k++, prev);
  // the secular problem: poles d_j (d_0 = 0), kept >= tol / 2 away from 0 (dlasd2's hlftol)
  for (let j = 0; j < k; j++) {
    const c = ldi(iND, j);
    let dj = ld(wPole, c);
    if (j == 1 && dj <= tol / 2.0) dj = tol / 2.0;
    st(wDs, j, dj);
    st(wDel, j, dj * dj);
    st(wZs, j, ld(wZ, c));
  }
  const status = secular(k);
  if (status != 0) return status;
  products(k, r0, NL, NR, sqre);
  // the node's values: k roots (wVal[0:k], rows in wUN / wVN) and the deflated ones, whose rows
  // are copied below the new ones
  for (let t = 0; t < nd; t++) {
    const c = ldi(iDF, t);
    const rc = ldi(iRow, c);
    st(wVal, k + t, ld(wPole, c));
    memory.copy(row(wUN, N, k + t), row(ut, ldu, rc) + (<usize>r0 << 3), <usize>N << 3);
    memory.copy(row(wVN, M, k + t), row(vt, ldv, rc) + (<usize>r0 << 3), <usize>M << 3);
  }
  // descending order: the roots are ascending; insertion-sort the deflated ones, then merge
  sortDescending(k, nd);
  for (let i = 0; i < N; i++) {
    const s = ldi(iPerm, i);
    st(gD, r0 + i, ld(wVal, s) * orgnrm);
    memory.copy(row(ut, ldu, r0 + i) + (<usize>r0 << 3), row(wUN, N, s), <usize>N << 3);
    memory.copy(row(vt, ldv, r0 + i) + (<usize>r0 << 3), row(wVN, M, s), <usize>M << 3);
  }
  return 0;
}

/** iPerm[0:k+nd] = indices of wVal by descending value; wVal[0:k] ascending, wVal[k:k+nd] any order. */
function sortDescending(k: i32, nd: i32): void {
  // deflated: insertion sort of their indices (descending)
  for (let t = 0; t < nd; t++) {
    const idx = k + t;
    const v = ld(wVal, idx);
    let p = t;
    while (p > 0 && ld(wVal, ldi(iGrp, p - 1)) < v) {
      sti(iGrp, p, ldi(iGrp, p - 1));
      p--;
    }
    sti(iGrp, p, idx);
  }
  let a = k - 1; // roots from the largest
  let b = 0;
  let o = 0;
  while (a >= 0 && b < nd) {
    if (ld(wVal, a) >= ld(wVal, ldi(iGrp, b))) sti(iPerm, o++, a--);
    else sti(iPerm, o++, ldi(iGrp, b++));
  }
  while (a >= 0) sti(iPerm, o++, a--);
  while (b < nd) sti(iPerm, o++, ldi(iGrp, b++));
}

/**
 * The k roots (wVal, scaled σ, ascending) and vectors of the arrow with poles wDs (wDs[0] = 0)
 * and z wZs: rows of wVs (right, length k) and wUs (left, length k: entry 0 belongs to the
 * middle row) in the order of the non-deflated columns.
 */
function secular(k: i32): i32 {
  const us = wUs;
  const vs = wVs;
  if (k == 1) {
    const z0 = ld(wZs, 0);
    st(wVal, 0, Math.abs(z0));
    st(us, 0, -1.0);
    st(vs, 0, z0 >= 0.0 ? -1.0 : 1.0);
    return 0;
  }
  if (k == 2) {
    // [z0 z1; 0 d1] = Lᵀ diag(σmax, σmin) Rᵀ (dlasv2)
    lasv2(ld(wZs, 0), ld(wZs, 1), ld(wDs, 1));
    let smax = lasv2Out(0);
    let smin = lasv2Out(1);
    const csl = lasv2Out(2), snl = lasv2Out(3), csr = lasv2Out(4), snr = lasv2Out(5);
    // root 0 = σmin: u = (-snl, csl), v = (-snr, csr); root 1 = σmax: u = (csl, snl), v = (csr, snr)
    let fmin = 1.0;
    let fmax = 1.0;
    if (smin < 0.0) { smin = -smin; fmin = -1.0; }
    if (smax < 0.0) { smax = -smax; fmax = -1.0; }
    st(wVal, 0, smin);
    st(wVal, 1, smax);
    st(us, 0, -snl * fmin); st(us, 1, csl * fmin);
    st(vs, 0, -snr); st(vs, 1, csr);
    st(us, 2, csl * fmax); st(us, 3, snl * fmax);
    st(vs, 2, csr); st(vs, 3, snr);
    return 0;
  }
  let rho = 0.0;
  for (let j = 0; j < k; j++) rho += ld(wZs, j) * ld(wZs, j);
  const zn = Math.sqrt(rho);
  for (let j = 0; j < k; j++) st(wZh, j, ld(wZs, j) / zn);
  for (let i = 0; i < k; i++) {
    // row i of vs: d_j^2 - σ_i^2
    if (laed4(k, i, wDel, wZh, row(vs, k, i), rho) != 0) {
      setInfo(gInfo, FAIL_LAED4, i, k, laed4LastIterations());
      return 1;
    }
    st(wVal, i, Math.sqrt(laed4Root()));
  }
  // Gu-Eisenstat: z_j^2 = -prod_i (d_j^2 - σ_i^2) / prod_{i != j} (d_j^2 - d_i^2), signed as z
  for (let j = 0; j < k; j++) st(wTmp, j, ld(row(vs, k, j), j));
  for (let i = 0; i < k; i++) {
    const di = ld(wDel, i);
    const dr = row(vs, k, i);
    for (let j = 0; j < i; j++) st(wTmp, j, ld(wTmp, j) * (ld(dr, j) / (ld(wDel, j) - di)));
    for (let j = i + 1; j < k; j++) st(wTmp, j, ld(wTmp, j) * (ld(dr, j) / (ld(wDel, j) - di)));
  }
  for (let j = 0; j < k; j++) st(wZs, j, copysign<f64>(Math.sqrt(Math.abs(ld(wTmp, j))), ld(wZs, j)));
  // the vectors
  for (let i = 0; i < k; i++) {
    const vr = row(vs, k, i);
    const ur = row(us, k, i);
    for (let j = 0; j < k; j++) st(vr, j, ld(wZs, j) / ld(vr, j));
    st(ur, 0, -1.0);
    for (let j = 1; j < k; j++) st(ur, j, ld(wDs, j) * ld(vr, j));
    const nv = 1.0 / nrm2(k, vr, 8);
    const nu = 1.0 / nrm2(k, ur, 8);
    for (let j = 0; j < k; j++) {
      st(vr, j, ld(vr, j) * nv);
      st(ur, j, ld(ur, j) * nu);
    }
  }
  return 0;
}

/**
 * The node's new rows for the k roots: wUN (k x N) = Us · (middle row, children's left rows),
 * wVN (k x M) = Vs · (children's right rows), each as two gemms over the halves where the rows
 * are nonzero (grouped left-only, mixed, right-only).
 */
function products(k: i32, r0: i32, NL: i32, NR: i32, sqre: i32): void {
  const N = NL + NR + 1;
  const M = N + sqre;
  const mid = r0 + NL;
  const ut = gUt;
  const vt = gVt;
  const ldu = gLdu;
  const ldv = gLdv;
  // group the non-deflated columns by type (iGrp: positions 0..k-1 in the secular order)
  let g1 = 0, g2 = 0, g3 = 0;
  for (let j = 0; j < k; j++) {
    const t = ldi(iTyp, ldi(iND, j));
    if (t == 1) g1++;
    else if (t == 2) g2++;
    else g3++;
  }
  let p1 = 0, p2 = g1, p3 = g1 + g2;
  for (let j = 0; j < k; j++) {
    const t = ldi(iTyp, ldi(iND, j));
    if (t == 1) sti(iGrp, p1++, j);
    else if (t == 2) sti(iGrp, p2++, j);
    else sti(iGrp, p3++, j);
  }
  // ---- right vectors: columns [r0, mid] (left, NL + 1 wide) and [mid + 1, r0 + M) (right, NR + sqre)
  const wl = NL + 1;
  const wr = M - wl;
  // permuted Vs: column q = secular column iGrp[q]
  permuteColumns(k, k, wVs, wTmp2, 0);
  // compressed rows: [groups 1, 2: left parts] then [groups 2, 3: right parts]
  const vcl = wVc;
  const vcr = wVc + ((<usize>(g1 + g2) * <usize>wl) << 3);
  for (let q = 0; q < g1 + g2; q++) {
    const r = ldi(iRow, ldi(iND, ldi(iGrp, q)));
    memory.copy(row(vcl, wl, q), row(vt, ldv, r) + (<usize>r0 << 3), <usize>wl << 3);
  }
  for (let q = g1; q < k; q++) {
    const r = ldi(iRow, ldi(iND, ldi(iGrp, q)));
    memory.copy(row(vcr, wr, q - g1), row(vt, ldv, r) + (<usize>(mid + 1) << 3), <usize>wr << 3);
  }
  dgemm(0, 0, k, wl, g1 + g2, 1.0, wVs, k, vcl, wl, 0.0, wVN, M, wGemm);
  dgemm(0, 0, k, wr, g2 + g3, 1.0, wVs + (<usize>g1 << 3), k, vcr, wr, 0.0, wVN + (<usize>wl << 3), M, wGemm);
  // ---- left vectors: column mid is the middle row's (secular entry 0); the children's rows
  // live in [r0, mid) (NL wide) and [mid + 1, r0 + N) (NR wide)
  for (let i = 0; i < k; i++) st(wTmp, i, ld(row(wUs, k, i), 0));
  // drop secular column 0 from the groups (it is the middle row, not a child row)
  let h1 = g1, h2 = g2;
  {
    let o = 0;
    for (let q = 0; q < k; q++) {
      const j = ldi(iGrp, q);
      if (j == 0) {
        if (q < g1) h1--;
        else h2--;
        continue;
      }
      sti(iGrp, o++, j);
    }
  }
  const h3 = g3;
  const ku = k - 1;
  permuteColumns(k, ku, wUs, wTmp2, 0);
  const ucl = wUc;
  const ucr = wUc + ((<usize>(h1 + h2) * <usize>NL) << 3);
  for (let q = 0; q < h1 + h2; q++) {
    const r = ldi(iRow, ldi(iND, ldi(iGrp, q)));
    memory.copy(row(ucl, NL, q), row(ut, ldu, r) + (<usize>r0 << 3), <usize>NL << 3);
  }
  for (let q = h1; q < ku; q++) {
    const r = ldi(iRow, ldi(iND, ldi(iGrp, q)));
    memory.copy(row(ucr, NR, q - h1), row(ut, ldu, r) + (<usize>(mid + 1) << 3), <usize>NR << 3);
  }
  dgemm(0, 0, k, NL, h1 + h2, 1.0, wUs, k, ucl, NL, 0.0, wUN, N, wGemm);
  dgemm(0, 0, k, NR, h2 + h3, 1.0, wUs + (<usize>h1 << 3), k, ucr, NR, 0.0, wUN + (<usize>(NL + 1) << 3), N, wGemm);
  for (let i = 0; i < k; i++) st(row(wUN, N, i), NL, ld(wTmp, i));
}

/** Rows of the k x ? matrix a (ld k): row i := (a[i][iGrp[q]] for q < cols), in place through tmp. */
function permuteColumns(k: i32, cols: i32, a: usize, tmp: usize, unused: i32): void {
  for (let i = 0; i < k; i++) {
    const r = row(a, k, i);
    for (let q = 0; q < cols; q++) st(tmp, q, ld(r, ldi(iGrp, q)));
    memory.copy(r, tmp, <usize>cols << 3);
  }
}
