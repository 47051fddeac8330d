import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { systemToday } from './clock';
import { DOCUMENT_TIME_BUDGET_MS, type Checkpoint } from './engine/parse/limits';
import { analyze, ConfigStore, documentSettings, pathOfUri, type EditorSettings } from './features/analysis';
import { fixAllText, migration, type Migration } from './features/codeActions';
import { DiskPolicies, type DiskAnswers, type WorkspaceListing } from './features/compliance';
import { checkedView, transferables, type CheckedView } from './features/view';

/** Marks the worker thread the language server starts; the server entry reads it to run the worker loop. */
export const CHECK_WORKER_ROLE = 'cek-policy language server check worker';

/** What the worker's configuration store is made of: the main thread sends it whenever it changes. */
export interface ConfigState {
  settings: EditorSettings;
  folderSettings: { path: string; settings: EditorSettings }[];
  workspace?: string;
}

/** The work the main thread hands the worker: everything that runs the engine. */
export type WorkerRequest =
  | { kind: 'check'; uri: string; version: number; text: string; languageId: string }
  | { kind: 'fixAll'; uri: string; text: string; languageId: string }
  | { kind: 'migrate'; uri: string; text: string }
  | { kind: 'list'; folders: string[] }
  | { kind: 'disk'; paths: string[] };

export interface WorkerResults {
  /** Undefined for a document that is neither YAML nor Markdown. */
  check: CheckedView | undefined;
  fixAll: string | undefined;
  migrate: Migration | undefined;
  /** YAML and Markdown files in the workspace folders, and what the search left out. */
  list: WorkspaceListing;
  /**
   * The first files of `paths`, in order, as many as fit in DISK_SLICE_MS (at least one): each undefined when it is
   * not a policy or cannot be read. The main thread sends the rest again, so other work waits a slice at most.
   */
  disk: DiskAnswers;
}

/** `job`: the request's number, which the main thread writes to the abandon word (see CheckService) to give it up. */
export type ToWorker = { request: WorkerRequest; job: number } | { configure: ConfigState } | { filesChanged: true };
export type FromWorker = { ready: true } | { result: unknown } | { abandoned: true } | { failure: { name: string; message: string; stack?: string } };

/** What the worker is started with: its role, the configuration, and the shared word that names a job to give up. */
export interface CheckWorkerData {
  role: typeof CHECK_WORKER_ROLE;
  configs: ConfigState;
  /** An Int32Array's buffer of one element: the number of a job the main thread no longer wants (0: none). */
  abandon: SharedArrayBuffer;
}

/** Thrown at a checkpoint of a check the main thread gave up: the worker answers `abandoned`. */
class Abandoned extends Error {}

/** How long one `disk` job may look at files before it answers with those done (see WorkerResults.disk). */
const DISK_SLICE_MS = 40;

/** How much lower the process's other threads run than the server thread (nice values: 0 is usual, 19 the lowest). */
const WORKER_NICENESS = 10;

/** `CEK_POLICY_TIME_BUDGET_MS` overrides the budget (tests use 0 to see the finding for rules not run). */
const TIME_BUDGET_MS = Number.isFinite(Number(process.env.CEK_POLICY_TIME_BUDGET_MS ?? NaN)) ? Number(process.env.CEK_POLICY_TIME_BUDGET_MS) : DOCUMENT_TIME_BUDGET_MS;

/** True in the worker thread the language server started. */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === CHECK_WORKER_ROLE;
}

/** The worker loop: one request at a time, each answered with its result or the error it threw. Nothing is kept per document. */
export function runCheckWorker(): void {
  yieldToServerThread();
  const configs = new ConfigStore();
  const configure = (state: ConfigState) => {
    configs.settings = state.settings;
    configs.folderSettings = state.folderSettings;
    configs.workspace = state.workspace;
    configs.clear();
  };
  const data = workerData as CheckWorkerData;
  configure(data.configs);
  const disk = new DiskPolicies(configs);
  const abandon = new Int32Array(data.abandon);
  let job = 0;
  // One load of a shared word every few hundred tokens: nothing next to a check.
  const checkpoint: Checkpoint = () => {
    if (Atomics.load(abandon, 0) === job) throw new Abandoned();
  };
  const port = parentPort!;
  port.on('message', (message: ToWorker) => {
    if ('configure' in message) return configure(message.configure);
    if ('filesChanged' in message) return configs.filesChanged();
    job = message.job;
    let reply: FromWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = run(message.request, configs, disk, checkpoint);
      // A view's buffers are handed over, not copied (see CheckedView).
      if (message.request.kind === 'check' && result) transfer = transferables(result as CheckedView);
      reply = { result };
    } catch (error) {
      if (error instanceof Abandoned) reply = { abandoned: true };
      else reply = { failure: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) } };
    }
    port.postMessage(reply, transfer);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

/**
 * On Linux a thread has a priority of its own. Every thread of the process but the server's is lowered: the worker,
 * and the threads V8 compiles and collects garbage on (for the worker, mostly), which would otherwise take the other
 * core from the server thread while a check runs. So on a busy machine a request gets a processor before the next
 * check does (on 2 cores, hover and completion on a policy while a 5k-line one is typed in: p99 about 8 ms -> 6 ms).
 * Elsewhere the threads keep the server's priority.
 */
function yieldToServerThread(): void {
  try {
    // The same level whatever was lowered before (a worker started again after one stopped).
    const lowered = Math.min(19, getPriority(process.pid) + WORKER_NICENESS);
    for (const task of readdirSync('/proc/self/task')) {
      const thread = Number(task);
      if (thread === process.pid) continue;
      try {
        if (getPriority(thread) < lowered) setPriority(thread, lowered);
      } catch {
        // A thread that ended meanwhile, or one not ours to lower: it keeps its priority.
      }
    }
  } catch {
    // No /proc: every thread keeps the server's priority.
  }
}

/** False until the worker has checked a document (its first check's time includes its warm-up). */
let warm = false;

/** `checkpoint` for checks only: the other jobs are short (`disk` answers within a slice) or wanted to the end. */
function run(request: WorkerRequest, configs: ConfigStore, disk: DiskPolicies, checkpoint: Checkpoint): WorkerResults[WorkerRequest['kind']] {
  switch (request.kind) {
    case 'check': {
      const { uri, version, text, languageId } = request;
      const start = performance.now();
      holdForTest(uri, text, checkpoint);
      const analysis = analyze(uri, version, text, languageId, configs, systemToday(), { start: performance.now(), ms: TIME_BUDGET_MS }, checkpoint);
      const view = analysis && checkedView(analysis, performance.now() - start, !warm);
      warm ||= Boolean(analysis);
      return view;
    }
    case 'fixAll': {
      const settings = documentSettings(request.uri, request.languageId, configs, systemToday());
      return settings && fixAllText(request.text, settings.path ?? request.uri, settings);
    }
    case 'migrate':
      return migration(request.text, pathOfUri(request.uri) ?? request.uri);
    case 'list':
      return disk.list(request.folders);
    case 'disk':
      return disk.answer(request.paths, DISK_SLICE_MS);
  }
}

/** The test seams below, read once, as the CLI's and the engine's are: no call into the environment per check. */
const TEST_SEAMS = { exitOn: process.env.CEK_POLICY_TEST_WORKER_EXIT, holdMarker: process.env.CEK_POLICY_TEST_HOLD_CHECK, holdMs: Number(process.env.CEK_POLICY_TEST_HOLD_MS) };

/**
 * Test seams (the LSP tests set them; nobody else has a reason to). CEK_POLICY_TEST_WORKER_EXIT=<file name> stops the
 * worker thread as it starts checking that file (a crash), as it does the CLI's workers. CEK_POLICY_TEST_HOLD_CHECK=
 * <marker> holds the check of a text containing the marker for CEK_POLICY_TEST_HOLD_MS milliseconds, as a long parse
 * would (passing a checkpoint every 5 ms), or for ever without one (a hang). A check that throws is the engine's own
 * seam (CEK_POLICY_INJECT_FAULT, in parsePolicyDocument).
 */
function holdForTest(uri: string, text: string, checkpoint: Checkpoint): void {
  if (TEST_SEAMS.exitOn !== undefined && TEST_SEAMS.exitOn === basename(pathOfUri(uri) ?? uri)) process.exit(70);
  const marker = TEST_SEAMS.holdMarker;
  if (!marker || !text.includes(marker)) return;
  const ms = TEST_SEAMS.holdMs;
  if (!(ms > 0)) for (;;);
  const end = performance.now() + ms;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (let left = ms; left > 0; left = end - performance.now()) {
    Atomics.wait(sleep, 0, 0, Math.min(5, left));
    checkpoint();
  }
}
