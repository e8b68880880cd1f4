import { engineMemoryBytes } from './arena.js';
import { engine } from './engine.js';
import { VERSION } from './version.js';

export interface EngineInfo {
  version: string;
  /** The engine runs WebAssembly SIMD (always true: it does not load without it). */
  simd: boolean;
  /** Threads used by the kernels. */
  threads: number;
  /** Bytes of linear memory held by the engine's arena. */
  memoryBytes: number;
}

/** Facts about the loaded engine (starts it if needed). */
export function engineInfo(): EngineInfo {
  const { pool } = engine();
  return { version: VERSION, simd: true, threads: pool?.usable ? pool.size : 1, memoryBytes: engineMemoryBytes() };
}
