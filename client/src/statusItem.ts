import * as vscode from 'vscode';
import { ACTOR_BASIS_MEANING, formatTally, type ComplianceReport } from '../../server/src/engine/report/types';

/** The language status item of YAML and Markdown files: policy or not, the actor, guidelines met, and the report. */
export class PolicyStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('cekPolicy.status', [{ language: 'yaml' }, { language: 'markdown' }]);
  private generation = 0;

  constructor(private readonly fetch: (uri: string) => Promise<ComplianceReport | undefined>, private readonly serverRunning: () => boolean) {
    this.item.name = 'CEK Policy';
    this.item.text = 'CEK policy';
  }

  async update(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const generation = ++this.generation;
    if (!editor || !['yaml', 'markdown'].includes(editor.document.languageId)) return;
    if (!this.serverRunning()) {
      this.show('$(circle-slash) Not a CEK policy', 'cek-policy is idle: no policy in this workspace', vscode.LanguageStatusSeverity.Information, { title: 'Output', command: 'cekPolicy.showOutput' });
      return;
    }
    let report: ComplianceReport | undefined;
    try {
      report = await this.fetch(editor.document.uri.toString());
    } catch {
      report = undefined;
    }
    if (generation !== this.generation) return;
    const document = report?.documents[0];
    if (!document) {
      this.show('$(circle-slash) Not a CEK policy', 'No `kind: crypto-policy` and not matched by `files:`', vscode.LanguageStatusSeverity.Information, { title: 'New Policy', command: 'cekPolicy.newPolicy' });
      return;
    }
    const actor = document.actor.codes.join('+') || 'actor unknown';
    const met = document.controls.map((control) => `${control.control} ${formatTally(control.auditing)}`).join(' · ');
    const open = document.requirements.some((requirement) => requirement.status === 'not-met' || requirement.status === 'partial');
    this.show(`$(shield) CEK policy · ${actor}`, `${met} auditing guidelines met · actor ${ACTOR_BASIS_MEANING[document.actor.basis]}`, open ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information, { title: 'Show Report', command: 'cekPolicy.showReport' });
  }

  private show(text: string, detail: string, severity: vscode.LanguageStatusSeverity, command: vscode.Command): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.severity = severity;
    this.item.command = command;
  }

  dispose(): void {
    this.item.dispose();
  }
}
