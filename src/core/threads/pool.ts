// A pool of worker threads sharing the engine's WebAssembly memory (Node worker_threads or
// browser Web Workers). The calling thread takes one share of each job itself, the workers the
// others; the API stays synchronous: the caller blocks (Atomics.wait) or, on a browser main
// thread where blocking is forbidden, spins until the workers are done.
//
// Never a hang: a worker that does not finish within a generous deadline (50x the caller's own
// share, at least 2 s) is declared lost; the pool is shut down and the call throws EngineError.

import { EngineError } from '../errors.js';
import { CONTROL_BYTES, MAILBOX_OFFSET, MAILBOX_SLOTS, WORKER_SOURCE } from './worker-source.js';
import { nodeBuiltin } from '../node-builtin.js';

/** One call of a WASM export on a worker: export name and numeric arguments. */
export interface Task {
  fn: string;
  args: number[];
}

interface PortLike {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

interface WorkerHandle {
  port: PortLike;
  ctl: Int32Array;
  box: Float64Array;
  seq: number;
}

type NodeWorkerThreads = typeof import('node:worker_threads');


/** Threads this platform can run the pool with, or a reason why it cannot. */
export function threadSupport(): { ok: true; cores: number } | { ok: false; reason: string } {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') {
    return { ok: false, reason: 'SharedArrayBuffer is unavailable (browsers need cross-origin isolation: COOP/COEP headers)' };
  }
  const os = nodeBuiltin<typeof import('node:os')>('node:os');
  if (os) return { ok: true, cores: os.availableParallelism() };
  if (typeof Worker === 'undefined') return { ok: false, reason: 'Web Workers are unavailable' };
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) {
    return { ok: false, reason: 'the page is not cross-origin isolated (COOP/COEP headers)' };
  }
  return { ok: true, cores: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1 };
}

async function spawn(module: WebAssembly.Module, memory: WebAssembly.Memory, names: string[]): Promise<WorkerHandle> {
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const message = { module, memory, control, names };
  const workerThreads = nodeBuiltin<NodeWorkerThreads>('node:worker_threads');
  let port: PortLike;
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (data: { ready?: boolean; error?: string }) => (data.ready ? resolve() : reject(new EngineError(`thread pool: worker failed to start: ${data.error}`)));
    if (workerThreads) {
      const w = new workerThreads.Worker(WORKER_SOURCE, { eval: true });
      w.unref(); // idle workers must not keep the process alive
      w.once('message', onMessage);
      w.once('error', reject);
      port = w;
    } else {
      const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
      const w = new Worker(url);
      w.onmessage = (e: MessageEvent) => onMessage(e.data);
      w.onerror = (e: ErrorEvent) => reject(new EngineError(`thread pool: worker failed to start: ${e.message}`));
      port = w;
    }
    port.postMessage(message);
  });
  await ready;
  return { port: port!, ctl: new Int32Array(control, 0, 4), box: new Float64Array(control, MAILBOX_OFFSET, MAILBOX_SLOTS), seq: 0 };
}

export class ThreadPool {
  private broken = false;
  private canBlock = true;

  private constructor(
    private readonly workers: WorkerHandle[],
    private readonly names: string[],
  ) {}

  /** A pool of `threads` threads in all: the caller and threads - 1 workers. */
  static async create(module: WebAssembly.Module, memory: WebAssembly.Memory, threads: number, names: string[]): Promise<ThreadPool> {
    const workers = await Promise.all(Array.from({ length: threads - 1 }, () => spawn(module, memory, names)));
    return new ThreadPool(workers, names);
  }

  /** Threads in all, the caller included. */
  get size(): number {
    return this.workers.length + 1;
  }

  get usable(): boolean {
    return !this.broken;
  }

  /**
   * Runs tasks[i] on worker i and `own` on the calling thread, and returns when all are done.
   * A trap on a worker throws EngineError (the pool stays usable); a lost worker shuts the pool down.
   */
  run(op: string, tasks: Task[], own: () => void): void {
    if (tasks.length > this.workers.length) throw new EngineError(`${op}: ${tasks.length} tasks for ${this.workers.length} workers`);
    if (this.broken) throw new EngineError(`${op}: the thread pool was shut down after a lost worker`);
    tasks.forEach((task, i) => {
      const w = this.workers[i];
      const index = this.names.indexOf(task.fn);
      if (index < 0 || task.args.length + 2 > MAILBOX_SLOTS) throw new EngineError(`${op}: cannot send ${task.fn} to a worker`);
      w.box[0] = index;
      w.box[1] = task.args.length;
      w.box.set(task.args, 2);
      w.seq++;
      Atomics.store(w.ctl, 0, w.seq);
      Atomics.notify(w.ctl, 0);
    });
    const t0 = performance.now();
    let ownError: unknown = null;
    try {
      own();
    } catch (error) {
      ownError = error;
    }
    const deadline = performance.now() + Math.max(2000, 50 * (performance.now() - t0));
    let trapped = false;
    for (let i = 0; i < tasks.length; i++) {
      const w = this.workers[i];
      if (!this.waitDone(w, deadline)) {
        this.shutdown();
        throw new EngineError(`${op}: a worker thread did not finish; the thread pool is shut down (call setThreads again to restart it)`);
      }
      if (Atomics.load(w.ctl, 2) !== 0) trapped = true;
    }
    if (ownError) throw ownError;
    if (trapped) throw new EngineError(`${op}: engine fault on a worker thread`);
  }

  private waitDone(w: WorkerHandle, deadline: number): boolean {
    for (;;) {
      const done = Atomics.load(w.ctl, 1);
      if (done === w.seq) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      if (this.canBlock) {
        try {
          Atomics.wait(w.ctl, 1, done, Math.min(left, 100));
        } catch {
          this.canBlock = false; // a browser main thread may not block: spin instead
        }
      }
    }
  }

  /** Stops every worker; the pool cannot be used again. */
  shutdown(): void {
    this.broken = true;
    for (const w of this.workers) {
      Atomics.store(w.ctl, 0, -1);
      Atomics.notify(w.ctl, 0);
      w.port.terminate();
    }
  }
}
