// Edge-list reader: separators, comments, weights, the label -> id mapping, headers, malformed lines
// (the error names the line), streaming a file, and the link matrix it builds.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EdgeListBuilder, EdgeListError, edgeListMatrix, parseEdgeList, readEdgeListFile } from '../../src/data/edge-list.js';
import { errorOf } from '../helpers.js';

const FLIGHTS = fileURLToPath(new URL('../../node_modules/vega-datasets/data/flights-airport.csv', import.meta.url));

/** The edges as [sourceLabel, targetLabel] pairs. */
function labelled(e: { labels: string[]; src: Int32Array; dst: Int32Array }): string[][] {
  return Array.from(e.src, (s, k) => [e.labels[s], e.labels[e.dst[k]]]);
}

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mml-edges-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('parseEdgeList', () => {
  it('reads whitespace-separated lines, skipping comments and blank lines (SNAP format)', () => {
    const e = parseEdgeList('# Directed graph\n# FromNodeId\tToNodeId\n10\t20\n20 30\n\n  30   10  \n% matrix-market style comment\n10 10\n');
    expect(e.n).toBe(3);
    expect(e.labels).toEqual(['10', '20', '30']);
    expect(Array.from(e.src)).toEqual([0, 1, 2, 0]);
    expect(Array.from(e.dst)).toEqual([1, 2, 0, 0]);
    expect(e.weights).toBeNull();
  });

  it('reads CSV and semicolon lines with weights, CRLF line ends and no final newline', () => {
    const e = parseEdgeList('a,b,2.5\r\nb , c ,\t1e-3\r\nc;a;0\r\na,b,4');
    expect(e.labels).toEqual(['a', 'b', 'c']);
    expect(labelled(e)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['a', 'b'],
    ]);
    expect(Array.from(e.weights!)).toEqual([2.5, 1e-3, 0, 4]);
  });

  it('numbers labels in order of first appearance, whatever they look like', () => {
    const e = parseEdgeList('7 3\n3 0\nx 7\n0 x\n');
    expect(e.labels).toEqual(['7', '3', '0', 'x']);
    expect(Array.from(e.src)).toEqual([0, 1, 3, 2]);
    expect(Array.from(e.dst)).toEqual([1, 2, 0, 3]);
  });

  it('skips a header whose third field is not a number, on the first data line only', () => {
    const e = parseEdgeList('# flights\norigin,destination,count\nABE,ATL,853\nABE,BHM,1\n');
    expect(e.labels).toEqual(['ABE', 'ATL', 'BHM']);
    expect(Array.from(e.weights!)).toEqual([853, 1]);
    const late = errorOf(() => parseEdgeList('a,b,1\norigin,destination,count\n'));
    expect(late).toBeInstanceOf(EdgeListError);
    expect(late.message).toMatch(/line 2: weight "count"/);
  });

  it('rejects malformed lines with an EdgeListError naming the source and the line', () => {
    const cases: [string, number, RegExp][] = [
      ['a b\nc\n', 2, /expected "source target \[weight\]", got "c"/],
      ['a b\n# ok\nc d e f\n', 3, /got "c d e f"/],
      ['a b 1\nb c -2\n', 2, /weight "-2" is not a finite non-negative number/],
      ['a b 1\nb c NaN\n', 2, /weight "NaN"/],
      ['a b 1\nb c Infinity\n', 2, /weight "Infinity"/],
      ['a b 1\nb c\n', 2, /no weight on a line of a weighted list/],
      ['a b\nb c 1\n', 2, /a weight on a line of an unweighted list/],
      ['a,b,1\nb,c,\n', 2, /got "b,c,"/],
      ['a,b\n,c\n', 2, /got ",c"/],
      ['a,,b\n', 1, /got "a,,b"/],
    ];
    for (const [text, line, pattern] of cases) {
      const e = errorOf(() => parseEdgeList(text, 'graph.txt'));
      expect(e).toBeInstanceOf(EdgeListError);
      expect(e.message).toContain(`graph.txt: line ${line}:`);
      expect(e.message).toMatch(pattern);
    }
  });

  it('an empty text or only comments is a graph with no nodes', () => {
    for (const text of ['', '\n\n', '# nothing\n']) {
      const e = parseEdgeList(text);
      expect([e.n, e.src.length, e.dst.length]).toEqual([0, 0, 0]);
      expect(edgeListMatrix(e).rows).toBe(0);
    }
  });

  it('the builder grows past its initial capacity', () => {
    const b = new EdgeListBuilder();
    for (let k = 0; k < 5000; k++) b.line(`${k} ${(k * 7) % 5000} ${k % 3}`);
    const e = b.finish();
    expect(e.n).toBe(5000);
    expect(e.src.length).toBe(5000);
    expect(e.labels[e.dst[4999]]).toBe(String((4999 * 7) % 5000));
    expect(e.weights![4999]).toBe(4999 % 3);
  });
});

describe('edgeListMatrix', () => {
  it('puts each edge src -> dst at (dst, src), duplicate lines summed', () => {
    const e = parseEdgeList('A B 1\nA C 2\nB C 3\nA B 4\nC C 5\n');
    expect(edgeListMatrix(e).toDense().toArray()).toEqual([
      [0, 0, 0],
      [5, 0, 0],
      [2, 3, 5],
    ]);
    expect(edgeListMatrix(parseEdgeList('A B\nA B\nB A\n')).toDense().toArray()).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });
});

describe('readEdgeListFile', () => {
  it('streams a file in chunks to the same result as parseEdgeList', async () => {
    // About 1.3 MB: many stream chunks (64 KiB each), so lines are split across chunk boundaries.
    const lines = ['# generated'];
    for (let k = 0; k < 80_000; k++) lines.push(`node${(k * 7919) % 30011},node${(k * 104729) % 30011},${(k % 97) / 8}`);
    const text = lines.join('\r\n') + '\r\n';
    await withTempDir(async (dir) => {
      const path = join(dir, 'edges.csv');
      writeFileSync(path, text);
      const streamed = await readEdgeListFile(path);
      const parsed = parseEdgeList(text);
      expect(streamed.n).toBe(parsed.n);
      expect(streamed.labels).toEqual(parsed.labels);
      expect(streamed.src).toEqual(parsed.src);
      expect(streamed.dst).toEqual(parsed.dst);
      expect(streamed.weights).toEqual(parsed.weights);
      expect(streamed.src.length).toBe(80_000);
      expect(streamed.weights![80_000 - 1]).toBe(((80_000 - 1) % 97) / 8);
    });
  });

  it('names the file and the line of a malformed line', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'bad.txt');
      writeFileSync(path, '1 2\n2 3\n# fine\n3\n4 5\n');
      const e = await readEdgeListFile(path).then(
        () => null,
        (error: Error) => error,
      );
      expect(e).toBeInstanceOf(EdgeListError);
      expect(e!.message).toBe(`${path}: line 4: expected "source target [weight]", got "3"`);
    });
  });

  it('a missing file rejects with the file system error', async () => {
    await expect(readEdgeListFile('/nonexistent/mml-edges.txt')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads the vega-datasets airports file: 305 airports, 5366 weighted routes', async () => {
    const e = await readEdgeListFile(FLIGHTS);
    expect(e.n).toBe(305);
    expect(e.src.length).toBe(5366);
    expect(e.labels.slice(0, 3)).toEqual(['ABE', 'ATL', 'BHM']);
    expect(Array.from(e.weights!.slice(0, 2))).toEqual([853, 1]);
    const L = edgeListMatrix(e);
    expect(L.nnz).toBe(5366);
    // Total weight is preserved.
    expect(L.values.reduce((a, b) => a + b, 0)).toBe(e.weights!.reduce((a, b) => a + b, 0));
  });
});
