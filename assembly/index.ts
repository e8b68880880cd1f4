// The engine's WebAssembly exports. Every kernel works on raw byte addresses in linear memory that
// the TypeScript arena (src/core/arena.ts) hands out; kernels never allocate.

export { dgemm, dgemmWorkBytes } from "./blas/gemm";

/** First byte after static data: the TypeScript arena starts here. */
export function heapBase(): usize {
  return __heap_base;
}
export { peakF64x2, peakF32x4 } from "./bench/peak";
export { dgemv } from "./blas/gemv";
export { sgemm, sgemmWorkBytes } from "./blas/sgemm";
export { demoteF64, promoteF32 } from "./blas/convert";
export { dsyrk, dsyrkBlock } from "./blas/syrk";
export { dtrsmLeft } from "./blas/trsm";
export { dgetrf, dgetrs, dlaswp } from "./lapack/lu";
export { dpotrf, dpotrs } from "./lapack/cholesky";
export { dgeqrf, dgeqrfWorkBytes, dgeqrfKeepT, qrTBytes, dorgqr, dorgqrWithT, dorgqrWorkBytes, dgeqp3, dgeqp3WorkBytes, qrBlockSize, qrCrossover, qrPivotBlockSize, qrPivotCrossover } from "./lapack/qr";
export { dgeev, dgeevWorkBytes, dgeevVectors } from "./lapack/eig/geev";
export { hessenbergBlockSize, hessenbergCrossover } from "./lapack/eig/hessenberg";
export { trevcBlockSize } from "./lapack/eig/trevc";
export { eigIterationFactor } from "./lapack/eig/lahqr";
export { dgesvd, dgesvdWorkBytes, dgebrd, dgebrdWorkBytes, dbdsqr, dbdsqrWorkBytes, dbdsqrSweeps, svdBlocking, svdCrossover, svdQrRatio, svdSolver, transpose } from "./lapack/svd";
export { bdsdc, bdsdcWorkBytes, bdsdcLeafSize } from "./lapack/bdsdc";
export { csrMatvec, csrTranspose, csrColumnSums } from "./sparse/csr";
export { pagerankByTarget, pagerankBySource } from "./sparse/pagerank";
export { symLowerToUpper, scaleUpper2, transposeSquare, symvUpper, symvRows, dsytrd, dsytrdWorkBytes, dormtr, dormtrCols, dormtrWorkBytes, sytrdBlocking } from "./lapack/sytrd";
export { steqr as dsteqr, sterf as dsterf, qlSweepCap } from "./lapack/tridiag";
export { stedc as dstedc, stedcWorkBytes, stedcLeafSize, secularIterationCap } from "./lapack/stedc";
