// Balancing of a general matrix and its undoing on eigenvectors (LAPACK dgebal 'B', dgebak 'B' 'R'),
// column-major, 1-based.
//
// dgebal first permutes rows and columns to isolate eigenvalues: a row whose off-diagonal entries
// (within the active block) are zero is moved to the bottom, a column whose off-diagonal entries
// are zero to the left; A becomes [T1 X Y; 0 B Z; 0 0 T2] with T1, T2 upper triangular, and only
// B = A(ilo:ihi, ilo:ihi) is left to the QR algorithm. It then scales B by a diagonal matrix of
// powers of two (exact) so that each row and its column have 2-norms of similar size (LAPACK 3.5+
// uses 2-norms), which makes the eigenvalues of a badly scaled matrix accurate relative to the
// norm of the balanced matrix instead of the original one.

import { nrm2 } from "../qr";
import { at, gt, swap, SAFMIN, ULP, vg, vs } from "./aux";

const SCLFAC: f64 = 2.0;
const FACTOR: f64 = 0.95;

/**
 * Balances the column-major n x n matrix A in place. scale(1:n) receives the permutation indices
 * (outside ilo..ihi, as 1-based row numbers stored as doubles) and the scale factors (inside);
 * ilo and ihi are written as two i32 at iloihi.
 */
export function gebal(n: i32, a: usize, lda: i32, scale: usize, iloihi: usize): void {
  let k = 1;
  let l = n;
  if (n == 0) {
    store<i32>(iloihi, 1);
    store<i32>(iloihi, 0, 4);
    return;
  }
  const ldaB = <usize>lda << 3;

  // Search for rows isolating an eigenvalue and push them down.
  let done = false;
  while (!done) {
    let found = false;
    for (let j = l; j >= 1; j--) {
      let zero = true;
      for (let i = 1; i <= l; i++) {
        if (i != j && gt(a, lda, j, i) != 0.0) {
          zero = false;
          break;
        }
      }
      if (!zero) continue;
      // row j has zero off-diagonal entries in columns 1..l: exchange j and l
      vs(scale, l, <f64>j);
      if (j != l) {
        swap(l, at(a, lda, 1, j), 8, at(a, lda, 1, l), 8);
        swap(n - k + 1, at(a, lda, j, k), ldaB, at(a, lda, l, k), ldaB);
      }
      if (l == 1) {
        store<i32>(iloihi, k);
        store<i32>(iloihi, l, 4);
        return;
      }
      l--;
      found = true;
      break;
    }
    if (!found) done = true;
  }

  // Search for columns isolating an eigenvalue and push them left.
  done = false;
  while (!done) {
    let found = false;
    for (let j = k; j <= l; j++) {
      let zero = true;
      for (let i = k; i <= l; i++) {
        if (i != j && gt(a, lda, i, j) != 0.0) {
          zero = false;
          break;
        }
      }
      if (!zero) continue;
      vs(scale, k, <f64>j);
      if (j != k) {
        swap(l, at(a, lda, 1, j), 8, at(a, lda, 1, k), 8);
        swap(n - k + 1, at(a, lda, j, k), ldaB, at(a, lda, k, k), ldaB);
      }
      k++;
      found = true;
      break;
    }
    if (!found) done = true;
  }

  for (let i = k; i <= l; i++) vs(scale, i, 1.0);

  // Iterative scaling of the block k..l for norm reduction.
  const sfmin1 = SAFMIN / ULP;
  const sfmax1 = 1.0 / sfmin1;
  const sfmin2 = sfmin1 * SCLFAC;
  const sfmax2 = 1.0 / sfmin2;
  let noconv = true;
  while (noconv) {
    noconv = false;
    for (let i = k; i <= l; i++) {
      let c = nrm2(l - k + 1, at(a, lda, k, i), 8);
      let r = nrm2(l - k + 1, at(a, lda, i, k), ldaB);
      let ca = 0.0;
      for (let t = 1; t <= l; t++) ca = Math.max(ca, Math.abs(gt(a, lda, t, i)));
      let ra = 0.0;
      for (let t = k; t <= n; t++) ra = Math.max(ra, Math.abs(gt(a, lda, i, t)));
      // guard against zero c or r due to underflow
      if (c == 0.0 || r == 0.0) continue;
      let g = r / SCLFAC;
      let f = 1.0;
      const s = c + r;
      while (c < g && Math.max(f, Math.max(c, ca)) < sfmax2 && Math.min(r, Math.min(g, ra)) > sfmin2) {
        f *= SCLFAC;
        c *= SCLFAC;
        ca *= SCLFAC;
        r /= SCLFAC;
        g /= SCLFAC;
        ra /= SCLFAC;
      }
      g = c / SCLFAC;
      while (g >= r && Math.max(r, ra) < sfmax2 && Math.min(Math.min(f, c), Math.min(g, ca)) > sfmin2) {
        f /= SCLFAC;
        c /= SCLFAC;
        g /= SCLFAC;
        ca /= SCLFAC;
        r *= SCLFAC;
        ra *= SCLFAC;
      }
      // now balance
      if (c + r >= FACTOR * s) continue;
      const si = vg(scale, i);
      if (f < 1.0 && si < 1.0) {
        if (f * si <= sfmin1) continue;
      }
      if (f > 1.0 && si > 1.0) {
        if (si >= sfmax1 / f) continue;
      }
      g = 1.0 / f;
      vs(scale, i, si * f);
      noconv = true;
      // row i times g (columns k..n), column i times f (rows 1..l)
      let p = at(a, lda, i, k);
      for (let t = k; t <= n; t++) {
        store<f64>(p, load<f64>(p) * g);
        p += ldaB;
      }
      p = at(a, lda, 1, i);
      for (let t = 1; t <= l; t++) {
        store<f64>(p, load<f64>(p) * f);
        p += 8;
      }
    }
  }
  store<i32>(iloihi, k);
  store<i32>(iloihi, l, 4);
}

/**
 * Undoes gebal on the right eigenvectors V (n x m, column-major; LAPACK dgebak 'B' 'R'):
 * scales rows ilo..ihi by scale(i), then undoes the permutations in reverse order.
 */
export function gebak(n: i32, ilo: i32, ihi: i32, scale: usize, m: i32, v: usize, ldv: i32): void {
  if (n == 0 || m == 0) return;
  const ldvB = <usize>ldv << 3;
  if (ilo != ihi) {
    for (let i = ilo; i <= ihi; i++) {
      const s = vg(scale, i);
      let p = at(v, ldv, i, 1);
      for (let j = 0; j < m; j++) {
        store<f64>(p, load<f64>(p) * s);
        p += ldvB;
      }
    }
  }
  for (let ii = 1; ii <= n; ii++) {
    let i = ii;
    if (i >= ilo && i <= ihi) continue;
    if (i < ilo) i = ilo - ii;
    const k = <i32>vg(scale, i);
    if (k == i) continue;
    swap(m, at(v, ldv, i, 1), ldvB, at(v, ldv, k, 1), ldvB);
  }
}
