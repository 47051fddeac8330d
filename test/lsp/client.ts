import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ConfigurationItem, type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers/ruleTester';

export interface ClientOptions {
  /** Extra environment for the server process (test seams such as CEK_POLICY_INJECT_FAULT). */
  env?: Record<string, string>;
  initializationOptions?: unknown;
  /** Whether the client answers workspace/configuration (default true). */
  configuration?: boolean;
}

/** A real LSP client for the real server process (`node dist/server.js --stdio`). */
export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; version?: number; resolve: (params: PublishDiagnosticsParams) => void }[] = [];
  /** What the client answers to workspace/configuration (tests also send values of every wrong type). */
  settings: Record<string, unknown> = { enable: true, files: [], rules: {}, review: {}, catalogs: [] };
  /** The answer for one item of a workspace/configuration request: `settings`, unless a test answers per scope. */
  settingsFor: (item: ConfigurationItem) => unknown = () => this.settings;
  /** Called as a workspace/configuration request is answered (before the answer is sent). */
  private readonly onConfiguration: (() => void)[] = [];
  /** `window/showMessage` notifications, in order. */
  readonly messages: { type: number; message: string }[] = [];
  /** `client/registerCapability` registrations, in order (file watchers among them). */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** `window/logMessage` texts, in order. */
  readonly logs: string[] = [];
  /** Set when the server process exits (it never should before `stop`). */
  exitCode: number | null | undefined;
  readonly directory: string;

  constructor(private readonly options: ClientOptions = {}) {
    this.directory = mkdtempSync(join(tmpdir(), 'cek-lsp-'));
    writeFileSync(join(this.directory, '.cekpolicy.yaml'), 'today: 2026-11-24\n');
    this.process = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
    this.process.on('exit', (code) => {
      this.exitCode = code;
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: ConfigurationItem[] }) => {
      for (const hook of this.onConfiguration.splice(0)) hook();
      return params.items.map((item) => this.settingsFor(item));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.listen();
  }

  /** The server's process id. */
  get pid(): number {
    return this.process.pid!;
  }

  /** Resolves when the server next asks for the settings (and the answer is on its way); `onAsked` runs right then. */
  private configurationAsked(onAsked?: () => void): Promise<void> {
    return new Promise((resolve) => this.onConfiguration.push(() => {
      onAsked?.();
      resolve();
    }));
  }
  async initialize(): Promise<void> {
    const asked = (this.options.configuration ?? true) ? this.configurationAsked() : undefined;
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.directory).href,
      capabilities: { workspace: { configuration: this.options.configuration ?? true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } },
      ...(this.options.initializationOptions !== undefined ? { initializationOptions: this.options.initializationOptions } : {}),
    });
    await this.connection.sendNotification('initialized', {});
    await asked;
  }

  /**
   * Sends didChangeConfiguration (the server then asks for the settings, and gets `settings`) and resolves with the
   * diagnostics the server publishes for `uri` after that answer.
   */
  async changeSettings(settings: unknown, uri: string): Promise<PublishDiagnosticsParams> {
    let published: Promise<PublishDiagnosticsParams> | undefined;
    await this.sendSettings(settings, () => {
      published = this.diagnostics(uri);
    });
    return published!;
  }

  /**
   * Sends didChangeConfiguration and resolves once the server has asked for the settings (and got `settings`).
   * Nothing is published when the checked settings come out the same as before (a wrong value falls back to its
   * default), so unlike `changeSettings` this waits for no diagnostics.
   */
  async sendSettings(settings: unknown, onAsked?: () => void): Promise<void> {
    this.settings = settings as Record<string, unknown>;
    const asked = this.configurationAsked(onAsked);
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await asked;
  }

  uri(name: string): string {
    return pathToFileURL(join(this.directory, name)).href;
  }

  /** Resolves with the next diagnostics published for the uri (and version, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  history(uri: string): PublishDiagnosticsParams[] {
    return this.published.get(uri) ?? [];
  }

  async open(name: string, text: string, languageId = name.endsWith('.md') ? 'markdown' : 'yaml'): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = this.uri(name);
    const published = this.diagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, diagnostics: (await published).diagnostics };
  }

  async change(uri: string, version: number, text: string): Promise<Diagnostic[]> {
    const published = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await published).diagnostics;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
    this.process.kill();
  }
}
