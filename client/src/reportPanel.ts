import * as vscode from 'vscode';
import { renderHtml } from '../../server/src/engine/report/html';
import type { ComplianceReport } from '../../server/src/engine/report/types';
import { OPEN_LOCATION_COMMAND } from './controlsView';

/** The workspace's compliance report in a webview: the same self-contained HTML as `cek-policy report --format html`.
 * No script runs (the page's CSP allows only its own hashed stylesheet); `file:line` links are command links that
 * only `cekPolicy.openLocation` may serve. */
export class ReportPanel {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly fetch: () => Promise<ComplianceReport | undefined>) {}

  async show(): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('cekPolicy.report', 'CEK Compliance Report', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [OPEN_LOCATION_COMMAND],
        enableFindWidget: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal();
    }
    await this.update();
  }

  /** Re-renders an open panel (after edits or a save); does nothing when it is closed. */
  async update(): Promise<void> {
    if (!this.panel) return;
    const report = await this.fetch();
    if (!this.panel) return;
    this.panel.webview.html = report ? renderHtml(report, {
      displayName: (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file)),
      linkFor: (file, line, column) => `command:${OPEN_LOCATION_COMMAND}?${encodeURIComponent(JSON.stringify([file, line, column ?? 1]))}`,
    }) : '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"><title>CEK Compliance Report</title></head><body><p>The language server is not running.</p></body></html>';
  }
}
