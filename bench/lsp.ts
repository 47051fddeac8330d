/**
 * A minimal LSP client over stdio for any server process, timing round trips from the client's side:
 * the clock starts before a message is written and stops when the answer has been read and decoded.
 * Both servers (ours and the anchor) are driven by this same client, so its own cost is on both sides.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, TextDocumentSyncKind,
  type InitializeResult, type Position, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface ServerCommand {
  name: string;
  /** Node script and its arguments; run with this Node and a GC preload (see gcPreload). */
  script: string[];
  /** Extra Node flags, e.g. --cpu-prof to profile the server. */
  nodeFlags?: string[];
  /** Answers `workspace/configuration` for one requested section. */
  settings: (section: string | undefined) => unknown;
  /** Pushed once after `initialized` as `workspace/didChangeConfiguration` (servers that read settings that way). */
  pushedSettings?: unknown;
}

export interface Published {
  params: PublishDiagnosticsParams;
  at: number;
}

interface Waiter {
  uri: string;
  version?: number;
  after: number;
  resolve: (published: Published) => void;
}

export class BenchClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  private readonly waiters: Waiter[] = [];
  private readonly memoryWaiters: ((memory: NodeJS.MemoryUsage) => void)[] = [];
  private stderrTail = '';
  private sync: TextDocumentSyncKind = TextDocumentSyncKind.Full;
  private readonly texts = new Map<string, string>();

  constructor(readonly server: ServerCommand, gcPreload: string, readonly rootDirectory: string) {
    this.child = spawn(process.execPath, [...server.nodeFlags ?? [], '--expose-gc', '--require', gcPreload, ...server.script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: rootDirectory });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => this.readStderr(chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const published = { params, at: performance.now() };
      for (const waiter of [...this.waiters]) {
        if (waiter.uri !== params.uri || published.at < waiter.after) continue;
        if (waiter.version !== undefined && params.version !== undefined && params.version !== waiter.version) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(published);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((item) => server.settings(item.section)));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(rootDirectory).href, name: 'bench' }]);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(): Promise<void> {
    const result: InitializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.rootDirectory).href,
      workspaceFolders: [{ uri: pathToFileURL(this.rootDirectory).href, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
      },
    });
    const sync = result.capabilities.textDocumentSync;
    this.sync = (typeof sync === 'number' ? sync : sync?.change) ?? TextDocumentSyncKind.Full;
    await this.connection.sendNotification('initialized', {});
    if (this.server.pushedSettings) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.server.pushedSettings });
  }

  uri(name: string): string {
    return pathToFileURL(`${this.rootDirectory}/${name}`).href;
  }

  /** The next diagnostics published for the uri after now (for that version, when the server sends versions). */
  nextDiagnostics(uri: string, version?: number): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ uri, version, after: performance.now(), resolve }));
  }

  /** Opens a document; resolves with the ms from writing didOpen to reading its first diagnostics. */
  async open(uri: string, text: string, languageId = uri.endsWith('.md') ? 'markdown' : 'yaml'): Promise<{ ms: number; published: Published }> {
    this.texts.set(uri, text);
    const published = this.nextDiagnostics(uri, 1);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const result = await published;
    return { ms: result.at - start, published: result };
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Replaces the text between two offsets (an incremental change when the server accepts those, else the
   * full text, as an editor would send); resolves with the ms to the diagnostics of that version.
   */
  async edit(uri: string, version: number, start: Position, end: Position, newText: string): Promise<{ ms: number; published: Published }> {
    const published = this.nextDiagnostics(uri, version);
    const begin = performance.now();
    await this.change(uri, version, start, end, newText);
    const result = await published;
    return { ms: result.at - begin, published: result };
  }

  /** Sends the change of `edit` without waiting for diagnostics (typing faster than checks: most versions get none). */
  async change(uri: string, version: number, start: Position, end: Position, newText: string): Promise<void> {
    const after = applyEdit(this.texts.get(uri)!, start, end, newText);
    this.texts.set(uri, after);
    const change = this.sync === TextDocumentSyncKind.Incremental ? { range: { start, end }, text: newText } : { text: after };
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  }

  /** Times one request round trip (ms) and returns its result. */
  async request<T>(method: string, params: unknown): Promise<{ ms: number; result: T }> {
    const start = performance.now();
    const result = await this.connection.sendRequest<T>(method, params);
    return { ms: performance.now() - start, result };
  }

  /** Asks the server process (through the preload) for a full GC, then its memory usage. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage> {
    return new Promise((resolve) => {
      this.memoryWaiters.push(resolve);
      this.child.kill('SIGUSR2');
    });
  }

  /** shutdown and exit, as an editor ends a session (a CPU profile is written then); killed if it lingers. */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), delay(2000)]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process is killed below if it has not exited.
    }
    await Promise.race([exited, delay(5000)]);
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private readStderr(chunk: string): void {
    this.stderrTail = (this.stderrTail + chunk).slice(-20000);
    let marker: number;
    while ((marker = this.stderrTail.indexOf(MEMORY_MARKER)) >= 0) {
      const end = this.stderrTail.indexOf('\n', marker);
      if (end < 0) return;
      const memory = JSON.parse(this.stderrTail.slice(marker + MEMORY_MARKER.length, end)) as NodeJS.MemoryUsage;
      this.stderrTail = this.stderrTail.slice(end + 1);
      this.memoryWaiters.shift()?.(memory);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Written by bench/gc-preload.cjs; keep the two in step. */
const MEMORY_MARKER = 'cek-bench-memory ';

/** Applies an LSP edit (UTF-16 positions) to the LF-terminated text the generators make. */
export function applyEdit(text: string, start: Position, end: Position, newText: string): string {
  return text.slice(0, offsetAt(text, start)) + newText + text.slice(offsetAt(text, end));
}

function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const lf = text.indexOf('\n', offset);
    if (lf < 0) return text.length;
    offset = lf + 1;
  }
  return Math.min(offset + position.character, text.length);
}
