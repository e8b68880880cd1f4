// Small-bulge multishift QR with aggressive early deflation (LAPACK dlaqr0, dlaqr3, dlaqr5,
// dlaqr1; Braman, Byers and Mathias, SIMAX 2002), column-major, 1-based: the Schur form of
// Hessenberg matrices of order above NMIN.
//
// Each iteration first looks for converged eigenvalues in a window at the bottom of the active
// block (aggressive early deflation: the window's Schur form by dlahqr, then its spike tested for
// negligible entries), then chases a chain of ns/2 tightly packed 3x3 bulges through the block,
// using ns shifts (the eigenvalues the window did not deflate). The bulges are chased in
// diagonal windows of about 3 ns columns; the reflections are accumulated in a small orthogonal
// U and applied to the rest of H and to Z by gemms, so most flops run in the gemm kernel.
//
// Differences from LAPACK, none of them numerical: workspace is separate rather than carved out
// of H below its subdiagonal, and U is applied as one dense gemm (kacc22 = 1; LAPACK's
// 2x2-block structured product, kacc22 = 2, saves a quarter of those flops).

import { larfg } from "../qr";
import {
  at, gemmCM, gemmCMWorkBytes, gt, lacpy, laset, larfLeft, larfRight, LV_CS, LV_RT1I, LV_RT1R, LV_RT2I, LV_RT2R, LV_SN,
  lanv2, SAFMIN, st, ULP, vg, vs,
} from "./aux";
import { gehd2 } from "./hessenberg";
import { ITERATION_FACTOR, lahqr, reflect2Cols, reflect2Rows, reflect3Cols, reflect3Rows } from "./lahqr";
import { trexc, TX_ILST } from "./trexc";

/** Orders up to NTINY always use dlahqr. */
const NTINY: i32 = 15;
/** dhseqr / dlaqr0 crossover: dlahqr below (iparmq's NMIN). */
export const NMIN: i32 = 75;
const KEXNW: i32 = 5;
const KEXSH: i32 = 6;
const WILK1: f64 = 0.75;
const WILK2: f64 = -0.4375;
/** Skip the QR sweep when aggressive early deflation deflated more than NIBBLE% of its window. */
const NIBBLE: i32 = 14;

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/** iparmq's recommended number of simultaneous shifts for an active block of order nh. */
function shiftsFor(nh: i32): i32 {
  let ns = 2;
  if (nh >= 30) ns = 4;
  if (nh >= 60) ns = 10;
  if (nh >= 150) ns = max<i32>(10, nh / <i32>Math.round(Math.log(<f64>nh) / Math.LN2));
  if (nh >= 590) ns = 64;
  if (nh >= 3000) ns = 128;
  if (nh >= 6000) ns = 256;
  return max<i32>(2, ns - (ns % 2));
}

/** Bytes of workspace laqr0 needs for order n (with recur: also for its nested calls). */
export function laqr0WorkBytes(n: i32, recur: bool): usize {
  const nwmax = max<i32>(2, (n - 1) / 3);
  const nsmax = max<i32>(2, (n - 3) / 6);
  const kdu = 2 * nsmax;
  const big = max<i32>(nwmax, kdu);
  let bytes = <usize>(2 * nwmax * nwmax + n * big + big * big + 3 * (nsmax / 2 + 2) + nsmax * nsmax + 4 * nwmax + n) * 8;
  bytes += gemmCMWorkBytes(n, n, big) + SP_HEADER + 16 * 64;
  if (recur && nwmax > NMIN) bytes += laqr0WorkBytes(nwmax, false);
  if (nsmax > NMIN) bytes += laqr0WorkBytes(nsmax, false);
  return bytes;
}

// Workspace of one laqr0 call: a header of pointers at the start of `work`, then the parts.
// (No objects: the stub runtime's allocator would hand out memory at __heap_base, which belongs to
// the TypeScript arena.)
const SP_T: usize = 0; // nwmax x nwmax: the AED window
const SP_V: usize = 4; // nwmax x nwmax: its Schur vectors
const SP_WK: usize = 8; // n x max(nwmax, kdu): gemm results
const SP_U: usize = 12; // kdu x kdu: accumulated bulge reflections
const SP_VB: usize = 16; // 3 x (nbmps + 2): the bulges' reflectors
const SP_HS: usize = 20; // nsmax x nsmax: trailing block for the shifts
const SP_AW: usize = 24; // 4 nwmax + n: AED vectors
const SP_GW: usize = 28; // gemm scratch
const SP_NESTED: usize = 32; // workspace of nested laqr0 calls
const SP_HEADER: usize = 64;

// @ts-ignore: decorator
@inline function part(sp: usize, which: usize): usize {
  return load<usize>(sp + which);
}

/**
 * Schur factorization of the Hessenberg block H(ilo:ihi, ilo:ihi) by the small-bulge multishift
 * QR algorithm with aggressive early deflation (LAPACK dlaqr0; with recur false, dlaqr4, whose
 * deflation windows use dlahqr only). Arguments and result as lahqr. work: laqr0WorkBytes(n, recur).
 */
export function laqr0(
  wantt: bool, wantz: bool, n: i32, ilo: i32, ihi: i32, h: usize, ldh: i32, wr: usize, wi: usize,
  iloz: i32, ihiz: i32, z: usize, ldz: i32, work: usize, recur: bool,
): i32 {
  if (n == 0) return 0;
  if (n <= NTINY) return lahqr(wantt, wantz, n, ilo, ihi, h, ldh, wr, wi, iloz, ihiz, z, ldz);

  let nwr = shiftsFor(ihi - ilo + 1);
  if (ihi - ilo + 1 > 500) nwr = (3 * nwr) / 2;
  nwr = max<i32>(2, nwr);
  nwr = min<i32>(ihi - ilo + 1, min<i32>((n - 1) / 3, nwr));
  let nsr = shiftsFor(ihi - ilo + 1);
  nsr = min<i32>(nsr, min<i32>((n - 3) / 6, ihi - ilo));
  nsr = max<i32>(2, nsr - (nsr % 2));
  const nwmax = (n - 1) / 3;
  let nw = nwmax;
  let nsmax = (n - 3) / 6;
  nsmax -= nsmax % 2;

  const sp = align64(work);
  const nwm = max<i32>(2, nwmax);
  const nsm = max<i32>(2, (n - 3) / 6);
  const big = max<i32>(nwm, 2 * nsm);
  const pt = align64(sp + SP_HEADER);
  const pv = align64(pt + (<usize>(nwm * nwm) << 3));
  const pwk = align64(pv + (<usize>(nwm * nwm) << 3));
  const pu = align64(pwk + (<usize>(n * big) << 3));
  const pvb = align64(pu + (<usize>(big * big) << 3));
  const phs = align64(pvb + (<usize>(3 * (nsm / 2 + 2)) << 3));
  const paw = align64(phs + (<usize>(nsm * nsm) << 3));
  const pgw = align64(paw + (<usize>(4 * nwm + n) << 3));
  const pnested = align64(pgw + gemmCMWorkBytes(n, n, big));
  store<usize>(sp + SP_T, pt);
  store<usize>(sp + SP_V, pv);
  store<usize>(sp + SP_WK, pwk);
  store<usize>(sp + SP_U, pu);
  store<usize>(sp + SP_VB, pvb);
  store<usize>(sp + SP_HS, phs);
  store<usize>(sp + SP_AW, paw);
  store<usize>(sp + SP_GW, pgw);
  store<usize>(sp + SP_NESTED, pnested);

  let ndfl = 1;
  let ndec = -1;
  // LAPACK: max(30, 2 KEXSH) max(10, nh), i.e. 30 max(10, nh)
  const itmax = (ITERATION_FACTOR == 30 ? max<i32>(30, 2 * KEXSH) : ITERATION_FACTOR) * max<i32>(10, ihi - ilo + 1);
  let kbot = ihi;
  for (let it = 1; it <= itmax; it++) {
    if (kbot < ilo) return 0;
    // locate the active block
    let k = kbot;
    for (; k >= ilo + 1; k--) {
      if (gt(h, ldh, k, k - 1) == 0.0) break;
    }
    const ktop = k;

    // deflation window size: the recommended one, or after KEXNW iterations without deflation
    // first grow it to the maximum, then shrink it gradually
    const nh = kbot - ktop + 1;
    const nwupbd = min<i32>(nh, nwmax);
    if (ndfl < KEXNW) nw = min<i32>(nwupbd, nwr);
    else nw = min<i32>(nwupbd, 2 * nw);
    if (nw < nwmax) {
      if (nw >= nh - 1) {
        nw = nh;
      } else {
        const kwtop = kbot - nw + 1;
        if (Math.abs(gt(h, ldh, kwtop, kwtop - 1)) > Math.abs(gt(h, ldh, kwtop - 1, kwtop - 2))) nw++;
      }
    }
    if (ndfl < KEXNW) {
      ndec = -1;
    } else if (ndec >= 0 || nw >= nwupbd) {
      ndec++;
      if (nw - ndec < 2) ndec = 0;
      nw -= ndec;
    }

    // aggressive early deflation
    laqr3(wantt, wantz, n, ktop, kbot, nw, h, ldh, iloz, ihiz, z, ldz, wr, wi, sp, recur);
    const ld = AED_ND;
    const ls = AED_NS;
    kbot -= ld;
    let ks = kbot - ls + 1; // the shifts are in wr(ks:kbot), wi(ks:kbot)

    // Skip the sweep when many eigenvalues have just deflated or the active block is small.
    if (ld == 0 || (100 * ld <= nw * NIBBLE && kbot - ktop + 1 > min<i32>(NMIN, nwmax))) {
      let ns = min<i32>(nsmax, min<i32>(nsr, max<i32>(2, kbot - ktop)));
      ns -= ns % 2;
      if (ndfl % KEXSH == 0) {
        // exceptional shifts
        ks = kbot - ns + 1;
        for (let i = kbot; i >= max<i32>(ks + 1, ktop + 2); i -= 2) {
          const ss = Math.abs(gt(h, ldh, i, i - 1)) + Math.abs(gt(h, ldh, i - 1, i - 2));
          const aa = WILK1 * ss + gt(h, ldh, i, i);
          lanv2(aa, ss, WILK2 * ss, aa);
          vs(wr, i - 1, LV_RT1R);
          vs(wi, i - 1, LV_RT1I);
          vs(wr, i, LV_RT2R);
          vs(wi, i, LV_RT2I);
        }
        if (ks == ktop) {
          vs(wr, ks + 1, gt(h, ldh, ks + 1, ks + 1));
          vs(wi, ks + 1, 0.0);
          vs(wr, ks, vg(wr, ks + 1));
          vs(wi, ks, vg(wi, ks + 1));
        }
      } else {
        // Got ns/2 or fewer shifts? Take the eigenvalues of a trailing ns x ns block instead.
        if (kbot - ks + 1 <= ns / 2) {
          ks = kbot - ns + 1;
          lacpy(ns, ns, at(h, ldh, ks, ks), ldh, part(sp, SP_HS), ns);
          let inf: i32;
          if (ns > NMIN) {
            inf = laqr0(false, false, ns, 1, ns, part(sp, SP_HS), ns, wr + (<usize>(ks - 1) << 3), wi + (<usize>(ks - 1) << 3), 1, 1, 0, 1, part(sp, SP_NESTED), false);
          } else {
            inf = lahqr(false, false, ns, 1, ns, part(sp, SP_HS), ns, wr + (<usize>(ks - 1) << 3), wi + (<usize>(ks - 1) << 3), 1, 1, 0, 1);
          }
          ks += inf;
          // In case of a rare QR failure use the eigenvalues of the trailing 2x2 block.
          if (ks >= kbot) {
            lanv2(gt(h, ldh, kbot - 1, kbot - 1), gt(h, ldh, kbot - 1, kbot), gt(h, ldh, kbot, kbot - 1), gt(h, ldh, kbot, kbot));
            vs(wr, kbot - 1, LV_RT1R);
            vs(wi, kbot - 1, LV_RT1I);
            vs(wr, kbot, LV_RT2R);
            vs(wi, kbot, LV_RT2I);
            ks = kbot - 1;
          }
        }
        if (kbot - ks + 1 > ns) {
          // sort the shifts by decreasing modulus (bubble sort keeps conjugate pairs together)
          let sorted = false;
          for (let kk = kbot; kk >= ks + 1 && !sorted; kk--) {
            sorted = true;
            for (let i = ks; i <= kk - 1; i++) {
              if (Math.abs(vg(wr, i)) + Math.abs(vg(wi, i)) < Math.abs(vg(wr, i + 1)) + Math.abs(vg(wi, i + 1))) {
                sorted = false;
                swapPair(wr, wi, i, i + 1);
              }
            }
          }
        }
        // shuffle the shifts into pairs of real shifts and conjugate pairs
        for (let i = kbot; i >= ks + 2; i -= 2) {
          if (vg(wi, i) != -vg(wi, i - 1)) {
            let sw = vg(wr, i);
            vs(wr, i, vg(wr, i - 1));
            vs(wr, i - 1, vg(wr, i - 2));
            vs(wr, i - 2, sw);
            sw = vg(wi, i);
            vs(wi, i, vg(wi, i - 1));
            vs(wi, i - 1, vg(wi, i - 2));
            vs(wi, i - 2, sw);
          }
        }
      }
      // two real shifts: use only the one closer to H(kbot, kbot), twice
      if (kbot - ks + 1 == 2) {
        if (vg(wi, kbot) == 0.0) {
          const hkk = gt(h, ldh, kbot, kbot);
          if (Math.abs(vg(wr, kbot) - hkk) < Math.abs(vg(wr, kbot - 1) - hkk)) vs(wr, kbot - 1, vg(wr, kbot));
          else vs(wr, kbot, vg(wr, kbot - 1));
        }
      }
      // use up to ns of the smallest-magnitude shifts, an even number of them
      ns = min<i32>(ns, kbot - ks + 1);
      ns -= ns % 2;
      ks = kbot - ns + 1;
      laqr5(wantt, wantz, n, ktop, kbot, ns, wr + (<usize>(ks - 1) << 3), wi + (<usize>(ks - 1) << 3), h, ldh, iloz, ihiz, z, ldz, sp);
    }
    // note progress (or the lack of it)
    if (ld > 0) ndfl = 1;
    else ndfl++;
  }
  return kbot; // iteration limit exceeded
}

function swapPair(wr: usize, wi: usize, i: i32, j: i32): void {
  let t = vg(wr, i);
  vs(wr, i, vg(wr, j));
  vs(wr, j, t);
  t = vg(wi, i);
  vs(wi, i, vg(wi, j));
  vs(wi, j, t);
}

// ---- dlaqr3: aggressive early deflation ---------------------------------------------------------

/** Results of laqr3: converged eigenvalues (deflations) and shifts left for the sweep. */
let AED_ND: i32 = 0;
let AED_NS: i32 = 0;

/**
 * Aggressive early deflation on the window of order nw at the bottom of the active block
 * ktop..kbot (LAPACK dlaqr3): the window's Schur form T = Vᵀ W V; eigenvalues whose spike entry
 * s V(1, j) is negligible deflate (AED_ND of them, their eigenvalues stored at the bottom of
 * wr, wi), the others are moved up and returned as shifts (AED_NS of them, in wr, wi just above);
 * the window goes back to Hessenberg form and H, Z are updated by gemms.
 */
function laqr3(
  wantt: bool, wantz: bool, n: i32, ktop: i32, kbot: i32, nw: i32, h: usize, ldh: i32,
  iloz: i32, ihiz: i32, z: usize, ldz: i32, sr: usize, si: usize, sp: usize, recur: bool,
): void {
  AED_ND = 0;
  AED_NS = 0;
  let jw = min<i32>(nw, kbot - ktop + 1);
  if (ktop > kbot || nw < 1) return;
  const smlnum = SAFMIN * (<f64>n / ULP);
  const kwtop = kbot - jw + 1;
  let s = kwtop == ktop ? 0.0 : gt(h, ldh, kwtop, kwtop - 1);

  if (kbot == kwtop) {
    // 1x1 window
    vs(sr, kwtop, gt(h, ldh, kwtop, kwtop));
    vs(si, kwtop, 0.0);
    AED_NS = 1;
    AED_ND = 0;
    if (Math.abs(s) <= Math.max(smlnum, ULP * Math.abs(gt(h, ldh, kwtop, kwtop)))) {
      AED_NS = 0;
      AED_ND = 1;
      if (kwtop > ktop) st(h, ldh, kwtop, kwtop - 1, 0.0);
    }
    return;
  }

  // the window's Schur form (spike-triangular form)
  const t = part(sp, SP_T);
  const ldt = jw;
  const v = part(sp, SP_V);
  const ldv = jw;
  laset(jw, jw, 0.0, 0.0, t, ldt);
  for (let j = 1; j <= jw; j++) {
    const rows = min<i32>(j + 1, jw);
    memory.copy(at(t, ldt, 1, j), at(h, ldh, kwtop, kwtop + j - 1), <usize>rows << 3);
  }
  laset(jw, jw, 0.0, 1.0, v, ldv);
  let infqr: i32;
  if (recur && jw > NMIN) {
    infqr = laqr0(true, true, jw, 1, jw, t, ldt, sr + (<usize>(kwtop - 1) << 3), si + (<usize>(kwtop - 1) << 3), 1, jw, v, ldv, part(sp, SP_NESTED), false);
  } else {
    infqr = lahqr(true, true, jw, 1, jw, t, ldt, sr + (<usize>(kwtop - 1) << 3), si + (<usize>(kwtop - 1) << 3), 1, jw, v, ldv);
  }
  // trexc needs a clean margin near the diagonal
  for (let j = 1; j <= jw - 3; j++) {
    st(t, ldt, j + 2, j, 0.0);
    st(t, ldt, j + 3, j, 0.0);
  }
  if (jw > 2) st(t, ldt, jw, jw - 2, 0.0);

  // deflation detection loop
  let ns = jw;
  let ilst = infqr + 1;
  while (ilst <= ns) {
    const bulge = ns == 1 ? false : gt(t, ldt, ns, ns - 1) != 0.0;
    if (!bulge) {
      // real eigenvalue
      let foo = Math.abs(gt(t, ldt, ns, ns));
      if (foo == 0.0) foo = Math.abs(s);
      if (Math.abs(s * gt(v, ldv, 1, ns)) <= Math.max(smlnum, ULP * foo)) {
        ns--; // deflatable
      } else {
        // undeflatable: move it up out of the way (trexc cannot fail here)
        trexc(true, jw, t, ldt, v, ldv, ns, ilst);
        ilst = TX_ILST + 1;
      }
    } else {
      // complex conjugate pair
      let foo = Math.abs(gt(t, ldt, ns, ns)) + Math.sqrt(Math.abs(gt(t, ldt, ns, ns - 1))) * Math.sqrt(Math.abs(gt(t, ldt, ns - 1, ns)));
      if (foo == 0.0) foo = Math.abs(s);
      if (Math.max(Math.abs(s * gt(v, ldv, 1, ns)), Math.abs(s * gt(v, ldv, 1, ns - 1))) <= Math.max(smlnum, ULP * foo)) {
        ns -= 2;
      } else {
        // Undeflatable: move them up out of the way. trexc does the right thing with ilst in
        // case of a rare exchange failure.
        trexc(true, jw, t, ldt, v, ldv, ns, ilst);
        ilst = TX_ILST + 2;
      }
    }
  }
  if (ns == 0) s = 0.0;

  if (ns < jw) {
    // Sort the diagonal blocks of T by decreasing modulus (improves accuracy for graded
    // matrices); bubble sort deals well with exchange failures.
    let sorted = false;
    let i = ns + 1;
    while (!sorted) {
      sorted = true;
      const kend = i - 1;
      i = infqr + 1;
      let k: i32;
      if (i == ns) k = i + 1;
      else if (gt(t, ldt, i + 1, i) == 0.0) k = i + 1;
      else k = i + 2;
      while (k <= kend) {
        let evi: f64;
        if (k == i + 1) evi = Math.abs(gt(t, ldt, i, i));
        else evi = Math.abs(gt(t, ldt, i, i)) + Math.sqrt(Math.abs(gt(t, ldt, i + 1, i))) * Math.sqrt(Math.abs(gt(t, ldt, i, i + 1)));
        let evk: f64;
        if (k == kend) evk = Math.abs(gt(t, ldt, k, k));
        else if (gt(t, ldt, k + 1, k) == 0.0) evk = Math.abs(gt(t, ldt, k, k));
        else evk = Math.abs(gt(t, ldt, k, k)) + Math.sqrt(Math.abs(gt(t, ldt, k + 1, k))) * Math.sqrt(Math.abs(gt(t, ldt, k, k + 1)));
        if (evi >= evk) {
          i = k;
        } else {
          sorted = false;
          const info = trexc(true, jw, t, ldt, v, ldv, i, k);
          if (info == 0) i = TX_ILST;
          else i = k;
        }
        if (i == kend) k = i + 1;
        else if (gt(t, ldt, i + 1, i) == 0.0) k = i + 1;
        else k = i + 2;
      }
    }
  }

  // restore the shift / eigenvalue array from T
  let i = jw;
  while (i >= infqr + 1) {
    if (i == infqr + 1) {
      vs(sr, kwtop + i - 1, gt(t, ldt, i, i));
      vs(si, kwtop + i - 1, 0.0);
      i--;
    } else if (gt(t, ldt, i, i - 1) == 0.0) {
      vs(sr, kwtop + i - 1, gt(t, ldt, i, i));
      vs(si, kwtop + i - 1, 0.0);
      i--;
    } else {
      lanv2(gt(t, ldt, i - 1, i - 1), gt(t, ldt, i - 1, i), gt(t, ldt, i, i - 1), gt(t, ldt, i, i));
      vs(sr, kwtop + i - 2, LV_RT1R);
      vs(si, kwtop + i - 2, LV_RT1I);
      vs(sr, kwtop + i - 1, LV_RT2R);
      vs(si, kwtop + i - 1, LV_RT2I);
      i -= 2;
    }
  }

  if (ns < jw || s == 0.0) {
    const aw = part(sp, SP_AW); // reflector (jw), tau of gehd2 (jw), larfRight scratch (jw + n)
    const taus = aw + (<usize>jw << 3);
    const scratch = taus + (<usize>jw << 3);
    if (ns > 1 && s != 0.0) {
      // reflect the spike back into the lower triangle
      for (let j = 1; j <= ns; j++) vs(aw, j, gt(v, ldv, 1, j));
      const tau = larfg(ns, aw, aw + 8, 8);
      vs(aw, 1, 1.0);
      // T(3:jw, 1:jw-2) = 0 (strictly below the first subdiagonal)
      for (let j = 1; j <= jw - 2; j++) memory.fill(at(t, ldt, j + 2, j), 0, <usize>(jw - j - 1) << 3);
      larfLeft(ns, jw, aw, tau, t, ldt);
      larfRight(ns, ns, aw, tau, t, ldt, scratch);
      larfRight(jw, ns, aw, tau, v, ldv, scratch);
      gehd2(jw, 1, ns, t, ldt, taus, scratch);
    }
    // copy the updated window into place
    if (kwtop > 1) st(h, ldh, kwtop, kwtop - 1, s * gt(v, ldv, 1, 1));
    for (let j = 1; j <= jw; j++) {
      const rows = min<i32>(j + 1, jw);
      memory.copy(at(h, ldh, kwtop, kwtop + j - 1), at(t, ldt, 1, j), <usize>rows << 3);
    }
    // accumulate the Hessenberg reflections in V (dormhr 'R' 'N')
    if (ns > 1 && s != 0.0) {
      for (let r = 1; r <= ns - 1; r++) {
        const tr = vg(taus, r);
        if (tr == 0.0) continue;
        // v_r = [1; T(r+2:ns, r)] acting on columns r+1..ns of V
        const vr = aw;
        vs(vr, 1, 1.0);
        for (let q = 2; q <= ns - r; q++) vs(vr, q, gt(t, ldt, r + q, r));
        larfRight(jw, ns - r, vr, tr, at(v, ldv, 1, r + 1), ldv, scratch);
      }
    }
    // update the vertical slab of H above the window, the horizontal slab right of it, and Z
    const wk = part(sp, SP_WK);
    const ltop = wantt ? 1 : ktop;
    const rowsAbove = kwtop - ltop;
    if (rowsAbove > 0) {
      gemmCM(0, 0, rowsAbove, jw, jw, 1.0, at(h, ldh, ltop, kwtop), ldh, v, ldv, 0.0, wk, rowsAbove, part(sp, SP_GW));
      lacpy(rowsAbove, jw, wk, rowsAbove, at(h, ldh, ltop, kwtop), ldh);
    }
    if (wantt && kbot < n) {
      const cols = n - kbot;
      gemmCM(1, 0, jw, cols, jw, 1.0, v, ldv, at(h, ldh, kwtop, kbot + 1), ldh, 0.0, wk, jw, part(sp, SP_GW));
      lacpy(jw, cols, wk, jw, at(h, ldh, kwtop, kbot + 1), ldh);
    }
    if (wantz) {
      const rows = ihiz - iloz + 1;
      gemmCM(0, 0, rows, jw, jw, 1.0, at(z, ldz, iloz, kwtop), ldz, v, ldv, 0.0, wk, rows, part(sp, SP_GW));
      lacpy(rows, jw, wk, rows, at(z, ldz, iloz, kwtop), ldz);
    }
  }
  AED_ND = jw - ns;
  // the number of shifts: subtracting infqr handles a rare QR failure on the window
  AED_NS = ns - infqr;
  jw = 0;
}

// ---- dlaqr1 ------------------------------------------------------------------------------------

/**
 * A multiple of the first column of (H - (sr1 + i si1))(H - (sr2 + i si2)) for the leading 2x2
 * or 3x3 block of H (LAPACK dlaqr1), scaled against overflow, into v(1:n).
 */
function laqr1(n: i32, h: usize, ldh: i32, sr1: f64, si1: f64, sr2: f64, si2: f64, v: usize): void {
  if (n == 2) {
    const s = Math.abs(gt(h, ldh, 1, 1) - sr2) + Math.abs(si2) + Math.abs(gt(h, ldh, 2, 1));
    if (s == 0.0) {
      vs(v, 1, 0.0);
      vs(v, 2, 0.0);
    } else {
      const h21s = gt(h, ldh, 2, 1) / s;
      vs(v, 1, h21s * gt(h, ldh, 1, 2) + (gt(h, ldh, 1, 1) - sr1) * ((gt(h, ldh, 1, 1) - sr2) / s) - si1 * (si2 / s));
      vs(v, 2, h21s * (gt(h, ldh, 1, 1) + gt(h, ldh, 2, 2) - sr1 - sr2));
    }
  } else {
    const s = Math.abs(gt(h, ldh, 1, 1) - sr2) + Math.abs(si2) + Math.abs(gt(h, ldh, 2, 1)) + Math.abs(gt(h, ldh, 3, 1));
    if (s == 0.0) {
      vs(v, 1, 0.0);
      vs(v, 2, 0.0);
      vs(v, 3, 0.0);
    } else {
      const h21s = gt(h, ldh, 2, 1) / s;
      const h31s = gt(h, ldh, 3, 1) / s;
      vs(v, 1, (gt(h, ldh, 1, 1) - sr1) * ((gt(h, ldh, 1, 1) - sr2) / s) - si1 * (si2 / s) + gt(h, ldh, 1, 2) * h21s + gt(h, ldh, 1, 3) * h31s);
      vs(v, 2, h21s * (gt(h, ldh, 1, 1) + gt(h, ldh, 2, 2) - sr1 - sr2) + gt(h, ldh, 2, 3) * h31s);
      vs(v, 3, h31s * (gt(h, ldh, 1, 1) + gt(h, ldh, 3, 3) - sr1 - sr2) + h21s * gt(h, ldh, 3, 2));
    }
  }
}

// ---- dlaqr5: one small-bulge multishift sweep ---------------------------------------------------

const VT = memory.data(32, 16);

/**
 * One multishift QR sweep with the nshfts shifts sr(1:nshfts) + i si(1:nshfts) over the active
 * block ktop..kbot (LAPACK 3.10 dlaqr5 with kacc22 = 1: the optimally packed chains of Karlsson,
 * Kressner and Lang, bulges two columns apart, each chunk of 4 nbmps columns moving the chain
 * 2 nbmps columns). Each chunk's reflections are accumulated in U and applied to the rest of H and
 * to Z by gemms. Includes LAPACK's vigilant deflation checks and the reinflation of collapsed bulges.
 */
function laqr5(
  wantt: bool, wantz: bool, n: i32, ktop: i32, kbot: i32, nshfts: i32, sr: usize, si: usize,
  h: usize, ldh: i32, iloz: i32, ihiz: i32, z: usize, ldz: i32, sp: usize,
): void {
  if (nshfts < 2) return;
  if (ktop >= kbot) return;
  // shuffle shifts into pairs of real shifts and pairs of complex conjugate shifts
  for (let i = 1; i <= nshfts - 2; i += 2) {
    if (vg(si, i) != -vg(si, i + 1)) {
      let sw = vg(sr, i);
      vs(sr, i, vg(sr, i + 1));
      vs(sr, i + 1, vg(sr, i + 2));
      vs(sr, i + 2, sw);
      sw = vg(si, i);
      vs(si, i, vg(si, i + 1));
      vs(si, i + 1, vg(si, i + 2));
      vs(si, i + 2, sw);
    }
  }
  // an odd number of shifts: drop the last (the shuffle made it real)
  const ns = nshfts - (nshfts % 2);
  const smlnum = SAFMIN * (<f64>n / ULP);
  const ldhB = <usize>ldh << 3;
  if (ktop + 2 <= kbot) st(h, ldh, ktop + 2, ktop, 0.0);
  const nbmps = ns / 2;
  const kdu = 4 * nbmps;
  const u = part(sp, SP_U);
  const ldu = kdu;
  const lduB = <usize>ldu << 3;
  const vb = part(sp, SP_VB); // V(1:3, m), ld 3
  const wk = part(sp, SP_WK);

  // create and chase chains of nbmps bulges
  for (let incol = ktop - 2 * nbmps + 1; incol <= kbot - 2; incol += 2 * nbmps) {
    const jtop = max<i32>(ktop, incol); // right updates start here
    const ndcol = incol + kdu;
    laset(kdu, kdu, 0.0, 1.0, u, ldu);
    // Near-the-diagonal bulge chase: the chain of nbmps bulges (2 nbmps + 1 columns long) moves
    // 2 nbmps columns right within the chunk of columns incol..ndcol (columns before ktop or
    // after kbot are phantoms).
    const krlast = min<i32>(incol + 2 * nbmps - 1, kbot - 2);
    const jbot = min<i32>(ndcol, kbot);
    for (let krcol = incol; krcol <= krlast; krcol++) {
      // bulges mtop..mbot are active; there may also be a 2x2 bulge at the bottom (bmp22)
      const mtop = max<i32>(1, (ktop - krcol) / 2 + 1);
      const mbot = min<i32>(nbmps, (kbot - krcol - 1) / 2);
      const m22 = mbot + 1;
      const bmp22 = mbot < nbmps && krcol + 2 * (m22 - 1) == kbot - 2;

      if (bmp22) {
        // special case: a 2x2 reflection at the bottom
        const k = krcol + 2 * (m22 - 1);
        const vm = at(vb, 3, 1, m22);
        if (k == ktop - 1) {
          laqr1(2, at(h, ldh, k + 1, k + 1), ldh, vg(sr, 2 * m22 - 1), vg(si, 2 * m22 - 1), vg(sr, 2 * m22), vg(si, 2 * m22), vm);
          store<f64>(vm, larfg(2, vm, vm + 8, 8));
        } else {
          store<f64>(VT, gt(h, ldh, k + 1, k));
          store<f64>(vm, gt(h, ldh, k + 2, k), 8);
          store<f64>(vm, larfg(2, VT, vm + 8, 8));
          st(h, ldh, k + 1, k, load<f64>(VT));
          st(h, ldh, k + 2, k, 0.0);
        }
        const t1 = load<f64>(vm);
        const v2 = load<f64>(vm, 8);
        // from the right within the window, from the left within the chunk
        reflect2Cols(min<i32>(kbot, k + 3) - jtop + 1, at(h, ldh, jtop, k + 1), ldhB, v2, t1);
        reflect2Rows(jbot - k, at(h, ldh, k + 1, k + 1), ldhB, v2, t1);
        if (k >= ktop) vigilant(h, ldh, k, ktop, kbot, smlnum);
        const j0 = max<i32>(1, ktop - incol);
        reflect2Cols(kdu - j0 + 1, at(u, ldu, j0, k - incol + 1), lduB, v2, t1);
      }

      // normal case: the chain of 3x3 reflections, from the bottom bulge up
      for (let m = mbot; m >= mtop; m--) {
        const k = krcol + 2 * (m - 1);
        const vm = at(vb, 3, 1, m);
        if (k == ktop - 1) {
          laqr1(3, at(h, ldh, ktop, ktop), ldh, vg(sr, 2 * m - 1), vg(si, 2 * m - 1), vg(sr, 2 * m), vg(si, 2 * m), vm);
          store<f64>(vm, larfg(3, vm, vm + 8, 8));
        } else {
          // delayed transformation of the row below the bulge (its first two entries are zero)
          {
            const t1 = load<f64>(vm);
            const t2 = t1 * load<f64>(vm, 8);
            const t3 = t1 * load<f64>(vm, 16);
            const refsum = load<f64>(vm, 16) * gt(h, ldh, k + 3, k + 2);
            st(h, ldh, k + 3, k, -refsum * t1);
            st(h, ldh, k + 3, k + 1, -refsum * t2);
            st(h, ldh, k + 3, k + 2, gt(h, ldh, k + 3, k + 2) - refsum * t3);
          }
          // the reflection moving the bulge one step
          store<f64>(VT, gt(h, ldh, k + 1, k)); // beta
          store<f64>(vm, gt(h, ldh, k + 2, k), 8);
          store<f64>(vm, gt(h, ldh, k + 3, k), 16);
          store<f64>(vm, larfg(3, VT, vm + 8, 8));
          const beta = load<f64>(VT);
          // A bulge may collapse because of vigilant deflation or destructive underflow; in the
          // underflow case, try the two-small-subdiagonals trick to reinflate it.
          if (gt(h, ldh, k + 3, k) != 0.0 || gt(h, ldh, k + 3, k + 1) != 0.0 || gt(h, ldh, k + 3, k + 2) == 0.0) {
            // typical case: not collapsed (yet)
            st(h, ldh, k + 1, k, beta);
            st(h, ldh, k + 2, k, 0.0);
            st(h, ldh, k + 3, k, 0.0);
          } else {
            // collapsed: try to reintroduce it ignoring H(k+1, k) and H(k+2, k); keep the new
            // reflector only if its fill is negligible
            laqr1(3, at(h, ldh, k + 1, k + 1), ldh, vg(sr, 2 * m - 1), vg(si, 2 * m - 1), vg(sr, 2 * m), vg(si, 2 * m), VT);
            store<f64>(VT, larfg(3, VT, VT + 8, 8));
            const t1 = load<f64>(VT);
            const t2 = t1 * load<f64>(VT, 8);
            const t3 = t1 * load<f64>(VT, 16);
            const refsum = gt(h, ldh, k + 1, k) + load<f64>(VT, 8) * gt(h, ldh, k + 2, k);
            if (Math.abs(gt(h, ldh, k + 2, k) - refsum * t2) + Math.abs(refsum * t3) >
                ULP * (Math.abs(gt(h, ldh, k, k)) + Math.abs(gt(h, ldh, k + 1, k + 1)) + Math.abs(gt(h, ldh, k + 2, k + 2)))) {
              // new fill would be large: keep the old bulge, with trepidation
              st(h, ldh, k + 1, k, beta);
              st(h, ldh, k + 2, k, 0.0);
              st(h, ldh, k + 3, k, 0.0);
            } else {
              st(h, ldh, k + 1, k, gt(h, ldh, k + 1, k) - refsum * t1);
              st(h, ldh, k + 2, k, 0.0);
              st(h, ldh, k + 3, k, 0.0);
              store<f64>(vm, load<f64>(VT));
              store<f64>(vm, load<f64>(VT, 8), 8);
              store<f64>(vm, load<f64>(VT, 16), 16);
            }
          }
        }
        // from the right, and the first column of the update from the left (both needed for
        // the vigilant deflation check; the rest of the left update is delayed)
        const t1 = load<f64>(vm);
        const v2 = load<f64>(vm, 8);
        const v3 = load<f64>(vm, 16);
        reflect3Cols(min<i32>(kbot, k + 3) - jtop + 1, at(h, ldh, jtop, k + 1), ldhB, v2, v3, t1);
        reflect3Rows(1, at(h, ldh, k + 1, k + 1), ldhB, v2, v3, t1);
        if (k < ktop) continue;
        vigilant(h, ldh, k, ktop, kbot, smlnum);
      }

      // multiply H by the reflections from the left (within the chunk)
      for (let m = mbot; m >= mtop; m--) {
        const k = krcol + 2 * (m - 1);
        const vm = at(vb, 3, 1, m);
        const j0 = max<i32>(ktop, krcol + 2 * m);
        if (j0 <= jbot) reflect3Rows(jbot - j0 + 1, at(h, ldh, k + 1, j0), ldhB, load<f64>(vm, 8), load<f64>(vm, 16), load<f64>(vm));
      }
      // accumulate the orthogonal transformations in U (Z is updated by a gemm later)
      for (let m = mbot; m >= mtop; m--) {
        const k = krcol + 2 * (m - 1);
        const vm = at(vb, 3, 1, m);
        const kms = k - incol;
        const i2 = max<i32>(max<i32>(1, ktop - incol), kms - (krcol - incol) + 1);
        const i4 = min<i32>(kdu, krcol + 2 * (mbot - 1) - incol + 5);
        if (i4 >= i2) reflect3Cols(i4 - i2 + 1, at(u, ldu, i2, kms + 1), lduB, load<f64>(vm, 8), load<f64>(vm, 16), load<f64>(vm));
      }
    }

    // use U to update the far-from-diagonal entries of H, and Z
    const jtopAll = wantt ? 1 : ktop;
    const jbotAll = wantt ? n : kbot;
    const k1 = max<i32>(1, ktop - incol);
    const nu = kdu - max<i32>(0, ndcol - kbot) - k1 + 1;
    if (nu <= 0) continue;
    const uk = at(u, ldu, k1, k1);
    // horizontal multiply: H(incol+k1 : incol+k1+nu-1, min(ndcol, kbot)+1 : jbot) = Uᵀ H(...)
    const jcol = min<i32>(ndcol, kbot) + 1;
    if (jcol <= jbotAll) {
      const len = jbotAll - jcol + 1;
      gemmCM(1, 0, nu, len, nu, 1.0, uk, ldu, at(h, ldh, incol + k1, jcol), ldh, 0.0, wk, nu, part(sp, SP_GW));
      lacpy(nu, len, wk, nu, at(h, ldh, incol + k1, jcol), ldh);
    }
    // vertical multiply: H(jtop : max(ktop, incol) - 1, incol+k1 : ...) = H(...) U
    const jrowEnd = max<i32>(ktop, incol) - 1;
    if (jrowEnd >= jtopAll) {
      const len = jrowEnd - jtopAll + 1;
      gemmCM(0, 0, len, nu, nu, 1.0, at(h, ldh, jtopAll, incol + k1), ldh, uk, ldu, 0.0, wk, len, part(sp, SP_GW));
      lacpy(len, nu, wk, len, at(h, ldh, jtopAll, incol + k1), ldh);
    }
    // Z multiply (also vertical)
    if (wantz) {
      const len = ihiz - iloz + 1;
      gemmCM(0, 0, len, nu, nu, 1.0, at(z, ldz, iloz, incol + k1), ldz, uk, ldu, 0.0, wk, len, part(sp, SP_GW));
      lacpy(len, nu, wk, len, at(z, ldz, iloz, incol + k1), ldz);
    }
  }
}

/**
 * LAPACK's vigilant deflation check at H(k+1, k): set it to zero when both the classical test
 * (small against its diagonal neighbours) and Ahues and Tisseur's test pass.
 */
function vigilant(h: usize, ldh: i32, k: i32, ktop: i32, kbot: i32, smlnum: f64): void {
  const hk1k = gt(h, ldh, k + 1, k);
  if (hk1k == 0.0) return;
  let tst1 = Math.abs(gt(h, ldh, k, k)) + Math.abs(gt(h, ldh, k + 1, k + 1));
  if (tst1 == 0.0) {
    if (k >= ktop + 1) tst1 += Math.abs(gt(h, ldh, k, k - 1));
    if (k >= ktop + 2) tst1 += Math.abs(gt(h, ldh, k, k - 2));
    if (k >= ktop + 3) tst1 += Math.abs(gt(h, ldh, k, k - 3));
    if (k <= kbot - 2) tst1 += Math.abs(gt(h, ldh, k + 2, k + 1));
    if (k <= kbot - 3) tst1 += Math.abs(gt(h, ldh, k + 3, k + 1));
    if (k <= kbot - 4) tst1 += Math.abs(gt(h, ldh, k + 4, k + 1));
  }
  if (Math.abs(hk1k) <= Math.max(smlnum, ULP * tst1)) {
    const hkk1 = Math.abs(gt(h, ldh, k, k + 1));
    const h12 = Math.max(Math.abs(hk1k), hkk1);
    const h21 = Math.min(Math.abs(hk1k), hkk1);
    const dif = Math.abs(gt(h, ldh, k, k) - gt(h, ldh, k + 1, k + 1));
    const h11 = Math.max(Math.abs(gt(h, ldh, k + 1, k + 1)), dif);
    const h22 = Math.min(Math.abs(gt(h, ldh, k + 1, k + 1)), dif);
    const scl = h11 + h12;
    const tst2 = h22 * (h11 / scl);
    if (tst2 == 0.0 || h21 * (h12 / scl) <= Math.max(smlnum, ULP * tst2)) st(h, ldh, k + 1, k, 0.0);
  }
}
