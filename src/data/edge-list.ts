// Edge lists: "source target [weight]" lines separated by whitespace or commas, '#' comments
// (the SNAP format), an optional header line, node labels mapped to ids 0..n-1 in order of first
// appearance. parseEdgeList works on text anywhere; readEdgeListFile streams a file in Node so a
// graph too large to hold as text still loads. A malformed line is an error naming its number.

import { CsrMatrix } from '../core/csr.js';

export interface EdgeList {
  /** Number of nodes. */
  n: number;
  /** Node label of each id. */
  labels: string[];
  src: Int32Array;
  dst: Int32Array;
  /** Weights when the lines have a third column, else null. */
  weights: Float64Array | null;
}

export class EdgeListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdgeListError';
  }
}

/** Accumulates edges line by line into growable typed arrays. */
export class EdgeListBuilder {
  private ids = new Map<string, number>();
  readonly labels: string[] = [];
  private src = new Int32Array(1024);
  private dst = new Int32Array(1024);
  private w = new Float64Array(1024);
  private m = 0;
  private weighted: boolean | null = null;
  private lineNo = 0;

  constructor(private readonly source = 'edge list') {}

  private id(label: string): number {
    let v = this.ids.get(label);
    if (v === undefined) {
      v = this.labels.length;
      this.ids.set(label, v);
      this.labels.push(label);
    }
    return v;
  }

  private grow(): void {
    const cap = this.src.length * 2;
    const s = new Int32Array(cap);
    s.set(this.src);
    this.src = s;
    const d = new Int32Array(cap);
    d.set(this.dst);
    this.dst = d;
    const w = new Float64Array(cap);
    w.set(this.w);
    this.w = w;
  }

  /** Adds one line of text. */
  line(text: string): void {
    this.lineNo++;
    const t = text.trim();
    if (t === '' || t.startsWith('#') || t.startsWith('%')) return;
    // Each comma or semicolon is one separator (whitespace runs are one): "a,,b" has an empty field.
    // An empty field ("a,,b", "a,b,", ",b") is malformed: it was read as a node labelled '', as the
    // weight Number('') = 0, or ("a,,b" under the former /[\s,;]+/) silently as the edge a -> b.
    const fields = t.split(/\s*[,;]\s*|\s+/);
    if (fields.length < 2 || fields.length > 3 || fields.includes('')) {
      throw new EdgeListError(`${this.source}: line ${this.lineNo}: expected "source target [weight]", got ${JSON.stringify(t.slice(0, 80))}`);
    }
    let weight = 1;
    if (fields.length === 3) {
      weight = Number(fields[2]);
      if (!Number.isFinite(weight) || weight < 0) {
        // A header such as "origin,destination,count" on the first data line is skipped.
        if (this.m === 0 && this.weighted === null && Number.isNaN(weight)) {
          this.weighted = true;
          return;
        }
        throw new EdgeListError(`${this.source}: line ${this.lineNo}: weight ${JSON.stringify(fields[2])} is not a finite non-negative number`);
      }
    }
    const hasWeight = fields.length === 3;
    if (this.weighted === null) this.weighted = hasWeight;
    else if (this.weighted !== hasWeight) {
      throw new EdgeListError(`${this.source}: line ${this.lineNo}: ${hasWeight ? 'a weight on a line of an unweighted list' : 'no weight on a line of a weighted list'}`);
    }
    if (this.m === this.src.length) this.grow();
    this.src[this.m] = this.id(fields[0]);
    this.dst[this.m] = this.id(fields[1]);
    this.w[this.m] = weight;
    this.m++;
  }

  finish(): EdgeList {
    return {
      n: this.labels.length,
      labels: this.labels,
      src: this.src.slice(0, this.m),
      dst: this.dst.slice(0, this.m),
      weights: this.weighted ? this.w.slice(0, this.m) : null,
    };
  }
}

/** Parses edge-list text. */
export function parseEdgeList(text: string, source = 'edge list'): EdgeList {
  const b = new EdgeListBuilder(source);
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    b.line(text.slice(start, end < 0 ? undefined : end));
    if (end < 0) break;
    start = end + 1;
  }
  return b.finish();
}

/** Streams an edge-list file (Node only) line by line. */
export async function readEdgeListFile(path: string): Promise<EdgeList> {
  const [{ createReadStream }, { createInterface }] = await Promise.all([import('node:fs'), import('node:readline')]);
  const b = new EdgeListBuilder(path);
  const input = createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) b.line(line);
  } finally {
    // A malformed line throws out of the loop: close the file now rather than at garbage collection.
    lines.close();
    input.destroy();
  }
  return b.finish();
}

/** The link matrix of an edge list (entry (dst, src) for each edge src -> dst). */
export function edgeListMatrix(e: EdgeList): CsrMatrix {
  return CsrMatrix.fromEdges(e.n, e.src, e.dst, e.weights ?? undefined);
}
