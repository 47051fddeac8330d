import { parentPort, Worker, workerData } from 'node:worker_threads';
import { checkFileJob, type CheckContext, type FileJob, type FileReply } from './checkFile';
import { contextResolver, type ConfigResolver } from './configs';
import { prepend } from '../engine/arrays';

/** Marks a worker thread started by the pool; the CLI entry reads it to run the worker loop instead of the CLI. */
const WORKER_ROLE = 'cek-policy check worker';
/** Files handed to a worker ahead of the one it is checking, so it never waits for the main thread. */
const PIPELINE = 4;
/**
 * A worker's young generation (V8's default is about twice this): a file's garbage dies young either way, and
 * each isolate then holds less; measured on 1,000 small policies, 35 MB less peak RSS for no more CPU time.
 */
const YOUNG_GENERATION_MB = 16;
/** How far checking may run ahead of printing, per worker: what bounds the results held for the stable order. */
const WINDOW_PER_WORKER = 64;

export interface PoolOptions {
  /** Threads that check files (--jobs), the main thread among them; 1 checks in the main thread alone. */
  jobs: number;
  /** The script a worker runs: the CLI entry, which turns into a worker when it sees the pool's mark. */
  workerScript: string;
  context: CheckContext;
}

/** True in a worker thread started by the pool. */
export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as { role?: string } | null)?.role === WORKER_ROLE;
}

/** The worker loop: check each file the main thread sends, answer with its reply. */
export function runCheckWorker(): void {
  const { context } = workerData as { context: CheckContext };
  const configs = contextResolver(context);
  parentPort!.on('message', (job: FileJob) => parentPort!.postMessage(checkFileJob(job, context, configs)));
}

/** Files answered by the main thread and by each worker thread started (a replacement adds one): for CEK_POLICY_DEBUG=jobs. */
export interface ThreadCounts {
  mainThread: number;
  workers: number[];
}

interface Slot {
  worker: Worker;
  /** Indexes sent and not answered, oldest first: a worker checks them in this order. */
  pending: number[];
  answered: number;
}

/**
 * Checks every job and hands each reply to `onReply` in the order of `jobs`, whatever order the threads finish
 * in. The main thread is one of the `jobs` threads: it starts `jobs - 1` workers and checks files itself, one
 * per turn of the event loop, once every worker has its files in hand (so it is never idle while the workers
 * load, and one isolate fewer is started and warmed up). Checking runs at most a window ahead of the oldest
 * unanswered file, so memory stays flat however many files there are. A worker that dies costs the file it was
 * checking an internal error; the others it held go to another worker or to the main thread.
 */
export function checkInOrder(jobs: FileJob[], options: PoolOptions, onReply: (reply: FileReply, job: FileJob) => void): Promise<ThreadCounts> {
  const threads = Math.min(options.jobs, jobs.length);
  if (threads <= 1) {
    const configs = contextResolver(options.context);
    for (const job of jobs) onReply(checkFileJob(job, options.context, configs), job);
    return Promise.resolve({ mainThread: jobs.length, workers: [] });
  }

  return new Promise((resolve, reject) => {
    const counts: ThreadCounts = { mainThread: 0, workers: [] };
    const ready = new Map<number, FileReply>();
    const retry: number[] = [];
    const slots = new Set<Slot>();
    const window = WINDOW_PER_WORKER * threads;
    let nextJob = 0;
    let nextReply = 0;
    let finished = false;
    let inThread: ConfigResolver | undefined;

    const stop = (error?: unknown) => {
      finished = true;
      const done = () => (error === undefined ? resolve(counts) : reject(error));
      Promise.all([...slots].map((slot) => slot.worker.terminate())).then(done, done);
    };
    const deliver = () => {
      if (finished) return;
      try {
        while (ready.has(nextReply)) {
          const reply = ready.get(nextReply)!;
          ready.delete(nextReply);
          onReply(reply, jobs[nextReply++]);
        }
      } catch (error) {
        // A fault in printing is the run's, not a file's: stop the workers and let the CLI report it.
        stop(error);
        return;
      }
      if (nextReply === jobs.length) stop();
    };
    const take = (): number | undefined => {
      if (retry.length > 0) return retry.shift();
      if (nextJob < jobs.length && nextJob < nextReply + window) return nextJob++;
      return undefined;
    };
    // One file to each worker in turn, so a short list still spreads over all of them.
    const feed = () => {
      for (let fed = true; fed;) {
        fed = false;
        for (const slot of slots) {
          if (slot.pending.length >= PIPELINE) continue;
          const index = take();
          if (index === undefined) return;
          slot.pending.push(index);
          slot.worker.postMessage(jobs[index]);
          fed = true;
        }
      }
    };
    // The main thread's turn: top up the workers first, then check one file; again on the next turn.
    let mainQueued = false;
    const mainTurn = () => {
      mainQueued = false;
      if (finished) return;
      feed();
      const index = take();
      // Nothing to take (the window is full, or every file is handed out): a reply or a dead worker queues the next turn.
      if (index === undefined) return;
      inThread ??= contextResolver(options.context);
      ready.set(index, checkFileJob(jobs[index], options.context, inThread));
      counts.mainThread++;
      deliver();
      queueMainTurn();
    };
    const queueMainTurn = () => {
      if (mainQueued || finished) return;
      mainQueued = true;
      setImmediate(mainTurn);
    };
    const checkRestInThread = () => {
      inThread ??= contextResolver(options.context);
      for (let index = take(); index !== undefined; index = take()) {
        ready.set(index, checkFileJob(jobs[index], options.context, inThread));
        counts.mainThread++;
      }
    };
    const start = () => {
      const slot: Slot = { worker: new Worker(options.workerScript, { workerData: { role: WORKER_ROLE, context: options.context }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }), pending: [], answered: 0 };
      const thread = counts.workers.push(0) - 1;
      let failure = 'it stopped';
      slot.worker.on('message', (reply: FileReply) => {
        if (finished) return;
        slot.pending.splice(slot.pending.indexOf(reply.index), 1);
        slot.answered++;
        counts.workers[thread]++;
        ready.set(reply.index, reply);
        deliver();
        feed();
        queueMainTurn();
      });
      slot.worker.on('error', (error) => {
        failure = error instanceof Error ? error.message : String(error);
      });
      slot.worker.on('exit', (code) => {
        slots.delete(slot);
        if (finished) return;
        if (code !== 0 && failure === 'it stopped') failure = `it exited with status ${code}`;
        const [current, ...rest] = slot.pending;
        if (current !== undefined && slot.answered > 0) {
          ready.set(current, { index: current, kind: 'internal-error', message: `the worker thread checking it stopped: ${failure}` });
          prepend(retry, rest);
        } else {
          // A worker that never answered says nothing about its files: give them to the others.
          prepend(retry, slot.pending);
        }
        // Replace a worker that had been working; one that never started would fail again.
        if (slot.answered > 0) start();
        if (slots.size === 0) {
          // Walk the whole window: the main thread is the last worker left.
          for (;;) {
            const before = nextReply;
            checkRestInThread();
            deliver();
            if (finished || nextReply === before) break;
          }
        }
        deliver();
        feed();
        queueMainTurn();
      });
      slots.add(slot);
    };
    for (let count = 1; count < threads; count++) start();
    feed();
    queueMainTurn();
  });
}
