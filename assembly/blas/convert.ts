// Precision conversion between float64 and float32 arrays in linear memory (the float32 matmul
// copies its float64 operands in and its result out through these). JavaScript's own conversion
// (Float32Array.set from a Float64Array) measured 1.1 ns per element here; these run at memory speed.

/** dst[i] = f32(src[i]) for n doubles at src (rounding to nearest even). */
export function demoteF64(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const s = src + <usize>i * 8;
    const lo = f32x4.demote_f64x2_zero(v128.load(s));
    const hi = f32x4.demote_f64x2_zero(v128.load(s, 16));
    v128.store(dst + <usize>i * 4, i32x4.shuffle(lo, hi, 0, 1, 4, 5));
  }
  for (; i < n; i++) store<f32>(dst + <usize>i * 4, <f32>load<f64>(src + <usize>i * 8));
}

/** dst[i] = f64(src[i]) for n floats at src (exact). */
export function promoteF32(src: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(src + <usize>i * 4);
    const d = dst + <usize>i * 8;
    v128.store(d, f64x2.promote_low_f32x4(v));
    v128.store(d, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)), 16);
  }
  for (; i < n; i++) store<f64>(dst + <usize>i * 8, <f64>load<f32>(src + <usize>i * 4));
}
