// The code of a pool worker, as a string: Node runs it with `new Worker(code, { eval: true })`,
// browsers from a Blob URL. Being a string keeps it self-contained (no file to locate, nothing for
// a bundler to configure). It receives the compiled module and the shared memory, instantiates
// its own copy of the kernels, then sleeps on Atomics.wait until the main thread posts a task.
//
// Control block (one SharedArrayBuffer per worker): Int32 [0] task sequence number (-1: stop),
// [1] last finished sequence number, [2] status of that task (0 ok, 1 trap); then from byte 16 a
// Float64 mailbox: [export index, argument count, arguments...].

export const CONTROL_BYTES = 16 + 8 * 34;
export const MAILBOX_OFFSET = 16;
export const MAILBOX_SLOTS = 34;

export const WORKER_SOURCE = `
'use strict';
const isNode = typeof process === 'object' && process !== null && !!(process.versions && process.versions.node) && typeof self === 'undefined';
const port = isNode ? require('node:worker_threads').parentPort : self;
const listen = (fn) => (isNode ? port.on('message', fn) : (self.onmessage = (e) => fn(e.data)));
listen((msg) => {
  let instance;
  try {
    instance = new WebAssembly.Instance(msg.module, {
      env: { memory: msg.memory, abort: () => { throw new Error('engine assertion failed'); } },
    });
  } catch (error) {
    port.postMessage({ error: String(error) });
    return;
  }
  port.postMessage({ ready: true });
  const ctl = new Int32Array(msg.control, 0, 4);
  const box = new Float64Array(msg.control, ${MAILBOX_OFFSET}, ${MAILBOX_SLOTS});
  const fns = msg.names.map((name) => instance.exports[name]);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctl, 0, seen);
    seen = Atomics.load(ctl, 0);
    if (seen < 0) return;
    let status = 0;
    try {
      const n = box[1];
      const args = new Array(n);
      for (let i = 0; i < n; i++) args[i] = box[2 + i];
      fns[box[0]](...args);
    } catch (error) {
      status = 1;
    }
    Atomics.store(ctl, 2, status);
    Atomics.store(ctl, 1, seen);
    Atomics.notify(ctl, 1);
  }
});
`;
