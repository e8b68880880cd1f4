// Loads the WebAssembly engine once and hands its exports to the kernel shims.
//
// The release .wasm is embedded in the JavaScript as base64 (generated at build time by
// assembly/embed-wasm.mjs). That is why no bundler configuration is ever needed: there is no
// second file to locate, fetch or copy, and it works the same in Node, browsers, Web Workers and
// from a CDN. Users who prefer streaming compilation of a separately served file pass it to init().
//
// Node and Web Workers may compile synchronously, so there the engine starts lazily on first use.
// A browser's main thread forbids synchronous compilation of modules over 4 KiB: call init() first.

import { EngineError } from './errors.js';
import { WASM_BASE64 } from './wasm-bytes.generated.js';

/** The raw exports of build/release.wasm (see assembly/index.ts). */
export interface EngineExports {
  readonly memory: WebAssembly.Memory;
  heapBase(): number;
  dgemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  dgemmWorkBytes(m: number, n: number, k: number): number;
}

export interface InitOptions {
  /** The engine's .wasm as bytes, a URL to fetch, or a fetch Response; default: the embedded copy. */
  wasm?: BufferSource | URL | Response;
}

let exportsReady: EngineExports | null = null;

function embeddedBytes(): Uint8Array<ArrayBuffer> {
  const binary = atob(WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function importObject(getMemory: () => WebAssembly.Memory): WebAssembly.Imports {
  return {
    env: {
      // AssemblyScript calls abort(message, file, line, column) on a failed assertion (debug builds).
      abort(msgPtr: number, filePtr: number, line: number, column: number): never {
        const memory = getMemory();
        throw new EngineError(
          `engine assertion failed: ${readAsString(memory, msgPtr)} at ${readAsString(memory, filePtr)}:${line}:${column}`,
        );
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

function adopt(instance: WebAssembly.Instance): EngineExports {
  exportsReady = instance.exports as unknown as EngineExports;
  return exportsReady;
}

function simdMissing(error: unknown): EngineError {
  return new EngineError(
    'mml-wasm needs WebAssembly SIMD (Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+): ' +
      (error instanceof Error ? error.message : String(error)),
    { cause: error },
  );
}

/**
 * Loads the engine. Calling it again is a no-op. Needed once in a browser's main thread;
 * optional in Node and Web Workers, where the engine also starts on first use.
 */
export async function init(options: InitOptions = {}): Promise<void> {
  if (exportsReady) return;
  let source: BufferSource | Response = options.wasm instanceof URL ? await fetch(options.wasm) : options.wasm ?? embeddedBytes();
  let module: WebAssembly.Module;
  try {
    if (source instanceof Response) {
      source = await source.arrayBuffer();
    }
    module = await WebAssembly.compile(source);
  } catch (error) {
    throw simdMissing(error);
  }
  if (exportsReady) return; // another init() finished while we compiled
  let instance: WebAssembly.Instance | undefined;
  instance = await WebAssembly.instantiate(module, importObject(() => (instance!.exports as unknown as EngineExports).memory));
  adopt(instance);
}

/** The engine's exports, starting it synchronously on first use where the platform allows. */
export function engine(): EngineExports {
  if (exportsReady) return exportsReady;
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(embeddedBytes());
  } catch (error) {
    if (error instanceof RangeError) {
      throw new EngineError('mml-wasm: call `await init()` once before using the engine in a browser main thread', {
        cause: error,
      });
    }
    throw simdMissing(error);
  }
  let instance: WebAssembly.Instance | undefined;
  instance = new WebAssembly.Instance(module, importObject(() => (instance!.exports as unknown as EngineExports).memory));
  return adopt(instance);
}

/** True once the engine is loaded (by init() or by first use). */
export function engineReady(): boolean {
  return exportsReady !== null;
}
