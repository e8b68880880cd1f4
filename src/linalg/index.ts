// numpy.linalg-style functions. Step 1 has the products; factorizations and solvers follow.
export { matmul, matvec, gram, dot, outer, type MatmulOptions } from './products.js';
