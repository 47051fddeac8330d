/**
 * Extension-host tests for `@vscode/test-electron` (the ecosystem's standard runner). They need a VS Code download,
 * so they run where there is internet (`npm run test:extension-host`); every check here is also made, offline and
 * in CI, by the Playwright test in test/e2e/run.test.mjs against the packaged extension in code-server.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function diagnosticsOf(uri: vscode.Uri, predicate: (list: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (predicate(now)) return now;
  return new Promise((resolve) => {
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const list = vscode.languages.getDiagnostics(uri);
      if (predicate(list)) {
        listener.dispose();
        resolve(list);
      }
    });
  });
}

const checks: [string, () => Promise<void>][] = [
  ['diagnostics for a policy with gaps, none for docker-compose', async () => {
    const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const gaps = vscode.Uri.file(path.join(workspace, 'gaps.yaml'));
    await vscode.window.showTextDocument(gaps);
    const list = await diagnosticsOf(gaps, (items) => items.some((item) => item.code === 'owner-missing'));
    const owner = list.find((item) => item.code === 'owner-missing')!;
    assert.equal(owner.range.start.line, 1);
    assert.equal(owner.source, 'cek-policy');
    const compose = vscode.Uri.file(path.join(workspace, 'docker-compose.yml'));
    await vscode.window.showTextDocument(compose);
    assert.deepEqual(vscode.languages.getDiagnostics(compose), []);
  }],
  ['hover on a control id shows its title and specification', async () => {
    const gaps = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'gaps.yaml'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', gaps, new vscode.Position(6, 13));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /CEK-01 · Encryption and Key Management Policy and Procedures/);
  }],
  ['the quick fix for the missing owner removes the finding', async () => {
    const gaps = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'gaps.yaml'));
    const owner = vscode.languages.getDiagnostics(gaps).find((item) => item.code === 'owner-missing')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', gaps, owner.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((action) => action.title === 'Add an owner block')!;
    assert.ok(await vscode.workspace.applyEdit(add.edit!));
    await diagnosticsOf(gaps, (items) => !items.some((item) => item.code === 'owner-missing'));
  }],
  ['New Policy from Template creates a policy with no error', async () => {
    const opened = new Promise<vscode.TextDocument>((resolve) => vscode.workspace.onDidOpenTextDocument((document) => document.isUntitled && resolve(document)));
    const pick = vscode.commands.executeCommand('cekPolicy.newPolicy');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pick;
    const document = await opened;
    const list = await diagnosticsOf(document.uri, (items) => items.some((item) => item.code === 'placeholder'));
    assert.equal(list.filter((item) => item.severity === vscode.DiagnosticSeverity.Error).length, 0);
  }],
];

/** Entry point called by @vscode/test-electron inside the extension host. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`ok ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`not ok ${name}: ${(error as Error).message}`);
    }
  }
  console.log(`${checks.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} extension-host check(s) failed`);
}
