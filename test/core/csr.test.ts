// CsrMatrix: construction from edges and from dense matrices against a dense reference, structural
// invariants (sorted unique columns per row), transpose and the WASM mat-vec, edge cases and errors.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsrMatrix, LinAlgError, Matrix, NonFiniteError, ShapeError } from '../../src/index.js';
import { errorOf } from '../helpers.js';

/** The dense link matrix of an edge list: weight of edge k added at (dst[k], src[k]). */
function denseLinks(n: number, src: number[], dst: number[], w?: number[]): Matrix {
  const M = new Matrix(n, n);
  for (let k = 0; k < src.length; k++) M.data[dst[k] * n + src[k]] += w ? w[k] : 1;
  return M;
}

/** Dense y = A x, summed in column order like a CSR row. */
function denseMatvec(A: Matrix, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j] * x[j];
    y[i] = s;
  }
  return y;
}

/** rowPtr starts at 0, ends at nnz, never decreases; columns strictly increase within a row. */
function expectWellFormed(A: CsrMatrix): void {
  expect(A.rowPtr.length).toBe(A.rows + 1);
  expect(A.rowPtr[0]).toBe(0);
  expect(A.rowPtr[A.rows]).toBe(A.nnz);
  expect(A.values.length).toBe(A.nnz);
  for (let i = 0; i < A.rows; i++) {
    expect(A.rowPtr[i + 1]).toBeGreaterThanOrEqual(A.rowPtr[i]);
    for (let k = A.rowPtr[i] + 1; k < A.rowPtr[i + 1]; k++) expect(A.colIdx[k]).toBeGreaterThan(A.colIdx[k - 1]);
  }
  for (const c of A.colIdx) expect(c >= 0 && c < A.cols).toBe(true);
}

/** Graphs of up to 12 nodes with many duplicate edges and self-loops; weights small integers or none. */
const edgeLists = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 0, max: 9 })), { maxLength: 60 }),
      weighted: fc.boolean(),
    }),
  );

/** Small dense matrices with many exact zeros (finite doubles elsewhere). */
const sparseDense = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 }))
  .chain(([r, c]) =>
    fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: r * c, maxLength: r * c }).map(
      (vals) => new Matrix(r, c, Float64Array.from(vals)),
    ),
  );

describe('CsrMatrix.fromEdges', () => {
  it('equals the dense link matrix: duplicates summed, self-loops kept (property)', () => {
    fc.assert(
      fc.property(edgeLists, ({ n, edges, weighted }) => {
        const src = edges.map((e) => e[0]);
        const dst = edges.map((e) => e[1]);
        const w = weighted ? edges.map((e) => e[2]) : undefined;
        const A = CsrMatrix.fromEdges(n, src, dst, w);
        expectWellFormed(A);
        expect(A.rows).toBe(n);
        expect(A.cols).toBe(n);
        // Integer weights: the sums are exact, so the comparison is exact.
        expect(Array.from(A.toDense().data)).toEqual(Array.from(denseLinks(n, src, dst, w).data));
        // One stored entry per distinct (dst, src) pair, zero weights included.
        expect(A.nnz).toBe(new Set(edges.map((e) => `${e[1]},${e[0]}`)).size);
      }),
    );
  });

  it('builds the documented example exactly', () => {
    // Edges 0->1 (twice, weights 1 and 2), 1->2, 2->2 (self-loop), 2->0.
    const A = CsrMatrix.fromEdges(3, [0, 0, 1, 2, 2], [1, 1, 2, 2, 0], [1, 2, 3, 4, 5]);
    expect(Array.from(A.rowPtr)).toEqual([0, 1, 2, 4]);
    expect(Array.from(A.colIdx)).toEqual([2, 0, 1, 2]);
    expect(Array.from(A.values)).toEqual([5, 3, 3, 4]);
    expect(A.toDense().toArray()).toEqual([
      [0, 0, 5],
      [3, 0, 0],
      [0, 3, 4],
    ]);
  });

  it('accepts Int32Array ids without copying them and leaves them unchanged', () => {
    const src = Int32Array.from([2, 0, 1, 0]);
    const dst = Int32Array.from([0, 1, 1, 1]);
    const A = CsrMatrix.fromEdges(3, src, dst);
    expect(Array.from(src)).toEqual([2, 0, 1, 0]);
    expect(Array.from(dst)).toEqual([0, 1, 1, 1]);
    expect(A.toDense().toArray()).toEqual([
      [0, 0, 1],
      [2, 1, 0],
      [0, 0, 0],
    ]);
  });

  it('merges long rows of scrambled duplicates, weighted and unweighted', () => {
    // Row 0 receives 300 edges from 100 sources in scrambled order, each source three times.
    const n = 100;
    const src: number[] = [];
    const w: number[] = [];
    for (let t = 0; t < 300; t++) {
      src.push((t * 37) % n);
      w.push(1 + (t % 7));
    }
    const dst = src.map(() => 0);
    for (const weights of [w, undefined]) {
      const A = CsrMatrix.fromEdges(n, src, dst, weights);
      expectWellFormed(A);
      expect(A.nnz).toBe(n);
      expect(Array.from(A.toDense().data)).toEqual(Array.from(denseLinks(n, src, dst, weights).data));
    }
  });

  it('handles n = 0, n = 1, no edges, empty rows and columns', () => {
    const empty = CsrMatrix.fromEdges(0, [], []);
    expect([empty.rows, empty.cols, empty.nnz]).toEqual([0, 0, 0]);
    expect(Array.from(empty.rowPtr)).toEqual([0]);
    expect(empty.matvec([]).length).toBe(0);
    expect(empty.toDense().rows).toBe(0);
    expect(empty.transpose().nnz).toBe(0);

    const one = CsrMatrix.fromEdges(1, [0, 0], [0, 0], [2, 0.5]);
    expect(one.toDense().toArray()).toEqual([[2.5]]);
    expect(Array.from(one.matvec([4]))).toEqual([10]);
    const lonely = CsrMatrix.fromEdges(1, [], []);
    expect(lonely.nnz).toBe(0);
    expect(Array.from(lonely.matvec([7]))).toEqual([0]);

    // 5 nodes, only 3 -> 1: every other row and column empty.
    const A = CsrMatrix.fromEdges(5, [3], [1]);
    expectWellFormed(A);
    expect(Array.from(A.rowPtr)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Array.from(A.matvec([1, 2, 3, 4, 5]))).toEqual([0, 4, 0, 0, 0]);
    expect(Array.from(A.transpose().matvec([1, 2, 3, 4, 5]))).toEqual([0, 0, 0, 2, 0]);
  });

  it('rejects out-of-range and negative ids with a ShapeError naming the edge', () => {
    const hi = errorOf(() => CsrMatrix.fromEdges(3, [0, 1, 3], [1, 2, 0]));
    expect(hi).toBeInstanceOf(ShapeError);
    expect(hi.message).toMatch(/fromEdges: src\[2\] = 3 is outside 0\.\.2 \(edge 2\)/);
    const neg = errorOf(() => CsrMatrix.fromEdges(3, Int32Array.from([0, 1]), Int32Array.from([1, -1])));
    expect(neg).toBeInstanceOf(ShapeError);
    expect(neg.message).toMatch(/dst\[1\] = -1 .*\(edge 1\)/);
    // Any id is out of range for n = 0.
    expect(() => CsrMatrix.fromEdges(0, [0], [0])).toThrow(ShapeError);
  });

  it('rejects NaN, infinite and negative weights naming the edge', () => {
    const nan = errorOf(() => CsrMatrix.fromEdges(2, [0, 1], [1, 0], [1, NaN]));
    expect(nan).toBeInstanceOf(NonFiniteError);
    expect(nan.message).toMatch(/weights\[1\] is NaN \(edge 1\)/);
    expect(() => CsrMatrix.fromEdges(2, [0], [1], [Infinity])).toThrow(NonFiniteError);
    const negative = errorOf(() => CsrMatrix.fromEdges(2, [0, 1], [1, 0], [-0.5, 1]));
    expect(negative).toBeInstanceOf(LinAlgError);
    expect(negative.message).toMatch(/weights\[0\] = -0\.5 is negative \(edge 0\)/);
  });

  it('rejects other bad input with typed errors', () => {
    expect(() => CsrMatrix.fromEdges(3, [0, 1], [1])).toThrow(ShapeError);
    expect(() => CsrMatrix.fromEdges(3, [0], [1], [1, 2])).toThrow(ShapeError);
    expect(() => CsrMatrix.fromEdges(-1, [], [])).toThrow(ShapeError);
    expect(() => CsrMatrix.fromEdges(2.5, [], [])).toThrow(ShapeError);
    expect(errorOf(() => CsrMatrix.fromEdges(3, [0, 1.5], [1, 2])).message).toMatch(/src\[1\] is 1\.5, not an integer \(edge 1\)/);
    expect(() => CsrMatrix.fromEdges(3, [0, NaN], [1, 2])).toThrow(TypeError);
    expect(() => CsrMatrix.fromEdges(3, null as unknown as number[], [])).toThrow(TypeError);
    expect(() => CsrMatrix.fromEdges(2, [0], [1], ['1'] as unknown as number[])).toThrow(TypeError);
  });
});

describe('CsrMatrix.fromDense, toDense, transpose, matvec', () => {
  it('fromDense/toDense round trip stores exactly the non-zeros (property)', () => {
    fc.assert(
      fc.property(sparseDense, (M) => {
        const A = CsrMatrix.fromDense(M);
        expectWellFormed(A);
        expect([A.rows, A.cols]).toEqual([M.rows, M.cols]);
        expect(A.nnz).toBe(M.data.filter((v) => v !== 0).length);
        expect(Array.from(A.values).every((v) => v !== 0)).toBe(true);
        const back = A.toDense();
        expect([back.rows, back.cols]).toEqual([M.rows, M.cols]);
        // -0 is not stored and comes back as +0, which compares equal.
        for (let t = 0; t < M.data.length; t++) expect(back.data[t] === M.data[t]).toBe(true);
      }),
    );
  });

  it('accepts nested arrays and keeps rectangular shapes', () => {
    const A = CsrMatrix.fromDense([
      [0, 1, 0, 2],
      [0, 0, 0, 0],
      [3, 0, 0, 0],
    ]);
    expect([A.rows, A.cols, A.nnz]).toEqual([3, 4, 3]);
    expect(Array.from(A.rowPtr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(A.matvec([1, 10, 100, 1000]))).toEqual([2010, 0, 3]);
    const T = A.transpose();
    expect([T.rows, T.cols]).toEqual([4, 3]);
    expect(T.toDense().toArray()).toEqual([
      [0, 0, 3],
      [1, 0, 0],
      [0, 0, 0],
      [2, 0, 0],
    ]);
  });

  it('transpose equals the dense transpose and is an involution (property)', () => {
    fc.assert(
      fc.property(sparseDense, (M) => {
        const T = CsrMatrix.fromDense(M).transpose();
        expectWellFormed(T);
        expect([T.rows, T.cols]).toEqual([M.cols, M.rows]);
        const D = T.toDense();
        for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) expect(D.data[j * M.rows + i]).toBe(M.data[i * M.cols + j] === 0 ? 0 : M.data[i * M.cols + j]);
        const TT = T.transpose();
        expect(Array.from(TT.rowPtr)).toEqual(Array.from(CsrMatrix.fromDense(M).rowPtr));
        expect(Array.from(TT.values)).toEqual(Array.from(CsrMatrix.fromDense(M).values));
      }),
    );
  });

  it('matvec equals the dense product, weighted and unweighted (property)', () => {
    fc.assert(
      fc.property(
        sparseDense,
        fc.boolean(),
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (M0, ones, xs) => {
          // `ones`: every non-zero is 1, the kernel's values-free path.
          const M = ones ? M0.map((v) => (v === 0 ? 0 : 1)) : M0;
          const A = CsrMatrix.fromDense(M);
          const x = xs.slice(0, M.cols);
          const y = A.matvec(x);
          const ref = denseMatvec(M, x);
          expect(y.length).toBe(M.rows);
          for (let i = 0; i < M.rows; i++) {
            let scale = 0;
            for (let j = 0; j < M.cols; j++) scale += Math.abs(M.data[i * M.cols + j] * x[j]);
            expect(Math.abs(y[i] - ref[i])).toBeLessThanOrEqual(1e-14 * scale);
          }
        },
      ),
    );
  });

  it('matvec over more rows than one kernel chunk (8192) matches the dense rule', () => {
    // A 20000-node ring with chords: row i holds columns i-1, i+7 (mod n) with weights 1 and 0.5.
    const n = 20_000;
    const src: number[] = [];
    const dst: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < n; i++) {
      src.push((i + n - 1) % n, (i + 7) % n);
      dst.push(i, i);
      w.push(1, 0.5);
    }
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    for (const weights of [w, undefined]) {
      const y = CsrMatrix.fromEdges(n, src, dst, weights).matvec(x);
      const wrong: number[] = [];
      for (let i = 0; i < n; i++) if (y[i] !== x[(i + n - 1) % n] + (weights ? 0.5 : 1) * x[(i + 7) % n]) wrong.push(i);
      expect(wrong).toEqual([]);
    }
  });

  it('rejects a wrong vector length and inconsistent CSR arrays', () => {
    const A = CsrMatrix.fromEdges(3, [0], [1]);
    const e = errorOf(() => A.matvec([1, 2]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toMatch(/3x3 .* length 2/);
    expect(() => new CsrMatrix(2, 2, Int32Array.from([0, 1]), Int32Array.from([0]), Float64Array.from([1]))).toThrow(ShapeError);
    expect(() => new CsrMatrix(2, 2, Int32Array.from([0, 1, 0]), Int32Array.from([]), Float64Array.from([]))).toThrow(ShapeError);
    expect(() => new CsrMatrix(1, 2, Int32Array.from([0, 1]), Int32Array.from([2]), Float64Array.from([1]))).toThrow(ShapeError);
    expect(() => new CsrMatrix(1, 2, [0, 1] as unknown as Int32Array, Int32Array.from([0]), Float64Array.from([1]))).toThrow(TypeError);
  });
});
