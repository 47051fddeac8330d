import * as vscode from 'vscode';

/** The `cek-policy` task type: runs the bundled CLI (`cek-policy check --format compact`) in a workspace folder; its
 * one-line findings become clickable problems through the `$cek-policy` problem matcher. */
export interface CheckTaskDefinition extends vscode.TaskDefinition {
  type: 'cek-policy';
  paths?: string[];
  fix?: boolean;
}

export function registerTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  const build = (definition: CheckTaskDefinition, folder: vscode.WorkspaceFolder, task?: vscode.Task): vscode.Task => {
    const paths = Array.isArray(definition.paths) && definition.paths.length > 0 ? definition.paths.filter((path) => typeof path === 'string') : ['.'];
    // The compact format: one `file:line:col severity rule message` line per finding, what the matcher's regexp reads.
    const args = [cli, 'check', '--format', 'compact', ...paths, ...(definition.fix ? ['--fix'] : [])];
    // The extension host's own runtime runs the CLI (Electron as Node in desktop VS Code).
    const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' } });
    const result = new vscode.Task(definition, task?.scope ?? folder, task?.name ?? `check ${paths.join(' ')}`, 'cek-policy', execution, '$cek-policy');
    result.group = vscode.TaskGroup.Test;
    return result;
  };
  return vscode.tasks.registerTaskProvider('cek-policy', {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => build({ type: 'cek-policy', paths: ['.'] }, folder)),
    resolveTask: (task) => {
      const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return folder ? build(task.definition as CheckTaskDefinition, folder, task) : undefined;
    },
  });
}
