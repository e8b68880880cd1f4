// Process memory growth of building one CSR matrix, in a fresh process (bench pagerank runs it):
// a long-lived benchmark process returns freed memory to the system late, which makes its rss
// differences meaningless. Prints JSON { edges, nnz, csrMiB, rssGrowthMiB, rssRetainedMiB }.
// Usage: node --expose-gc bench/csr-memory.mjs n avgOutDegree
import { scaleFreeGraph } from '../dist/data/graphs.js';
import { CsrMatrix } from '../dist/index.js';

const [n, deg] = process.argv.slice(2).map(Number);
const g = scaleFreeGraph(n, deg, 1);
const rss = () => process.memoryUsage().rss / 2 ** 20;
global.gc?.();
const before = rss();
const L = CsrMatrix.fromEdges(n, g.src, g.dst);
const growth = rss() - before;
global.gc?.();
const retained = rss() - before;
const csrMiB = (L.rowPtr.byteLength + L.colIdx.byteLength + L.values.byteLength) / 2 ** 20;
console.log(JSON.stringify({ edges: g.src.length, nnz: L.nnz, csrMiB, rssGrowthMiB: growth, rssRetainedMiB: retained, gcExposed: typeof global.gc === 'function' }));
