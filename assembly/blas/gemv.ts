// Double-precision matrix-vector product, y = alpha * op(A) x + beta * y, row-major A (m x n).
// Memory bound (one load of A per multiply-add), so the kernels aim at streaming A once:
//   no transpose: 4 rows at a time, each a dot product with x in two f64x2 accumulators
//                 (x is loaded once per 4 rows);
//   transpose:    y += A[i, :] * x[i] for 4 rows at a time (y is loaded and stored once per 4 rows).
// beta == 0 never reads y.

export function dgemv(trans: i32, m: i32, n: i32, alpha: f64, a: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  if (trans) gemvT(m, n, alpha, a, lda, x, beta, y);
  else gemvN(m, n, alpha, a, lda, x, beta, y);
}

/** Sum of the two lanes. */
// @ts-ignore: decorator
@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

// @ts-ignore: decorator
@inline function finish(dst: usize, dotValue: f64, alpha: f64, beta: f64): void {
  store<f64>(dst, beta == 0.0 ? alpha * dotValue : alpha * dotValue + beta * load<f64>(dst));
}

function gemvN(m: i32, n: i32, alpha: f64, a: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  const rowBytes = <usize>lda * 8;
  const n2 = n & ~1;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = a + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const r2 = r1 + rowBytes;
    const r3 = r2 + rowBytes;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
    for (let j = 0; j < n2; j += 2) {
      const off = <usize>j * 8;
      const xv = v128.load(x + off);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + off), xv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + off), xv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + off), xv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + off), xv));
    }
    let d0 = hsum(s0), d1 = hsum(s1), d2 = hsum(s2), d3 = hsum(s3);
    if (n2 < n) {
      const off = <usize>n2 * 8;
      const xl = load<f64>(x + off);
      d0 += load<f64>(r0 + off) * xl;
      d1 += load<f64>(r1 + off) * xl;
      d2 += load<f64>(r2 + off) * xl;
      d3 += load<f64>(r3 + off) * xl;
    }
    const yi = y + <usize>i * 8;
    finish(yi, d0, alpha, beta);
    finish(yi + 8, d1, alpha, beta);
    finish(yi + 16, d2, alpha, beta);
    finish(yi + 24, d3, alpha, beta);
  }
  for (; i < m; i++) {
    const r = a + <usize>i * rowBytes;
    let s = f64x2.splat(0);
    for (let j = 0; j < n2; j += 2) s = f64x2.add(s, f64x2.mul(v128.load(r + <usize>j * 8), v128.load(x + <usize>j * 8)));
    let d = hsum(s);
    if (n2 < n) d += load<f64>(r + <usize>n2 * 8) * load<f64>(x + <usize>n2 * 8);
    finish(y + <usize>i * 8, d, alpha, beta);
  }
}

/** y (length n) = alpha * Aᵀ x + beta * y, with x of length m. */
function gemvT(m: i32, n: i32, alpha: f64, a: usize, lda: i32, x: usize, beta: f64, y: usize): void {
  // Scale y first (beta == 0 writes zeros), then accumulate rows of A into it.
  for (let j = 0; j < n; j++) {
    const p = y + <usize>j * 8;
    store<f64>(p, beta == 0.0 ? 0.0 : beta * load<f64>(p));
  }
  const rowBytes = <usize>lda * 8;
  const n2 = n & ~1;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = a + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    const r2 = r1 + rowBytes;
    const r3 = r2 + rowBytes;
    const xi = x + <usize>i * 8;
    const c0 = alpha * load<f64>(xi), c1 = alpha * load<f64>(xi, 8), c2 = alpha * load<f64>(xi, 16), c3 = alpha * load<f64>(xi, 24);
    const v0 = f64x2.splat(c0), v1 = f64x2.splat(c1), v2 = f64x2.splat(c2), v3 = f64x2.splat(c3);
    for (let j = 0; j < n2; j += 2) {
      const off = <usize>j * 8;
      let acc = v128.load(y + off);
      acc = f64x2.add(acc, f64x2.mul(v128.load(r0 + off), v0));
      acc = f64x2.add(acc, f64x2.mul(v128.load(r1 + off), v1));
      acc = f64x2.add(acc, f64x2.mul(v128.load(r2 + off), v2));
      acc = f64x2.add(acc, f64x2.mul(v128.load(r3 + off), v3));
      v128.store(y + off, acc);
    }
    if (n2 < n) {
      const off = <usize>n2 * 8;
      store<f64>(y + off, load<f64>(y + off) + load<f64>(r0 + off) * c0 + load<f64>(r1 + off) * c1 + load<f64>(r2 + off) * c2 + load<f64>(r3 + off) * c3);
    }
  }
  for (; i < m; i++) {
    const r = a + <usize>i * rowBytes;
    const c = alpha * load<f64>(x + <usize>i * 8);
    const v = f64x2.splat(c);
    for (let j = 0; j < n2; j += 2) {
      const off = <usize>j * 8;
      v128.store(y + off, f64x2.add(v128.load(y + off), f64x2.mul(v128.load(r + off), v)));
    }
    if (n2 < n) store<f64>(y + <usize>n2 * 8, load<f64>(y + <usize>n2 * 8) + load<f64>(r + <usize>n2 * 8) * c);
  }
}
