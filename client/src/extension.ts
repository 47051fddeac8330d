import * as vscode from 'vscode';
import type { ComplianceReport } from '../../server/src/engine/report/types';
import { ControlsView, OPEN_LOCATION_COMMAND, openLocation } from './controlsView';
import type { PolicyServer } from './languageClient';
import { mayBePolicy, startReason } from './policyDetection';
import { ReportPanel } from './reportPanel';
import { PolicyStatus } from './statusItem';
import { registerTasks } from './tasks';
import { fillTemplate } from './template';

/** Thin client: start the bundled server when the workspace has policies, show what it answers. All policy
 * knowledge lives in the server; the client only asks (`cekPolicy/compliance`) and displays. */
const CONTROL_SCHEME = 'cek-policy-control';
const REFRESH_DELAY_MS = 400;
let current: ServerManager | undefined;

class ServerManager {
  private server: PolicyServer | undefined;
  private starting: Promise<PolicyServer> | undefined;
  readonly onRunning = new vscode.EventEmitter<void>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.LogOutputChannel) {}

  get running(): PolicyServer | undefined {
    return this.server;
  }

  /** Starts the server once (later calls wait for the same start). */
  start(reason: string): Promise<PolicyServer> {
    this.starting ??= (async () => {
      const started = performance.now();
      this.output.info(`Starting the language server: ${reason}.`);
      // Loaded only now: a window without policies never pays for vscode-languageclient.
      const { startPolicyServer } = require(this.context.asAbsolutePath('dist/languageClient.js')) as typeof import('./languageClient');
      const server = await startPolicyServer(this.context, this.output);
      this.server = server;
      this.context.subscriptions.push(server.onDidChangeRunning((running) => running && this.onRunning.fire()));
      await vscode.commands.executeCommand('setContext', 'cekPolicy.active', true);
      this.output.info(`Language server ready in ${Math.round(performance.now() - started)} ms.`);
      this.onRunning.fire();
      return server;
    })();
    return this.starting;
  }

  async request<R>(method: string, params?: unknown): Promise<R | undefined> {
    return this.server ? this.server.sendRequest<R>(method, params) : undefined;
  }
}

/**
 * What the extension gives other extensions (`vscode.extensions.getExtension('cek-policy.cek-policy').exports`):
 * the data of the CEK Controls view, read through the TreeDataProvider interface (the extension-host tests use it).
 */
export interface CekPolicyApi {
  controls: Pick<ControlsView, 'getChildren' | 'getTreeItem' | 'refresh'>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CekPolicyApi> {
  const activationStarted = performance.now();
  const output = vscode.window.createOutputChannel('CEK Policy', { log: true });
  const manager = new ServerManager(context, output);
  current = manager;
  const workspaceReport = () => manager.request<ComplianceReport>('cekPolicy/compliance', {});
  const controls = new ControlsView(workspaceReport, output);
  const report = new ReportPanel(workspaceReport);
  const status = new PolicyStatus((uri) => manager.request<ComplianceReport>('cekPolicy/compliance', { uris: [uri] }), () => manager.running !== undefined);

  let timer: NodeJS.Timeout | undefined;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!manager.running) return;
      controls.invalidate();
      void report.update();
      void status.update();
    }, REFRESH_DELAY_MS);
  };
  const policyFiles = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,md,markdown}');
  const controlsTree = vscode.window.createTreeView('cekPolicy.controls', { treeDataProvider: controls, showCollapseAll: true });
  const controlPages = new Map<string, string>();
  context.subscriptions.push(
    output,
    status,
    policyFiles,
    controlsTree,
    controls.show(controlsTree),
    manager.onRunning.event(refreshSoon),
    // The server publishes after every analysis: that is when the picture may have changed.
    vscode.languages.onDidChangeDiagnostics((event) => event.uris.some(isPolicyLanguageUri) && refreshSoon()),
    policyFiles.onDidChange(refreshSoon),
    policyFiles.onDidCreate(refreshSoon),
    policyFiles.onDidDelete(refreshSoon),
    vscode.window.onDidChangeActiveTextEditor(() => void status.update()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('cekPolicy')) return;
      const scopes = vscode.workspace.workspaceFolders?.map((folder) => ({ name: folder.name, uri: folder.uri })) ?? [{ name: 'window', uri: undefined }];
      output.info(`Settings changed: ${scopes.map((scope) => `cekPolicy.run: ${vscode.workspace.getConfiguration('cekPolicy', scope.uri).get('run')} (${scope.name})`).join(', ')}.`);
      refreshSoon();
    }),
    vscode.workspace.registerTextDocumentContentProvider(CONTROL_SCHEME, { provideTextDocumentContent: (uri) => controlPages.get(uri.path.replace(/\.md$/, '')) ?? '' }),
    vscode.commands.registerCommand(OPEN_LOCATION_COMMAND, openLocation),
    vscode.commands.registerCommand('cekPolicy.newPolicy', () => newPolicy(context)),
    vscode.commands.registerCommand('cekPolicy.showControl', async (id?: string) => {
      await manager.start('CEK Policy: Show Control');
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      let chosen = id;
      if (!chosen) {
        const list = (await manager.request<{ id: string; title: string }[]>('cekPolicy/controls', { uri })) ?? [];
        chosen = (await vscode.window.showQuickPick(list.map((control) => ({ label: control.id, description: control.title })), { placeHolder: 'Control to show' }))?.label;
      }
      if (!chosen) return;
      const markdown = await manager.request<string | null>('cekPolicy/controlMarkdown', { id: chosen, uri });
      if (!markdown) return void vscode.window.showWarningMessage(`No control ${chosen} in the catalog.`);
      controlPages.set(chosen, markdown);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${CONTROL_SCHEME}:${chosen}.md`));
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    }),
    vscode.commands.registerCommand('cekPolicy.restartServer', async () => {
      if (!manager.running) return void (await manager.start('CEK Policy: Restart Server'));
      await manager.running.restart();
    }),
    vscode.commands.registerCommand('cekPolicy.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('cekPolicy.refreshControls', () => controls.refresh()),
    vscode.commands.registerCommand('cekPolicy.showReport', async () => {
      await manager.start('CEK Policy: Show Compliance Report');
      await report.show();
    }),
    vscode.commands.registerCommand('cekPolicy.checkWorkspace', async () => {
      const server = await manager.start('CEK Policy: Check Workspace');
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking CEK policies' }, () => server.sendRequest<{ files: number; policies: number; errors: number; warnings: number; infos: number; notes?: string[] }>('cekPolicy/checkWorkspace'));
      output.info(`Check Workspace: ${result.policies} policies in ${result.files} files: ${result.errors} errors, ${result.warnings} warnings, ${result.infos} info.`);
      // What the scan could not read, did not follow or left out at its limits: said, never skipped in silence.
      for (const note of result.notes ?? []) output.warn(`Check Workspace: ${note}`);
      if (result.notes?.length) void vscode.window.showWarningMessage(`CEK Policy: Check Workspace left something out (${result.notes[0]}${result.notes.length > 1 ? `, and ${result.notes.length - 1} more: see the output` : ''}).`);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(`CEK Policy: ${result.policies} polic${result.policies === 1 ? 'y' : 'ies'} checked: ${result.errors} errors, ${result.warnings} warnings.`);
    }),
    vscode.commands.registerCommand('cekPolicy.createConfiguration', async () => {
      const folder = (vscode.workspace.workspaceFolders?.length ?? 0) > 1
        ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to configure' })
        : vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        if (!vscode.workspace.workspaceFolders?.length) void vscode.window.showWarningMessage('CEK Policy: open a folder first; its configuration is a .cekpolicy.yaml there.');
        return;
      }
      // The server writes the same text as `cek-policy init` (one generator); the client only writes the file.
      const server = await manager.start('CEK Policy: Create Configuration');
      const result = await server.sendRequest<{ text: string; policies: number; existing: string[] } | null>('cekPolicy/createConfiguration', { folderUri: folder.uri.toString() });
      if (!result) {
        void vscode.window.showWarningMessage('CEK Policy: this folder is not on disk; a configuration needs one.');
        return;
      }
      const target = vscode.Uri.joinPath(folder.uri, '.cekpolicy.yaml');
      if (result.existing.length > 0) {
        const replace = 'Replace .cekpolicy.yaml';
        const answer = await vscode.window.showWarningMessage(`${result.existing.join(', ')} exists already in ${folder.name}.`, { modal: true, detail: result.existing.includes('.cekpolicy.yaml') ? 'Replacing it loses its settings.' : 'Keep one configuration file per folder.' }, replace);
        if (answer !== replace) return;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
      await vscode.window.showTextDocument(target);
      void vscode.window.showInformationMessage(`CEK Policy: wrote .cekpolicy.yaml (${result.policies} polic${result.policies === 1 ? 'y' : 'ies'} found).`);
    }),
    registerTasks(context),
  );

  const startWhenPolicyAppears = (document: vscode.TextDocument) => {
    if (!manager.running && mayBePolicy(document)) void manager.start(`${vscode.workspace.asRelativePath(document.uri)} may be a policy`);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(startWhenPolicyAppears),
    vscode.workspace.onDidChangeTextDocument((event) => startWhenPolicyAppears(event.document)),
    vscode.workspace.onDidCreateFiles((event) => {
      if (!manager.running && event.files.some((uri) => /\/\.cekpolicy\.(?:yaml|yml|json)$/.test(uri.path))) void manager.start('a configuration file was created');
    }),
  );
  output.info(`Activated in ${Math.round(performance.now() - activationStarted)} ms.`);

  // Deciding needs a file search; activation does not wait for it.
  const deciding = performance.now();
  void startReason().then((reason) => {
    if (reason) return void manager.start(reason);
    output.info(`Language server not started (decided in ${Math.round(performance.now() - deciding)} ms): no .cekpolicy.yaml in the workspace and no open policy. It starts when a policy is opened.`);
    void status.update();
  });
  return { controls };
}

/** A YAML or Markdown file (or an untitled document): whose diagnostics may be ours. */
function isPolicyLanguageUri(uri: vscode.Uri): boolean {
  return uri.scheme === 'untitled' || /\.(ya?ml|md|markdown)$/i.test(uri.path);
}

async function newPolicy(context: vscode.ExtensionContext): Promise<void> {
  const pick = await vscode.window.showQuickPick([{ label: 'YAML', file: 'policy.yaml', language: 'yaml' }, { label: 'Markdown', file: 'policy.md', language: 'markdown' }], { placeHolder: 'Policy format' });
  if (!pick) return;
  const template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'templates', pick.file)));
  const document = await vscode.workspace.openTextDocument({ language: pick.language, content: fillTemplate(template, new Date()) });
  await vscode.window.showTextDocument(document);
}

export async function deactivate(): Promise<void> {
  await current?.running?.stop();
}
