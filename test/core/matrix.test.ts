import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix, ShapeError } from '../../src/index.js';
import { errorOf } from '../helpers.js';

describe('Matrix construction', () => {
  it('wraps a Float64Array without copying and copies plain arrays', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const m = new Matrix(2, 3, data);
    expect(m.data).toBe(data);
    expect(m.get(1, 2)).toBe(6);
    const n = new Matrix(1, 2, [7, 8]);
    expect(n.data).toBeInstanceOf(Float64Array);
    expect(Array.from(n.data)).toEqual([7, 8]);
  });

  it('from() reads rows, and rejects ragged or non-numeric input with typed errors', () => {
    expect(Matrix.from([[1, 2], [3, 4]]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(Matrix.from([]).shape).toEqual([0, 0]);
    expect(Matrix.from([[]]).shape).toEqual([1, 0]);
    const ragged = errorOf(() => Matrix.from([[1, 2], [3]]));
    expect(ragged).toBeInstanceOf(ShapeError);
    expect(ragged.message).toMatch(/row 1 has 1 entries, row 0 has 2/);
    const text = errorOf(() => Matrix.from([[1, '2' as unknown as number]]));
    expect(text).toBeInstanceOf(TypeError);
    expect(text.message).toMatch(/entry \(0, 1\) is the string "2"/);
    expect(errorOf(() => Matrix.from([1, 2] as unknown as number[][]))).toBeInstanceOf(TypeError);
    expect(errorOf(() => new Matrix(2, 2, new Float64Array(3)))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new Matrix(-1, 2))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new Matrix(1.5, 2))).toBeInstanceOf(ShapeError);
    expect(errorOf(() => new Matrix(1, 1, [null as unknown as number]))).toBeInstanceOf(TypeError);
  });

  it('keeps NaN and Infinity (they are numbers; the functions that cannot take them check)', () => {
    const m = Matrix.from([[NaN, Infinity]]);
    expect(Number.isNaN(m.get(0, 0))).toBe(true);
    expect(m.get(0, 1)).toBe(Infinity);
  });

  it('zeros, ones, eye, diag', () => {
    expect(Matrix.zeros(2, 3).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(Matrix.ones(1, 2).toArray()).toEqual([[1, 1]]);
    expect(Matrix.eye(3).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(Matrix.diag([2, -1]).toArray()).toEqual([[2, 0], [0, -1]]);
    expect(Array.from(Matrix.from([[1, 2, 3], [4, 5, 6]]).diagonal())).toEqual([1, 5]);
  });

  it('random() is reproducible for a seed, and the two distributions have the right moments', () => {
    const a = Matrix.random(50, 40, { seed: 7 });
    expect(a.equals(Matrix.random(50, 40, { seed: 7 }))).toBe(true);
    expect(a.equals(Matrix.random(50, 40, { seed: 8 }))).toBe(false);
    expect(a.data.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(a.mean() - 0.5)).toBeLessThan(0.03);
    const z = Matrix.random(200, 100, { seed: 1, distribution: 'normal' });
    const mean = z.mean();
    const variance = z.data.reduce((s, v) => s + (v - mean) ** 2, 0) / z.data.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(errorOf(() => Matrix.random(2, 2, { distribution: 'cauchy' as 'normal' }))).toBeInstanceOf(TypeError);
  });
});

describe('Matrix access', () => {
  const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);

  it('get/set with range checks', () => {
    const c = m.clone();
    c.set(0, 1, 9);
    expect(c.get(0, 1)).toBe(9);
    expect(m.get(0, 1)).toBe(2);
    expect(errorOf(() => m.get(2, 0))).toBeInstanceOf(RangeError);
    expect(errorOf(() => m.get(0, -1))).toBeInstanceOf(RangeError);
    expect(errorOf(() => c.set(0, 0, 'x' as unknown as number))).toBeInstanceOf(TypeError);
  });

  it('row and col are copies', () => {
    const r = m.row(1);
    r[0] = 100;
    expect(Array.from(m.row(1))).toEqual([4, 5, 6]);
    expect(Array.from(m.col(2))).toEqual([3, 6]);
    expect(errorOf(() => m.col(3))).toBeInstanceOf(RangeError);
  });

  it('T transposes every shape (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 70 }), (r, c) => {
        const a = Matrix.random(r, c, { seed: r * 100 + c });
        const t = a.T;
        expect(t.shape).toEqual([c, r]);
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) expect(t.get(j, i)).toBe(a.get(i, j));
        expect(t.T.equals(a)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe('Matrix arithmetic', () => {
  const a = Matrix.from([[1, 2], [3, 4]]);
  const b = Matrix.from([[10, 20], [30, 40]]);

  it('elementwise add, sub, mul, div, scale', () => {
    expect(a.add(b).toArray()).toEqual([[11, 22], [33, 44]]);
    expect(b.sub(a).toArray()).toEqual([[9, 18], [27, 36]]);
    expect(a.mul(b).toArray()).toEqual([[10, 40], [90, 160]]);
    expect(b.div(a).toArray()).toEqual([[10, 10], [10, 10]]);
    expect(a.scale(-2).toArray()).toEqual([[-2, -4], [-6, -8]]);
    expect(a.add(1).toArray()).toEqual([[2, 3], [4, 5]]);
  });

  it('broadcasts rows, columns and vectors as numpy does', () => {
    expect(a.sub([1, 2]).toArray()).toEqual([[0, 0], [2, 2]]);
    expect(a.sub(new Float64Array([1, 2])).toArray()).toEqual([[0, 0], [2, 2]]);
    expect(a.add([[100], [200]]).toArray()).toEqual([[101, 102], [203, 204]]);
    expect(Matrix.from([[1], [2]]).mul([[1, 10, 100]]).toArray()).toEqual([[1, 10, 100], [2, 20, 200]]);
    const e = errorOf(() => a.add(Matrix.ones(3, 2)));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe('add: shapes 2x2 and 3x2 do not broadcast');
  });

  it('matmul method and map', () => {
    expect(a.matmul(b).toArray()).toEqual([[70, 100], [150, 220]]);
    expect(a.map((v, i, j) => v * 10 + i + j).toArray()).toEqual([[10, 21], [31, 42]]);
    expect(errorOf(() => a.map(() => 'x' as unknown as number))).toBeInstanceOf(TypeError);
    expect(errorOf(() => a.matmul(Matrix.ones(3, 3)))).toBeInstanceOf(ShapeError);
  });

  it('sum and mean over all entries, columns (axis 0) and rows (axis 1)', () => {
    const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);
    expect(m.sum()).toBe(21);
    expect(Array.from(m.sum(0))).toEqual([5, 7, 9]);
    expect(Array.from(m.sum(1))).toEqual([6, 15]);
    expect(m.mean()).toBe(3.5);
    expect(Array.from(m.mean(0))).toEqual([2.5, 3.5, 4.5]);
    expect(Array.from(m.mean(1))).toEqual([2, 5]);
    expect(errorOf(() => new Matrix(0, 3).mean())).toBeInstanceOf(ShapeError);
    expect(errorOf(() => m.sum(2 as 0))).toBeInstanceOf(RangeError);
  });

  it('equals with and without tolerance; NaN equals nothing', () => {
    expect(a.equals([[1, 2], [3, 4]])).toBe(true);
    expect(a.equals([[1, 2], [3, 4.001]])).toBe(false);
    expect(a.equals([[1, 2], [3, 4.001]], 1e-2)).toBe(true);
    expect(a.equals([[1, 2]])).toBe(false);
    const n = Matrix.from([[NaN]]);
    expect(n.equals(n)).toBe(false);
  });

  it('toString prints like numpy', () => {
    expect(Matrix.from([[1, 2], [3, 4]]).toString()).toBe('[[1. 2.]\n [3. 4.]]');
    expect(Matrix.from([[1, -0.5], [0.25, 2]]).toString()).toBe('[[ 1.   -0.5 ]\n [ 0.25  2.  ]]');
    expect(Matrix.from([[1e-10, NaN]]).toString()).toBe('[[1.00000000e-10            nan]]');
    const big = Matrix.zeros(40, 40).toString().split('\n');
    expect(big).toHaveLength(7);
    expect(big[3]).toBe(' ...');
  });
});
