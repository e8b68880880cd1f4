// The general real eigensolver (LAPACK dgeev, right eigenvectors), as one WASM call:
//   range scaling -> balancing (dgebal) -> Hessenberg reduction (dgehrd) -> its orthogonal factor
//   (dorghr) -> real Schur form by the QR algorithm (dhseqr: dlahqr for n <= 75, multishift with
//   aggressive early deflation above) -> eigenvectors of the Schur form, back-transformed
//   (dtrevc3) -> balancing undone (dgebak).
// The eigenvector normalization (unit 2-norm, sign and phase) is done by the caller
// (src/linalg/eig.ts). Everything runs on a column-major copy of the row-major input.

import { at, gt, lacpy, laset, SAFMIN, st, ULP, vs } from "./aux";
import { gebak, gebal } from "./balance";
import { gehrd, hessenbergWorkBytes, orghr } from "./hessenberg";
import { lahqr } from "./lahqr";
import { laqr0, laqr0WorkBytes, NMIN } from "./laqr";
import { trevc3, trevc3WorkBytes } from "./trevc";

/** dhseqr pads matrices below this order to it when dlahqr fails and dlaqr0 takes over. */
const NL: i32 = 49;

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/** Workspace bytes of hseqr for order n. */
function hseqrWorkBytes(n: i32): usize {
  let bytes: usize = 0;
  if (n > NMIN) bytes = laqr0WorkBytes(n, true);
  else bytes = <usize>(NL * NL) * 8 + 64 + laqr0WorkBytes(max<i32>(n, NL), true);
  return bytes;
}

/** Bytes of workspace dgeev needs for an n x n matrix (wantv: eigenvectors too). */
export function dgeevWorkBytes(n: i32, wantv: i32): usize {
  const nn = <usize>max<i32>(n, 1);
  let bytes = (nn * nn + 2 * nn + 8) * 8 + 8 * 64;
  let inner = hessenbergWorkBytes(n);
  inner = max<usize>(inner, hseqrWorkBytes(n));
  if (wantv) inner = max<usize>(inner, trevc3WorkBytes(n));
  return bytes + inner;
}

/** The (1-based) index where the last call's QR iteration failed, 0 when it converged. */
export let EIG_INFO: i32 = 0;

/**
 * Eigenvalues and (wantv != 0) right eigenvectors of the row-major n x n matrix A at a (not
 * modified). wr, wi: n doubles each (pairs adjacent, positive imaginary part first). vr: n x n
 * COLUMN-MAJOR; for a real eigenvalue j column j is its eigenvector; for a pair j, j+1 columns j
 * and j+1 hold the real and imaginary parts of eigenvalue j's eigenvector (LAPACK's layout),
 * each scaled so that its largest entry (|re| + |im|) is 1 before the balancing is undone.
 * Returns 0, or i > 0 when the QR iteration failed to converge (eigenvalues i+1..n are then
 * correct, no eigenvectors were computed). work: dgeevWorkBytes(n, wantv).
 */
export function dgeev(n: i32, a: usize, wantv: i32, wr: usize, wi: usize, vr: usize, work: usize): i32 {
  EIG_INFO = 0;
  if (n == 0) return 0;
  const h = align64(work);
  const tau = align64(h + (<usize>(n * n) << 3));
  const scale = align64(tau + (<usize>n << 3));
  const iloihi = align64(scale + (<usize>n << 3));
  const inner = align64(iloihi + 64);

  // column-major copy, and max |a_ij|
  let anrm = 0.0;
  for (let i = 1; i <= n; i++) {
    const row = a + (<usize>((i - 1) * n) << 3);
    for (let j = 1; j <= n; j++) {
      const x = load<f64>(row + (<usize>(j - 1) << 3));
      st(h, n, i, j, x);
      anrm = Math.max(anrm, Math.abs(x));
    }
  }
  // Scale A if its max entry is outside [smlnum, bignum] (as dgeev), by a power of two: exact.
  const smlnum = Math.sqrt(SAFMIN) / ULP;
  const bignum = 1.0 / smlnum;
  let k = 0;
  if (anrm > 0.0 && anrm < smlnum) {
    while (anrm * pow2(k) < smlnum) k += 16;
  } else if (anrm > bignum) {
    while (anrm * pow2(k) > bignum) k -= 16;
  }
  if (k != 0) {
    const f = pow2(k);
    for (let t = 0; t < n * n; t++) {
      const p = h + (<usize>t << 3);
      store<f64>(p, load<f64>(p) * f);
    }
  }

  // balance
  gebal(n, h, n, scale, iloihi);
  const ilo = load<i32>(iloihi);
  const ihi = load<i32>(iloihi, 4);

  // Hessenberg form
  gehrd(n, ilo, ihi, h, n, tau, inner);

  let info: i32;
  if (wantv) {
    orghr(n, ilo, ihi, h, n, tau, vr, n, inner);
    info = hseqr(true, true, n, ilo, ihi, h, n, wr, wi, vr, n, inner);
    if (info == 0) {
      trevc3(n, h, n, vr, n, inner);
      gebak(n, ilo, ihi, scale, n, vr, n);
    }
  } else {
    info = hseqr(false, false, n, ilo, ihi, h, n, wr, wi, 0, 1, inner);
  }

  // undo the scaling of the eigenvalues
  if (k != 0) {
    for (let i = 0; i < n; i++) {
      const pr = wr + (<usize>i << 3);
      const pi = wi + (<usize>i << 3);
      store<f64>(pr, scaleBy2(load<f64>(pr), -k));
      store<f64>(pi, scaleBy2(load<f64>(pi), -k));
    }
  }
  EIG_INFO = info;
  return info;
}

/** Moduli at or above the largest times TIE = 1 - 2^-48 count as ties of the largest. */
const TIE: f64 = 1.0 - 3.552713678800501e-15;

/**
 * The eigenvectors as unit 2-norm columns of the row-major n x n matrices re and im, from dgeev's
 * vr (column-major, LAPACK layout), with the sign and phase rule of src/linalg/signs.ts extended to
 * complex vectors: a real eigenvector's entry of largest absolute value is made positive; the
 * eigenvector of a complex eigenvalue with positive imaginary part is multiplied by the unit
 * complex number that makes its entry of largest modulus real and positive, and its partner
 * column (the next one) is its exact conjugate. Ties: the first entry whose modulus is within 16
 * ulps (relative 2^-48) of the largest, so that entries equal in exact arithmetic (the Fourier
 * vectors of a cyclic permutation, conjugate-symmetric vectors) give the first one whatever the
 * rounding. Norms are computed on the vector divided by its largest entry, so nothing overflows
 * or underflows harmfully.
 * x, y: n doubles of scratch.
 */
export function dgeevVectors(n: i32, wi: usize, vr: usize, re: usize, im: usize, x: usize, y: usize): void {
  const rowB = <usize>n << 3;
  for (let j = 0; j < n; j++) {
    const colJ = vr + (<usize>(j * n) << 3);
    const wj = load<f64>(wi + (<usize>j << 3));
    if (wj == 0.0 || j == n - 1) {
      // real eigenvector
      let mx = 0.0;
      for (let i = 0; i < n; i++) mx = Math.max(mx, Math.abs(load<f64>(colJ + (<usize>i << 3))));
      if (mx > 0.0) {
        let s = 0.0;
        for (let i = 0; i < n; i++) {
          const v = load<f64>(colJ + (<usize>i << 3)) / mx;
          store<f64>(x + (<usize>i << 3), v);
          s += v * v;
        }
        const inv = 1.0 / Math.sqrt(s);
        let best = 0.0;
        for (let i = 0; i < n; i++) {
          const v = load<f64>(x + (<usize>i << 3)) * inv;
          store<f64>(x + (<usize>i << 3), v);
          best = Math.max(best, Math.abs(v));
        }
        let k = 0;
        while (Math.abs(load<f64>(x + (<usize>k << 3))) < best * TIE) k++;
        const sign = load<f64>(x + (<usize>k << 3)) < 0.0 ? -1.0 : 1.0;
        for (let i = 0; i < n; i++) {
          store<f64>(re + <usize>i * rowB + (<usize>j << 3), sign * load<f64>(x + (<usize>i << 3)));
          store<f64>(im + <usize>i * rowB + (<usize>j << 3), 0.0);
        }
      } else {
        for (let i = 0; i < n; i++) {
          store<f64>(re + <usize>i * rowB + (<usize>j << 3), 0.0);
          store<f64>(im + <usize>i * rowB + (<usize>j << 3), 0.0);
        }
      }
      continue;
    }
    // columns j, j+1: real and imaginary parts of the eigenvector of wr(j) + i wi(j), wi(j) > 0
    const colI = colJ + rowB;
    let mx = 0.0;
    for (let i = 0; i < n; i++) {
      mx = Math.max(mx, Math.max(Math.abs(load<f64>(colJ + (<usize>i << 3))), Math.abs(load<f64>(colI + (<usize>i << 3)))));
    }
    let s = 0.0;
    for (let i = 0; i < n; i++) {
      const a = load<f64>(colJ + (<usize>i << 3)) / mx;
      const b = load<f64>(colI + (<usize>i << 3)) / mx;
      store<f64>(x + (<usize>i << 3), a);
      store<f64>(y + (<usize>i << 3), b);
      s += a * a + b * b;
    }
    const inv = 1.0 / Math.sqrt(s);
    let top = 0.0;
    for (let i = 0; i < n; i++) {
      const a = load<f64>(x + (<usize>i << 3)) * inv;
      const b = load<f64>(y + (<usize>i << 3)) * inv;
      store<f64>(x + (<usize>i << 3), a);
      store<f64>(y + (<usize>i << 3), b);
      top = Math.max(top, Math.sqrt(a * a + b * b));
    }
    let k = 0;
    let best = 0.0;
    while (true) {
      const a = load<f64>(x + (<usize>k << 3));
      const b = load<f64>(y + (<usize>k << 3));
      best = Math.sqrt(a * a + b * b);
      if (best >= top * TIE) break;
      k++;
    }
    // multiply by conj(x_k) / |x_k|: x_k becomes |x_k|, real
    const c = load<f64>(x + (<usize>k << 3)) / best;
    const sn = load<f64>(y + (<usize>k << 3)) / best;
    for (let i = 0; i < n; i++) {
      const a = load<f64>(x + (<usize>i << 3));
      const b = load<f64>(y + (<usize>i << 3));
      let r = a * c + b * sn;
      let q = b * c - a * sn;
      if (i == k) {
        r = best;
        q = 0.0;
      }
      const o = <usize>i * rowB + (<usize>j << 3);
      store<f64>(re + o, r);
      store<f64>(im + o, q);
      store<f64>(re + o + 8, r);
      store<f64>(im + o + 8, -q);
    }
    j++;
  }
}

/** 2^e for -1022 <= e <= 1023. */
function pow2(e: i32): f64 {
  return reinterpret<f64>(<u64>(e + 1023) << 52);
}

/** x 2^e in two exact steps (|e| up to about 2000). */
function scaleBy2(x: f64, e: i32): f64 {
  const h = e >> 1;
  return x * pow2(h) * pow2(e - h);
}

/**
 * Eigenvalues, and with wantt/wantz the Schur form and the Schur vectors (Z holds Q from dorghr
 * on entry), of the balanced Hessenberg matrix H (LAPACK dhseqr 'S' 'V' / 'E' 'N').
 */
function hseqr(
  wantt: bool, wantz: bool, n: i32, ilo: i32, ihi: i32, h: usize, ldh: i32, wr: usize, wi: usize,
  z: usize, ldz: i32, work: usize,
): i32 {
  // eigenvalues isolated by the balancing
  for (let i = 1; i <= ilo - 1; i++) {
    vs(wr, i, gt(h, ldh, i, i));
    vs(wi, i, 0.0);
  }
  for (let i = ihi + 1; i <= n; i++) {
    vs(wr, i, gt(h, ldh, i, i));
    vs(wi, i, 0.0);
  }
  if (ilo == ihi) {
    vs(wr, ilo, gt(h, ldh, ilo, ilo));
    vs(wi, ilo, 0.0);
    return 0;
  }
  let info: i32;
  if (n > NMIN) {
    info = laqr0(wantt, wantz, n, ilo, ihi, h, ldh, wr, wi, ilo, ihi, z, ldz, work, true);
  } else {
    info = lahqr(wantt, wantz, n, ilo, ihi, h, ldh, wr, wi, ilo, ihi, z, ldz);
    if (info > 0) {
      // a rare dlahqr failure: let dlaqr0 finish the job (on a copy padded to order NL if small)
      const kbot = info;
      if (n >= NL) {
        info = laqr0(wantt, wantz, n, ilo, kbot, h, ldh, wr, wi, ilo, ihi, z, ldz, work, true);
      } else {
        const hl = align64(work);
        const rest = align64(hl + (<usize>(NL * NL) << 3));
        laset(NL, NL, 0.0, 0.0, hl, NL);
        lacpy(n, n, h, ldh, hl, NL);
        info = laqr0(wantt, wantz, NL, ilo, kbot, hl, NL, wr, wi, ilo, ihi, z, ldz, rest, true);
        if (wantt || info != 0) lacpy(n, n, hl, NL, h, ldh);
      }
    }
  }
  // clear out the trash below the first subdiagonal
  if ((wantt || info != 0) && n > 2) {
    for (let j = 1; j <= n - 2; j++) memory.fill(at(h, ldh, j + 2, j), 0, <usize>(n - j - 1) << 3);
  }
  return info;
}
