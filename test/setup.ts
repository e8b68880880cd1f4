// Property-based tests explore new cases on every local run; in CI (CI=1) they use a fixed seed,
// so that a landing is decided by the code, not by the draw. A failure prints its seed either way.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261125 });
