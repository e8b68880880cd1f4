// A small argv parser: positional words, boolean flags and `--key value` / `--key=value` options.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/** Parses argv; `valued` names the options that take a value, `booleans` the allowed flags. */
export function parseArgs(argv: string[], valued: string[], booleans: string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let t = 0; t < argv.length; t++) {
    const word = argv[t];
    if (!word.startsWith('--')) {
      out.positional.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const key = word.slice(2, eq < 0 ? undefined : eq);
    if (valued.includes(key)) {
      const value = eq < 0 ? argv[++t] : word.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${key} needs a value`);
      out.values.set(key, value);
    } else if (booleans.includes(key) && eq < 0) {
      out.flags.add(key);
    } else {
      throw new UsageError(`unknown option '${word}'`);
    }
  }
  return out;
}
