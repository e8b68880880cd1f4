// The symmetric tridiagonal eigenproblem by implicit QL/QR with Wilkinson shifts (LAPACK dsteqr,
// and the square-root-free dsterf for eigenvalues only), plus the 2x2 and plane-rotation helpers
// (dlae2, dlaev2, dlartg) that the divide and conquer (stedc.ts) shares.
//
// Eigenvectors are kept TRANSPOSED: row j of zt is the eigenvector of d[j] (LAPACK's Z has them as
// columns). A plane rotation of two columns of Z is then a rotation of two contiguous rows, one
// unit-stride f64x2 loop (dlasr 'R', 'V').
//
// Every iteration loop is capped as LAPACK caps it (30 n QL/QR sweeps in all); on failure the
// routines return a non-zero status and fill the 4 i32 at `info`: [kind, index, size, sweeps],
// which the TypeScript shim turns into a ConvergenceError naming the step.
//
// All pointers are byte addresses in linear memory; leading dimensions are in elements.

/** dlamch('E'): 2^-53. */
export const EPS: f64 = 1.1102230246251565e-16;
/** dlamch('S'): 2^-1022. */
export const SAFMIN: f64 = 2.2250738585072014e-308;
const EPS2: f64 = EPS * EPS;
/** sqrt(1 / SAFMIN) / 3, LAPACK's ssfmax: blocks above it are scaled down first. */
const SSFMAX: f64 = 2.2346346549904327e+153; // 2^511 / 3
/** sqrt(SAFMIN) / EPS^2, LAPACK's ssfmin: blocks below it are scaled up first. */
const SSFMIN: f64 = 1.210184973390412e-122; // 2^-511 / 2^-106 = 2^-405
/** Sweeps allowed per eigenvalue (LAPACK MAXIT): the cap is MAXIT * n sweeps in all. */
let MAXIT: i32 = 30;

/** Sets the QL/QR sweeps allowed per eigenvalue (tests of the failure path; < 0 keeps). Returns the value in use. */
export function qlSweepCap(k: i32): i32 {
  if (k >= 0) MAXIT = k;
  return MAXIT;
}

/** Failure kinds written to info[0]. */
export const FAIL_STEQR: i32 = 1;
export const FAIL_STERF: i32 = 2;
export const FAIL_LAED4: i32 = 3;

// ---- memory helpers ------------------------------------------------------------------------

// @ts-ignore: decorator
@inline export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
// @ts-ignore: decorator
@inline export function ldi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline export function sti(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}

/** Writes the failure record [kind, index, size, sweeps] at info. */
export function setInfo(info: usize, kind: i32, index: i32, size: i32, sweeps: i32): void {
  sti(info, 0, kind);
  sti(info, 1, index);
  sti(info, 2, size);
  sti(info, 3, sweeps);
}

// @ts-ignore: decorator
@inline function pow2(e: i32): f64 {
  return reinterpret<f64>(<u64>(e + 1023) << 52);
}

/** x * 2^k exactly (unless the result over- or underflows), |k| <= 2044. */
// @ts-ignore: decorator
@inline export function scale2(x: f64, k: i32): f64 {
  const h = k >> 1;
  return x * pow2(h) * pow2(k - h);
}

/** floor(log2(a)) for finite a > 0 (subnormals included). */
export function exponentOf(a: f64): i32 {
  const bits = reinterpret<u64>(a);
  const be = <i32>((bits >> 52) & 0x7ff);
  if (be != 0) return be - 1023;
  const b2 = reinterpret<u64>(a * pow2(64));
  return <i32>((b2 >> 52) & 0x7ff) - 1023 - 64;
}

/** x[0:n] *= 2^k (exact). */
export function scaleVec2(n: i32, x: usize, k: i32): void {
  if (k == 0) return;
  for (let i = 0; i < n; i++) st(x, i, scale2(ld(x, i), k));
}

/** sqrt(x^2 + y^2) without unnecessary overflow (LAPACK dlapy2). */
export function lapy2(x: f64, y: f64): f64 {
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z == 0.0 || w > f64.MAX_VALUE) return w;
  const r = z / w;
  return w * Math.sqrt(1.0 + r * r);
}

/** max |d[0:n]|, |e[0:n-1]| (LAPACK dlanst 'M'). */
export function maxNormTridiag(n: i32, d: usize, e: usize): f64 {
  let m = 0.0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(ld(d, i)));
  for (let i = 0; i < n - 1; i++) m = Math.max(m, Math.abs(ld(e, i)));
  return m;
}

// ---- plane rotations and 2x2 eigenproblems ------------------------------------------------

// Results of lartg / lae2 / laev2 (AssemblyScript has no tuples; these are plain globals).
export let rotC: f64 = 0;
export let rotS: f64 = 0;
export let rotR: f64 = 0;
export let rt1: f64 = 0;
export let rt2: f64 = 0;

const RTMIN: f64 = 1.4916681462400413e-154; // sqrt(SAFMIN)
const RTMAX: f64 = 4.7403759540545887e+153; // sqrt(1 / SAFMIN / 2)

/**
 * Plane rotation [c s; -s c] [f; g] = [r; 0] (LAPACK 3.10 dlartg): c >= 0, r has the sign of f,
 * scaled when f or g is near the ends of the range. Sets rotC, rotS, rotR.
 */
export function lartg(f: f64, g: f64): void {
  if (g == 0.0) {
    rotC = 1.0;
    rotS = 0.0;
    rotR = f;
    return;
  }
  if (f == 0.0) {
    rotC = 0.0;
    rotS = g >= 0 ? 1.0 : -1.0;
    rotR = Math.abs(g);
    return;
  }
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const dd = Math.sqrt(f * f + g * g);
    rotC = f1 / dd;
    const r = copysign<f64>(dd, f);
    rotS = g / r;
    rotR = r;
  } else {
    const u = Math.min(1.0 / SAFMIN, Math.max(SAFMIN, Math.max(f1, g1)));
    const fs = f / u;
    const gs = g / u;
    const dd = Math.sqrt(fs * fs + gs * gs);
    rotC = Math.abs(fs) / dd;
    const r = copysign<f64>(dd, f);
    rotS = gs / r;
    rotR = r * u;
  }
}

/**
 * Eigenvalues of [[a, b], [b, c]] (LAPACK dlae2): rt1 of larger absolute value, rt2 the other,
 * computed without harmful cancellation.
 */
export function lae2(a: f64, b: f64, c: f64): void {
  const sm = a + c;
  const df = a - c;
  const adf = Math.abs(df);
  const tb = b + b;
  const ab = Math.abs(tb);
  let acmx: f64, acmn: f64;
  if (Math.abs(a) > Math.abs(c)) {
    acmx = a;
    acmn = c;
  } else {
    acmx = c;
    acmn = a;
  }
  let rt: f64;
  if (adf > ab) rt = adf * Math.sqrt(1.0 + (ab / adf) * (ab / adf));
  else if (adf < ab) rt = ab * Math.sqrt(1.0 + (adf / ab) * (adf / ab));
  else rt = ab * Math.SQRT2;
  if (sm < 0.0) {
    rt1 = 0.5 * (sm - rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else if (sm > 0.0) {
    rt1 = 0.5 * (sm + rt);
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
  }
}

/**
 * Eigen-decomposition of [[a, b], [b, c]] (LAPACK dlaev2): lae2's rt1, rt2 and the unit right
 * eigenvector (rotC, rotS) of rt1: [c s; -s c] [[a, b], [b, c]] [c -s; s c] = diag(rt1, rt2).
 */
export function laev2(a: f64, b: f64, c: f64): void {
  const sm = a + c;
  const df = a - c;
  const adf = Math.abs(df);
  const tb = b + b;
  const ab = Math.abs(tb);
  let acmx: f64, acmn: f64;
  if (Math.abs(a) > Math.abs(c)) {
    acmx = a;
    acmn = c;
  } else {
    acmx = c;
    acmn = a;
  }
  let rt: f64;
  if (adf > ab) rt = adf * Math.sqrt(1.0 + (ab / adf) * (ab / adf));
  else if (adf < ab) rt = ab * Math.sqrt(1.0 + (adf / ab) * (adf / ab));
  else rt = ab * Math.SQRT2;
  let sgn1: i32;
  if (sm < 0.0) {
    rt1 = 0.5 * (sm - rt);
    sgn1 = -1;
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else if (sm > 0.0) {
    rt1 = 0.5 * (sm + rt);
    sgn1 = 1;
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
    sgn1 = 1;
  }
  let cs: f64;
  let sgn2: i32;
  if (df >= 0.0) {
    cs = df + rt;
    sgn2 = 1;
  } else {
    cs = df - rt;
    sgn2 = -1;
  }
  let cs1: f64, sn1: f64;
  if (Math.abs(cs) > ab) {
    const ct = -tb / cs;
    sn1 = 1.0 / Math.sqrt(1.0 + ct * ct);
    cs1 = ct * sn1;
  } else if (ab == 0.0) {
    cs1 = 1.0;
    sn1 = 0.0;
  } else {
    const tn = -cs / tb;
    cs1 = 1.0 / Math.sqrt(1.0 + tn * tn);
    sn1 = tn * cs1;
  }
  if (sgn1 == sgn2) {
    const tn = cs1;
    cs1 = -sn1;
    sn1 = tn;
  }
  rotC = cs1;
  rotS = sn1;
}

/**
 * The rotation of dlasr('R', 'V', ...) on columns j, j+1 of Z, done on rows j, j+1 of Zᵀ:
 * x = row j, y = row j+1 (len values each): y' = c y - s x, x' = s y + c x.
 */
export function rotateRows(len: i32, c: f64, s: f64, x: usize, y: usize): void {
  const vc = f64x2.splat(c);
  const vs = f64x2.splat(s);
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const o = <usize>k << 3;
    const xv = v128.load(x + o);
    const yv = v128.load(y + o);
    v128.store(y + o, f64x2.sub(f64x2.mul(vc, yv), f64x2.mul(vs, xv)));
    v128.store(x + o, f64x2.add(f64x2.mul(vs, yv), f64x2.mul(vc, xv)));
  }
  if (k < len) {
    const o = <usize>k << 3;
    const xs = load<f64>(x + o);
    const ys = load<f64>(y + o);
    store<f64>(y + o, c * ys - s * xs);
    store<f64>(x + o, s * ys + c * xs);
  }
}

/** Swaps len doubles at x and y. */
export function swapRows(len: i32, x: usize, y: usize): void {
  let k = 0;
  for (; k + 2 <= len; k += 2) {
    const o = <usize>k << 3;
    const a = v128.load(x + o);
    v128.store(x + o, v128.load(y + o));
    v128.store(y + o, a);
  }
  if (k < len) {
    const o = <usize>k << 3;
    const a = load<f64>(x + o);
    store<f64>(x + o, load<f64>(y + o));
    store<f64>(y + o, a);
  }
}

/** The n x n block at z (ldz) = identity. */
export function setIdentity(n: i32, z: usize, ldz: i32): void {
  for (let i = 0; i < n; i++) {
    const row = z + (<usize>i * <usize>ldz << 3);
    memory.fill(row, 0, <usize>n << 3);
    st(row, i, 1.0);
  }
}

// ---- dsteqr ----------------------------------------------------------------------------------

/** Exponent k of the power-of-two scaling a block with max-norm anorm needs (0: none). */
function blockScale(anorm: f64): i32 {
  if (anorm > SSFMAX) return 508 - exponentOf(anorm); // max lands in [2^508, 2^509) < SSFMAX
  if (anorm < SSFMIN) return -404 - exponentOf(anorm); // max lands in [2^-404, 2^-403) > SSFMIN
  return 0;
}

/**
 * Eigenvalues and eigenvectors of the symmetric tridiagonal matrix (d[0:n], e[0:n-1]) by implicit
 * QL or QR with Wilkinson shifts (LAPACK dsteqr, COMPZ = 'I'). On return d holds the eigenvalues
 * ascending, row j of zt (n x n block, leading dimension ldz) the unit eigenvector of d[j];
 * e is destroyed. work: 2n doubles. Returns 0, or the number of off-diagonal entries that had not
 * converged after 30 n sweeps (info filled).
 */
export function steqr(n: i32, d: usize, e: usize, zt: usize, ldz: i32, work: usize, info: usize): i32 {
  if (n <= 0) return 0;
  setIdentity(n, zt, ldz);
  if (n == 1) return 0;
  const nmaxit = n * MAXIT;
  let jtot = 0;
  let l1 = 0;
  let lastL = 0;
  const ws = work + (<usize>(n - 1) << 3); // the sines; work holds the cosines
  while (l1 < n) {
    if (l1 > 0) st(e, l1 - 1, 0.0);
    let m = l1;
    for (; m < n - 1; m++) {
      const tst = Math.abs(ld(e, m));
      if (tst == 0.0) break;
      if (tst <= Math.sqrt(Math.abs(ld(d, m))) * Math.sqrt(Math.abs(ld(d, m + 1))) * EPS) {
        st(e, m, 0.0);
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend == l) continue;
    // scale the block l..lend when it is near the ends of the range
    const anorm = maxNormTridiag(lend - l + 1, d + (<usize>l << 3), e + (<usize>l << 3));
    if (anorm == 0.0) continue;
    const k = blockScale(anorm);
    if (k != 0) {
      scaleVec2(lend - l + 1, d + (<usize>l << 3), k);
      scaleVec2(lend - l, e + (<usize>l << 3), k);
    }
    // QL when the bottom end is larger, QR otherwise
    if (Math.abs(ld(d, lend)) < Math.abs(ld(d, l))) {
      lend = lsv;
      l = lendsv;
    }
    if (lend > l) {
      // QL iteration
      while (true) {
        let mm = l;
        for (; mm < lend; mm++) {
          const t = Math.abs(ld(e, mm));
          if (t * t <= EPS2 * Math.abs(ld(d, mm)) * Math.abs(ld(d, mm + 1)) + SAFMIN) break;
        }
        if (mm < lend) st(e, mm, 0.0);
        let p = ld(d, l);
        if (mm == l) {
          // eigenvalue found
          st(d, l, p);
          l++;
          if (l <= lend) continue;
          break;
        }
        if (mm == l + 1) {
          laev2(ld(d, l), ld(e, l), ld(d, l + 1));
          rotateRows(n, rotC, rotS, zt + (<usize>l * <usize>ldz << 3), zt + (<usize>(l + 1) * <usize>ldz << 3));
          st(d, l, rt1);
          st(d, l + 1, rt2);
          st(e, l, 0.0);
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        jtot++;
        lastL = l;
        qlSweep(l, mm, d, e, work, ws);
        // apply the sweep's rotations (dlasr 'R', 'V', 'B') to rows l..mm of zt
        for (let j = mm - 1; j >= l; j--) {
          rotateRows(n, ld(work, j), ld(ws, j), zt + (<usize>j * <usize>ldz << 3), zt + (<usize>(j + 1) * <usize>ldz << 3));
        }
      }
    } else {
      // QR iteration
      while (true) {
        let mm = l;
        for (; mm > lend; mm--) {
          const t = Math.abs(ld(e, mm - 1));
          if (t * t <= EPS2 * Math.abs(ld(d, mm)) * Math.abs(ld(d, mm - 1)) + SAFMIN) break;
        }
        if (mm > lend) st(e, mm - 1, 0.0);
        let p = ld(d, l);
        if (mm == l) {
          st(d, l, p);
          l--;
          if (l >= lend) continue;
          break;
        }
        if (mm == l - 1) {
          laev2(ld(d, l - 1), ld(e, l - 1), ld(d, l));
          rotateRows(n, rotC, rotS, zt + (<usize>(l - 1) * <usize>ldz << 3), zt + (<usize>l * <usize>ldz << 3));
          st(d, l - 1, rt1);
          st(d, l, rt2);
          st(e, l - 1, 0.0);
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        jtot++;
        lastL = l;
        qrSweep(l, mm, d, e, work, ws);
        // dlasr 'R', 'V', 'F' on rows mm..l
        for (let j = mm; j < l; j++) {
          rotateRows(n, ld(work, j), ld(ws, j), zt + (<usize>j * <usize>ldz << 3), zt + (<usize>(j + 1) * <usize>ldz << 3));
        }
      }
    }
    if (k != 0) {
      scaleVec2(lendsv - lsv + 1, d + (<usize>lsv << 3), -k);
      scaleVec2(lendsv - lsv, e + (<usize>lsv << 3), -k);
    }
    if (jtot >= nmaxit) {
      let bad = 0;
      for (let i = 0; i < n - 1; i++) if (ld(e, i) != 0.0) bad++;
      if (bad > 0) {
        setInfo(info, FAIL_STEQR, lastL, n, jtot);
        return bad;
      }
    }
  }
  // selection sort, swapping eigenvector rows (as LAPACK: fewest swaps)
  for (let i = 0; i < n - 1; i++) {
    let kk = i;
    let p = ld(d, i);
    for (let j = i + 1; j < n; j++) {
      const v = ld(d, j);
      if (v < p) {
        kk = j;
        p = v;
      }
    }
    if (kk != i) {
      st(d, kk, ld(d, i));
      st(d, i, p);
      swapRows(n, zt + (<usize>i * <usize>ldz << 3), zt + (<usize>kk * <usize>ldz << 3));
    }
  }
  return 0;
}

/**
 * One implicit QL sweep with a Wilkinson shift on rows l..m (m > l + 1 found by the split test):
 * updates d, e and stores the rotations (cosines at wc[l..m-1], sines at ws[l..m-1], in the form
 * dlasr 'R', 'V', 'B' applies them).
 */
function qlSweep(l: i32, m: i32, d: usize, e: usize, wc: usize, ws: usize): void {
  let p = ld(d, l);
  let g = (ld(d, l + 1) - p) / (2.0 * ld(e, l));
  let r = lapy2(g, 1.0);
  g = ld(d, m) - p + ld(e, l) / (g + copysign<f64>(r, g));
  let s = 1.0;
  let c = 1.0;
  p = 0.0;
  for (let i = m - 1; i >= l; i--) {
    const ei = ld(e, i);
    const f = s * ei;
    const b = c * ei;
    lartg(g, f);
    c = rotC;
    s = rotS;
    if (i != m - 1) st(e, i + 1, rotR);
    g = ld(d, i + 1) - p;
    r = (ld(d, i) - g) * s + 2.0 * c * b;
    p = s * r;
    st(d, i + 1, g + p);
    g = c * r - b;
    st(wc, i, c);
    st(ws, i, -s);
  }
  st(d, l, ld(d, l) - p);
  st(e, l, g);
}

/** One implicit QR sweep on rows m..l (l > m + 1), the mirror image of qlSweep (dlasr 'F'). */
function qrSweep(l: i32, m: i32, d: usize, e: usize, wc: usize, ws: usize): void {
  let p = ld(d, l);
  let g = (ld(d, l - 1) - p) / (2.0 * ld(e, l - 1));
  let r = lapy2(g, 1.0);
  g = ld(d, m) - p + ld(e, l - 1) / (g + copysign<f64>(r, g));
  let s = 1.0;
  let c = 1.0;
  p = 0.0;
  for (let i = m; i < l; i++) {
    const ei = ld(e, i);
    const f = s * ei;
    const b = c * ei;
    lartg(g, f);
    c = rotC;
    s = rotS;
    if (i != m) st(e, i - 1, rotR);
    g = ld(d, i) - p;
    r = (ld(d, i + 1) - g) * s + 2.0 * c * b;
    p = s * r;
    st(d, i, g + p);
    g = c * r - b;
    st(wc, i, c);
    st(ws, i, s);
  }
  st(d, l, ld(d, l) - p);
  st(e, l - 1, g);
}

// ---- dsterf ----------------------------------------------------------------------------------

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d, e) by the square-root-free QL/QR of
 * Pal, Walker and Kahan (LAPACK dsterf). d: the eigenvalues ascending on return; e destroyed.
 * Returns 0, or the number of off-diagonals not converged after 30 n sweeps (info filled).
 */
export function sterf(n: i32, d: usize, e: usize, info: usize): i32 {
  if (n <= 1) return 0;
  const nmaxit = n * MAXIT;
  let jtot = 0;
  let l1 = 0;
  let lastL = 0;
  while (l1 < n) {
    if (l1 > 0) st(e, l1 - 1, 0.0);
    let m = l1;
    for (; m < n - 1; m++) {
      if (Math.abs(ld(e, m)) <= Math.sqrt(Math.abs(ld(d, m))) * Math.sqrt(Math.abs(ld(d, m + 1))) * EPS) {
        st(e, m, 0.0);
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend == l) continue;
    const anorm = maxNormTridiag(lend - l + 1, d + (<usize>l << 3), e + (<usize>l << 3));
    if (anorm == 0.0) continue;
    const k = blockScale(anorm);
    if (k != 0) {
      scaleVec2(lend - l + 1, d + (<usize>l << 3), k);
      scaleVec2(lend - l, e + (<usize>l << 3), k);
    }
    for (let i = l; i < lend; i++) {
      const v = ld(e, i);
      st(e, i, v * v);
    }
    if (Math.abs(ld(d, lend)) < Math.abs(ld(d, l))) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) {
      // QL iteration
      while (true) {
        let mm = l;
        for (; mm < lend; mm++) {
          if (Math.abs(ld(e, mm)) <= EPS2 * Math.abs(ld(d, mm) * ld(d, mm + 1))) break;
        }
        if (mm < lend) st(e, mm, 0.0);
        const p = ld(d, l);
        if (mm == l) {
          st(d, l, p);
          l++;
          if (l <= lend) continue;
          break;
        }
        if (mm == l + 1) {
          lae2(ld(d, l), Math.sqrt(ld(e, l)), ld(d, l + 1));
          st(d, l, rt1);
          st(d, l + 1, rt2);
          st(e, l, 0.0);
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        jtot++;
        lastL = l;
        sterfQlSweep(l, mm, d, e);
      }
    } else {
      // QR iteration
      while (true) {
        let mm = l;
        for (; mm > lend; mm--) {
          if (Math.abs(ld(e, mm - 1)) <= EPS2 * Math.abs(ld(d, mm) * ld(d, mm - 1))) break;
        }
        if (mm > lend) st(e, mm - 1, 0.0);
        const p = ld(d, l);
        if (mm == l) {
          st(d, l, p);
          l--;
          if (l >= lend) continue;
          break;
        }
        if (mm == l - 1) {
          lae2(ld(d, l), Math.sqrt(ld(e, l - 1)), ld(d, l - 1));
          st(d, l, rt1);
          st(d, l - 1, rt2);
          st(e, l - 1, 0.0);
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot == nmaxit) break;
        jtot++;
        lastL = l;
        sterfQrSweep(l, mm, d, e);
      }
    }
    if (k != 0) scaleVec2(lendsv - lsv + 1, d + (<usize>lsv << 3), -k);
    if (jtot >= nmaxit) {
      let bad = 0;
      for (let i = 0; i < n - 1; i++) if (ld(e, i) != 0.0) bad++;
      if (bad > 0) {
        setInfo(info, FAIL_STERF, lastL, n, jtot);
        return bad;
      }
    }
  }
  sortAscending(n, d);
  return 0;
}

/** One root-free QL sweep of dsterf on l..m (e holds squares). */
function sterfQlSweep(l: i32, m: i32, d: usize, e: usize): void {
  let p = ld(d, l);
  const rte = Math.sqrt(ld(e, l));
  let sigma = (ld(d, l + 1) - p) / (2.0 * rte);
  const r0 = lapy2(sigma, 1.0);
  sigma = p - rte / (sigma + copysign<f64>(r0, sigma));
  let c = 1.0;
  let s = 0.0;
  let gamma = ld(d, m) - sigma;
  p = gamma * gamma;
  for (let i = m - 1; i >= l; i--) {
    const bb = ld(e, i);
    const r = p + bb;
    if (i != m - 1) st(e, i + 1, s * r);
    const oldc = c;
    c = p / r;
    s = bb / r;
    const oldgam = gamma;
    const alpha = ld(d, i);
    gamma = c * (alpha - sigma) - s * oldgam;
    st(d, i + 1, oldgam + (alpha - gamma));
    if (c != 0.0) p = (gamma * gamma) / c;
    else p = oldc * bb;
  }
  st(e, l, s * p);
  st(d, l, sigma + gamma);
}

/** One root-free QR sweep of dsterf on m..l. */
function sterfQrSweep(l: i32, m: i32, d: usize, e: usize): void {
  let p = ld(d, l);
  const rte = Math.sqrt(ld(e, l - 1));
  let sigma = (ld(d, l - 1) - p) / (2.0 * rte);
  const r0 = lapy2(sigma, 1.0);
  sigma = p - rte / (sigma + copysign<f64>(r0, sigma));
  let c = 1.0;
  let s = 0.0;
  let gamma = ld(d, m) - sigma;
  p = gamma * gamma;
  for (let i = m; i < l; i++) {
    const bb = ld(e, i);
    const r = p + bb;
    if (i != m) st(e, i - 1, s * r);
    const oldc = c;
    c = p / r;
    s = bb / r;
    const oldgam = gamma;
    const alpha = ld(d, i + 1);
    gamma = c * (alpha - sigma) - s * oldgam;
    st(d, i, oldgam + (alpha - gamma));
    if (c != 0.0) p = (gamma * gamma) / c;
    else p = oldc * bb;
  }
  st(e, l - 1, s * p);
  st(d, l, sigma + gamma);
}

/** Sorts x[0:n] ascending (heap sort: O(n log n), no recursion, no allocation). */
export function sortAscending(n: i32, x: usize): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftDown(x, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = ld(x, 0);
    st(x, 0, ld(x, end));
    st(x, end, t);
    siftDown(x, 0, end);
  }
}

function siftDown(x: usize, start: i32, end: i32): void {
  let root = start;
  while (true) {
    let child = 2 * root + 1;
    if (child >= end) return;
    if (child + 1 < end && ld(x, child) < ld(x, child + 1)) child++;
    if (ld(x, root) < ld(x, child)) {
      const t = ld(x, root);
      st(x, root, ld(x, child));
      st(x, child, t);
      root = child;
    } else return;
  }
}
