// Synchronous loading of CommonJS/JSON data packages in Node through createRequire (reached via
// nodeBuiltin, so browser bundles see no Node import); a DataError elsewhere.

import { nodeBuiltin } from '../core/node-builtin.js';
import { DataError } from './mnist.js';

/** Node's `require`, relative to this module, or a DataError naming `op` outside Node. */
export function nodeRequire(op: string): NodeJS.Require {
  const mod = nodeBuiltin<typeof import('node:module')>('node:module');
  if (!mod) throw new DataError(`${op}: needs Node (reads an npm package synchronously)`);
  return mod.createRequire(import.meta.url);
}

/** `require(id)`, turning a missing package into a DataError that says how to fix it. */
export function requirePackage<T>(op: string, id: string, pkg: string): T {
  const req = nodeRequire(op);
  try {
    return req(id) as T;
  } catch (error) {
    throw new DataError(`${op}: cannot load ${id} from the npm package "${pkg}" (a dependency of mml-wasm: run npm install): ${(error as Error).message}`);
  }
}
