// Bundles the browser demo (web/main.ts -> web/dist/demo.js) with esbuild.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/demo.js', import.meta.url).pathname,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built web/dist/demo.js');
