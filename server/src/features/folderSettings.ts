import type { Connection } from 'vscode-languageserver';
import { pathOfUri, type EditorSettings } from './analysis';

/** Each workspace folder's own `cekPolicy.*` settings (resource scope: multi-root folders may differ), deepest
 * folder first so the innermost folder wins; `check` validates each answer. Empty when the client cannot say. */
export async function folderSettings(connection: Connection, check: (raw: unknown) => EditorSettings): Promise<{ path: string; settings: EditorSettings }[]> {
  try {
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    if (folders.length === 0) return [];
    const answers: unknown[] = await connection.workspace.getConfiguration(folders.map((folder) => ({ scopeUri: folder.uri, section: 'cekPolicy' })));
    return folders
      .map((folder, index) => ({ path: pathOfUri(folder.uri), settings: check(answers[index] ?? undefined) }))
      .filter((entry): entry is { path: string; settings: EditorSettings } => entry.path !== undefined)
      .sort((a, b) => b.path.length - a.path.length);
  } catch {
    return [];
  }
}
