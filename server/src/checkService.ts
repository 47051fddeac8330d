import { Worker } from 'node:worker_threads';
import { CHECK_WORKER_ROLE, type CheckWorkerData, type ConfigState, type FromWorker, type ToWorker, type WorkerRequest, type WorkerResults } from './checkWorker';
import { WORKER_RESOURCE_LIMITS } from './launch';

/**
 * `opened`: a document just opened (its first diagnostics: typing elsewhere must not hold them up); `now`: a document
 * someone is working in (typed in, asked about); `background`: re-checks after a settings change, workspace scans.
 */
export type Priority = 'opened' | 'now' | 'background';

/** The order of the queue: a job goes after those of its own priority and before every lower one. */
const RANK: Record<Priority, number> = { opened: 0, now: 1, background: 2 };

/** One piece of work handed to the worker, and what the main thread can still do about it. */
export interface WorkerJob<T> {
  readonly promise: Promise<T>;
  /** Makes a waiting job `now`: it goes ahead of the background work. */
  promote(): void;
  /**
   * Gives the job up: one waiting is dropped (its promise resolves to undefined); a check the worker is running is
   * abandoned at its next checkpoint (undefined too, or its result if it finishes first). False when it has ended.
   */
  cancel(): boolean;
}

interface Queued {
  /** Its number for the worker (see ToWorker), never reused. */
  id: number;
  request: WorkerRequest;
  priority: Priority;
  timeoutMs: number;
  /** A request whose client gave up: dropped when its turn comes. */
  cancelled?: () => boolean;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** What the worker may take, at least, before it is thought hung: a check keeps to its rules' time budget. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** And per thousand characters of text: parsing is bounded by the size limits, not by the budget. */
const TIMEOUT_MS_PER_KILOCHAR = 10;
/** Workers that stop one after the other before they are ready: past this, the work waiting is failed. */
const MAX_FAILED_STARTS = 3;

/**
 * The check worker seen from the main thread: the engine runs in one worker thread (the same bundle started in
 * worker mode), one job at a time, `now` jobs before `background` ones. Sending one job at a time keeps the order
 * decidable up to the moment a job starts, and tells which job a failure belongs to. A job that throws rejects; a
 * worker that dies (a crash, out of memory) or does not answer in time (it is stopped) fails the job it was doing,
 * and a new worker takes the rest. Configuration changes are forwarded in order, so every job sent after one is
 * checked with it.
 */
export class CheckService {
  private worker: Worker | undefined;
  private running: { job: Queued; timer: NodeJS.Timeout } | undefined;
  private readonly queue: Queued[] = [];
  /** Why the current worker is being stopped (set before terminate, so its exit is not taken for a crash). */
  private stopping: string | undefined;
  /** Workers that stopped before they were ready, one after the other. */
  private failedStarts = 0;
  private ready = false;
  private lastId = 0;
  /** The shared word that names the job the worker should give up (CheckWorkerData.abandon). */
  private readonly abandon = new Int32Array(new SharedArrayBuffer(4));

  constructor(
    private readonly script: string,
    private configState: ConfigState,
    private readonly log: (message: string) => void,
    private readonly timeoutBaseMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** Settings or `.cekpolicy.yaml` changed: the worker reloads its configuration before its next job. */
  configure(state: ConfigState): void {
    this.configState = state;
    this.worker?.postMessage({ configure: state });
  }

  /** YAML or Markdown files of the workspace changed: the worker looks references up again (its jobs after this see them). */
  filesChanged(): void {
    this.worker?.postMessage({ filesChanged: true } satisfies ToWorker);
  }

  /** Starts the worker ahead of the first job (its start-up then does not delay the first diagnostics). */
  start(): void {
    this.worker ??= this.spawn();
  }

  /**
   * Queues a request. `textLength`: the size of the text it checks; `checks`: how many times it may check it (fix-all
   * checks again between passes); both scale the time it may take before the worker is taken for hung.
   */
  run<K extends WorkerRequest['kind']>(request: Extract<WorkerRequest, { kind: K }>, priority: Priority, options: { textLength?: number; checks?: number; cancelled?: () => boolean } = {}): WorkerJob<WorkerResults[K] | undefined> {
    let queued!: Queued;
    const promise = new Promise<WorkerResults[K] | undefined>((resolve, reject) => {
      queued = {
        id: ++this.lastId, request, priority, cancelled: options.cancelled, resolve: resolve as (result: unknown) => void, reject,
        timeoutMs: (options.checks ?? 1) * (this.timeoutBaseMs + Math.ceil((options.textLength ?? 0) / 1000) * TIMEOUT_MS_PER_KILOCHAR),
      };
    });
    this.enqueue(queued);
    this.next();
    return {
      promise,
      promote: () => {
        const index = this.queue.indexOf(queued);
        if (index === -1 || queued.priority !== 'background') return;
        this.queue.splice(index, 1);
        queued.priority = 'now';
        this.enqueue(queued);
      },
      cancel: () => {
        if (this.running?.job === queued) {
          // Read by the worker at its checkpoints; it answers `abandoned`, or its result when it was done already.
          Atomics.store(this.abandon, 0, queued.id);
          return true;
        }
        const index = this.queue.indexOf(queued);
        if (index === -1) return false;
        this.queue.splice(index, 1);
        queued.resolve(undefined);
        return true;
      },
    };
  }

  /** After the jobs of the same priority, before every lower one. */
  private enqueue(job: Queued): void {
    const firstLower = this.queue.findIndex((queued) => RANK[queued.priority] > RANK[job.priority]);
    if (firstLower === -1) this.queue.push(job);
    else this.queue.splice(firstLower, 0, job);
  }

  private next(): void {
    if (this.running) return;
    let job: Queued | undefined;
    while ((job = this.queue.shift()) && job.cancelled?.()) job.resolve(undefined);
    if (!job) return;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => this.stop(`it did not answer within ${Number((job.timeoutMs / 1000).toFixed(1))} s`), job.timeoutMs);
    this.running = { job, timer };
    this.worker.postMessage({ request: job.request, job: job.id } satisfies ToWorker);
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, {
      workerData: { role: CHECK_WORKER_ROLE, configs: this.configState, abandon: this.abandon.buffer as SharedArrayBuffer } satisfies CheckWorkerData,
      resourceLimits: WORKER_RESOURCE_LIMITS,
      // The worker's output must never reach the LSP stream on standard output: it goes to the log.
      stdout: true,
      stderr: true,
    });
    this.ready = false;
    worker.stdout.setEncoding('utf8').on('data', (chunk: string) => this.log(`check worker: ${chunk.trimEnd()}`));
    worker.stderr.setEncoding('utf8').on('data', (chunk: string) => this.log(`check worker: ${chunk.trimEnd()}`));
    // The language server's connection keeps the process alive; the worker alone never does.
    worker.unref();
    let failure: string | undefined;
    worker.on('message', (message: FromWorker) => this.answer(worker, message));
    worker.on('error', (error) => {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const reason = this.stopping ?? failure ?? `it exited with status ${code}`;
      this.stopping = undefined;
      this.log(`cek-policy: the check worker stopped (${reason}); a new one takes the next check.`);
      const running = this.running;
      this.running = undefined;
      if (running) {
        clearTimeout(running.timer);
        running.job.reject(new Error(`the check worker stopped: ${reason}`));
      }
      if (!this.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
        // It cannot start at all: fail what waits rather than start it again and again.
        this.failedStarts = 0;
        for (const job of this.queue.splice(0)) job.reject(new Error(`the check worker stopped: ${reason}`));
      }
      this.next();
    });
    return worker;
  }

  private answer(worker: Worker, message: FromWorker): void {
    if (worker !== this.worker) return;
    if ('ready' in message) {
      this.ready = true;
      this.failedStarts = 0;
      return;
    }
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    if ('failure' in message) {
      // The error as thrown in the worker (name, message and stack), so it reads the same as one thrown here.
      const error = new Error(message.failure.message);
      error.name = message.failure.name;
      error.stack = message.failure.stack ?? error.stack;
      running.job.reject(error);
    } else if ('abandoned' in message) {
      running.job.resolve(undefined);
    } else {
      running.job.resolve(message.result);
    }
    this.next();
  }

  /** Stops a worker that does not answer; its exit fails the job it was doing and starts the next. */
  private stop(reason: string): void {
    if (!this.worker) return;
    this.stopping = reason;
    void this.worker.terminate();
  }
}
