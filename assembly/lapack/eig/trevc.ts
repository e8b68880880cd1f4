// Right eigenvectors of a real Schur form, back-transformed (LAPACK dtrevc3 'R' 'B' and dlaln2),
// column-major, 1-based.
//
// For each eigenvalue w = T(k, k) (or the pair of a 2x2 block), the eigenvector x of T solves the
// quasi-triangular system (T(1:k-1, 1:k-1) - w I) x = -T(1:k-1, k), by back-substitution over the
// diagonal blocks with dlaln2. Overflow protection as LAPACK: each block solve may return a scale
// factor <= 1 (then the whole partial vector is rescaled), near-singular blocks are perturbed to
// smin = max(ulp |w|, smlnum) (defective and repeated eigenvalues give nearly parallel vectors,
// never NaN or Infinity), and a solution that could overflow the next update, judged by the
// 1-norms of T's columns, is scaled down first. The vectors are then multiplied by the Schur
// vectors Q in blocks of NB columns through one gemm per block (only the leading rows of a block
// are nonzero, so each gemm uses just the columns of Q they need), and scaled so that their
// largest entry (|re| + |im| for complex ones) is 1.

import { at, axpy, gemmCM, gemmCMWorkBytes, gt, lacpy, ladiv, LD_P, LD_Q, SAFMIN, scal, ULP, vg, vs } from "./aux";

/** Vectors back-transformed per gemm. */
let NB: i32 = 64;

/** Sets the back-transformation block size (>= 3; 0 keeps it); returns the value in use. */
export function trevcBlockSize(nb: i32): i32 {
  if (nb >= 3) NB = nb;
  return NB;
}

const ISCOMPLEX = memory.data(4 * 1032, 16);

/** Scratch bytes of trevc3 for order n. */
export function trevc3WorkBytes(n: i32): usize {
  const nb = min<i32>(NB, 1024);
  return <usize>(n * (1 + 2 * nb)) * 8 + gemmCMWorkBytes(n, nb, n) + 4 * 64;
}

// @ts-ignore: decorator
@inline function align64(p: usize): usize {
  return (p + 63) & ~(<usize>63);
}

/**
 * Replaces the Schur vectors Q in vr (n x n, ldvr) with the right eigenvectors of A = Q T Qᵀ,
 * T the real Schur form (t, ldt, standardized 2x2 blocks): column k is the eigenvector of
 * eigenvalue k; for a complex pair in columns k, k+1 (positive imaginary part first), column k
 * holds the real part and column k+1 the imaginary part of the first one's eigenvector.
 */
export function trevc3(n: i32, t: usize, ldt: i32, vr: usize, ldvr: i32, work: usize): void {
  if (n == 0) return;
  const nb = min<i32>(NB, 1024);
  const w = align64(work);
  const gw = align64(w + (<usize>(n * (1 + 2 * nb)) << 3));
  memory.fill(w, 0, <usize>(n * (1 + 2 * nb)) << 3);
  const unfl = SAFMIN;
  const ulp = ULP;
  const smlnum = unfl * (<f64>n / ulp);
  const bignum = (1.0 - ulp) / smlnum;

  // 1-norms of the strictly upper triangular columns of T, for the overflow control
  vs(w, 1, 0.0);
  for (let j = 2; j <= n; j++) {
    let s = 0.0;
    for (let i = 1; i <= j - 1; i++) s += Math.abs(gt(t, ldt, i, j));
    vs(w, j, s);
  }

  let iv = nb; // column of the current vector in the block (the complex pair uses iv-1, iv)
  let ip = 0; // 0: real eigenvalue; -1: second of a pair (done with the first); 1: first
  for (let ki = n; ki >= 1; ki--) {
    if (ip == -1) {
      // the previous ki was the second of a pair: this one is the first, already done
      ip = 1;
      continue;
    } else if (ki == 1) {
      ip = 0;
    } else if (gt(t, ldt, ki, ki - 1) == 0.0) {
      ip = 0;
    } else {
      ip = -1;
    }
    const wr = gt(t, ldt, ki, ki);
    let wi = 0.0;
    if (ip != 0) wi = Math.sqrt(Math.abs(gt(t, ldt, ki, ki - 1))) * Math.sqrt(Math.abs(gt(t, ldt, ki - 1, ki)));
    const smin = Math.max(ulp * (Math.abs(wr) + Math.abs(wi)), smlnum);

    if (ip == 0) {
      // real right eigenvector
      const x = w + (<usize>(iv * n) << 3);
      vs(x, ki, 1.0);
      for (let k = 1; k <= ki - 1; k++) vs(x, k, -gt(t, ldt, k, ki));
      // solve (T(1:ki-1, 1:ki-1) - wr) x = scale * rhs
      let jnxt = ki - 1;
      for (let j = ki - 1; j >= 1; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 1) {
          if (gt(t, ldt, j, j - 1) != 0.0) {
            j1 = j - 1;
            jnxt = j - 2;
          }
        }
        if (j1 == j) {
          // 1x1 diagonal block
          laln2(1, 1, smin, at(t, ldt, j, j), ldt, x + (<usize>(j - 1) << 3), n, wr, 0.0);
          let x11 = load<f64>(LN_X);
          let scale = LN_SCALE;
          const xnorm = LN_XNORM;
          // scale x(1,1) to avoid overflow when updating the right-hand side
          if (xnorm > 1.0) {
            if (vg(w, j) > bignum / xnorm) {
              x11 /= xnorm;
              scale /= xnorm;
            }
          }
          if (scale != 1.0) scal(ki, scale, x);
          vs(x, j, x11);
          axpy(j - 1, -x11, at(t, ldt, 1, j), x);
        } else {
          // 2x2 diagonal block
          laln2(2, 1, smin, at(t, ldt, j - 1, j - 1), ldt, x + (<usize>(j - 2) << 3), n, wr, 0.0);
          let x11 = load<f64>(LN_X);
          let x21 = load<f64>(LN_X, 8);
          let scale = LN_SCALE;
          const xnorm = LN_XNORM;
          if (xnorm > 1.0) {
            const beta = Math.max(vg(w, j - 1), vg(w, j));
            if (beta > bignum / xnorm) {
              x11 /= xnorm;
              x21 /= xnorm;
              scale /= xnorm;
            }
          }
          if (scale != 1.0) scal(ki, scale, x);
          vs(x, j - 1, x11);
          vs(x, j, x21);
          axpy(j - 2, -x11, at(t, ldt, 1, j - 1), x);
          axpy(j - 2, -x21, at(t, ldt, 1, j), x);
        }
      }
      // zero below the vector; the back-transformation and normalisation follow below
      for (let k = ki + 1; k <= n; k++) vs(x, k, 0.0);
      store<i32>(ISCOMPLEX + (<usize>iv << 2), 0);
    } else {
      // complex right eigenvector (of wr + i wi, wi > 0): real part in column iv-1, imaginary in iv
      const xr = w + (<usize>((iv - 1) * n) << 3);
      const xi = w + (<usize>(iv * n) << 3);
      // initial solve [T(ki-1, ki-1) T(ki-1, ki); T(ki, ki-1) T(ki, ki)] - (wr + i wi)] x = 0
      if (Math.abs(gt(t, ldt, ki - 1, ki)) >= Math.abs(gt(t, ldt, ki, ki - 1))) {
        vs(xr, ki - 1, 1.0);
        vs(xi, ki, wi / gt(t, ldt, ki - 1, ki));
      } else {
        vs(xr, ki - 1, -wi / gt(t, ldt, ki, ki - 1));
        vs(xi, ki, 1.0);
      }
      vs(xr, ki, 0.0);
      vs(xi, ki - 1, 0.0);
      const xr0 = vg(xr, ki - 1);
      const xi0 = vg(xi, ki);
      for (let k = 1; k <= ki - 2; k++) {
        vs(xr, k, -xr0 * gt(t, ldt, k, ki - 1));
        vs(xi, k, -xi0 * gt(t, ldt, k, ki));
      }
      // solve (T(1:ki-2, 1:ki-2) - (wr + i wi)) x = scale * rhs
      let jnxt = ki - 2;
      for (let j = ki - 2; j >= 1; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 1) {
          if (gt(t, ldt, j, j - 1) != 0.0) {
            j1 = j - 1;
            jnxt = j - 2;
          }
        }
        if (j1 == j) {
          laln2(1, 2, smin, at(t, ldt, j, j), ldt, xr + (<usize>(j - 1) << 3), n, wr, wi);
          let x11 = load<f64>(LN_X);
          let x12 = load<f64>(LN_X, 16);
          let scale = LN_SCALE;
          const xnorm = LN_XNORM;
          if (xnorm > 1.0) {
            if (vg(w, j) > bignum / xnorm) {
              x11 /= xnorm;
              x12 /= xnorm;
              scale /= xnorm;
            }
          }
          if (scale != 1.0) {
            scal(ki, scale, xr);
            scal(ki, scale, xi);
          }
          vs(xr, j, x11);
          vs(xi, j, x12);
          axpy2(j - 1, -x11, -x12, at(t, ldt, 1, j), xr, xi);
        } else {
          laln2(2, 2, smin, at(t, ldt, j - 1, j - 1), ldt, xr + (<usize>(j - 2) << 3), n, wr, wi);
          let x11 = load<f64>(LN_X);
          let x21 = load<f64>(LN_X, 8);
          let x12 = load<f64>(LN_X, 16);
          let x22 = load<f64>(LN_X, 24);
          let scale = LN_SCALE;
          const xnorm = LN_XNORM;
          if (xnorm > 1.0) {
            const beta = Math.max(vg(w, j - 1), vg(w, j));
            if (beta > bignum / xnorm) {
              const rec = 1.0 / xnorm;
              x11 *= rec;
              x12 *= rec;
              x21 *= rec;
              x22 *= rec;
              scale *= rec;
            }
          }
          if (scale != 1.0) {
            scal(ki, scale, xr);
            scal(ki, scale, xi);
          }
          vs(xr, j - 1, x11);
          vs(xr, j, x21);
          vs(xi, j - 1, x12);
          vs(xi, j, x22);
          axpy2(j - 2, -x11, -x12, at(t, ldt, 1, j - 1), xr, xi);
          axpy2(j - 2, -x21, -x22, at(t, ldt, 1, j), xr, xi);
        }
      }
      for (let k = ki + 1; k <= n; k++) {
        vs(xr, k, 0.0);
        vs(xi, k, 0.0);
      }
      store<i32>(ISCOMPLEX + (<usize>(iv - 1) << 2), 1);
      store<i32>(ISCOMPLEX + (<usize>iv << 2), -1);
      iv--;
    }

    // Blocked back-transformation: columns iv..nb of the block hold vectors; when the block is
    // full, or this was the last vector, multiply them by Q and normalize.
    const ki2 = ip == 0 ? ki : ki - 1;
    if (iv <= 2 || ki2 == 1) {
      const cols = nb - iv + 1;
      const res = w + (<usize>((nb + iv) * n) << 3);
      gemmCM(0, 0, n, cols, ki2 + nb - iv, 1.0, vr, ldvr, w + (<usize>(iv * n) << 3), n, 0.0, res, n, gw);
      let remax = 1.0;
      for (let k = iv; k <= nb; k++) {
        const col = w + (<usize>((nb + k) * n) << 3);
        const kind = load<i32>(ISCOMPLEX + (<usize>k << 2));
        if (kind == 0) {
          let emax = 0.0;
          for (let i = 0; i < n; i++) emax = Math.max(emax, Math.abs(load<f64>(col + (<usize>i << 3))));
          remax = 1.0 / emax;
        } else if (kind == 1) {
          // first column of a pair: real part here, imaginary part in the next column
          let emax = 0.0;
          for (let i = 0; i < n; i++) {
            emax = Math.max(emax, Math.abs(load<f64>(col + (<usize>i << 3))) + Math.abs(load<f64>(col + (<usize>(i + n) << 3))));
          }
          remax = 1.0 / emax;
        } // kind == -1: the pair's second column, same remax
        scal(n, remax, col);
      }
      lacpy(n, cols, res, n, at(vr, ldvr, 1, ki2), ldvr);
      iv = nb;
    } else {
      iv--;
    }
  }
}

/** yr += a x, yi += b x over n values (the two updates of a complex right-hand side). */
function axpy2(n: i32, a: f64, b: f64, x: usize, yr: usize, yi: usize): void {
  const va = f64x2.splat(a);
  const vb = f64x2.splat(b);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    const xv = v128.load(x + o);
    v128.store(yr + o, f64x2.add(v128.load(yr + o), f64x2.mul(va, xv)));
    v128.store(yi + o, f64x2.add(v128.load(yi + o), f64x2.mul(vb, xv)));
  }
  if (i < n) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o);
    store<f64>(yr + o, load<f64>(yr + o) + a * xv);
    store<f64>(yi + o, load<f64>(yi + o) + b * xv);
  }
}

// ---- dlaln2 ------------------------------------------------------------------------------------

/** Solution of laln2, 2x2 column-major: X(1,1), X(2,1), X(1,2), X(2,2). */
const LN_X = memory.data(32, 16);
let LN_SCALE: f64 = 1;
let LN_XNORM: f64 = 0;

// Complete pivoting tables of dlaln2 (1-based positions in the column-major 2x2 C).
// @ts-ignore: decorator
@inline function piv2(i: i32): i32 { return i == 1 ? 2 : i == 2 ? 1 : i == 3 ? 4 : 3; }
// @ts-ignore: decorator
@inline function piv3(i: i32): i32 { return i == 1 ? 3 : i == 2 ? 4 : i == 3 ? 1 : 2; }
// @ts-ignore: decorator
@inline function piv4(i: i32): i32 { return 5 - i; }

const CR = memory.data(32, 16);
const CI = memory.data(32, 16);

/**
 * Solves (A - w I) X = scale B for the na x na block A (na = 1, 2; lda) and nw = 1 (w = wr real,
 * B one column) or nw = 2 (w = wr + i wi, B = [Re | Im] as two columns at b and b + ldb), with
 * perturbation of small pivots to smin and scaling against overflow (LAPACK dlaln2 with
 * ltrans = false, ca = d1 = d2 = 1). Results: LN_X, LN_SCALE (<= 1), LN_XNORM.
 */
function laln2(na: i32, nw: i32, smin: f64, a: usize, lda: i32, b: usize, ldb: i32, wr: f64, wi: f64): void {
  const smlnum = 2.0 * SAFMIN;
  const bignum = 1.0 / smlnum;
  const smini = Math.max(smin, smlnum);
  let scale = 1.0;
  const b11 = gt(b, ldb, 1, 1);
  if (na == 1) {
    if (nw == 1) {
      // real 1x1
      let csr = gt(a, lda, 1, 1) - wr;
      let cnorm = Math.abs(csr);
      if (cnorm < smini) {
        csr = smini;
        cnorm = smini;
      }
      const bnorm = Math.abs(b11);
      if (cnorm < 1.0 && bnorm > 1.0) {
        if (bnorm > bignum * cnorm) scale = 1.0 / bnorm;
      }
      const x = (b11 * scale) / csr;
      store<f64>(LN_X, x);
      LN_XNORM = Math.abs(x);
    } else {
      // complex 1x1
      let csr = gt(a, lda, 1, 1) - wr;
      let csi = -wi;
      let cnorm = Math.abs(csr) + Math.abs(csi);
      if (cnorm < smini) {
        csr = smini;
        csi = 0.0;
        cnorm = smini;
      }
      const b12 = gt(b, ldb, 1, 2);
      const bnorm = Math.abs(b11) + Math.abs(b12);
      if (cnorm < 1.0 && bnorm > 1.0) {
        if (bnorm > bignum * cnorm) scale = 1.0 / bnorm;
      }
      ladiv(scale * b11, scale * b12, csr, csi);
      store<f64>(LN_X, LD_P);
      store<f64>(LN_X, LD_Q, 16);
      LN_XNORM = Math.abs(LD_P) + Math.abs(LD_Q);
    }
    LN_SCALE = scale;
    return;
  }
  // 2x2: real part of C = A - w I, column-major CR(1..4)
  store<f64>(CR, gt(a, lda, 1, 1) - wr);
  store<f64>(CR, gt(a, lda, 2, 1), 8);
  store<f64>(CR, gt(a, lda, 1, 2), 16);
  store<f64>(CR, gt(a, lda, 2, 2) - wr, 24);
  const b21 = gt(b, ldb, 2, 1);
  if (nw == 1) {
    // real 2x2 system: find the largest element of C
    let cmax = 0.0;
    let icmax = 0;
    for (let j = 1; j <= 4; j++) {
      const v = Math.abs(vg(CR, j));
      if (v > cmax) {
        cmax = v;
        icmax = j;
      }
    }
    // if norm(C) < smini, use smini * identity
    if (cmax < smini) {
      const bnorm = Math.max(Math.abs(b11), Math.abs(b21));
      if (smini < 1.0 && bnorm > 1.0) {
        if (bnorm > bignum * smini) scale = 1.0 / bnorm;
      }
      const temp = scale / smini;
      store<f64>(LN_X, temp * b11);
      store<f64>(LN_X, temp * b21, 8);
      LN_XNORM = temp * bnorm;
      LN_SCALE = scale;
      return;
    }
    // Gaussian elimination with complete pivoting
    const ur11 = vg(CR, icmax);
    const cr21 = vg(CR, piv2(icmax));
    const ur12 = vg(CR, piv3(icmax));
    const cr22 = vg(CR, piv4(icmax));
    const ur11r = 1.0 / ur11;
    const lr21 = ur11r * cr21;
    let ur22 = cr22 - ur12 * lr21;
    if (Math.abs(ur22) < smini) ur22 = smini;
    let br1: f64, br2: f64;
    if (icmax == 2 || icmax == 4) {
      br1 = b21;
      br2 = b11;
    } else {
      br1 = b11;
      br2 = b21;
    }
    br2 = br2 - lr21 * br1;
    const bbnd = Math.max(Math.abs(br1 * (ur22 * ur11r)), Math.abs(br2));
    if (bbnd > 1.0 && Math.abs(ur22) < 1.0) {
      if (bbnd >= bignum * Math.abs(ur22)) scale = 1.0 / bbnd;
    }
    const xr2 = (br2 * scale) / ur22;
    const xr1 = scale * br1 * ur11r - xr2 * (ur11r * ur12);
    let x1 = xr1;
    let x2 = xr2;
    if (icmax >= 3) {
      x1 = xr2;
      x2 = xr1;
    }
    let xnorm = Math.max(Math.abs(xr1), Math.abs(xr2));
    // further scaling if norm(A) norm(X) > overflow
    if (xnorm > 1.0 && cmax > 1.0) {
      if (xnorm > bignum / cmax) {
        const temp = cmax / bignum;
        x1 *= temp;
        x2 *= temp;
        xnorm *= temp;
        scale *= temp;
      }
    }
    store<f64>(LN_X, x1);
    store<f64>(LN_X, x2, 8);
    LN_XNORM = xnorm;
    LN_SCALE = scale;
    return;
  }
  // complex 2x2 system: imaginary part of C is -wi I
  store<f64>(CI, -wi);
  store<f64>(CI, 0.0, 8);
  store<f64>(CI, 0.0, 16);
  store<f64>(CI, -wi, 24);
  const b12 = gt(b, ldb, 1, 2);
  const b22 = gt(b, ldb, 2, 2);
  let cmax = 0.0;
  let icmax = 0;
  for (let j = 1; j <= 4; j++) {
    const v = Math.abs(vg(CR, j)) + Math.abs(vg(CI, j));
    if (v > cmax) {
      cmax = v;
      icmax = j;
    }
  }
  if (cmax < smini) {
    const bnorm = Math.max(Math.abs(b11) + Math.abs(b12), Math.abs(b21) + Math.abs(b22));
    if (smini < 1.0 && bnorm > 1.0) {
      if (bnorm > bignum * smini) scale = 1.0 / bnorm;
    }
    const temp = scale / smini;
    store<f64>(LN_X, temp * b11);
    store<f64>(LN_X, temp * b21, 8);
    store<f64>(LN_X, temp * b12, 16);
    store<f64>(LN_X, temp * b22, 24);
    LN_XNORM = temp * bnorm;
    LN_SCALE = scale;
    return;
  }
  const ur11 = vg(CR, icmax);
  const ui11 = vg(CI, icmax);
  const cr21 = vg(CR, piv2(icmax));
  const ci21 = vg(CI, piv2(icmax));
  const ur12 = vg(CR, piv3(icmax));
  const ui12 = vg(CI, piv3(icmax));
  const cr22 = vg(CR, piv4(icmax));
  const ci22 = vg(CI, piv4(icmax));
  let ur11r: f64, ui11r: f64, lr21: f64, li21: f64, ur12s: f64, ui12s: f64, ur22: f64, ui22: f64;
  if (icmax == 1 || icmax == 4) {
    // off-diagonals of the pivoted C are real
    if (Math.abs(ur11) > Math.abs(ui11)) {
      const temp = ui11 / ur11;
      ur11r = 1.0 / (ur11 * (1.0 + temp * temp));
      ui11r = -temp * ur11r;
    } else {
      const temp = ur11 / ui11;
      ui11r = -1.0 / (ui11 * (1.0 + temp * temp));
      ur11r = -temp * ui11r;
    }
    lr21 = cr21 * ur11r;
    li21 = cr21 * ui11r;
    ur12s = ur12 * ur11r;
    ui12s = ur12 * ui11r;
    ur22 = cr22 - ur12 * lr21;
    ui22 = ci22 - ur12 * li21;
  } else {
    // diagonals of the pivoted C are real
    ur11r = 1.0 / ur11;
    ui11r = 0.0;
    lr21 = cr21 * ur11r;
    li21 = ci21 * ur11r;
    ur12s = ur12 * ur11r;
    ui12s = ui12 * ur11r;
    ur22 = cr22 - ur12 * lr21 + ui12 * li21;
    ui22 = -ur12 * li21 - ui12 * lr21;
  }
  const u22abs = Math.abs(ur22) + Math.abs(ui22);
  if (u22abs < smini) {
    ur22 = smini;
    ui22 = 0.0;
  }
  let br1: f64, br2: f64, bi1: f64, bi2: f64;
  if (icmax == 2 || icmax == 4) {
    br2 = b11;
    br1 = b21;
    bi2 = b12;
    bi1 = b22;
  } else {
    br1 = b11;
    br2 = b21;
    bi1 = b12;
    bi2 = b22;
  }
  br2 = br2 - lr21 * br1 + li21 * bi1;
  bi2 = bi2 - li21 * br1 - lr21 * bi1;
  const bbnd = Math.max((Math.abs(br1) + Math.abs(bi1)) * (u22abs * (Math.abs(ur11r) + Math.abs(ui11r))), Math.abs(br2) + Math.abs(bi2));
  if (bbnd > 1.0 && u22abs < 1.0) {
    if (bbnd >= bignum * u22abs) {
      scale = 1.0 / bbnd;
      br1 *= scale;
      bi1 *= scale;
      br2 *= scale;
      bi2 *= scale;
    }
  }
  ladiv(br2, bi2, ur22, ui22);
  const xr2 = LD_P;
  const xi2 = LD_Q;
  const xr1 = ur11r * br1 - ui11r * bi1 - ur12s * xr2 + ui12s * xi2;
  const xi1 = ui11r * br1 + ur11r * bi1 - ui12s * xr2 - ur12s * xi2;
  let x11 = xr1;
  let x21 = xr2;
  let x12 = xi1;
  let x22 = xi2;
  if (icmax >= 3) {
    x11 = xr2;
    x21 = xr1;
    x12 = xi2;
    x22 = xi1;
  }
  let xnorm = Math.max(Math.abs(xr1) + Math.abs(xi1), Math.abs(xr2) + Math.abs(xi2));
  if (xnorm > 1.0 && cmax > 1.0) {
    if (xnorm > bignum / cmax) {
      const temp = cmax / bignum;
      x11 *= temp;
      x21 *= temp;
      x12 *= temp;
      x22 *= temp;
      xnorm *= temp;
      scale *= temp;
    }
  }
  store<f64>(LN_X, x11);
  store<f64>(LN_X, x21, 8);
  store<f64>(LN_X, x12, 16);
  store<f64>(LN_X, x22, 24);
  LN_XNORM = xnorm;
  LN_SCALE = scale;
}
