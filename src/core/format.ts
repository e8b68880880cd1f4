// numpy-like printing of matrices: one common number format per matrix, right-aligned columns,
// and a summary with '...' past 1000 entries (numpy's threshold, 3 edge items).

const THRESHOLD = 1000;
const EDGE = 3;
const PRECISION = 8;

function formatter(values: Float64Array): (v: number) => string {
  let maxAbs = 0;
  let minAbs = Infinity;
  let allIntegers = true;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
    if (a > 0 && a < minAbs) minAbs = a;
    if (!Number.isInteger(v)) allIntegers = false;
  }
  const scientific = maxAbs >= 1e8 || (minAbs < 1e-4 && !allIntegers) || (maxAbs > 0 && maxAbs / minAbs > 1e8 && !allIntegers);
  return (v: number) => {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    if (scientific) return v.toExponential(PRECISION).replace(/e([+-])(\d)$/, 'e$10$2');
    if (allIntegers) return `${v === 0 ? 0 : v}.`;
    // Fixed notation with up to PRECISION decimals, trailing zeros trimmed as numpy does.
    return v.toFixed(PRECISION).replace(/0+$/, '').replace(/\.$/, '.');
  };
}

/** Text of a row-major rows x cols array, as numpy prints a 2-D float array. */
export function formatMatrix(rows: number, cols: number, data: Float64Array): string {
  if (rows === 0 || cols === 0) return `[] (shape ${rows}x${cols})`;
  const summarize = rows * cols > THRESHOLD;
  const pick = (len: number): (number | null)[] =>
    summarize && len > 2 * EDGE
      ? [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => len - EDGE + i)]
      : Array.from({ length: len }, (_, i) => i);
  const rowIdx = pick(rows);
  const colIdx = pick(cols);
  const shown: number[] = [];
  for (const i of rowIdx) for (const j of colIdx) if (i !== null && j !== null) shown.push(data[i * cols + j]);
  const fmt = formatter(Float64Array.from(shown));
  const cells = rowIdx.map((i) => (i === null ? null : colIdx.map((j) => (j === null ? '...' : fmt(data[i * cols + j])))));
  // Align decimal points as numpy does: pad the integer part on the left, the fraction on the right.
  const split = (c: string): [string, string] => {
    const dot = c.indexOf('.');
    return dot < 0 || c.includes('e') ? [c, ''] : [c.slice(0, dot), c.slice(dot)];
  };
  const all = cells.flatMap((r) => r ?? []).filter((c) => c !== '...').map(split);
  const intWidth = Math.max(...all.map(([a]) => a.length));
  const fracWidth = Math.max(...all.map(([, b]) => b.length));
  const aligned = cells.map((r) =>
    r === null ? null : r.map((c) => (c === '...' ? c : ((([a, b]) => a.padStart(intWidth) + b.padEnd(fracWidth))(split(c))))),
  );
  const width = Math.max(...aligned.flatMap((r) => (r ? r.map((c) => c.length) : [0])));
  const lines = aligned.map((r, t) => {
    if (r === null) return ' ...';
    const open = t === 0 ? '[[' : ' [';
    const close = t === aligned.length - 1 ? ']]' : ']';
    return `${open}${r.map((c) => c.padStart(width)).join(' ')}${close}`;
  });
  return lines.join('\n');
}
