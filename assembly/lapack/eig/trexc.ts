// Reordering of the real Schur form (LAPACK dtrexc, dlaexc, dlasy2), column-major, 1-based.
// Aggressive early deflation moves undeflatable eigenvalues of its window out of the way and
// sorts the window's diagonal blocks with these.

import { larfg } from "../qr";
import { at, gt, LG_C, LG_S, lartg, LV_A, LV_B, LV_C, LV_CS, LV_D, LV_SN, lanv2, rot, SAFMIN, st, ULP } from "./aux";

// Local arrays of dlaexc and dlasy2 (column-major): D 4x4, X 2x2, u, u1, u2, T16 4x4, tmp, btmp.
const D = memory.data(128, 16);
const X = memory.data(32, 16);
const U = memory.data(32, 16);
const U1 = memory.data(32, 16);
const U2 = memory.data(32, 16);
const T16 = memory.data(128, 16);
const TMP = memory.data(32, 16);
const BTMP = memory.data(32, 16);
const JPIV = memory.data(16, 16);

/** ilst after trexc (it may move by one when a 2x2 block is involved). */
export let TX_ILST: i32 = 0;

/**
 * Moves the diagonal block of the Schur form T (n x n, ldt) starting at row ifst to row ilst by
 * orthogonal similarity (adjacent swaps), accumulating the transformations in Q when wantq
 * (LAPACK dtrexc). Returns 0, or 1 when a swap was rejected (the blocks are too close to swap
 * stably; T and Q stay valid, the block ends at TX_ILST). TX_ILST: the final position.
 */
export function trexc(wantq: bool, n: i32, t: usize, ldt: i32, q: usize, ldq: i32, ifst0: i32, ilst0: i32): i32 {
  let ifst = ifst0;
  let ilst = ilst0;
  TX_ILST = ilst;
  if (n <= 1) return 0;
  // first row of the block to move and its size
  if (ifst > 1) {
    if (gt(t, ldt, ifst, ifst - 1) != 0.0) ifst--;
  }
  let nbf = 1;
  if (ifst < n) {
    if (gt(t, ldt, ifst + 1, ifst) != 0.0) nbf = 2;
  }
  // first row of the final block and its size
  if (ilst > 1) {
    if (gt(t, ldt, ilst, ilst - 1) != 0.0) ilst--;
  }
  let nbl = 1;
  if (ilst < n) {
    if (gt(t, ldt, ilst + 1, ilst) != 0.0) nbl = 2;
  }
  TX_ILST = ilst;
  if (ifst == ilst) return 0;
  let here: i32;
  if (ifst < ilst) {
    if (nbf == 2 && nbl == 1) ilst--;
    if (nbf == 1 && nbl == 2) ilst++;
    here = ifst;
    do {
      // swap the block with the next one below
      if (nbf == 1 || nbf == 2) {
        let nbnext = 1;
        if (here + nbf + 1 <= n) {
          if (gt(t, ldt, here + nbf + 1, here + nbf) != 0.0) nbnext = 2;
        }
        if (laexc(wantq, n, t, ldt, q, ldq, here, nbf, nbnext) != 0) {
          TX_ILST = here;
          return 1;
        }
        here += nbnext;
        // a 2x2 block may have broken into two 1x1 blocks
        if (nbf == 2) {
          if (gt(t, ldt, here + 1, here) == 0.0) nbf = 3;
        }
      } else {
        // two 1x1 blocks, each swapped individually
        let nbnext = 1;
        if (here + 3 <= n) {
          if (gt(t, ldt, here + 3, here + 2) != 0.0) nbnext = 2;
        }
        if (laexc(wantq, n, t, ldt, q, ldq, here + 1, 1, nbnext) != 0) {
          TX_ILST = here;
          return 1;
        }
        if (nbnext == 1) {
          laexc(wantq, n, t, ldt, q, ldq, here, 1, nbnext);
          here++;
        } else {
          if (gt(t, ldt, here + 2, here + 1) == 0.0) nbnext = 1;
          if (nbnext == 2) {
            // the 2x2 block did not split
            if (laexc(wantq, n, t, ldt, q, ldq, here, 1, nbnext) != 0) {
              TX_ILST = here;
              return 1;
            }
            here += 2;
          } else {
            // it did split
            laexc(wantq, n, t, ldt, q, ldq, here, 1, 1);
            laexc(wantq, n, t, ldt, q, ldq, here + 1, 1, 1);
            here += 2;
          }
        }
      }
    } while (here < ilst);
  } else {
    here = ifst;
    do {
      // swap the block with the next one above
      if (nbf == 1 || nbf == 2) {
        let nbnext = 1;
        if (here >= 3) {
          if (gt(t, ldt, here - 1, here - 2) != 0.0) nbnext = 2;
        }
        if (laexc(wantq, n, t, ldt, q, ldq, here - nbnext, nbnext, nbf) != 0) {
          TX_ILST = here;
          return 1;
        }
        here -= nbnext;
        if (nbf == 2) {
          if (gt(t, ldt, here + 1, here) == 0.0) nbf = 3;
        }
      } else {
        let nbnext = 1;
        if (here >= 3) {
          if (gt(t, ldt, here - 1, here - 2) != 0.0) nbnext = 2;
        }
        if (laexc(wantq, n, t, ldt, q, ldq, here - nbnext, nbnext, 1) != 0) {
          TX_ILST = here;
          return 1;
        }
        if (nbnext == 1) {
          laexc(wantq, n, t, ldt, q, ldq, here, nbnext, 1);
          here--;
        } else {
          if (gt(t, ldt, here, here - 1) == 0.0) nbnext = 1;
          if (nbnext == 2) {
            if (laexc(wantq, n, t, ldt, q, ldq, here - 1, 2, 1) != 0) {
              TX_ILST = here;
              return 1;
            }
            here -= 2;
          } else {
            laexc(wantq, n, t, ldt, q, ldq, here, 1, 1);
            laexc(wantq, n, t, ldt, q, ldq, here - 1, 1, 1);
            here -= 2;
          }
        }
      }
    } while (here > ilst);
  }
  TX_ILST = here;
  return 0;
}

/**
 * Swaps the adjacent diagonal blocks T11 (n1 x n1, at row j1) and T22 (n2 x n2) of the Schur form
 * by an orthogonal similarity (LAPACK dlaexc). Returns 1 when the swap is rejected because the
 * result would be too far from quasi-triangular (nearly equal eigenvalues); T is then unchanged.
 */
function laexc(wantq: bool, n: i32, t: usize, ldt: i32, q: usize, ldq: i32, j1: i32, n1: i32, n2: i32): i32 {
  if (n == 0 || n1 == 0 || n2 == 0) return 0;
  if (j1 + n1 > n) return 0;
  const ldtB = <usize>ldt << 3;
  const j2 = j1 + 1;
  const j3 = j1 + 2;
  const j4 = j1 + 3;
  if (n1 == 1 && n2 == 1) {
    // swap two 1x1 blocks
    const t11 = gt(t, ldt, j1, j1);
    const t22 = gt(t, ldt, j2, j2);
    lartg(gt(t, ldt, j1, j2), t22 - t11);
    const cs = LG_C;
    const sn = LG_S;
    if (j3 <= n) rot(n - j1 - 1, at(t, ldt, j1, j3), ldtB, at(t, ldt, j2, j3), ldtB, cs, sn);
    rot(j1 - 1, at(t, ldt, 1, j1), 8, at(t, ldt, 1, j2), 8, cs, sn);
    st(t, ldt, j1, j1, t22);
    st(t, ldt, j2, j2, t11);
    if (wantq) rot(n, at(q, ldq, 1, j1), 8, at(q, ldq, 1, j2), 8, cs, sn);
    return 0;
  }
  // at least one 2x2 block: work on a copy D of the (n1+n2) block first
  const nd = n1 + n2;
  let dnorm = 0.0;
  for (let j = 1; j <= nd; j++) {
    for (let i = 1; i <= nd; i++) {
      const x = gt(t, ldt, j1 + i - 1, j1 + j - 1);
      st(D, 4, i, j, x);
      dnorm = Math.max(dnorm, Math.abs(x));
    }
  }
  const eps = ULP;
  const smlnum = SAFMIN / eps;
  const thresh = Math.max(10.0 * eps * dnorm, smlnum);
  // solve T11 X - X T22 = scale T12 for X
  lasy2(n1, n2, D, 4, at(D, 4, n1 + 1, n1 + 1), 4, at(D, 4, 1, n1 + 1), 4, X, 2);
  const scale = SY_SCALE;
  const k = n1 + n1 + n2 - 3;
  if (k == 1) {
    // n1 = 1, n2 = 2: reflector H with (scale, X11, X12) H = (0, 0, *)
    store<f64>(U, scale);
    store<f64>(U, gt(X, 2, 1, 1), 8);
    store<f64>(U, gt(X, 2, 1, 2), 16);
    const tau = larfg(3, U + 16, U, 8);
    store<f64>(U, 1.0, 16);
    const t11 = gt(t, ldt, j1, j1);
    // provisionally on D
    larfxLeft3(3, U, tau, D, 4);
    larfxRight3(3, U, tau, D, 4);
    if (Math.max(Math.max(Math.abs(gt(D, 4, 3, 1)), Math.abs(gt(D, 4, 3, 2))), Math.abs(gt(D, 4, 3, 3) - t11)) > thresh) return 1;
    // accept: apply to all of T
    larfxLeft3(n - j1 + 1, U, tau, at(t, ldt, j1, j1), ldt);
    larfxRight3(j2, U, tau, at(t, ldt, 1, j1), ldt);
    st(t, ldt, j3, j1, 0.0);
    st(t, ldt, j3, j2, 0.0);
    st(t, ldt, j3, j3, t11);
    if (wantq) larfxRight3(n, U, tau, at(q, ldq, 1, j1), ldq);
  } else if (k == 2) {
    // n1 = 2, n2 = 1: reflector H with H (-X11, -X21, scale)ᵀ = (*, 0, 0)ᵀ
    store<f64>(U, -gt(X, 2, 1, 1));
    store<f64>(U, -gt(X, 2, 2, 1), 8);
    store<f64>(U, scale, 16);
    const tau = larfg(3, U, U + 8, 8);
    store<f64>(U, 1.0);
    const t33 = gt(t, ldt, j3, j3);
    larfxLeft3(3, U, tau, D, 4);
    larfxRight3(3, U, tau, D, 4);
    if (Math.max(Math.max(Math.abs(gt(D, 4, 2, 1)), Math.abs(gt(D, 4, 3, 1))), Math.abs(gt(D, 4, 1, 1) - t33)) > thresh) return 1;
    larfxRight3(j3, U, tau, at(t, ldt, 1, j1), ldt);
    larfxLeft3(n - j1, U, tau, at(t, ldt, j1, j2), ldt);
    st(t, ldt, j1, j1, t33);
    st(t, ldt, j2, j1, 0.0);
    st(t, ldt, j3, j1, 0.0);
    if (wantq) larfxRight3(n, U, tau, at(q, ldq, 1, j1), ldq);
  } else {
    // n1 = n2 = 2: two reflectors H(2) H(1) [-X11 -X12; -X21 -X22; scale 0; 0 scale] = [* *; 0 *; 0 0; 0 0]
    store<f64>(U1, -gt(X, 2, 1, 1));
    store<f64>(U1, -gt(X, 2, 2, 1), 8);
    store<f64>(U1, scale, 16);
    const tau1 = larfg(3, U1, U1 + 8, 8);
    store<f64>(U1, 1.0);
    const temp = -tau1 * (gt(X, 2, 1, 2) + load<f64>(U1, 8) * gt(X, 2, 2, 2));
    store<f64>(U2, -temp * load<f64>(U1, 8) - gt(X, 2, 2, 2));
    store<f64>(U2, -temp * load<f64>(U1, 16), 8);
    store<f64>(U2, scale, 16);
    const tau2 = larfg(3, U2, U2 + 8, 8);
    store<f64>(U2, 1.0);
    larfxLeft3(4, U1, tau1, D, 4);
    larfxRight3(4, U1, tau1, D, 4);
    larfxLeft3(4, U2, tau2, at(D, 4, 2, 1), 4);
    larfxRight3(4, U2, tau2, at(D, 4, 1, 2), 4);
    const worst = Math.max(Math.max(Math.abs(gt(D, 4, 3, 1)), Math.abs(gt(D, 4, 3, 2))), Math.max(Math.abs(gt(D, 4, 4, 1)), Math.abs(gt(D, 4, 4, 2))));
    if (worst > thresh) return 1;
    larfxLeft3(n - j1 + 1, U1, tau1, at(t, ldt, j1, j1), ldt);
    larfxRight3(j4, U1, tau1, at(t, ldt, 1, j1), ldt);
    larfxLeft3(n - j1 + 1, U2, tau2, at(t, ldt, j2, j1), ldt);
    larfxRight3(j4, U2, tau2, at(t, ldt, 1, j2), ldt);
    st(t, ldt, j3, j1, 0.0);
    st(t, ldt, j3, j2, 0.0);
    st(t, ldt, j4, j1, 0.0);
    st(t, ldt, j4, j2, 0.0);
    if (wantq) {
      larfxRight3(n, U1, tau1, at(q, ldq, 1, j1), ldq);
      larfxRight3(n, U2, tau2, at(q, ldq, 1, j2), ldq);
    }
  }
  if (n2 == 2) {
    // standardize the new 2x2 block T11
    lanv2(gt(t, ldt, j1, j1), gt(t, ldt, j1, j2), gt(t, ldt, j2, j1), gt(t, ldt, j2, j2));
    st(t, ldt, j1, j1, LV_A);
    st(t, ldt, j1, j2, LV_B);
    st(t, ldt, j2, j1, LV_C);
    st(t, ldt, j2, j2, LV_D);
    const cs = LV_CS;
    const sn = LV_SN;
    rot(n - j1 - 1, at(t, ldt, j1, j1 + 2), ldtB, at(t, ldt, j2, j1 + 2), ldtB, cs, sn);
    rot(j1 - 1, at(t, ldt, 1, j1), 8, at(t, ldt, 1, j2), 8, cs, sn);
    if (wantq) rot(n, at(q, ldq, 1, j1), 8, at(q, ldq, 1, j2), 8, cs, sn);
  }
  if (n1 == 2) {
    // standardize the new 2x2 block T22
    const k3 = j1 + n2;
    const k4 = k3 + 1;
    lanv2(gt(t, ldt, k3, k3), gt(t, ldt, k3, k4), gt(t, ldt, k4, k3), gt(t, ldt, k4, k4));
    st(t, ldt, k3, k3, LV_A);
    st(t, ldt, k3, k4, LV_B);
    st(t, ldt, k4, k3, LV_C);
    st(t, ldt, k4, k4, LV_D);
    const cs = LV_CS;
    const sn = LV_SN;
    if (k3 + 2 <= n) rot(n - k3 - 1, at(t, ldt, k3, k3 + 2), ldtB, at(t, ldt, k4, k3 + 2), ldtB, cs, sn);
    rot(k3 - 1, at(t, ldt, 1, k3), 8, at(t, ldt, 1, k4), 8, cs, sn);
    if (wantq) rot(n, at(q, ldq, 1, k3), 8, at(q, ldq, 1, k4), 8, cs, sn);
  }
  return 0;
}

/** C := (I - tau u uᵀ) C for the 3 x ncols block C (ldc), u of length 3 (LAPACK dlarfx 'L', m = 3). */
function larfxLeft3(ncols: i32, u: usize, tau: f64, c: usize, ldc: i32): void {
  const v1 = load<f64>(u);
  const v2 = load<f64>(u, 8);
  const v3 = load<f64>(u, 16);
  const t1 = tau * v1;
  const t2 = tau * v2;
  const t3 = tau * v3;
  const ldcB = <usize>ldc << 3;
  let p = c;
  for (let j = 0; j < ncols; j++) {
    const sum = v1 * load<f64>(p) + v2 * load<f64>(p, 8) + v3 * load<f64>(p, 16);
    store<f64>(p, load<f64>(p) - sum * t1);
    store<f64>(p, load<f64>(p, 8) - sum * t2, 8);
    store<f64>(p, load<f64>(p, 16) - sum * t3, 16);
    p += ldcB;
  }
}

/** C := C (I - tau u uᵀ) for the nrows x 3 block C (ldc) (LAPACK dlarfx 'R', n = 3). */
function larfxRight3(nrows: i32, u: usize, tau: f64, c: usize, ldc: i32): void {
  const v1 = load<f64>(u);
  const v2 = load<f64>(u, 8);
  const v3 = load<f64>(u, 16);
  const t1 = tau * v1;
  const t2 = tau * v2;
  const t3 = tau * v3;
  const ldcB = <usize>ldc << 3;
  for (let j = 0; j < nrows; j++) {
    const p = c + (<usize>j << 3);
    const a = load<f64>(p);
    const b = load<f64>(p + ldcB);
    const d = load<f64>(p + 2 * ldcB);
    const sum = v1 * a + v2 * b + v3 * d;
    store<f64>(p, a - sum * t1);
    store<f64>(p + ldcB, b - sum * t2);
    store<f64>(p + 2 * ldcB, d - sum * t3);
  }
}

// Outputs of lasy2.
export let SY_SCALE: f64 = 1;
export let SY_XNORM: f64 = 0;
export let SY_INFO: i32 = 0;

// dlasy2's pivoting tables (1-based positions in the column-major 2x2 tmp).
// @ts-ignore: decorator
@inline function locu12(i: i32): i32 { return i == 1 ? 3 : i == 2 ? 4 : i == 3 ? 1 : 2; }
// @ts-ignore: decorator
@inline function locl21(i: i32): i32 { return i == 1 ? 2 : i == 2 ? 1 : i == 3 ? 4 : 3; }
// @ts-ignore: decorator
@inline function locu22(i: i32): i32 { return 5 - i; }

/**
 * Solves TL X - X TR = scale B for the n1 x n2 matrix X, n1, n2 in {1, 2} (LAPACK dlasy2 with
 * ltranl = ltranr = false, isgn = -1), by Gaussian elimination with complete pivoting; pivots
 * below smin are perturbed (SY_INFO = 1). Results: X (ldx), SY_SCALE <= 1, SY_XNORM.
 */
function lasy2(n1: i32, n2: i32, tl: usize, ldtl: i32, tr: usize, ldtr: i32, b: usize, ldb: i32, x: usize, ldx: i32): void {
  SY_INFO = 0;
  SY_SCALE = 1.0;
  const eps = ULP;
  const smlnum = SAFMIN / eps;
  const sgn = -1.0;
  if (n1 == 1 && n2 == 1) {
    let tau1 = gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 1, 1);
    let bet = Math.abs(tau1);
    if (bet <= smlnum) {
      tau1 = smlnum;
      bet = smlnum;
      SY_INFO = 1;
    }
    const gam = Math.abs(gt(b, ldb, 1, 1));
    if (smlnum * gam > bet) SY_SCALE = 1.0 / gam;
    st(x, ldx, 1, 1, (gt(b, ldb, 1, 1) * SY_SCALE) / tau1);
    SY_XNORM = Math.abs(gt(x, ldx, 1, 1));
    return;
  }
  if (n1 + n2 == 3) {
    let smin: f64;
    if (n1 == 1) {
      // 1 x 2: TL11 [X11 X12] - [X11 X12] TR = [B11 B12]
      smin = Math.max(Math.abs(gt(tl, ldtl, 1, 1)), Math.max(Math.max(Math.abs(gt(tr, ldtr, 1, 1)), Math.abs(gt(tr, ldtr, 1, 2))), Math.max(Math.abs(gt(tr, ldtr, 2, 1)), Math.abs(gt(tr, ldtr, 2, 2)))));
      smin = Math.max(eps * smin, smlnum);
      store<f64>(TMP, gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 1, 1));
      store<f64>(TMP, gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 2, 2), 24);
      store<f64>(TMP, sgn * gt(tr, ldtr, 1, 2), 8);
      store<f64>(TMP, sgn * gt(tr, ldtr, 2, 1), 16);
      store<f64>(BTMP, gt(b, ldb, 1, 1));
      store<f64>(BTMP, gt(b, ldb, 1, 2), 8);
    } else {
      // 2 x 1: TL [X11; X21] - [X11; X21] TR11 = [B11; B21]
      smin = Math.max(Math.abs(gt(tr, ldtr, 1, 1)), Math.max(Math.max(Math.abs(gt(tl, ldtl, 1, 1)), Math.abs(gt(tl, ldtl, 1, 2))), Math.max(Math.abs(gt(tl, ldtl, 2, 1)), Math.abs(gt(tl, ldtl, 2, 2)))));
      smin = Math.max(eps * smin, smlnum);
      store<f64>(TMP, gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 1, 1));
      store<f64>(TMP, gt(tl, ldtl, 2, 2) + sgn * gt(tr, ldtr, 1, 1), 24);
      store<f64>(TMP, gt(tl, ldtl, 2, 1), 8);
      store<f64>(TMP, gt(tl, ldtl, 1, 2), 16);
      store<f64>(BTMP, gt(b, ldb, 1, 1));
      store<f64>(BTMP, gt(b, ldb, 2, 1), 8);
    }
    // 2x2 system with complete pivoting; pivots below smin set to smin
    let ipiv = 1;
    let best = Math.abs(load<f64>(TMP));
    for (let i = 2; i <= 4; i++) {
      const v = Math.abs(load<f64>(TMP + (<usize>(i - 1) << 3)));
      if (v > best) {
        best = v;
        ipiv = i;
      }
    }
    let u11 = load<f64>(TMP + (<usize>(ipiv - 1) << 3));
    if (Math.abs(u11) <= smin) {
      SY_INFO = 1;
      u11 = smin;
    }
    const u12 = load<f64>(TMP + (<usize>(locu12(ipiv) - 1) << 3));
    const l21 = load<f64>(TMP + (<usize>(locl21(ipiv) - 1) << 3)) / u11;
    let u22 = load<f64>(TMP + (<usize>(locu22(ipiv) - 1) << 3)) - u12 * l21;
    const xswap = ipiv >= 3;
    const bswap = ipiv == 2 || ipiv == 4;
    if (Math.abs(u22) <= smin) {
      SY_INFO = 1;
      u22 = smin;
    }
    let b1 = load<f64>(BTMP);
    let b2 = load<f64>(BTMP, 8);
    if (bswap) {
      const temp = b2;
      b2 = b1 - l21 * temp;
      b1 = temp;
    } else {
      b2 = b2 - l21 * b1;
    }
    if (2.0 * smlnum * Math.abs(b2) > Math.abs(u22) || 2.0 * smlnum * Math.abs(b1) > Math.abs(u11)) {
      SY_SCALE = 0.5 / Math.max(Math.abs(b1), Math.abs(b2));
      b1 *= SY_SCALE;
      b2 *= SY_SCALE;
    }
    let x2 = b2 / u22;
    let x1 = b1 / u11 - (u12 / u11) * x2;
    if (xswap) {
      const temp = x2;
      x2 = x1;
      x1 = temp;
    }
    st(x, ldx, 1, 1, x1);
    if (n1 == 1) {
      st(x, ldx, 1, 2, x2);
      SY_XNORM = Math.abs(x1) + Math.abs(x2);
    } else {
      st(x, ldx, 2, 1, x2);
      SY_XNORM = Math.max(Math.abs(x1), Math.abs(x2));
    }
    return;
  }
  // 2 x 2: the equivalent 4x4 system, complete pivoting
  let smin = 0.0;
  for (let j = 1; j <= 2; j++) {
    for (let i = 1; i <= 2; i++) {
      smin = Math.max(smin, Math.max(Math.abs(gt(tr, ldtr, i, j)), Math.abs(gt(tl, ldtl, i, j))));
    }
  }
  smin = Math.max(eps * smin, smlnum);
  memory.fill(T16, 0, 128);
  st(T16, 4, 1, 1, gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 1, 1));
  st(T16, 4, 2, 2, gt(tl, ldtl, 2, 2) + sgn * gt(tr, ldtr, 1, 1));
  st(T16, 4, 3, 3, gt(tl, ldtl, 1, 1) + sgn * gt(tr, ldtr, 2, 2));
  st(T16, 4, 4, 4, gt(tl, ldtl, 2, 2) + sgn * gt(tr, ldtr, 2, 2));
  st(T16, 4, 1, 2, gt(tl, ldtl, 1, 2));
  st(T16, 4, 2, 1, gt(tl, ldtl, 2, 1));
  st(T16, 4, 3, 4, gt(tl, ldtl, 1, 2));
  st(T16, 4, 4, 3, gt(tl, ldtl, 2, 1));
  st(T16, 4, 1, 3, sgn * gt(tr, ldtr, 2, 1));
  st(T16, 4, 2, 4, sgn * gt(tr, ldtr, 2, 1));
  st(T16, 4, 3, 1, sgn * gt(tr, ldtr, 1, 2));
  st(T16, 4, 4, 2, sgn * gt(tr, ldtr, 1, 2));
  store<f64>(BTMP, gt(b, ldb, 1, 1));
  store<f64>(BTMP, gt(b, ldb, 2, 1), 8);
  store<f64>(BTMP, gt(b, ldb, 1, 2), 16);
  store<f64>(BTMP, gt(b, ldb, 2, 2), 24);
  for (let i = 1; i <= 3; i++) {
    let xmax = 0.0;
    let ipsv = i;
    let jpsv = i;
    for (let ip = i; ip <= 4; ip++) {
      for (let jp = i; jp <= 4; jp++) {
        if (Math.abs(gt(T16, 4, ip, jp)) >= xmax) {
          xmax = Math.abs(gt(T16, 4, ip, jp));
          ipsv = ip;
          jpsv = jp;
        }
      }
    }
    if (ipsv != i) {
      for (let c = 1; c <= 4; c++) {
        const tmp = gt(T16, 4, ipsv, c);
        st(T16, 4, ipsv, c, gt(T16, 4, i, c));
        st(T16, 4, i, c, tmp);
      }
      const bi = load<f64>(BTMP + (<usize>(i - 1) << 3));
      store<f64>(BTMP + (<usize>(i - 1) << 3), load<f64>(BTMP + (<usize>(ipsv - 1) << 3)));
      store<f64>(BTMP + (<usize>(ipsv - 1) << 3), bi);
    }
    if (jpsv != i) {
      for (let r = 1; r <= 4; r++) {
        const tmp = gt(T16, 4, r, jpsv);
        st(T16, 4, r, jpsv, gt(T16, 4, r, i));
        st(T16, 4, r, i, tmp);
      }
    }
    store<i32>(JPIV + (<usize>(i - 1) << 2), jpsv);
    if (Math.abs(gt(T16, 4, i, i)) < smin) {
      SY_INFO = 1;
      st(T16, 4, i, i, smin);
    }
    for (let j = i + 1; j <= 4; j++) {
      const lji = gt(T16, 4, j, i) / gt(T16, 4, i, i);
      st(T16, 4, j, i, lji);
      store<f64>(BTMP + (<usize>(j - 1) << 3), load<f64>(BTMP + (<usize>(j - 1) << 3)) - lji * load<f64>(BTMP + (<usize>(i - 1) << 3)));
      for (let kk = i + 1; kk <= 4; kk++) st(T16, 4, j, kk, gt(T16, 4, j, kk) - lji * gt(T16, 4, i, kk));
    }
  }
  if (Math.abs(gt(T16, 4, 4, 4)) < smin) st(T16, 4, 4, 4, smin);
  let bmax = 0.0;
  let over = false;
  for (let i = 1; i <= 4; i++) {
    const bi = Math.abs(load<f64>(BTMP + (<usize>(i - 1) << 3)));
    bmax = Math.max(bmax, bi);
    if (8.0 * smlnum * bi > Math.abs(gt(T16, 4, i, i))) over = true;
  }
  if (over) {
    SY_SCALE = 0.125 / bmax;
    for (let i = 0; i < 4; i++) store<f64>(BTMP + (<usize>i << 3), load<f64>(BTMP + (<usize>i << 3)) * SY_SCALE);
  }
  for (let i = 1; i <= 4; i++) {
    const kk = 5 - i;
    const temp = 1.0 / gt(T16, 4, kk, kk);
    let v = load<f64>(BTMP + (<usize>(kk - 1) << 3)) * temp;
    for (let j = kk + 1; j <= 4; j++) v -= (temp * gt(T16, 4, kk, j)) * load<f64>(TMP + (<usize>(j - 1) << 3));
    store<f64>(TMP + (<usize>(kk - 1) << 3), v);
  }
  for (let i = 1; i <= 3; i++) {
    const p = 4 - i;
    const jp = load<i32>(JPIV + (<usize>(p - 1) << 2));
    if (jp != p) {
      const temp = load<f64>(TMP + (<usize>(p - 1) << 3));
      store<f64>(TMP + (<usize>(p - 1) << 3), load<f64>(TMP + (<usize>(jp - 1) << 3)));
      store<f64>(TMP + (<usize>(jp - 1) << 3), temp);
    }
  }
  const x11 = load<f64>(TMP);
  const x21 = load<f64>(TMP, 8);
  const x12 = load<f64>(TMP, 16);
  const x22 = load<f64>(TMP, 24);
  st(x, ldx, 1, 1, x11);
  st(x, ldx, 2, 1, x21);
  st(x, ldx, 1, 2, x12);
  st(x, ldx, 2, 2, x22);
  SY_XNORM = Math.max(Math.abs(x11) + Math.abs(x12), Math.abs(x21) + Math.abs(x22));
}
