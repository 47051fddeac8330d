import * as vscode from 'vscode';
import { fillTemplate } from './template';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Thin client: start the bundled server, register the commands. All policy knowledge lives in the server. */
let client: LanguageClient | undefined;
const CONTROL_SCHEME = 'cek-policy-control';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => [{ scheme, language: 'yaml' }, { scheme, language: 'markdown' }]),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.cekpolicy.yaml') },
  };
  client = new LanguageClient('cekPolicy', 'CEK Policy', serverOptions, clientOptions);

  const controls = new Map<string, string>();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(CONTROL_SCHEME, { provideTextDocumentContent: (uri) => controls.get(uri.path.replace(/\.md$/, '')) ?? '' }),
    vscode.commands.registerCommand('cekPolicy.newPolicy', () => newPolicy(context)),
    vscode.commands.registerCommand('cekPolicy.showControl', async (id?: string) => {
      if (!client) return;
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      let chosen = id;
      if (!chosen) {
        const list = await client.sendRequest<{ id: string; title: string }[]>('cekPolicy/controls', { uri });
        chosen = (await vscode.window.showQuickPick(list.map((control) => ({ label: control.id, description: control.title })), { placeHolder: 'Control to show' }))?.label;
      }
      if (!chosen) return;
      const markdown = await client.sendRequest<string | null>('cekPolicy/controlMarkdown', { id: chosen, uri });
      if (!markdown) return void vscode.window.showWarningMessage(`No control ${chosen} in the catalog.`);
      controls.set(chosen, markdown);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${CONTROL_SCHEME}:${chosen}.md`));
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    }),
    vscode.commands.registerCommand('cekPolicy.restartServer', async () => client?.restart()),
  );
  await client.start();
}

async function newPolicy(context: vscode.ExtensionContext): Promise<void> {
  const pick = await vscode.window.showQuickPick([{ label: 'YAML', file: 'policy.yaml', language: 'yaml' }, { label: 'Markdown', file: 'policy.md', language: 'markdown' }], { placeHolder: 'Policy format' });
  if (!pick) return;
  const template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'templates', pick.file)));
  const document = await vscode.workspace.openTextDocument({ language: pick.language, content: fillTemplate(template, new Date()) });
  await vscode.window.showTextDocument(document);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
