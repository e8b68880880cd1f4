// A minimal PNG encoder (8-bit greyscale or RGB, no interlace) for the image figures: digits,
// eigen-digits, reconstructions. Node only: the compression is node:zlib's deflate, reached
// through nodeBuiltin so that browser bundles never see a Node import.

import { nodeBuiltin } from '../core/node-builtin.js';

/** An 8-bit raster: `channels` bytes per pixel (1 grey, 3 RGB), rows top to bottom. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: Uint8Array;
}

/** PNG encoding needs node:zlib. */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngError';
  }
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

let crcTable: Uint32Array | null = null;

/** CRC-32 (ISO-HDLC, the polynomial of PNG and zlib) of `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** The PNG file of a raster. */
export function encodePng(raster: Raster): Uint8Array {
  const { width, height, channels, pixels } = raster;
  if (!(width > 0 && height > 0) || pixels.length !== width * height * channels) {
    throw new PngError(`encodePng: ${pixels.length} bytes do not make a ${width}x${height} image with ${channels} channel(s)`);
  }
  const zlib = nodeBuiltin<typeof import('node:zlib')>('node:zlib');
  if (!zlib) throw new PngError('encodePng: needs Node (node:zlib)');
  // Each scanline starts with its filter type; 0 (none) is enough for these small images.
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: grey or truecolour
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', new Uint8Array(zlib.deflateSync(raw))), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A `data:image/png;base64,...` URL, for embedding a raster in an SVG figure. */
export function pngDataUrl(raster: Raster): string {
  const bytes = encodePng(raster);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}
