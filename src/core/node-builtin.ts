// Node's built-in modules without an import statement: browser bundlers would try to resolve
// `import 'node:fs'`, and a dynamic import would make synchronous loaders asynchronous.
// process.getBuiltinModule exists from Node 20.16 (engines asks for 20.19).

/** Node's built-in module `id`, or null outside Node. */
export function nodeBuiltin<T>(id: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (proc?.getBuiltinModule?.(id) as T | undefined) ?? null;
}
