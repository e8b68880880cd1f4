// Seeded graph generators.
//
// scaleFreeGraph: directed preferential attachment (Price's model with a uniform mixture). Node t
// (t = 1..n-1) gets k out-links, k = 0 with probability 0.1 (dangling pages) else uniform in
// 1..2*avg-1; each link goes to a uniformly random earlier node with probability 0.2, else to the
// target of a uniformly random earlier link (so in-degrees follow a power law). Links only point to
// earlier nodes. test/fixtures/generate_pagerank.py takes its edges from this function (through
// write-graph-edges.mjs) and commits their checksum, so changing it means regenerating that fixture.

import { Random } from '../core/random.js';

export interface GeneratedGraph {
  n: number;
  src: Int32Array;
  dst: Int32Array;
}

export function scaleFreeGraph(n: number, avgOutDegree: number, seed = 42): GeneratedGraph {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`scaleFreeGraph: n must be a positive integer, got ${String(n)}`);
  if (!Number.isInteger(avgOutDegree) || avgOutDegree < 1) throw new RangeError(`scaleFreeGraph: avgOutDegree must be a positive integer`);
  const rng = new Random(seed);
  let cap = Math.ceil(n * avgOutDegree * 1.05) + 16;
  let src = new Int32Array(cap);
  let dst = new Int32Array(cap);
  let m = 0;
  const span = 2 * avgOutDegree - 1;
  for (let t = 1; t < n; t++) {
    const k = rng.uniform() < 0.1 ? 0 : 1 + Math.floor(rng.uniform() * span);
    for (let e = 0; e < k; e++) {
      const target = m === 0 || rng.uniform() < 0.2 ? Math.floor(rng.uniform() * t) : dst[Math.floor(rng.uniform() * m)];
      if (m === cap) {
        cap *= 2;
        const s = new Int32Array(cap);
        s.set(src);
        src = s;
        const d = new Int32Array(cap);
        d.set(dst);
        dst = d;
      }
      src[m] = t;
      dst[m] = target;
      m++;
    }
  }
  return { n, src: src.slice(0, m), dst: dst.slice(0, m) };
}
