import * as vscode from 'vscode';

/** The marker of a policy. The client only pre-filters on it (no parsing): the server decides what is a policy. */
const POLICY_MARKER = 'crypto-policy';
const POLICY_LANGUAGES = new Set(['yaml', 'markdown']);

/** Why the language server should run in this window, or undefined: a YAML or Markdown user with no policy pays
 * nothing. Reasons: a `.cekpolicy.yaml` in the workspace, or an open document that may be a policy. */
export async function startReason(): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find(mayBePolicy);
  if (open) return `${vscode.workspace.asRelativePath(open.uri)} may be a policy`;
  const configs = await vscode.workspace.findFiles('**/.cekpolicy.{yaml,yml,json}', '**/node_modules/**', 1);
  return configs.length > 0 ? `the workspace holds ${vscode.workspace.asRelativePath(configs[0])}` : undefined;
}

/** A YAML or Markdown document that mentions `crypto-policy`, or matches the `cekPolicy.files` globs of its folder. */
export function mayBePolicy(document: vscode.TextDocument): boolean {
  if (!POLICY_LANGUAGES.has(document.languageId) || (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled')) return false;
  if (document.getText().includes(POLICY_MARKER)) return true;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const globs = vscode.workspace.getConfiguration('cekPolicy', document.uri).get<string[]>('files') ?? [];
  return folder !== undefined && globs.some((glob) => typeof glob === 'string' && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0);
}
