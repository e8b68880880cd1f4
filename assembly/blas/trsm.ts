// Triangular solve with many right-hand sides, left side: op(T) X = B, X overwrites B (row-major).
//   T: n x n, lower or upper, optionally transposed (op(T) = Tᵀ), unit or general diagonal.
//   B: n x nrhs with row stride ldb.
// Recursive (as in Elmroth, Gustavson et al.): split T in halves, solve one half, update the other
// half of B with one gemm, solve it. Most flops land in dgemm; the leaves (order <= LEAF) are row
// operations: B[i, :] -= T(i, p) B[p, :] on contiguous rows.

import { dgemm } from "./gemm";

const LEAF: i32 = 16;

/**
 * Solves op(T) X = B in place. lower: T is lower triangular; trans: op(T) = Tᵀ; unit: the diagonal
 * of T is taken as 1 (not read). `work` holds dgemmWorkBytes(n, nrhs, n) bytes.
 */
export function dtrsmLeft(lower: i32, trans: i32, unit: i32, n: i32, nrhs: i32, t: usize, ldt: i32, b: usize, ldb: i32, work: usize): void {
  if (n <= 0 || nrhs <= 0) return;
  if (nrhs == 1 && ldb == 1) {
    dtrsv(lower, trans, unit, n, t, ldt, b);
    return;
  }
  // op(T) is lower when (lower and not trans) or (upper and trans): solve top-down; else bottom-up.
  const forward = (lower != 0) != (trans != 0);
  solve(forward, lower != 0, trans != 0, unit != 0, n, nrhs, t, ldt, b, ldb, work);
}

/** T(i, j) of op(T) at row i, column j. */
// @ts-ignore: decorator
@inline function opT(t: usize, ldt: i32, trans: bool, i: i32, j: i32): f64 {
  return trans ? load<f64>(t + (<usize>j * <usize>ldt + <usize>i) * 8) : load<f64>(t + (<usize>i * <usize>ldt + <usize>j) * 8);
}

function solve(forward: bool, lower: bool, trans: bool, unit: bool, n: i32, nrhs: i32, t: usize, ldt: i32, b: usize, ldb: i32, work: usize): void {
  if (n <= LEAF) {
    leaf(forward, trans, unit, n, nrhs, t, ldt, b, ldb);
    return;
  }
  const h = n >> 1;
  const ldbBytes = <usize>ldb * 8;
  const ldtBytes = <usize>ldt * 8;
  const t11 = t;
  const t22 = t + <usize>h * ldtBytes + <usize>h * 8;
  const b1 = b;
  const b2 = b + <usize>h * ldbBytes;
  // The off-diagonal block of op(T): below the diagonal when op(T) is lower, above when upper.
  // Stored at T[h:, :h] when T is lower, at T[:h, h:] when T is upper; op transposes it.
  const off = lower ? t + <usize>h * ldtBytes : t + <usize>h * 8;
  if (forward) {
    // op(T) = [T11 0; T21 T22]: X1 = T11^-1 B1; B2 -= T21 X1; X2 = T22^-1 B2.
    solve(forward, lower, trans, unit, h, nrhs, t11, ldt, b1, ldb, work);
    dgemm(trans ? 1 : 0, 0, n - h, nrhs, h, -1.0, off, ldt, b1, ldb, 1.0, b2, ldb, work);
    solve(forward, lower, trans, unit, n - h, nrhs, t22, ldt, b2, ldb, work);
  } else {
    // op(T) = [T11 T12; 0 T22]: X2 = T22^-1 B2; B1 -= T12 X2; X1 = T11^-1 B1.
    solve(forward, lower, trans, unit, n - h, nrhs, t22, ldt, b2, ldb, work);
    dgemm(trans ? 1 : 0, 0, h, nrhs, n - h, -1.0, off, ldt, b2, ldb, 1.0, b1, ldb, work);
    solve(forward, lower, trans, unit, h, nrhs, t11, ldt, b1, ldb, work);
  }
}

/** Substitution for a small triangle: row operations on B (contiguous, f64x2). */
function leaf(forward: bool, trans: bool, unit: bool, n: i32, nrhs: i32, t: usize, ldt: i32, b: usize, ldb: i32): void {
  const ldbBytes = <usize>ldb * 8;
  for (let s = 0; s < n; s++) {
    const i = forward ? s : n - 1 - s;
    const bi = b + <usize>i * ldbBytes;
    // B[i, :] -= sum over solved rows p of op(T)(i, p) B[p, :]
    for (let r = 0; r < s; r++) {
      const p = forward ? r : n - 1 - r;
      const f = opT(t, ldt, trans, i, p);
      if (f != 0.0) axpy(nrhs, -f, b + <usize>p * ldbBytes, bi);
    }
    if (!unit) scale(nrhs, 1.0 / opT(t, ldt, trans, i, i), bi);
  }
}

/** y += a x over n doubles. */
export function axpy(n: i32, a: f64, x: usize, y: usize): void {
  const va = f64x2.splat(a);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const off = <usize>j * 8;
    v128.store(y + off, f64x2.add(v128.load(y + off), f64x2.mul(va, v128.load(x + off))));
  }
  if (j < n) store<f64>(y + <usize>j * 8, load<f64>(y + <usize>j * 8) + a * load<f64>(x + <usize>j * 8));
}

/** x *= a over n doubles. */
export function scale(n: i32, a: f64, x: usize): void {
  const va = f64x2.splat(a);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const off = <usize>j * 8;
    v128.store(x + off, f64x2.mul(va, v128.load(x + off)));
  }
  if (j < n) store<f64>(x + <usize>j * 8, a * load<f64>(x + <usize>j * 8));
}

/**
 * Solves op(T) x = b in place for one contiguous vector, row-oriented in both cases:
 * no transpose by dot products of T's rows, transpose by axpys with T's rows.
 */
export function dtrsv(lower: i32, trans: i32, unit: i32, n: i32, t: usize, ldt: i32, x: usize): void {
  const ldtBytes = <usize>ldt * 8;
  if (!trans) {
    for (let s = 0; s < n; s++) {
      const i = lower ? s : n - 1 - s;
      const row = t + <usize>i * ldtBytes;
      const from = lower ? 0 : i + 1;
      const len = lower ? i : n - 1 - i;
      let v = load<f64>(x + <usize>i * 8) - dot(len, row + <usize>from * 8, x + <usize>from * 8);
      if (!unit) v /= load<f64>(row + <usize>i * 8);
      store<f64>(x + <usize>i * 8, v);
    }
  } else {
    // op(T) = Tᵀ: Lᵀ is upper (solve bottom-up), Uᵀ is lower (top-down); once x_i is known,
    // subtract x_i times row i of T from the unknowns it feeds.
    for (let s = 0; s < n; s++) {
      const i = lower ? n - 1 - s : s;
      const row = t + <usize>i * ldtBytes;
      let v = load<f64>(x + <usize>i * 8);
      if (!unit) v /= load<f64>(row + <usize>i * 8);
      store<f64>(x + <usize>i * 8, v);
      if (lower) axpy(i, -v, row, x);
      else axpy(n - 1 - i, -v, row + <usize>(i + 1) * 8, x + <usize>(i + 1) * 8);
    }
  }
}

/** Sum of x[j] y[j] over n doubles (two f64x2 accumulators). */
export function dot(n: i32, x: usize, y: usize): f64 {
  let s0 = f64x2.splat(0.0);
  let s1 = f64x2.splat(0.0);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const off = <usize>j * 8;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + off), v128.load(y + off)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x + off, 16), v128.load(y + off, 16)));
  }
  const s = f64x2.add(s0, s1);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; j < n; j++) r += load<f64>(x + <usize>j * 8) * load<f64>(y + <usize>j * 8);
  return r;
}
