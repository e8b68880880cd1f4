// @tensorflow/tfjs-core with its WASM backend (XNNPACK SIMD build) on one thread, for the suites
// that compare with it (f32, mlp). Returns null when the packages are not installed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** tf on the 'wasm' backend, one thread; `gradients` registers the gradient functions (training). */
export async function loadTfjsWasm({ gradients = false } = {}) {
  try {
    const tf = require('@tensorflow/tfjs-core');
    if (gradients) registerTfjsGradients();
    const backend = require('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    backend.setThreadsCount(1);
    await tf.setBackend('wasm');
    await tf.ready();
    return tf;
  } catch (error) {
    if (error?.code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * tfjs-core's Node bundle registers no gradient functions (the @tensorflow/tfjs package does, by
 * importing dist/register_all_gradients.js, an ES module with extensionless imports that Node cannot
 * load). esbuild (a devDependency) bundles it to CommonJS; the registries live on globalThis, so
 * the gradients land where the tfjs-core instance loaded above looks for them.
 */
function registerTfjsGradients() {
  const { buildSync } = require('esbuild');
  const entry = require.resolve('@tensorflow/tfjs-core').replace(/tf-core\.node\.js$/, 'register_all_gradients.js');
  const code = buildSync({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', write: false, logLevel: 'error' }).outputFiles[0].text;
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
}
