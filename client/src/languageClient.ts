import * as vscode from 'vscode';
import { CloseAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/launch';

/** What the rest of the extension needs from the running language server. Bundled apart from extension.js
 * (dist/languageClient.js) so that a workspace without policies never loads vscode-languageclient. */
export interface PolicyServer {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
  /** Fires with true when the server is (again) running, false when it stopped. */
  onDidChangeRunning(listener: (running: boolean) => void): vscode.Disposable;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the bundled server over IPC. A server that dies is restarted (up to 5 times in 3 minutes, the client's
 * default handler) and the open documents are sent to it again, so diagnostics come back. */
export async function startPolicyServer(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<PolicyServer> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const held = new Map<string, vscode.Diagnostic[]>();
  let client: LanguageClient | undefined;
  let defaultHandler: ErrorHandler | undefined;
  const errorHandler: ErrorHandler = {
    error: (error, message, count) => (defaultHandler ??= client!.createDefaultErrorHandler(5)).error(error, message, count),
    closed: async () => {
      const result = await (defaultHandler ??= client!.createDefaultErrorHandler(5)).closed();
      output.warn(`The language server stopped; ${result.action === CloseAction.Restart ? 'restarting it' : 'not restarting it again'}.`);
      return result;
    },
  };
  const clientOptions: LanguageClientOptions = {
    // A .cekpolicy.json is JSON to VS Code: the server shows its problems as it does those of .cekpolicy.yaml.
    documentSelector: [...['file', 'untitled'].flatMap((scheme) => [{ scheme, language: 'yaml' }, { scheme, language: 'markdown' }]), { scheme: 'file', language: 'json', pattern: '**/.cekpolicy.json' }],
    // Configuration files and the baseline beside them: a change re-checks the open policies.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.cekpolicy{.yaml,.yml,.json,-baseline.json}') },
    outputChannel: output,
    errorHandler,
    connectionOptions: { maxRestartCount: 5 },
    middleware: {
      // cekPolicy.run = onSave: while a document has unsaved changes, its new findings wait for the save.
      handleDiagnostics: (uri, diagnostics, next) => {
        const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
        if (document?.isDirty && vscode.workspace.getConfiguration('cekPolicy', uri).get<string>('run') === 'onSave') {
          held.set(uri.toString(), diagnostics);
          return;
        }
        held.delete(uri.toString());
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient('cekPolicy', 'CEK Policy', serverOptions, clientOptions);
  context.subscriptions.push(vscode.workspace.onDidSaveTextDocument((document) => {
    const waiting = held.get(document.uri.toString());
    if (!waiting) return;
    held.delete(document.uri.toString());
    client?.diagnostics?.set(document.uri, waiting);
  }));
  await client.start();
  const running = client;
  return {
    sendRequest: <R>(method: string, params?: unknown) => running.sendRequest<R>(method, params),
    onDidChangeRunning: (listener) => running.onDidChangeState((event) => {
      if (event.newState === State.Running) listener(true);
      else if (event.newState === State.Stopped) listener(false);
    }),
    restart: () => running.restart(),
    stop: () => running.stop(),
  };
}
