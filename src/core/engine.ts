// Loads the WebAssembly engine once and hands it to the kernel shims.
//
// The release .wasm builds are embedded in the JavaScript as base64 (generated at build time by
// assembly/embed-wasm.mjs). That is why no bundler configuration is ever needed: there is no
// second file to locate, fetch or copy, and it works the same in Node, browsers, Web Workers and
// from a CDN. Users who prefer streaming compilation of a separately served file pass it to init().
//
// Node and Web Workers may compile synchronously, so there the engine starts lazily on first use.
// A browser's main thread forbids synchronous compilation of modules over 4 KiB: call init() first.
//
// Two builds of the same kernels: release.wasm owns its memory (one thread); release-threads.wasm
// imports a shared memory that a pool of workers also instantiates it on (setThreads).

import { EngineError } from './errors.js';
import { ThreadPool, threadSupport } from './threads/pool.js';
import { WASM_BASE64, WASM_THREADS_BASE64 } from './wasm-bytes.generated.js';

/** The raw exports of the engine (see assembly/index.ts). */
export interface EngineExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  dgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  dgemmWorkBytes(m: number, n: number, k: number): number;
  sgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  sgemmWorkBytes(m: number, n: number, k: number): number;
  dsyrk(
    outer: number, p: number, k: number, alpha: number, x: number, ldx: number, beta: number, c: number, ldc: number, work: number,
    jbFrom: number, jbTo: number,
  ): void;
  dsyrkBlock(): number;
  dtrsmLeft(lower: number, trans: number, unit: number, n: number, nrhs: number, t: number, ldt: number, b: number, ldb: number, work: number): void;
  dgetrf(m: number, n: number, a: number, lda: number, ipiv: number, work: number): number;
  dgetrs(trans: number, n: number, nrhs: number, lu: number, ldlu: number, ipiv: number, b: number, ldb: number, work: number): void;
  dlaswp(n: number, b: number, ldb: number, ipiv: number, k: number, reverse: number): void;
  dpotrf(n: number, a: number, lda: number, work: number): number;
  dpotrs(n: number, nrhs: number, u: number, ldu: number, b: number, ldb: number, work: number): void;
  csrMatvec(rows: number, rowPtr: number, colIdx: number, values: number, x: number, y: number): void;
  csrTranspose(
    rows: number, cols: number, rowPtr: number, colIdx: number, values: number,
    tPtr: number, tIdx: number, tVal: number, sums: number, next: number,
  ): void;
  csrColumnSums(cols: number, nnz: number, colIdx: number, values: number, out: number): void;
  pagerankByTarget(
    n: number, rowPtr: number, colIdx: number, values: number, outWeight: number,
    p: number, w: number, damping: number, tol: number, maxIter: number, x: number, y: number, z: number,
  ): number;
  pagerankBySource(
    n: number, rowPtr: number, colIdx: number, values: number, outWeight: number,
    p: number, w: number, damping: number, tol: number, maxIter: number, x: number, y: number,
  ): number;
  demoteF64(src: number, dst: number, n: number): void;
  promoteF32(src: number, dst: number, n: number): void;
  dgemv(trans: number, m: number, n: number, alpha: number, a: number, lda: number, x: number, beta: number, y: number): void;
  dgeqrf(m: number, n: number, a: number, lda: number, tau: number, work: number): void;
  dgeqrfWorkBytes(m: number, n: number): number;
  dgeqrfKeepT(m: number, n: number, a: number, lda: number, tau: number, t: number, work: number): number;
  qrTBytes(m: number, n: number): number;
  dorgqrWithT(
    m: number, ncols: number, k: number, a: number, lda: number, tau: number, t: number, tCols: number, q: number, ldq: number, work: number,
  ): void;
  dorgqr(m: number, ncols: number, k: number, a: number, lda: number, tau: number, q: number, ldq: number, work: number): void;
  dorgqrWorkBytes(m: number, ncols: number, k: number): number;
  dgeqp3(m: number, n: number, a: number, lda: number, jpvt: number, tau: number, work: number): void;
  dgeqp3WorkBytes(m: number, n: number): number;
  qrBlockSize(nb: number): number;
  qrCrossover(nx: number): number;
  qrPivotBlockSize(nb: number): number;
  qrPivotCrossover(nx: number): number;
  dgeev(n: number, a: number, wantv: number, wr: number, wi: number, vr: number, work: number): number;
  dgeevWorkBytes(n: number, wantv: number): number;
  dgeevVectors(n: number, wi: number, vr: number, re: number, im: number, x: number, y: number): void;
  hessenbergBlockSize(nb: number): number;
  hessenbergCrossover(nx: number): number;
  trevcBlockSize(nb: number): number;
  eigIterationFactor(f: number): number;
  dgesvd(m: number, n: number, a: number, lda: number, s: number, job: number, u: number, ldu: number, vt: number, ldvt: number, work: number): number;
  dgesvdWorkBytes(m: number, n: number, job: number): number;
  dgebrd(m: number, n: number, a: number, lda: number, d: number, e: number, tauq: number, taup: number, work: number): void;
  dgebrdWorkBytes(m: number, n: number): number;
  dbdsqr(n: number, d: number, e: number, vt: number, ldvt: number, ncvt: number, ut: number, ldut: number, nru: number, work: number): number;
  dbdsqrWorkBytes(n: number): number;
  dbdsqrSweeps(): number;
  svdBlocking(nb: number, nx: number): number;
  svdCrossover(): number;
  svdQrRatio(num: number, den: number): number;
  svdSolver(dc: number): number;
  bdsdc(n: number, d: number, e: number, ut: number, ldut: number, vt: number, ldvt: number, work: number, info: number): number;
  bdsdcWorkBytes(n: number): number;
  bdsdcLeafSize(s: number): number;
  transpose(rows: number, cols: number, src: number, lds: number, dst: number, ldd: number): void;
  symLowerToUpper(n: number, a: number, lda: number, fromUpper: number): number;
  scaleUpper2(n: number, a: number, lda: number, k: number): void;
  transposeSquare(n: number, src: number, lds: number, dst: number, ldd: number): void;
  symvUpper(m: number, a: number, lda: number, x: number, y: number): void;
  symvRows(r: number): number;
  dsytrd(n: number, a: number, lda: number, d: number, e: number, tau: number, work: number): void;
  dsytrdWorkBytes(n: number): number;
  dormtr(n: number, a: number, lda: number, tau: number, z: number, ldz: number, work: number): void;
  dormtrCols(n: number, ncols: number, a: number, lda: number, tau: number, z: number, ldz: number, work: number): void;
  dormtrWorkBytes(n: number): number;
  sytrdBlocking(nb: number, nx: number, nbo: number): number;
  dsteqr(n: number, d: number, e: number, zt: number, ldz: number, work: number, info: number): number;
  dsterf(n: number, d: number, e: number, info: number): number;
  dstedc(n: number, d: number, e: number, zt: number, ldz: number, work: number, info: number): number;
  stedcWorkBytes(n: number): number;
  stedcLeafSize(s: number): number;
  qlSweepCap(k: number): number;
  secularIterationCap(k: number): number;
  peakF64x2(iterations: number, y: number, x: number): number;
  peakF32x4(iterations: number, y: number, x: number): number;
}

/** The loaded engine: its exports, its thread pool (null: one thread) and its arena pointers. */
export interface Engine {
  readonly wasm: EngineExports;
  readonly pool: ThreadPool | null;
  /** Whether the memory is shared (SharedArrayBuffer); results must then be copied out unshared. */
  readonly shared: boolean;
  arenaBase: number;
  arenaTop: number;
}

export interface InitOptions {
  /** The single-thread engine's .wasm as bytes, a URL to fetch, or a fetch Response; default: the embedded copy. */
  wasm?: BufferSource | URL | Response;
  /** Threads for large kernels (default 1); 'auto' uses every core. See setThreads. */
  threads?: number | 'auto';
}

/** Exports every pool worker may be asked to run. */
const WORKER_EXPORTS = ['dgemm', 'sgemm', 'dsyrk'];

/** Initial and maximum pages (64 KiB) of the shared memory: 4 GiB, the wasm32 limit. */
const SHARED_MAX_PAGES = 65536;

let current: Engine | null = null;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function imports(getMemory: () => WebAssembly.Memory, memory?: WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      ...(memory ? { memory } : {}),
      // AssemblyScript calls abort(message, file, line, column) on a failed assertion (debug builds).
      abort(msgPtr: number, filePtr: number, line: number, column: number): never {
        const m = getMemory();
        throw new EngineError(`engine assertion failed: ${readAsString(m, msgPtr)} at ${readAsString(m, filePtr)}:${line}:${column}`);
      },
    },
  };
}

/** Reads an AssemblyScript string (UTF-16, byte length stored 4 bytes before the pointer). */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const byteLength = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, byteLength >>> 1));
}

function adopt(instance: WebAssembly.Instance, pool: ThreadPool | null, shared: boolean): Engine {
  current?.pool?.shutdown();
  current = { wasm: instance.exports as unknown as EngineExports, pool, shared, arenaBase: -1, arenaTop: 0 };
  return current;
}

function simdMissing(error: unknown): EngineError {
  return new EngineError(
    'mml-wasm needs WebAssembly SIMD (Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+): ' +
      (error instanceof Error ? error.message : String(error)),
    { cause: error },
  );
}

function instantiateSingle(module: WebAssembly.Module): Engine {
  let instance: WebAssembly.Instance | undefined;
  instance = new WebAssembly.Instance(module, imports(() => (instance!.exports as unknown as EngineExports).memory));
  return adopt(instance, null, false);
}

/**
 * Loads the engine. Calling it again is a no-op (except that `threads` changes the thread count).
 * Needed once in a browser's main thread; optional in Node and Web Workers.
 */
export async function init(options: InitOptions = {}): Promise<void> {
  if (!current) {
    let source: BufferSource | Response = options.wasm instanceof URL ? await fetch(options.wasm) : options.wasm ?? decode(WASM_BASE64);
    let module: WebAssembly.Module;
    try {
      if (source instanceof Response) source = await source.arrayBuffer();
      module = await WebAssembly.compile(source);
    } catch (error) {
      throw simdMissing(error);
    }
    if (!current) instantiateSingle(module);
  }
  if (options.threads !== undefined) await setThreads(options.threads);
}

/**
 * Sets how many threads large kernels use (the caller plus threads - 1 workers sharing the
 * engine's memory). 'auto' uses every core; 1 returns to the single-thread engine. Where
 * SharedArrayBuffer is unavailable (browsers without cross-origin isolation) it stays at 1.
 * Returns the number of threads now in use. Starting workers costs tens of milliseconds, so
 * threads are off by default; small products stay on one thread anyway (see kernels/gemm.ts).
 */
export async function setThreads(threads: number | 'auto'): Promise<number> {
  const support = threadSupport();
  const wanted = threads === 'auto' ? (support.ok ? support.cores : 1) : threads;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > 256) {
    throw new RangeError(`setThreads: threads must be 'auto' or an integer from 1 to 256, got ${String(threads)}`);
  }
  const now = current?.pool?.usable ? current.pool.size : 1;
  if (current && wanted === now) return now;
  if (wanted === 1 || !support.ok) {
    instantiateSingle(await WebAssembly.compile(decode(WASM_BASE64)));
    return 1;
  }
  let module: WebAssembly.Module;
  let memory: WebAssembly.Memory;
  try {
    module = await WebAssembly.compile(decode(WASM_THREADS_BASE64));
    memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAX_PAGES, shared: true });
  } catch (error) {
    throw new EngineError(`setThreads: this platform cannot run the threaded engine: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const instance = await WebAssembly.instantiate(module, imports(() => memory, memory));
  const pool = await ThreadPool.create(module, memory, wanted, WORKER_EXPORTS);
  adopt(instance, pool, true);
  return wanted;
}

/** The engine, starting it synchronously on first use where the platform allows. */
export function engine(): Engine {
  if (current) return current;
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(decode(WASM_BASE64));
  } catch (error) {
    if (error instanceof RangeError) {
      throw new EngineError('mml-wasm: call `await init()` once before using the engine in a browser main thread', { cause: error });
    }
    throw simdMissing(error);
  }
  return instantiateSingle(module);
}

/** True once the engine is loaded (by init() or by first use). */
export function engineReady(): boolean {
  return current !== null;
}
