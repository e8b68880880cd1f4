// Thin shim over the WASM symmetric eigensolver (assembly/lapack/sytrd.ts, stedc.ts, tridiag.ts),
// LAPACK dsyevd's sequence, one WASM call per phase:
//   symLowerToUpper  the lower triangle mirrored onto the upper one (the kernels' storage), max |A|
//   scaleUpper2      A scaled by 2^k when max |A| is outside [2^-485, 2^485] (dsyevd's rmin/rmax)
//   dsytrd           Householder tridiagonalisation, blocked (symv + gemm rank-2k updates)
//   dstedc | dsteqr  the tridiagonal eigenproblem: divide and conquer (default) or implicit QL/QR
//   dsterf           (eigenvalues only) root-free QL/QR
//   transposeSquare  the tridiagonal solvers keep eigenvectors as rows; Z = their transpose
//   dormtr           Z := Q Z by the block reflectors of dsytrd (gemm)

import { withScratch } from '../arena.js';
import { ConvergenceError, LinAlgError } from '../errors.js';

/** Tridiagonal solver: 'dc' divide and conquer (dstedc, the default), 'ql' implicit QL/QR (dsteqr). */
export type TridiagonalMethod = 'dc' | 'ql';

export interface EighKernelArgs {
  n: number;
  /** A, n x n row-major (not modified). */
  a: Float64Array;
  /** Which triangle holds A: 'L' (numpy's default) or 'U'. */
  uplo: 'L' | 'U';
  /** Form the eigenvectors (else eigenvalues only, by dsterf). */
  vectors: boolean;
  method?: TridiagonalMethod;
  /**
   * With vectors: form only the eigenvectors of the `top` largest eigenvalues (1..n; default n).
   * The back-transformation (dormtr) then costs top / n of the full one. `vectors` is n x top.
   */
  top?: number;
  /** The operation named in errors. */
  op: string;
}

export interface EighKernelResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /**
   * Eigenvectors as the columns of an n x n row-major matrix (column i belongs to values[i]); with
   * `top`, n x top (column c belongs to values[n - top + c]); null without vectors.
   */
  vectors: Float64Array | null;
}

/** dsyevd's bounds sqrt(smlnum), sqrt(bignum) with smlnum = safmin / (2 eps) = 2^-970, as exponents. */
const RMIN_EXP = -485;
const RMAX_EXP = 485;

/** floor(log2(x)) for finite x > 0, exact (Math.log2 may round across a power of two). */
export function exponentOf(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return e;
}

/** x * 2^k exactly (unless the result over- or underflows). */
function scaleByPow2(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}

/** Failure kinds of the WASM info record (assembly/lapack/tridiag.ts; 1 is dsteqr). */
const FAIL_STERF = 2;
const FAIL_LAED4 = 3;

function convergenceError(op: string, n: number, info: Int32Array, count: number, cap: number): ConvergenceError {
  const [kind, index, size, sweeps] = info;
  if (kind === FAIL_LAED4) {
    return new ConvergenceError(
      `${op}: divide and conquer: the secular equation did not converge for root ${index} of a merge of order ${size} ` +
        `after ${sweeps} iterations (matrix ${n}x${n})`,
    );
  }
  const step = kind === FAIL_STERF ? 'the tridiagonal QL/QR iteration (eigenvalues only)' : 'the tridiagonal QL/QR iteration';
  return new ConvergenceError(
    `${op}: ${step} did not converge for eigenvalue ${index} after ${cap}*${size} = ${sweeps} sweeps ` +
      `(${count} off-diagonal entries not negligible; matrix ${n}x${n})`,
  );
}

/** Eigenvalues (ascending) and optionally eigenvectors of the symmetric matrix given by one triangle of a. */
export function eighKernel({ n, a, uplo, vectors, method = 'dc', top = n, op }: EighKernelArgs): EighKernelResult {
  if (n === 0) return { values: new Float64Array(0), vectors: vectors ? new Float64Array(0) : null };
  return withScratch(op, (s) => {
    const w = s.wasm;
    const pa = s.put(a);
    const amax = w.symLowerToUpper(n, pa, n, uplo === 'U' ? 1 : 0);
    // scale into [2^-485, 2^485] when outside (exactly: a power of two)
    let k = 0;
    if (amax > 0) {
      const e = exponentOf(amax);
      if (e < RMIN_EXP) k = RMIN_EXP - e;
      else if (e >= RMAX_EXP) k = RMAX_EXP - 1 - e;
    }
    if (k !== 0) w.scaleUpper2(n, pa, n, k);
    const pd = s.allocF64(n);
    const pe = s.allocF64(Math.max(n - 1, 1));
    const ptau = s.allocF64(Math.max(n - 1, 1));
    const info = s.alloc(16);
    w.dsytrd(n, pa, n, pd, pe, ptau, s.alloc(w.dsytrdWorkBytes(n)));
    let pz = 0;
    let status: number;
    if (!vectors) {
      status = w.dsterf(n, pd, pe, info);
    } else {
      const pzt = s.allocF64(n * n);
      if (method === 'ql') status = w.dsteqr(n, pd, pe, pzt, n, s.allocF64(2 * n), info);
      else status = w.dstedc(n, pd, pe, pzt, n, s.alloc(w.stedcWorkBytes(n)), info);
      if (status === 0 && top === n) {
        pz = s.allocF64(n * n);
        w.transposeSquare(n, pzt, n, pz, n);
        w.dormtr(n, pa, n, ptau, pz, n, s.alloc(w.dormtrWorkBytes(n)));
      } else if (status === 0) {
        // the tridiagonal eigenvectors are the rows of pzt: the last `top` rows, transposed
        pz = s.allocF64(n * top);
        const heap = s.heapF64();
        const zt = pzt / 8;
        const z = pz / 8;
        for (let c = 0; c < top; c++) {
          const row = zt + (n - top + c) * n;
          for (let r = 0; r < n; r++) heap[z + r * top + c] = heap[row + r];
        }
        w.dormtrCols(n, top, pa, n, ptau, pz, top, s.alloc(w.dormtrWorkBytes(n)));
      }
    }
    if (status !== 0) throw convergenceError(op, n, new Int32Array(w.memory.buffer, info, 4).slice(), status, w.qlSweepCap(-1));
    const values = s.take(pd, n);
    if (k !== 0) {
      for (let i = 0; i < n; i++) values[i] = scaleByPow2(values[i], -k);
      if (!(Number.isFinite(values[0]) && Number.isFinite(values[n - 1]))) {
        throw new LinAlgError(
          `${op}: an eigenvalue of A (${n}x${n}) is not representable in float64 (its magnitude exceeds ${Number.MAX_VALUE}); scale A down first`,
        );
      }
    }
    return { values, vectors: vectors ? s.take(pz, n * top) : null };
  });
}

/** The blocking parameters of the reduction and the divide and conquer (tests and benchmarks). */
export interface EighBlocking {
  /** Panel height of dsytrd. */
  nb: number;
  /** Rows dsytrd leaves to the unblocked code. */
  nx: number;
  /** Reflectors per block of dormtr. */
  nbOrm: number;
  /** Largest tridiagonal block divide and conquer solves by QL/QR. */
  leaf: number;
}

/** Reads the blocking parameters, changing the ones given; returns the previous values. */
export function eighBlocking(change: Partial<EighBlocking> = {}): EighBlocking {
  return withScratch('eighBlocking', (s) => {
    const w = s.wasm;
    const packed = w.sytrdBlocking(0, 0, 0);
    const previous = { nb: packed & 1023, nx: (packed >> 10) & 1023, nbOrm: (packed >> 20) & 1023, leaf: w.stedcLeafSize(0) };
    w.sytrdBlocking(change.nb ?? 0, change.nx ?? 0, change.nbOrm ?? 0);
    if (change.leaf !== undefined) w.stedcLeafSize(change.leaf);
    return previous;
  });
}

/** Iteration caps (tests of the failure path): QL/QR sweeps per eigenvalue (LAPACK: 30) and secular-equation iterations per root (30). */
export interface EighIterationCaps {
  sweepsPerEigenvalue: number;
  secular: number;
}

/** Reads the iteration caps, changing the ones given; returns the previous values. */
export function eighIterationCaps(change: Partial<EighIterationCaps> = {}): EighIterationCaps {
  return withScratch('eighIterationCaps', (s) => {
    const w = s.wasm;
    const previous = { sweepsPerEigenvalue: w.qlSweepCap(-1), secular: w.secularIterationCap(0) };
    if (change.sweepsPerEigenvalue !== undefined) w.qlSweepCap(change.sweepsPerEigenvalue);
    if (change.secular !== undefined) w.secularIterationCap(change.secular);
    return previous;
  });
}
