// The error of the data loaders (src/data): a file or package that cannot be read.

import { LinAlgError } from '../core/errors.js';

/** The data could not be read (not in Node, package missing, or a malformed file). */
export class DataError extends LinAlgError {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
