import * as vscode from 'vscode';
import {
  STATUS_MEANING, type ComplianceReport, type DocumentReport, type ReportEvidence, type ReportGap, type RequirementReport,
  type RequirementStatus, type SetRequirement,
} from '../../server/src/engine/report/types';

/** Opens a file at a 1-based line and column: evidence, findings and report links all go through it. */
export const OPEN_LOCATION_COMMAND = 'cekPolicy.openLocation';

type Node =
  | { kind: 'control'; control: string; title?: string; guidelines: SetRequirement[]; status?: RequirementStatus }
  | { kind: 'guideline'; guideline: SetRequirement }
  | { kind: 'document'; guideline: SetRequirement; document: DocumentReport; requirement: RequirementReport }
  | { kind: 'evidence'; document: DocumentReport; evidence: ReportEvidence }
  | { kind: 'gap'; document: DocumentReport; gap: ReportGap }
  | { kind: 'reason'; text: string };

const STATUS_ICON: Record<RequirementStatus, [string, string]> = {
  met: ['pass', 'testing.iconPassed'],
  partial: ['warning', 'list.warningForeground'],
  'not-met': ['error', 'testing.iconFailed'],
  'not-applicable': ['circle-slash', 'disabledForeground'],
  'not-assessed': ['question', 'editorInfo.foreground'],
};

const KIND_LABEL = { implementation: 'Implementation', auditing: 'Auditing', ccm: 'CCM auditing', requirement: 'Requirement' } as const;

/** The requirements of the domain's control packs for the set, in the shape of the set's guidelines. */
function packRequirements(report: ComplianceReport): ComplianceReport['set']['requirements'] {
  const byGuideline = new Map<string, ComplianceReport['set']['requirements'][number]>();
  for (const document of report.documents) {
    for (const control of document.controls) {
      for (const requirement of control.requirements ?? []) {
        const entry = byGuideline.get(requirement.guideline) ?? { guideline: requirement.guideline, control: requirement.control, kind: requirement.kind, number: requirement.number, status: report.set.controls?.find((set) => set.control === control.control)?.status ?? requirement.status, documents: [] };
        entry.documents.push({ file: document.file, status: requirement.status });
        byGuideline.set(requirement.guideline, entry);
      }
    }
  }
  return [...byGuideline.values()];
}

/** "CEK Controls": controls, then guidelines (status for the set), then documents (status each), then the evidence
 * and the open findings, which open the file at their line. The data is the server's `cekPolicy/compliance` answer. */
export class ControlsView implements vscode.TreeDataProvider<Node> {
  private report: ComplianceReport | undefined;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private view: vscode.TreeView<Node> | undefined;
  /** Something the report depends on changed since it was fetched. */
  private stale = true;

  constructor(private readonly fetch: () => Promise<ComplianceReport | undefined>, private readonly output: vscode.LogOutputChannel) {}

  /** The tree view showing this data: a stale report is fetched again when it comes into sight. */
  show(view: vscode.TreeView<Node>): vscode.Disposable {
    this.view = view;
    return view.onDidChangeVisibility((event) => {
      if (event.visible && this.stale) void this.refresh();
    });
  }

  /**
   * Something the report depends on changed (diagnostics, a file, settings): fetched again at once if the view is in
   * sight, else when it is shown. A workspace report reads every YAML and Markdown file of the workspace, and
   * nobody needs it while the view is closed.
   */
  invalidate(): void {
    this.stale = true;
    if (this.view?.visible ?? true) void this.refresh();
  }

  async refresh(): Promise<void> {
    this.stale = false;
    try {
      this.report = await this.fetch();
    } catch (error) {
      this.output.error(`CEK Controls: ${error instanceof Error ? error.message : String(error)}`);
      this.report = undefined;
    }
    void vscode.commands.executeCommand('setContext', 'cekPolicy.hasPolicies', (this.report?.documents.length ?? 0) > 0);
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const report = this.report;
    if (!report || report.documents.length === 0) return [];
    if (!node) {
      const guidelines = [...report.set.requirements, ...packRequirements(report)];
      const controls = [...new Set([...guidelines.map((requirement) => requirement.control), ...(report.set.controls ?? []).map((control) => control.control)])];
      return controls.map((control) => ({
        kind: 'control',
        control,
        title: report.documents.flatMap((document) => document.controls).find((entry) => entry.control === control)?.title,
        guidelines: guidelines.filter((requirement) => requirement.control === control),
        status: report.set.controls?.find((entry) => entry.control === control)?.status,
      }));
    }
    if (node.kind === 'control') return node.guidelines.map((guideline) => ({ kind: 'guideline', guideline }));
    if (node.kind === 'guideline') {
      return report.documents.flatMap((document) => {
        const requirement = [...document.requirements, ...document.controls.flatMap((control) => control.requirements ?? [])].find((entry) => entry.guideline === node.guideline.guideline);
        return requirement ? [{ kind: 'document' as const, guideline: node.guideline, document, requirement }] : [];
      });
    }
    if (node.kind === 'document') {
      const { requirement, document } = node;
      return [
        ...(requirement.reason && requirement.status !== 'met' ? [{ kind: 'reason' as const, text: requirement.reason }] : []),
        ...(requirement.gaps ?? []).map((gap) => ({ kind: 'gap' as const, document, gap })),
        ...requirement.evidence.map((evidence) => ({ kind: 'evidence' as const, document, evidence })),
      ];
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'control': {
        const auditing = node.guidelines.filter((guideline) => guideline.kind === 'auditing');
        const met = auditing.filter((guideline) => guideline.status === 'met').length;
        const applicable = auditing.filter((guideline) => guideline.status !== 'not-applicable').length;
        // CEK-01/02 by their auditing guidelines; the domain's packs by the control's status for the set.
        const pack = auditing.length === 0 && node.status !== undefined;
        const item = new vscode.TreeItem(`${node.control}${node.title ? ` ${node.title}` : ''}`, pack ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
        item.description = pack ? STATUS_MEANING[node.status!].label : `${met}/${applicable} auditing guidelines met`;
        item.iconPath = statusIcon(pack ? node.status! : worst(node.guidelines.map((guideline) => guideline.status)));
        item.contextValue = 'control';
        return item;
      }
      case 'guideline': {
        const { guideline } = node;
        const item = new vscode.TreeItem(`${KIND_LABEL[guideline.kind]} ${guideline.number}${guideline.title ? ` · ${guideline.title}` : ''}`, collapsed);
        item.description = STATUS_MEANING[guideline.status].label;
        item.iconPath = statusIcon(guideline.status);
        item.tooltip = new vscode.MarkdownString(`**${guideline.guideline}**: ${STATUS_MEANING[guideline.status].label} for the set.\n\n${guideline.documents.map((entry) => `- ${vscode.workspace.asRelativePath(vscode.Uri.parse(entry.file))}: ${STATUS_MEANING[entry.status].label}`).join('\n')}`);
        item.id = `${guideline.guideline}`;
        return item;
      }
      case 'document': {
        const { requirement, document } = node;
        const uri = vscode.Uri.parse(document.file);
        const hasChildren = (requirement.gaps?.length ?? 0) + requirement.evidence.length > 0 || (requirement.reason !== undefined && requirement.status !== 'met');
        const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), hasChildren ? collapsed : vscode.TreeItemCollapsibleState.None);
        const gaps = requirement.gaps?.length ?? 0;
        item.description = `${STATUS_MEANING[requirement.status].label}${gaps ? ` · ${gaps} finding${gaps === 1 ? '' : 's'}` : ''}`;
        item.iconPath = statusIcon(requirement.status);
        item.resourceUri = uri;
        item.tooltip = new vscode.MarkdownString().appendText(`${requirement.guideline}: ${STATUS_MEANING[requirement.status].label}. ${requirement.reason ?? ''}`);
        const line = requirement.gaps?.[0]?.line ?? requirement.evidence[0]?.line ?? 1;
        item.command = openCommand(document.file, line, requirement.gaps?.[0]?.column ?? 1);
        item.id = `${requirement.guideline}|${document.file}`;
        return item;
      }
      case 'evidence': {
        // Evidence from another document of the policy set opens that document.
        const file = node.evidence.file ?? node.document.file;
        const where = node.evidence.file ? `${decodeURIComponent(file.slice(file.lastIndexOf('/') + 1))} line` : 'line';
        const item = new vscode.TreeItem(`${where} ${node.evidence.line}: ${node.evidence.text}`);
        item.description = node.evidence.matched;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.tooltip = new vscode.MarkdownString().appendText(`Evidence${node.evidence.matched ? ` (${node.evidence.matched})` : ''}${node.evidence.file ? ` in ${file}` : ''}: ${node.evidence.text}`);
        item.command = openCommand(file, node.evidence.line, 1);
        item.contextValue = 'evidence';
        return item;
      }
      case 'gap': {
        const item = new vscode.TreeItem(`line ${node.gap.line}: ${node.gap.rule}`);
        item.description = node.gap.message;
        item.iconPath = new vscode.ThemeIcon(node.gap.severity === 'error' ? 'error' : node.gap.severity === 'warning' ? 'warning' : 'info', new vscode.ThemeColor(node.gap.severity === 'error' ? 'errorForeground' : 'list.warningForeground'));
        item.tooltip = new vscode.MarkdownString().appendText(`${node.gap.severity} ${node.gap.rule}: ${node.gap.message}`);
        item.command = openCommand(node.document.file, node.gap.line, node.gap.column);
        item.contextValue = 'finding';
        return item;
      }
      case 'reason': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.text;
        return item;
      }
    }
  }
}

function statusIcon(status: RequirementStatus): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICON[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

/** The status a reader should notice first. */
function worst(statuses: RequirementStatus[]): RequirementStatus {
  for (const status of ['not-met', 'partial', 'not-assessed', 'met'] as const) if (statuses.includes(status)) return status;
  return 'not-applicable';
}

function openCommand(file: string, line: number, column: number): vscode.Command {
  return { title: 'Open', command: OPEN_LOCATION_COMMAND, arguments: [file, line, column] };
}

/** Shows a 1-based position of a document URI in an editor. */
export async function openLocation(file: string, line = 1, column = 1): Promise<void> {
  if (typeof file !== 'string') return;
  const position = new vscode.Position(Math.max(0, Number(line) - 1 || 0), Math.max(0, Number(column) - 1 || 0));
  await vscode.window.showTextDocument(vscode.Uri.parse(file), { selection: new vscode.Range(position, position), preview: true });
}
