// The Francis double-shift QR algorithm on a Hessenberg matrix (LAPACK dlahqr), column-major,
// 1-based: small matrices, the deflation windows of aggressive early deflation and the shifts of
// the multishift sweeps all go through it.
//
// As LAPACK 3.10+: the deflation test is the conservative one of Ahues and Tisseur (LAWN 122)
// on top of the classical "small compared with its diagonal neighbours"; an exceptional shift is
// used after every 10 iterations without a deflation (from the top of the active block at 10, 30,
// ..., from its bottom at 20, 40, ...); at most 30 max(10, nh) iterations per eigenvalue.

import { larfg } from "../qr";
import { at, gt, LV_A, LV_B, LV_C, LV_CS, LV_D, LV_RT1I, LV_RT1R, LV_RT2I, LV_RT2R, LV_SN, lanv2, rot, SAFMIN, st, ULP, vs } from "./aux";

const DAT1: f64 = 0.75;
const DAT2: f64 = -0.4375;
const KEXSH: i32 = 10;

/**
 * Iterations allowed per max(10, nh) (LAPACK: 30, in dlahqr per eigenvalue, in dlaqr0 in total).
 * Tests lower it to reach the ConvergenceError path.
 */
export let ITERATION_FACTOR: i32 = 30;

/** Sets ITERATION_FACTOR (< 0 keeps it); returns the value in use. */
export function eigIterationFactor(f: i32): i32 {
  if (f >= 0) ITERATION_FACTOR = f;
  return ITERATION_FACTOR;
}

/** Scratch for the 3-vector of the bulge reflector. */
const V = memory.data(32, 16);

/**
 * Eigenvalues, and optionally the Schur form and Schur vectors, of the Hessenberg block
 * H(ilo:ihi, ilo:ihi) (LAPACK dlahqr). wantt: compute the full Schur form T (transformations
 * applied to all of H); wantz: apply them to rows iloz..ihiz of Z. Eigenvalues go to wr, wi
 * (1-based, positions ilo..ihi); complex pairs are adjacent with the positive imaginary part
 * first. Returns 0, or i > 0 when the iteration limit was reached: then eigenvalues i+1..ihi are
 * correct and H(ilo:i, ilo:i) is unreduced.
 */
export function lahqr(
  wantt: bool, wantz: bool, n: i32, ilo: i32, ihi: i32, h: usize, ldh: i32, wr: usize, wi: usize,
  iloz: i32, ihiz: i32, z: usize, ldz: i32,
): i32 {
  if (n == 0) return 0;
  if (ilo == ihi) {
    vs(wr, ilo, gt(h, ldh, ilo, ilo));
    vs(wi, ilo, 0.0);
    return 0;
  }
  // clear out the trash
  for (let j = ilo; j <= ihi - 3; j++) {
    st(h, ldh, j + 2, j, 0.0);
    st(h, ldh, j + 3, j, 0.0);
  }
  if (ilo <= ihi - 2) st(h, ldh, ihi, ihi - 2, 0.0);
  const nh = ihi - ilo + 1;
  const nz = ihiz - iloz + 1;
  const smlnum = SAFMIN * (<f64>nh / ULP);
  const ldhB = <usize>ldh << 3;
  let i1 = 1;
  let i2 = n;
  const itmax = ITERATION_FACTOR * max<i32>(10, nh);
  let kdefl = 0;

  // i decreases from ihi to ilo in steps of 1 or 2; eigenvalues i+1..ihi have converged; the
  // active block is l..i with l == ilo or H(l, l-1) negligible.
  let i = ihi;
  while (i >= ilo) {
    let l = ilo;
    let converged = false;
    for (let its = 0; its <= itmax; its++) {
      // look for a single small subdiagonal element
      let k = i;
      for (; k >= l + 1; k--) {
        const hkk1 = Math.abs(gt(h, ldh, k, k - 1));
        if (hkk1 <= smlnum) break;
        let tst = Math.abs(gt(h, ldh, k - 1, k - 1)) + Math.abs(gt(h, ldh, k, k));
        if (tst == 0.0) {
          if (k - 2 >= ilo) tst += Math.abs(gt(h, ldh, k - 1, k - 2));
          if (k + 1 <= ihi) tst += Math.abs(gt(h, ldh, k + 1, k));
        }
        // Ahues and Tisseur's conservative small-subdiagonal criterion
        if (hkk1 <= ULP * tst) {
          const hk1k = Math.abs(gt(h, ldh, k - 1, k));
          const ab = Math.max(hkk1, hk1k);
          const ba = Math.min(hkk1, hk1k);
          const hkk = Math.abs(gt(h, ldh, k, k));
          const dif = Math.abs(gt(h, ldh, k - 1, k - 1) - gt(h, ldh, k, k));
          const aa = Math.max(hkk, dif);
          const bb = Math.min(hkk, dif);
          const s = aa + ab;
          if (ba * (ab / s) <= Math.max(smlnum, ULP * (bb * (aa / s)))) break;
        }
      }
      l = k;
      if (l > ilo) st(h, ldh, l, l - 1, 0.0); // H(l, l-1) is negligible
      // a block of order 1 or 2 has split off at the bottom
      if (l >= i - 1) {
        converged = true;
        break;
      }
      kdefl++;
      // only the active block is transformed when the Schur form is not wanted
      if (!wantt) {
        i1 = l;
        i2 = i;
      }
      let h11: f64, h12: f64, h21: f64, h22: f64;
      if (kdefl % (2 * KEXSH) == 0) {
        // exceptional shift from the bottom
        const s = Math.abs(gt(h, ldh, i, i - 1)) + Math.abs(gt(h, ldh, i - 1, i - 2));
        h11 = DAT1 * s + gt(h, ldh, i, i);
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else if (kdefl % KEXSH == 0) {
        // exceptional shift from the top
        const s = Math.abs(gt(h, ldh, l + 1, l)) + Math.abs(gt(h, ldh, l + 2, l + 1));
        h11 = DAT1 * s + gt(h, ldh, l, l);
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else {
        // Francis' double shift (the eigenvalues of the trailing 2x2 block)
        h11 = gt(h, ldh, i - 1, i - 1);
        h21 = gt(h, ldh, i, i - 1);
        h12 = gt(h, ldh, i - 1, i);
        h22 = gt(h, ldh, i, i);
      }
      let rt1r = 0.0;
      let rt1i = 0.0;
      let rt2r = 0.0;
      let rt2i = 0.0;
      const s0 = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
      if (s0 != 0.0) {
        h11 /= s0;
        h21 /= s0;
        h12 /= s0;
        h22 /= s0;
        const tr = (h11 + h22) / 2.0;
        const det = (h11 - tr) * (h22 - tr) - h12 * h21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0.0) {
          // complex conjugate shifts
          rt1r = tr * s0;
          rt2r = rt1r;
          rt1i = rtdisc * s0;
          rt2i = -rt1i;
        } else {
          // real shifts: use only the one closer to h22, twice
          rt1r = tr + rtdisc;
          rt2r = tr - rtdisc;
          if (Math.abs(rt1r - h22) <= Math.abs(rt2r - h22)) {
            rt1r *= s0;
            rt2r = rt1r;
          } else {
            rt2r *= s0;
            rt1r = rt2r;
          }
          rt1i = 0.0;
          rt2i = 0.0;
        }
      }
      // look for two consecutive small subdiagonal elements
      let m = i - 2;
      let v1 = 0.0;
      let v2 = 0.0;
      let v3 = 0.0;
      for (; m >= l; m--) {
        // the first column of (H - rt1)(H - rt2) started at row m, scaled against overflow
        const hmm = gt(h, ldh, m, m);
        let h21s = gt(h, ldh, m + 1, m);
        let s = Math.abs(hmm - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
        h21s = gt(h, ldh, m + 1, m) / s;
        v1 = h21s * gt(h, ldh, m, m + 1) + (hmm - rt1r) * ((hmm - rt2r) / s) - rt1i * (rt2i / s);
        v2 = h21s * (hmm + gt(h, ldh, m + 1, m + 1) - rt1r - rt2r);
        v3 = h21s * gt(h, ldh, m + 2, m + 1);
        s = Math.abs(v1) + Math.abs(v2) + Math.abs(v3);
        v1 /= s;
        v2 /= s;
        v3 /= s;
        if (m == l) break;
        const h00 = Math.abs(gt(h, ldh, m, m - 1)) * (Math.abs(v2) + Math.abs(v3));
        const h01 = ULP * Math.abs(v1) * (Math.abs(gt(h, ldh, m - 1, m - 1)) + Math.abs(hmm) + Math.abs(gt(h, ldh, m + 1, m + 1)));
        if (h00 <= h01) break;
      }
      store<f64>(V, v1);
      store<f64>(V, v2, 8);
      store<f64>(V, v3, 16);
      // double-shift QR step: introduce the bulge at row m, chase it down to row i
      for (let k2 = m; k2 <= i - 1; k2++) {
        const nr = min<i32>(3, i - k2 + 1);
        if (k2 > m) {
          store<f64>(V, gt(h, ldh, k2, k2 - 1));
          store<f64>(V, gt(h, ldh, k2 + 1, k2 - 1), 8);
          if (nr == 3) store<f64>(V, gt(h, ldh, k2 + 2, k2 - 1), 16);
        }
        const t1 = larfg(nr, V, V + 8, 8);
        if (k2 > m) {
          st(h, ldh, k2, k2 - 1, load<f64>(V));
          st(h, ldh, k2 + 1, k2 - 1, 0.0);
          if (k2 < i - 1) st(h, ldh, k2 + 2, k2 - 1, 0.0);
        } else if (m > l) {
          // Use this instead of H(k, k-1) = -H(k, k-1) to avoid a bug when v(2) and v(3) underflow.
          st(h, ldh, k2, k2 - 1, gt(h, ldh, k2, k2 - 1) * (1.0 - t1));
        }
        const w2 = load<f64>(V, 8);
        if (nr == 3) {
          const w3 = load<f64>(V, 16);
          // from the left to rows k..k+2, columns k..i2; from the right to columns k..k+2,
          // rows i1..min(k+3, i); to the columns k..k+2 of Z
          reflect3Rows(i2 - k2 + 1, at(h, ldh, k2, k2), ldhB, w2, w3, t1);
          reflect3Cols(min<i32>(k2 + 3, i) - i1 + 1, at(h, ldh, i1, k2), ldhB, w2, w3, t1);
          if (wantz) reflect3Cols(nz, at(z, ldz, iloz, k2), <usize>ldz << 3, w2, w3, t1);
        } else if (nr == 2) {
          reflect2Rows(i2 - k2 + 1, at(h, ldh, k2, k2), ldhB, w2, t1);
          reflect2Cols(i - i1 + 1, at(h, ldh, i1, k2), ldhB, w2, t1);
          if (wantz) reflect2Cols(nz, at(z, ldz, iloz, k2), <usize>ldz << 3, w2, t1);
        }
      }
    }
    if (!converged) return i; // failure to converge in the remaining iterations

    if (l == i) {
      // H(i, i-1) is negligible: one eigenvalue has converged
      vs(wr, i, gt(h, ldh, i, i));
      vs(wi, i, 0.0);
    } else if (l == i - 1) {
      // H(i-1, i-2) is negligible: a pair has converged; standardize the 2x2 block
      lanv2(gt(h, ldh, i - 1, i - 1), gt(h, ldh, i - 1, i), gt(h, ldh, i, i - 1), gt(h, ldh, i, i));
      st(h, ldh, i - 1, i - 1, LV_A);
      st(h, ldh, i - 1, i, LV_B);
      st(h, ldh, i, i - 1, LV_C);
      st(h, ldh, i, i, LV_D);
      vs(wr, i - 1, LV_RT1R);
      vs(wi, i - 1, LV_RT1I);
      vs(wr, i, LV_RT2R);
      vs(wi, i, LV_RT2I);
      const cs = LV_CS;
      const sn = LV_SN;
      if (wantt) {
        // apply the rotation to the rest of H
        if (i2 > i) rot(i2 - i, at(h, ldh, i - 1, i + 1), ldhB, at(h, ldh, i, i + 1), ldhB, cs, sn);
        rot(i - i1 - 1, at(h, ldh, i1, i - 1), 8, at(h, ldh, i1, i), 8, cs, sn);
      }
      if (wantz) rot(nz, at(z, ldz, iloz, i - 1), 8, at(z, ldz, iloz, i), 8, cs, sn);
    }
    kdefl = 0; // reset the deflation counter
    i = l - 1;
  }
  return 0;
}

// ---- Applying the bulge reflectors (I - t1 [1 v2 v3]ᵀ[1 v2 v3]), column-major -----------------

/** From the left to three adjacent rows over ncols columns (p: first entry, ldB: column stride). */
export function reflect3Rows(ncols: i32, p: usize, ldB: usize, v2: f64, v3: f64, t1: f64): void {
  const t2 = t1 * v2;
  const t3 = t1 * v3;
  let q = p;
  for (let j = 0; j < ncols; j++) {
    const a = load<f64>(q);
    const b = load<f64>(q, 8);
    const c = load<f64>(q, 16);
    const sum = a + v2 * b + v3 * c;
    store<f64>(q, a - sum * t1);
    store<f64>(q, b - sum * t2, 8);
    store<f64>(q, c - sum * t3, 16);
    q += ldB;
  }
}

/** From the right to three adjacent columns over nrows contiguous rows (f64x2). */
export function reflect3Cols(nrows: i32, p: usize, ldB: usize, v2: f64, v3: f64, t1: f64): void {
  const t2 = t1 * v2;
  const t3 = t1 * v3;
  const c0 = p;
  const c1 = p + ldB;
  const c2 = c1 + ldB;
  const V2 = f64x2.splat(v2);
  const V3 = f64x2.splat(v3);
  const T1 = f64x2.splat(t1);
  const T2 = f64x2.splat(t2);
  const T3 = f64x2.splat(t3);
  let r = 0;
  for (; r + 2 <= nrows; r += 2) {
    const o = <usize>r << 3;
    const a = v128.load(c0 + o);
    const b = v128.load(c1 + o);
    const c = v128.load(c2 + o);
    const sum = f64x2.add(f64x2.add(a, f64x2.mul(V2, b)), f64x2.mul(V3, c));
    v128.store(c0 + o, f64x2.sub(a, f64x2.mul(sum, T1)));
    v128.store(c1 + o, f64x2.sub(b, f64x2.mul(sum, T2)));
    v128.store(c2 + o, f64x2.sub(c, f64x2.mul(sum, T3)));
  }
  if (r < nrows) {
    const o = <usize>r << 3;
    const a = load<f64>(c0 + o);
    const b = load<f64>(c1 + o);
    const c = load<f64>(c2 + o);
    const sum = a + v2 * b + v3 * c;
    store<f64>(c0 + o, a - sum * t1);
    store<f64>(c1 + o, b - sum * t2);
    store<f64>(c2 + o, c - sum * t3);
  }
}

/** From the left to two adjacent rows. */
export function reflect2Rows(ncols: i32, p: usize, ldB: usize, v2: f64, t1: f64): void {
  const t2 = t1 * v2;
  let q = p;
  for (let j = 0; j < ncols; j++) {
    const a = load<f64>(q);
    const b = load<f64>(q, 8);
    const sum = a + v2 * b;
    store<f64>(q, a - sum * t1);
    store<f64>(q, b - sum * t2, 8);
    q += ldB;
  }
}

/** From the right to two adjacent columns. */
export function reflect2Cols(nrows: i32, p: usize, ldB: usize, v2: f64, t1: f64): void {
  const t2 = t1 * v2;
  const c1 = p + ldB;
  for (let r = 0; r < nrows; r++) {
    const o = <usize>r << 3;
    const a = load<f64>(p + o);
    const b = load<f64>(c1 + o);
    const sum = a + v2 * b;
    store<f64>(p + o, a - sum * t1);
    store<f64>(c1 + o, b - sum * t2);
  }
}
