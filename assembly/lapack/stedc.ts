// Divide and conquer for the symmetric tridiagonal eigenproblem (LAPACK dstedc with COMPZ = 'I',
// dlaed0..dlaed6; Cuppen's method with Gu and Eisenstat's eigenvectors).
//
// T is cut into blocks of at most SMLSIZ + 1 rows by rank-one tears (d[s-1] and d[s] lose
// |e[s-1]|), the blocks are solved by QL/QR (tridiag.ts steqr), and adjacent solutions are merged
// pairwise, level by level: a merge of Q1 D1 Q1ᵀ and Q2 D2 Q2ᵀ is an eigenproblem of
// diag(D1, D2) + rho z zᵀ, whose eigenvalues are the roots of the secular equation
// 1 + rho sum z_j^2 / (d_j - lambda) = 0 (laed4, with Li's rational interpolation), after
// deflation of tiny z_j and of close pairs d_i, d_j (laed2). The new eigenvectors are
// diag(Q1, Q2) times the secular problem's eigenvectors, formed from a z recomputed so that they
// are orthogonal to working precision (Gu and Eisenstat, laed3), and that product runs through
// dgemm on the nonzero blocks only: nearly all the O(n^3) work is gemm.
//
// Layout: eigenvectors are kept TRANSPOSED (row j of zt belongs to d[j]), so every copy, rotation
// and swap of an eigenvector is a contiguous row operation; the merge products are
// Qtᵀ-shaped gemms on row-major data. Indices are 0-based throughout.
//
// Iteration caps: laed4 allows 30 iterations per root (LAPACK MAXIT), laed6 40; a failure returns
// a non-zero status with [FAIL_LAED4, root, size of the merge, iterations] at info.

import { dgemm, dgemmWorkBytes } from "../blas/gemm";
import { nrm2 } from "./qr";
import {
  EPS, FAIL_LAED4, exponentOf, ld, ldi, lapy2, maxNormTridiag, rotateRows, scaleVec2, setIdentity,
  setInfo, st, steqr, sti, swapRows,
} from "./tridiag";

/** Largest block solved by QL/QR instead of being divided again (LAPACK's ilaenv 9 = 25). */
let SMLSIZ: i32 = 25;

/** Sets the leaf size (tests and benchmarks; 0 keeps it). Returns the value in use. */
export function stedcLeafSize(s: i32): i32 {
  if (s > 0) SMLSIZ = s;
  return SMLSIZ;
}

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/** Bytes of scratch stedc(n, ...) needs. */
export function stedcWorkBytes(n: i32): usize {
  const nn = <usize>n * <usize>n;
  return (<usize>(6 * n + 8) << 3) + ((2 * nn) << 3) + (<usize>(6 * n + 8) << 2) + dgemmWorkBytes(n, n, n) + 16 * 64;
}

// Scratch of the current stedc call (set once at its start).
let wZ: usize = 0; // n: the updating vector z
let wDlamda: usize = 0; // n: the poles of the secular equation
let wW: usize = 0; // n: z of the non-deflated part (then Gu-Eisenstat's recomputed z)
let wTmp: usize = 0; // n
let wSteqr: usize = 0; // 2n: rotations of the leaves' QL/QR
let wQ2: usize = 0; // n^2: the compressed eigenvectors of a merge
let wS: usize = 0; // n^2: the secular problem's eigenvectors (rows)
let wGemm: usize = 0;
let iIndxq: usize = 0; // n i32 each
let iIndx: usize = 0;
let iIndxc: usize = 0;
let iIndxp: usize = 0;
let iColtyp: usize = 0;
let iSizes: usize = 0;
let gInfo: usize = 0;

/**
 * Eigenvalues and eigenvectors of the symmetric tridiagonal (d[0:n], e[0:n-1]) by divide and
 * conquer (LAPACK dstedc, COMPZ = 'I'). On return d is ascending and row j of zt (n x n, ldz) is
 * the unit eigenvector of d[j]; e is destroyed. work: stedcWorkBytes(n) bytes. Returns 0 or a
 * failure status (info filled, see tridiag.ts).
 */
export function stedc(n: i32, d: usize, e: usize, zt: usize, ldz: i32, work: usize, info: usize): i32 {
  if (n <= 0) return 0;
  gInfo = info;
  let p = align64(work);
  wZ = p; p = align64(p + (<usize>n << 3));
  wDlamda = p; p = align64(p + (<usize>n << 3));
  wW = p; p = align64(p + (<usize>n << 3));
  wTmp = p; p = align64(p + (<usize>n << 3));
  wSteqr = p; p = align64(p + (<usize>(2 * n) << 3));
  wQ2 = p; p = align64(p + ((<usize>n * <usize>n) << 3));
  wS = p; p = align64(p + ((<usize>n * <usize>n) << 3));
  iIndxq = p; p = align64(p + (<usize>n << 2));
  iIndx = p; p = align64(p + (<usize>n << 2));
  iIndxc = p; p = align64(p + (<usize>n << 2));
  iIndxp = p; p = align64(p + (<usize>n << 2));
  iColtyp = p; p = align64(p + (<usize>(n + 4) << 2));
  iSizes = p; p = align64(p + (<usize>(n + 4) << 2));
  wGemm = p;

  if (n <= SMLSIZ) return steqr(n, d, e, zt, ldz, wSteqr, info);
  setIdentity(n, zt, ldz);
  if (maxNormTridiag(n, d, e) == 0.0) return 0;
  // Independent blocks where e is negligible (dstedc's split test), each solved on its own.
  let start = 0;
  while (start < n) {
    let finish = start;
    while (finish < n - 1) {
      const tiny = EPS * Math.sqrt(Math.abs(ld(d, finish))) * Math.sqrt(Math.abs(ld(d, finish + 1)));
      if (Math.abs(ld(e, finish)) > tiny) finish++;
      else break;
    }
    const m = finish - start + 1;
    if (m > 1) {
      const db = d + (<usize>start << 3);
      const eb = e + (<usize>start << 3);
      const zb = zt + ((<usize>start * <usize>ldz + <usize>start) << 3);
      let status = 0;
      if (m > SMLSIZ) {
        // scale the block to max-norm in [1/2, 1) (a power of two: exact)
        const k = -1 - exponentOf(maxNormTridiag(m, db, eb));
        scaleVec2(m, db, k);
        scaleVec2(m - 1, eb, k);
        status = laed0(m, db, eb, zb, ldz);
        scaleVec2(m, db, -k);
      } else {
        status = steqr(m, db, eb, zb, ldz, wSteqr, info);
      }
      if (status != 0) {
        // a QL/QR failure reports its eigenvalue's index within the whole matrix
        if (ldi(info, 0) != FAIL_LAED4) sti(info, 1, ldi(info, 1) + start);
        return status;
      }
    }
    start = finish + 1;
  }
  // selection sort of the eigenvalues, swapping eigenvector rows
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let pv = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      const v = ld(d, j);
      if (v < pv) {
        k = j;
        pv = v;
      }
    }
    if (k != i) {
      st(d, k, ld(d, i));
      st(d, i, pv);
      swapRows(n, zt + (<usize>i * <usize>ldz << 3), zt + (<usize>k * <usize>ldz << 3));
    }
  }
  return 0;
}

/**
 * dlaed0 (ICOMPQ = 2) on an unreduced block of size n (scaled to max-norm about 1): tear into
 * leaves, solve them by QL/QR, merge pairwise. zt: the block's n x n eigenvector rows (ldz),
 * identity outside the leaves on entry. Eigenvalues end up ascending with their rows.
 */
function laed0(n: i32, d: usize, e: usize, zt: usize, ldz: i32): i32 {
  // sizes of the leaves: halve every subproblem until the last (largest) is <= SMLSIZ
  sti(iSizes, 0, n);
  let subpbs = 1;
  while (ldi(iSizes, subpbs - 1) > SMLSIZ) {
    for (let j = subpbs - 1; j >= 0; j--) {
      const s = ldi(iSizes, j);
      sti(iSizes, 2 * j + 1, (s + 1) / 2);
      sti(iSizes, 2 * j, s / 2);
    }
    subpbs *= 2;
  }
  for (let j = 1; j < subpbs; j++) sti(iSizes, j, ldi(iSizes, j) + ldi(iSizes, j - 1));
  // iSizes[j] is now the end (exclusive) of leaf j. Tear at each leaf boundary.
  for (let i = 0; i < subpbs - 1; i++) {
    const s = ldi(iSizes, i);
    const a = Math.abs(ld(e, s - 1));
    st(d, s - 1, ld(d, s - 1) - a);
    st(d, s, ld(d, s) - a);
  }
  // leaves
  for (let i = 0; i < subpbs; i++) {
    const s = i == 0 ? 0 : ldi(iSizes, i - 1);
    const m = ldi(iSizes, i) - s;
    const status = steqr(m, d + (<usize>s << 3), e + (<usize>s << 3), zt + ((<usize>s * <usize>ldz + <usize>s) << 3), ldz, wSteqr, gInfo);
    if (status != 0) {
      sti(gInfo, 1, ldi(gInfo, 1) + s);
      return status;
    }
    for (let j = 0; j < m; j++) sti(iIndxq, s + j, j);
  }
  // merges, level by level
  while (subpbs > 1) {
    for (let i = 0; i + 1 < subpbs; i += 2) {
      const s = i == 0 ? 0 : ldi(iSizes, i - 1);
      const cut = ldi(iSizes, i) - s;
      const m = ldi(iSizes, i + 1) - s;
      const status = laed1(m, d + (<usize>s << 3), zt + ((<usize>s * <usize>ldz + <usize>s) << 3), ldz, iIndxq + (<usize>s << 2), ld(e, s + cut - 1), cut);
      if (status != 0) return status;
      sti(iSizes, i / 2, ldi(iSizes, i + 1));
    }
    subpbs /= 2;
  }
  // the merged eigenvalues are sorted through indxq: apply it to d and the rows
  for (let i = 0; i < n; i++) {
    const j = ldi(iIndxq, i);
    st(wTmp, i, ld(d, j));
    memory.copy(wQ2 + ((<usize>i * <usize>n) << 3), zt + ((<usize>j * <usize>ldz) << 3), <usize>n << 3);
  }
  memory.copy(d, wTmp, <usize>n << 3);
  for (let i = 0; i < n; i++) memory.copy(zt + ((<usize>i * <usize>ldz) << 3), wQ2 + ((<usize>i * <usize>n) << 3), <usize>n << 3);
  return 0;
}

/**
 * Permutation that merges two sorted runs of a into ascending order (LAPACK dlamrg): run 1 is
 * a[0:n1] (ascending when s1 = 1, descending when s1 = -1), run 2 is a[n1:n1+n2] (likewise s2).
 * index[i] (i32) is the position in a of the i-th smallest.
 */
function lamrg(n1: i32, n2: i32, a: usize, s1: i32, s2: i32, index: usize): void {
  let r1 = n1;
  let r2 = n2;
  let i1 = s1 > 0 ? 0 : n1 - 1;
  let i2 = s2 > 0 ? n1 : n1 + n2 - 1;
  let i = 0;
  while (r1 > 0 && r2 > 0) {
    if (ld(a, i1) <= ld(a, i2)) {
      sti(index, i++, i1);
      i1 += s1;
      r1--;
    } else {
      sti(index, i++, i2);
      i2 += s2;
      r2--;
    }
  }
  while (r2 > 0) {
    sti(index, i++, i2);
    i2 += s2;
    r2--;
  }
  while (r1 > 0) {
    sti(index, i++, i1);
    i1 += s1;
    r1--;
  }
}

/**
 * dlaed1: merges the eigensystems of the two halves (rows 0..cut-1 and cut..n-1 of the block,
 * each half's eigenvalues sorted through indxq) torn apart by rho (the off-diagonal at the cut).
 * On return d and the rows of zt hold the eigensystem of the whole block, sorted through indxq.
 */
function laed1(n: i32, d: usize, zt: usize, ldz: i32, indxq: usize, rho: f64, cut: i32): i32 {
  // z = (last component of each eigenvector of the top half; first of the bottom half)
  for (let j = 0; j < cut; j++) st(wZ, j, load<f64>(zt + ((<usize>j * <usize>ldz + <usize>(cut - 1)) << 3)));
  for (let j = cut; j < n; j++) st(wZ, j, load<f64>(zt + ((<usize>j * <usize>ldz + <usize>cut) << 3)));
  const k = laed2(n, cut, d, zt, ldz, indxq, rho);
  if (k > 0) {
    const status = laed3(k, n, cut, d, zt, ldz);
    if (status != 0) return status;
    lamrg(k, n - k, d, 1, -1, indxq);
  } else {
    for (let i = 0; i < n; i++) sti(indxq, i, i);
  }
  return 0;
}

/** The rho of the secular equation as laed2 left it (|2 rho|: z is normalised there). */
let gRho: f64 = 0;

/**
 * dlaed2: deflation. Normalises z, finds the entries of z that are negligible and the pairs of
 * nearly equal d whose z can be rotated into one (Givens on the two eigenvector rows), and
 * arranges the rest for laed3: the k non-deflated poles ascending in wDlamda with their z in wW;
 * the eigenvector rows compressed into wQ2 by type (1: top half only, 2: both, 3: bottom only,
 * 4: deflated); the deflated eigenvalues (descending) and rows moved to d[k:n], zt rows k..n-1.
 * Returns k; iColtyp[0..3] hold the counts of the four types.
 */
function laed2(n: i32, n1: i32, d: usize, zt: usize, ldz: i32, indxq: usize, rho: f64): i32 {
  const n2 = n - n1;
  const z = wZ;
  if (rho < 0.0) for (let i = n1; i < n; i++) st(z, i, -ld(z, i));
  // z is two unit vectors stacked: norm sqrt(2)
  const t0 = 1.0 / Math.SQRT2;
  for (let i = 0; i < n; i++) st(z, i, ld(z, i) * t0);
  rho = Math.abs(2.0 * rho);
  gRho = rho;
  for (let i = n1; i < n; i++) sti(indxq, i, ldi(indxq, i) + n1);
  // merge the two sorted halves
  for (let i = 0; i < n; i++) st(wDlamda, i, ld(d, ldi(indxq, i)));
  lamrg(n1, n2, wDlamda, 1, 1, iIndxc);
  for (let i = 0; i < n; i++) sti(iIndx, i, ldi(indxq, ldi(iIndxc, i)));
  // deflation tolerance
  let zmax = 0.0;
  let dmax = 0.0;
  for (let i = 0; i < n; i++) {
    zmax = Math.max(zmax, Math.abs(ld(z, i)));
    dmax = Math.max(dmax, Math.abs(ld(d, i)));
  }
  const tol = 8.0 * EPS * Math.max(dmax, zmax);
  const rowB = <usize>n << 3;
  if (rho * zmax <= tol) {
    // everything deflates: only reorder
    for (let j = 0; j < n; j++) {
      const i = ldi(iIndx, j);
      memory.copy(wQ2 + <usize>j * rowB, zt + ((<usize>i * <usize>ldz) << 3), rowB);
      st(wDlamda, j, ld(d, i));
    }
    for (let j = 0; j < n; j++) memory.copy(zt + ((<usize>j * <usize>ldz) << 3), wQ2 + <usize>j * rowB, rowB);
    memory.copy(d, wDlamda, <usize>n << 3);
    return 0;
  }
  for (let i = 0; i < n1; i++) sti(iColtyp, i, 1);
  for (let i = n1; i < n; i++) sti(iColtyp, i, 3);
  let k = 0;
  let k2 = n;
  let j = 0;
  let pj = -1;
  for (; j < n; j++) {
    const nj = ldi(iIndx, j);
    if (rho * Math.abs(ld(z, nj)) <= tol) {
      k2--;
      sti(iColtyp, nj, 4);
      sti(iIndxp, k2, nj);
    } else {
      pj = nj;
      break;
    }
  }
  // (pj >= 0 here: not every z_j is negligible, or the early return above was taken)
  while (true) {
    j++;
    if (j >= n) break;
    const nj = ldi(iIndx, j);
    if (rho * Math.abs(ld(z, nj)) <= tol) {
      k2--;
      sti(iColtyp, nj, 4);
      sti(iIndxp, k2, nj);
      continue;
    }
    // close poles: rotate z[pj] into z[nj]
    let s = ld(z, pj);
    let c = ld(z, nj);
    const tau = lapy2(c, s);
    const t = ld(d, nj) - ld(d, pj);
    c /= tau;
    s = -s / tau;
    if (Math.abs(t * c * s) <= tol) {
      st(z, nj, tau);
      st(z, pj, 0.0);
      if (ldi(iColtyp, nj) != ldi(iColtyp, pj)) sti(iColtyp, nj, 2);
      sti(iColtyp, pj, 4);
      // drot on the eigenvectors pj (x) and nj (y): x' = c x + s y, y' = c y - s x
      rotateRows(n, c, s, zt + ((<usize>pj * <usize>ldz) << 3), zt + ((<usize>nj * <usize>ldz) << 3));
      const dp = ld(d, pj);
      const dn = ld(d, nj);
      st(d, pj, dp * c * c + dn * s * s);
      st(d, nj, dp * s * s + dn * c * c);
      k2--;
      // insert pj into indxp[k2..n), kept in descending order of d
      let pos = k2;
      const dpj = ld(d, pj);
      while (pos + 1 < n && dpj < ld(d, ldi(iIndxp, pos + 1))) {
        sti(iIndxp, pos, ldi(iIndxp, pos + 1));
        pos++;
      }
      sti(iIndxp, pos, pj);
      pj = nj;
    } else {
      st(wDlamda, k, ld(d, pj));
      st(wW, k, ld(z, pj));
      sti(iIndxp, k, pj);
      k++;
      pj = nj;
    }
  }
  st(wDlamda, k, ld(d, pj));
  st(wW, k, ld(z, pj));
  sti(iIndxp, k, pj);
  k++;
  // group the columns by type: 1, 2, 3, 4
  let c1 = 0, c2 = 0, c3 = 0, c4 = 0;
  for (let i = 0; i < n; i++) {
    const ct = ldi(iColtyp, i);
    if (ct == 1) c1++;
    else if (ct == 2) c2++;
    else if (ct == 3) c3++;
    else c4++;
  }
  let p1 = 0, p2 = c1, p3 = c1 + c2, p4 = c1 + c2 + c3;
  k = n - c4;
  for (let jj = 0; jj < n; jj++) {
    const js = ldi(iIndxp, jj);
    const ct = ldi(iColtyp, js);
    let pos: i32;
    if (ct == 1) pos = p1++;
    else if (ct == 2) pos = p2++;
    else if (ct == 3) pos = p3++;
    else pos = p4++;
    sti(iIndx, pos, js);
    sti(iIndxc, pos, jj);
  }
  // compress the eigenvector rows into Q2: [types 1, 2: top parts (n1)] [types 2, 3: bottom parts
  // (n2)] [type 4: whole rows (n)]; z takes the eigenvalues in that order
  const n1B = <usize>n1 << 3;
  const n2B = <usize>n2 << 3;
  let q1 = wQ2;
  let q2 = wQ2 + <usize>(c1 + c2) * n1B;
  let i = 0;
  for (let t = 0; t < c1; t++) {
    const js = ldi(iIndx, i);
    memory.copy(q1, zt + ((<usize>js * <usize>ldz) << 3), n1B);
    st(z, i, ld(d, js));
    i++;
    q1 += n1B;
  }
  for (let t = 0; t < c2; t++) {
    const js = ldi(iIndx, i);
    const row = zt + ((<usize>js * <usize>ldz) << 3);
    memory.copy(q1, row, n1B);
    memory.copy(q2, row + n1B, n2B);
    st(z, i, ld(d, js));
    i++;
    q1 += n1B;
    q2 += n2B;
  }
  for (let t = 0; t < c3; t++) {
    const js = ldi(iIndx, i);
    memory.copy(q2, zt + ((<usize>js * <usize>ldz) << 3) + n1B, n2B);
    st(z, i, ld(d, js));
    i++;
    q2 += n2B;
  }
  const qDeflated = q2;
  for (let t = 0; t < c4; t++) {
    const js = ldi(iIndx, i);
    memory.copy(q2, zt + ((<usize>js * <usize>ldz) << 3), rowB);
    st(z, i, ld(d, js));
    i++;
    q2 += rowB;
  }
  // the deflated eigenpairs go to the end
  for (let t = 0; t < c4; t++) {
    memory.copy(zt + ((<usize>(k + t) * <usize>ldz) << 3), qDeflated + <usize>t * rowB, rowB);
    st(d, k + t, ld(z, k + t));
  }
  sti(iColtyp, 0, c1);
  sti(iColtyp, 1, c2);
  sti(iColtyp, 2, c3);
  sti(iColtyp, 3, c4);
  return k;
}

/**
 * dlaed3: the k roots of the secular equation (laed4) into d[0:k], the eigenvectors of the
 * secular problem by Gu and Eisenstat (z recomputed from the roots, so that the vectors are
 * orthogonal however close the roots), then zt rows 0..k-1 = S times the compressed Q2 blocks
 * through two gemms (top half: types 1 and 2; bottom half: types 2 and 3).
 */
function laed3(k: i32, n: i32, n1: i32, d: usize, zt: usize, ldz: i32): i32 {
  const rho = gRho;
  const s = wS; // k x k, row j: the eigenvector of root j (first delta = dlamda - root)
  for (let j = 0; j < k; j++) {
    if (laed4(k, j, wDlamda, wW, s + ((<usize>j * <usize>k) << 3), rho) != 0) {
      setInfo(gInfo, FAIL_LAED4, j, k, laed4Iterations);
      return 1;
    }
    st(d, j, gDlam);
  }
  if (k == 2) {
    // laed5 returned the normalised eigenvectors themselves (in pole order)
    for (let j = 0; j < 2; j++) {
      const row = s + ((<usize>j * 2) << 3);
      const a0 = ld(row, 0);
      const a1 = ld(row, 1);
      st(row, 0, ldi(iIndxc, 0) == 0 ? a0 : a1);
      st(row, 1, ldi(iIndxc, 1) == 0 ? a0 : a1);
    }
  } else if (k > 2) {
    gueisenstatZ(k, s);
    for (let j = 0; j < k; j++) secularVector(k, wW, s + ((<usize>j * <usize>k) << 3), wTmp);
  }
  // (k == 1: laed4 set s = [1])
  const n2 = n - n1;
  const c1 = ldi(iColtyp, 0);
  const c2 = ldi(iColtyp, 1);
  const c3 = ldi(iColtyp, 2);
  const n12 = c1 + c2;
  const n23 = c2 + c3;
  const ldzB = <usize>ldz << 3;
  // bottom half: zt[0:k, n1:n] = S[:, c1:c1+n23] Q2b (n23 x n2)
  if (n23 > 0) {
    dgemm(0, 0, k, n2, n23, 1.0, s + (<usize>c1 << 3), k, wQ2 + ((<usize>n12 * <usize>n1) << 3), n2, 0.0, zt + (<usize>n1 << 3), ldz, wGemm);
  } else {
    for (let j = 0; j < k; j++) memory.fill(zt + <usize>j * ldzB + (<usize>n1 << 3), 0, <usize>n2 << 3);
  }
  // top half: zt[0:k, 0:n1] = S[:, 0:n12] Q2a (n12 x n1)
  if (n12 > 0) {
    dgemm(0, 0, k, n1, n12, 1.0, s, k, wQ2, n1, 0.0, zt, ldz, wGemm);
  } else {
    for (let j = 0; j < k; j++) memory.fill(zt + <usize>j * ldzB, 0, <usize>n1 << 3);
  }
  return 0;
}

/**
 * Gu and Eisenstat's z: the vector for which the computed roots are the exact eigenvalues of
 * diag(dlamda) + rho z zᵀ: z_i^2 = -prod_j (dlamda_i - lambda_j) / prod_{j != i} (dlamda_i -
 * dlamda_j), as LAPACK dlaed3 forms it from the deltas (row j of s: dlamda - lambda_j), signed
 * like the old z. Overwrites wW.
 */
function gueisenstatZ(k: i32, s: usize): void {
  for (let i = 0; i < k; i++) st(wTmp, i, ld(s + ((<usize>i * <usize>k) << 3), i));
  for (let j = 0; j < k; j++) gueisenstatRow(k, j, s + ((<usize>j * <usize>k) << 3), wDlamda, wTmp);
  for (let i = 0; i < k; i++) {
    const v = ld(wTmp, i);
    st(wTmp, i, copysign<f64>(Math.sqrt(-v), ld(wW, i)));
  }
  memory.copy(wW, wTmp, <usize>k << 3);
}

/** w[i] *= delta_j[i] / (dlamda[i] - dlamda[j]) for i != j (one root's factors). */
function gueisenstatRow(k: i32, j: i32, delta: usize, dl: usize, w: usize): void {
  const dj = ld(dl, j);
  for (let i = 0; i < j; i++) st(w, i, ld(w, i) * (ld(delta, i) / (ld(dl, i) - dj)));
  for (let i = j + 1; i < k; i++) st(w, i, ld(w, i) * (ld(delta, i) / (ld(dl, i) - dj)));
}

/**
 * The eigenvector of one root: v_i = z_i / delta_i, normalised, then permuted into the grouped
 * order of laed2 (row[i] = v[indxc[i]]). row: the deltas in, the vector out; tmp: k doubles.
 */
function secularVector(k: i32, z: usize, row: usize, tmp: usize): void {
  for (let i = 0; i < k; i++) st(tmp, i, ld(z, i) / ld(row, i));
  const nrm = nrm2(k, tmp, 8);
  const inv = 1.0 / nrm;
  for (let i = 0; i < k; i++) st(row, i, ld(tmp, ldi(iIndxc, i)) * inv);
}

// ---- the secular equation ------------------------------------------------------------------

/** The root laed4 found. */
let gDlam: f64 = 0;
let laed4Iterations: i32 = 0;

/** The root and the iteration count of the last laed4 call (the bidiagonal divide and conquer, bdsdc.ts, shares laed4). */
export function laed4Root(): f64 {
  return gDlam;
}
export function laed4LastIterations(): i32 {
  return laed4Iterations;
}
let LAED4_MAXIT: i32 = 30;

/** Sets the secular equation's iteration cap (tests of the failure path; <= 0 keeps). Returns the value in use. */
export function secularIterationCap(k: i32): i32 {
  if (k > 0) LAED4_MAXIT = k;
  return LAED4_MAXIT;
}

/**
 * dlaed4: the i-th root (0-based) of 1 + rho sum_j z_j^2 / (d_j - lambda) = 0 for ascending d,
 * rho > 0 and ||z|| = 1 (Ren-Cang Li's method: rational interpolation of the two parts of the
 * secular function, with three poles (laed6) when the root is close to a third pole). delta[j]
 * gets d_j - lambda (for n = 2 the eigenvector, as laed5; for n = 1, 1). Sets gDlam. Returns 0,
 * or 1 when the iteration did not converge in 30 steps.
 */
export function laed4(n: i32, i: i32, d: usize, z: usize, delta: usize, rho: f64): i32 {
  laed4Iterations = 0;
  if (n == 1) {
    gDlam = ld(d, 0) + rho * ld(z, 0) * ld(z, 0);
    st(delta, 0, 1.0);
    return 0;
  }
  if (n == 2) {
    laed5(i, d, z, delta, rho);
    return 0;
  }
  const rhoinv = 1.0 / rho;
  if (i == n - 1) return laed4Last(n, d, z, delta, rho, rhoinv);
  return laed4Inner(n, i, d, z, delta, rho, rhoinv);
}

/** delta[j] = (d[j] - origin) - tau for all j. */
function setDelta(n: i32, d: usize, origin: f64, tau: f64, delta: usize): void {
  for (let j = 0; j < n; j++) st(delta, j, ld(d, j) - origin - tau);
}

/** delta[j] -= eta for all j. */
function shiftDelta(n: i32, eta: f64, delta: usize): void {
  const v = f64x2.splat(eta);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(delta + o, f64x2.sub(v128.load(delta + o), v));
  }
  if (j < n) st(delta, j, ld(delta, j) - eta);
}

// psi = sum z_j^2 / delta_j over a range, its derivative, and LAPACK's error-bound accumulation
// (erretm += the running sum after each term), left in these globals by sumPsi / sumPhi.
let gSum: f64 = 0;
let gDsum: f64 = 0;
let gErr: f64 = 0;

/** j = 0..last (inclusive), ascending. */
function sumPsi(last: i32, z: usize, delta: usize): void {
  let psi = 0.0;
  let dpsi = 0.0;
  let err = 0.0;
  for (let j = 0; j <= last; j++) {
    const t = ld(z, j) / ld(delta, j);
    psi += ld(z, j) * t;
    dpsi += t * t;
    err += psi;
  }
  gSum = psi;
  gDsum = dpsi;
  gErr = err;
}

/** j = n-1 down to first (inclusive). */
function sumPhi(n: i32, first: i32, z: usize, delta: usize): void {
  let phi = 0.0;
  let dphi = 0.0;
  let err = 0.0;
  for (let j = n - 1; j >= first; j--) {
    const t = ld(z, j) / ld(delta, j);
    phi += ld(z, j) * t;
    dphi += t * t;
    err += phi;
  }
  gSum = phi;
  gDsum = dphi;
  gErr = err;
}

/** laed4 for the largest root (i = n - 1). */
function laed4Last(n: i32, d: usize, z: usize, delta: usize, rho: f64, rhoinv: f64): i32 {
  const i = n - 1;
  const di = ld(d, i);
  const zl = ld(z, n - 1);
  const zl1 = ld(z, n - 2);
  const midpt = rho / 2.0;
  setDelta(n, d, di, midpt, delta);
  let psi = 0.0;
  for (let j = 0; j < n - 2; j++) psi += ld(z, j) * ld(z, j) / ld(delta, j);
  let c = rhoinv + psi;
  let w = c + zl1 * zl1 / ld(delta, n - 2) + zl * zl / ld(delta, n - 1);
  let tau: f64;
  let dltlb: f64, dltub: f64;
  const del = ld(d, n - 1) - ld(d, n - 2);
  if (w <= 0.0) {
    const temp = zl1 * zl1 / (del + rho) + zl * zl / rho;
    if (c <= temp) {
      tau = rho;
    } else {
      const a = -c * del + zl1 * zl1 + zl * zl;
      const b = zl * zl * del;
      if (a < 0.0) tau = 2.0 * b / (Math.sqrt(a * a + 4.0 * b * c) - a);
      else tau = (a + Math.sqrt(a * a + 4.0 * b * c)) / (2.0 * c);
    }
    // D(N)+RHO/2 <= LAMBDA(N) < D(N)+TAU <= D(N)+RHO
    dltlb = midpt;
    dltub = rho;
  } else {
    const a = -c * del + zl1 * zl1 + zl * zl;
    const b = zl * zl * del;
    if (a < 0.0) tau = 2.0 * b / (Math.sqrt(a * a + 4.0 * b * c) - a);
    else tau = (a + Math.sqrt(a * a + 4.0 * b * c)) / (2.0 * c);
    // D(N) < D(N)+TAU < LAMBDA(N) < D(N)+RHO/2
    dltlb = 0.0;
    dltub = midpt;
  }
  setDelta(n, d, di, tau, delta);
  for (let niter = 1; niter <= LAED4_MAXIT; niter++) {
    laed4Iterations = niter;
    sumPsi(n - 2, z, delta);
    psi = gSum;
    const dpsi = gDsum;
    let erretm = Math.abs(gErr);
    const temp = zl / ld(delta, n - 1);
    const phi = zl * temp;
    const dphi = temp * temp;
    erretm = 8.0 * (-phi - psi) + erretm - phi + rhoinv + Math.abs(tau) * (dpsi + dphi);
    w = rhoinv + phi + psi;
    if (Math.abs(w) <= EPS * erretm) {
      gDlam = di + tau;
      return 0;
    }
    if (niter == LAED4_MAXIT) break;
    if (w <= 0.0) dltlb = Math.max(dltlb, tau);
    else dltub = Math.min(dltub, tau);
    // the new step: interpolate psi by a rational function with the pole d[n-2], phi exactly
    const dn1 = ld(delta, n - 2);
    const dn = ld(delta, n - 1);
    c = w - dn1 * dpsi - dn * dphi;
    const a = (dn1 + dn) * w - dn1 * dn * (dpsi + dphi);
    const b = dn1 * dn * w;
    let eta: f64;
    if (niter == 1 && c < 0.0) c = Math.abs(c);
    if (niter == 1 && c == 0.0) eta = dltub - tau;
    else if (a >= 0.0) eta = (a + Math.sqrt(Math.abs(a * a - 4.0 * b * c))) / (2.0 * c);
    else eta = 2.0 * b / (a - Math.sqrt(Math.abs(a * a - 4.0 * b * c)));
    // eta must move against the sign of w; otherwise take a Newton step
    if (w * eta > 0.0) eta = -w / (dpsi + dphi);
    const tnew = tau + eta;
    if (!(tnew <= dltub && tnew >= dltlb)) {
      // outside the bracket (or not a number): bisect
      eta = w < 0.0 ? (dltub - tau) / 2.0 : (dltlb - tau) / 2.0;
    }
    shiftDelta(n, eta, delta);
    tau += eta;
  }
  gDlam = di + tau;
  return 1;
}

/** laed4 for the roots strictly inside (d[i], d[i+1]). */
function laed4Inner(n: i32, i: i32, d: usize, z: usize, delta: usize, rho: f64, rhoinv: f64): i32 {
  const ip1 = i + 1;
  const di = ld(d, i);
  const dip1 = ld(d, ip1);
  const zi = ld(z, i);
  const zip1 = ld(z, ip1);
  const del = dip1 - di;
  const midpt = del / 2.0;
  setDelta(n, d, di, midpt, delta);
  let psi = 0.0;
  for (let j = 0; j < i; j++) psi += ld(z, j) * ld(z, j) / ld(delta, j);
  let phi = 0.0;
  for (let j = n - 1; j >= i + 2; j--) phi += ld(z, j) * ld(z, j) / ld(delta, j);
  let c = rhoinv + psi + phi;
  let w = c + zi * zi / ld(delta, i) + zip1 * zip1 / ld(delta, ip1);
  let orgati: bool;
  let tau: f64;
  let dltlb: f64, dltub: f64;
  if (w > 0.0) {
    // d(i) < the root < (d(i) + d(i+1)) / 2: d(i) is the origin
    orgati = true;
    const a = c * del + zi * zi + zip1 * zip1;
    const b = zi * zi * del;
    if (a > 0.0) tau = 2.0 * b / (a + Math.sqrt(Math.abs(a * a - 4.0 * b * c)));
    else tau = (a - Math.sqrt(Math.abs(a * a - 4.0 * b * c))) / (2.0 * c);
    dltlb = 0.0;
    dltub = midpt;
  } else {
    // (d(i) + d(i+1)) / 2 <= the root < d(i+1): d(i+1) is the origin
    orgati = false;
    const a = c * del - zi * zi - zip1 * zip1;
    const b = zip1 * zip1 * del;
    if (a < 0.0) tau = 2.0 * b / (a - Math.sqrt(Math.abs(a * a + 4.0 * b * c)));
    else tau = -(a + Math.sqrt(Math.abs(a * a + 4.0 * b * c))) / (2.0 * c);
    dltlb = -midpt;
    dltub = 0.0;
  }
  const origin = orgati ? di : dip1;
  setDelta(n, d, origin, tau, delta);
  const ii = orgati ? i : ip1;
  const iim1 = ii - 1;
  const iip1 = ii + 1;
  const zii = ld(z, ii);
  // first evaluation
  sumPsi(iim1, z, delta);
  psi = gSum;
  let dpsi = gDsum;
  let erretm = Math.abs(gErr);
  sumPhi(n, iip1, z, delta);
  phi = gSum;
  let dphi = gDsum;
  erretm += gErr;
  w = rhoinv + phi + psi;
  // W is the secular function without its ii-th term: three poles when the root is near d(ii)'s neighbour
  let swtch3 = orgati ? w < 0.0 : w > 0.0;
  if (ii == 0 || ii == n - 1) swtch3 = false;
  let temp = zii / ld(delta, ii);
  let dw = dpsi + dphi + temp * temp;
  temp = zii * temp;
  w += temp;
  erretm = 8.0 * (phi - psi) + erretm + 2.0 * rhoinv + 3.0 * Math.abs(temp) + Math.abs(tau) * dw;
  let swtch = false;
  let prew = w;
  for (let niter = 1; niter <= LAED4_MAXIT; niter++) {
    laed4Iterations = niter;
    if (Math.abs(w) <= EPS * erretm) {
      gDlam = origin + tau;
      return 0;
    }
    if (niter == LAED4_MAXIT) break;
    if (w <= 0.0) dltlb = Math.max(dltlb, tau);
    else dltub = Math.min(dltub, tau);
    const dli = ld(delta, i);
    const dlip1 = ld(delta, ip1);
    let eta: f64;
    if (!swtch3) {
      if (!swtch) {
        if (orgati) c = w - dlip1 * dw - (di - dip1) * (zi / dli) * (zi / dli);
        else c = w - dli * dw - (dip1 - di) * (zip1 / dlip1) * (zip1 / dlip1);
      } else {
        const t = zii / ld(delta, ii);
        if (orgati) dpsi += t * t;
        else dphi += t * t;
        c = w - dli * dpsi - dlip1 * dphi;
      }
      let a = (dli + dlip1) * w - dli * dlip1 * dw;
      const b = dli * dlip1 * w;
      if (c == 0.0) {
        if (a == 0.0) {
          if (!swtch) {
            if (orgati) a = zi * zi + dlip1 * dlip1 * (dpsi + dphi);
            else a = zip1 * zip1 + dli * dli * (dpsi + dphi);
          } else {
            a = dli * dli * dpsi + dlip1 * dlip1 * dphi;
          }
        }
        eta = b / a;
      } else if (a <= 0.0) {
        eta = (a - Math.sqrt(Math.abs(a * a - 4.0 * b * c))) / (2.0 * c);
      } else {
        eta = 2.0 * b / (a + Math.sqrt(Math.abs(a * a - 4.0 * b * c)));
      }
    } else {
      // interpolation with the three most relevant poles
      const t0 = rhoinv + psi + phi;
      const dm1 = ld(delta, iim1);
      const dp1 = ld(delta, iip1);
      let zz0: f64, zz2: f64;
      if (swtch) {
        c = t0 - dm1 * dpsi - dp1 * dphi;
        zz0 = dm1 * dm1 * dpsi;
        zz2 = dp1 * dp1 * dphi;
      } else if (orgati) {
        let t1 = ld(z, iim1) / dm1;
        t1 *= t1;
        c = t0 - dp1 * (dpsi + dphi) - (ld(d, iim1) - ld(d, iip1)) * t1;
        zz0 = ld(z, iim1) * ld(z, iim1);
        zz2 = dp1 * dp1 * ((dpsi - t1) + dphi);
      } else {
        let t1 = ld(z, iip1) / dp1;
        t1 *= t1;
        c = t0 - dm1 * (dpsi + dphi) - (ld(d, iip1) - ld(d, iim1)) * t1;
        zz0 = dm1 * dm1 * (dpsi + (dphi - t1));
        zz2 = ld(z, iip1) * ld(z, iip1);
      }
      if (laed6(niter + 1, orgati, c, dm1, ld(delta, ii), dp1, zz0, zii * zii, zz2, w) != 0) break;
      eta = gTau6;
    }
    // eta must move against the sign of w; otherwise take a Newton step
    if (w * eta >= 0.0) eta = -w / dw;
    const tnew = tau + eta;
    if (!(tnew <= dltub && tnew >= dltlb)) {
      eta = w < 0.0 ? (dltub - tau) / 2.0 : (dltlb - tau) / 2.0;
    }
    prew = w;
    shiftDelta(n, eta, delta);
    tau += eta;
    sumPsi(iim1, z, delta);
    psi = gSum;
    dpsi = gDsum;
    erretm = Math.abs(gErr);
    sumPhi(n, iip1, z, delta);
    phi = gSum;
    dphi = gDsum;
    erretm += gErr;
    temp = zii / ld(delta, ii);
    dw = dpsi + dphi + temp * temp;
    temp = zii * temp;
    w = rhoinv + phi + psi + temp;
    erretm = 8.0 * (phi - psi) + erretm + 2.0 * rhoinv + 3.0 * Math.abs(temp) + Math.abs(tau) * dw;
    if (niter == 1) {
      // after the first step: switch to the other interpolation when w did not shrink enough
      swtch = orgati ? -w > Math.abs(prew) / 10.0 : w > Math.abs(prew) / 10.0;
    } else if (w * prew > 0.0 && Math.abs(w) > Math.abs(prew) / 10.0) {
      swtch = !swtch;
    }
  }
  gDlam = origin + tau;
  return 1;
}

/**
 * dlaed5: the i-th (0 or 1) eigenvalue of diag(d) + rho z zᵀ for n = 2, and its normalised
 * eigenvector into delta.
 */
function laed5(i: i32, d: usize, z: usize, delta: usize, rho: f64): void {
  const d0 = ld(d, 0);
  const d1 = ld(d, 1);
  const z0 = ld(z, 0);
  const z1 = ld(z, 1);
  const del = d1 - d0;
  let tau: f64;
  if (i == 0) {
    const w = 1.0 + 2.0 * rho * (z1 * z1 - z0 * z0) / del;
    if (w > 0.0) {
      const b = del + rho * (z0 * z0 + z1 * z1);
      const c = rho * z0 * z0 * del;
      tau = 2.0 * c / (b + Math.sqrt(Math.abs(b * b - 4.0 * c)));
      gDlam = d0 + tau;
      st(delta, 0, -z0 / tau);
      st(delta, 1, z1 / (del - tau));
    } else {
      const b = -del + rho * (z0 * z0 + z1 * z1);
      const c = rho * z1 * z1 * del;
      if (b > 0.0) tau = -2.0 * c / (b + Math.sqrt(b * b + 4.0 * c));
      else tau = (b - Math.sqrt(b * b + 4.0 * c)) / 2.0;
      gDlam = d1 + tau;
      st(delta, 0, -z0 / (del + tau));
      st(delta, 1, -z1 / tau);
    }
  } else {
    const b = -del + rho * (z0 * z0 + z1 * z1);
    const c = rho * z1 * z1 * del;
    if (b > 0.0) tau = (b + Math.sqrt(b * b + 4.0 * c)) / 2.0;
    else tau = 2.0 * c / (-b + Math.sqrt(b * b + 4.0 * c));
    gDlam = d1 + tau;
    st(delta, 0, -z0 / (del + tau));
    st(delta, 1, -z1 / tau);
  }
  const t = Math.sqrt(ld(delta, 0) * ld(delta, 0) + ld(delta, 1) * ld(delta, 1));
  st(delta, 0, ld(delta, 0) / t);
  st(delta, 1, ld(delta, 1) / t);
}

/** The step laed6 found. */
let gTau6: f64 = 0;
const LAED6_MAXIT: i32 = 40;
const SMALL1: f64 = 4.4754830139380656e-103; // 2^-340: LAPACK's base^(int(log(safmin) / log(base) / 3))
const SMINV1: f64 = 2.2343907550596433e+102; // 2^340
const SMALL2: f64 = SMALL1 * SMALL1;
const SMINV2: f64 = SMINV1 * SMINV1;

/**
 * dlaed6: the root nearest the origin, between the poles (d1, d2) (orgati) or (d0, d1), of
 * f(x) = rho + z0/(d0 - x) + z1/(d1 - x) + z2/(d2 - x), where finit = f(0), by Gragg, Thornton
 * and Warner's cubically convergent scheme (at most 40 steps). Sets gTau6; returns 0 or 1.
 */
function laed6(kniter: i32, orgati: bool, rho: f64, d0: f64, d1: f64, d2: f64, z0: f64, z1: f64, z2: f64, finit: f64): i32 {
  let lbd: f64, ubd: f64;
  if (orgati) {
    lbd = d1;
    ubd = d2;
  } else {
    lbd = d0;
    ubd = d1;
  }
  if (finit < 0.0) lbd = 0.0;
  else ubd = 0.0;
  let tau = 0.0;
  if (kniter == 2) {
    let a: f64, b: f64, c: f64;
    if (orgati) {
      const t = (d2 - d1) / 2.0;
      c = rho + z0 / ((d0 - d1) - t);
      a = c * (d1 + d2) + z1 + z2;
      b = c * d1 * d2 + z1 * d2 + z2 * d1;
    } else {
      const t = (d0 - d1) / 2.0;
      c = rho + z2 / ((d2 - d1) - t);
      a = c * (d0 + d1) + z0 + z1;
      b = c * d0 * d1 + z0 * d1 + z1 * d0;
    }
    const t = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    a /= t;
    b /= t;
    c /= t;
    if (c == 0.0) tau = b / a;
    else if (a <= 0.0) tau = (a - Math.sqrt(Math.abs(a * a - 4.0 * b * c))) / (2.0 * c);
    else tau = 2.0 * b / (a + Math.sqrt(Math.abs(a * a - 4.0 * b * c)));
    if (tau < lbd || tau > ubd) tau = (lbd + ubd) / 2.0;
    if (d0 == tau || d1 == tau || d2 == tau) {
      tau = 0.0;
    } else {
      const temp = finit + tau * z0 / (d0 * (d0 - tau)) + tau * z1 / (d1 * (d1 - tau)) + tau * z2 / (d2 * (d2 - tau));
      if (temp <= 0.0) lbd = tau;
      else ubd = tau;
      if (Math.abs(finit) <= Math.abs(temp)) tau = 0.0;
    }
  }
  // scale up when the poles are so close to tau that 1/temp^3 could overflow
  const near = orgati ? Math.min(Math.abs(d1 - tau), Math.abs(d2 - tau)) : Math.min(Math.abs(d0 - tau), Math.abs(d1 - tau));
  let scaled = false;
  let sclinv = 1.0;
  let ds0 = d0, ds1 = d1, ds2 = d2, zs0 = z0, zs1 = z1, zs2 = z2;
  if (near <= SMALL1) {
    scaled = true;
    let sclfac: f64;
    if (near <= SMALL2) {
      sclfac = SMINV2;
      sclinv = SMALL2;
    } else {
      sclfac = SMINV1;
      sclinv = SMALL1;
    }
    ds0 *= sclfac; ds1 *= sclfac; ds2 *= sclfac;
    zs0 *= sclfac; zs1 *= sclfac; zs2 *= sclfac;
    tau *= sclfac;
    lbd *= sclfac;
    ubd *= sclfac;
  }
  let fc = 0.0, df = 0.0, ddf = 0.0;
  {
    let t = 1.0 / (ds0 - tau); let t1 = zs0 * t; let t2 = t1 * t;
    fc += t1 / ds0; df += t2; ddf += t2 * t;
    t = 1.0 / (ds1 - tau); t1 = zs1 * t; t2 = t1 * t;
    fc += t1 / ds1; df += t2; ddf += t2 * t;
    t = 1.0 / (ds2 - tau); t1 = zs2 * t; t2 = t1 * t;
    fc += t1 / ds2; df += t2; ddf += t2 * t;
  }
  let f = finit + tau * fc;
  if (Math.abs(f) <= 0.0) {
    gTau6 = scaled ? tau * sclinv : tau;
    return 0;
  }
  if (f <= 0.0) lbd = tau;
  else ubd = tau;
  for (let niter = 2; niter <= LAED6_MAXIT; niter++) {
    let t1: f64, t2: f64;
    if (orgati) {
      t1 = ds1 - tau;
      t2 = ds2 - tau;
    } else {
      t1 = ds0 - tau;
      t2 = ds1 - tau;
    }
    let a = (t1 + t2) * f - t1 * t2 * df;
    let b = t1 * t2 * f;
    let c = f - (t1 + t2) * df + t1 * t2 * ddf;
    const t = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    a /= t;
    b /= t;
    c /= t;
    let eta: f64;
    if (c == 0.0) eta = b / a;
    else if (a <= 0.0) eta = (a - Math.sqrt(Math.abs(a * a - 4.0 * b * c))) / (2.0 * c);
    else eta = 2.0 * b / (a + Math.sqrt(Math.abs(a * a - 4.0 * b * c)));
    if (f * eta >= 0.0) eta = -f / df;
    tau += eta;
    if (!(tau >= lbd && tau <= ubd)) tau = (lbd + ubd) / 2.0;
    fc = 0.0;
    let erretm = 0.0;
    df = 0.0;
    ddf = 0.0;
    {
      let r = 1.0 / (ds0 - tau); let r1 = zs0 * r; let r2 = r1 * r; let r4 = r1 / ds0;
      fc += r4; erretm += Math.abs(r4); df += r2; ddf += r2 * r;
      r = 1.0 / (ds1 - tau); r1 = zs1 * r; r2 = r1 * r; r4 = r1 / ds1;
      fc += r4; erretm += Math.abs(r4); df += r2; ddf += r2 * r;
      r = 1.0 / (ds2 - tau); r1 = zs2 * r; r2 = r1 * r; r4 = r1 / ds2;
      fc += r4; erretm += Math.abs(r4); df += r2; ddf += r2 * r;
    }
    f = finit + tau * fc;
    erretm = 8.0 * (Math.abs(finit) + Math.abs(tau) * erretm) + Math.abs(tau) * df;
    if (Math.abs(f) <= EPS * erretm) {
      gTau6 = scaled ? tau * sclinv : tau;
      return 0;
    }
    if (f <= 0.0) lbd = tau;
    else ubd = tau;
  }
  gTau6 = scaled ? tau * sclinv : tau;
  return 1;
}
