// Synchronous loading of CommonJS/JSON data packages in Node through createRequire (reached via
// nodeBuiltin, so browser bundles see no Node import); a DataError elsewhere.

import { nodeBuiltin } from '../core/node-builtin.js';
import { DataError } from './data-error.js';

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

/**
 * The absolute path of `file` inside the installed npm package `pkg`. The package folder is found
 * from its entry point upwards (an exports map may hide package.json and its data files from
 * require.resolve), so the package's own layout is all it relies on.
 */
export function packageFile(op: string, pkg: string, file: string): string {
  const req = nodeRequire(op);
  const fs = nodeBuiltin<typeof import('node:fs')>('node:fs')!;
  const path = nodeBuiltin<typeof import('node:path')>('node:path')!;
  let dir: string;
  try {
    dir = path.dirname(req.resolve(pkg));
  } catch {
    throw new DataError(`${op}: the npm package "${pkg}" is not installed (a dependency of mml-wasm: run npm install)`);
  }
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg) return path.join(dir, file);
    const up = path.dirname(dir);
    if (up === dir) throw new DataError(`${op}: cannot find the folder of the npm package "${pkg}"`);
    dir = up;
  }
}
