import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import packageJson from '../../../package.json';
import { systemToday } from '../clock';
import { expandTargets } from '../cli/files';
import { matchesPolicyGlobs } from '../engine/config/workspace';
import { MAX_POLICY_BYTES } from '../engine/parse/document';
import { buildComplianceReport } from '../engine/report/compliance';
import type { ComplianceReport } from '../engine/report/types';
import { analyze, pathOfUri, type Analysis, type ConfigStore } from './analysis';
import { toDiagnostics } from './diagnostics';

/** `cekPolicy/compliance`: the compliance report of the given documents, or of every policy in the workspace. */
export const COMPLIANCE_REQUEST = 'cekPolicy/compliance';
/** `cekPolicy/checkWorkspace`: publishes diagnostics for every policy in the workspace folders. */
export const CHECK_WORKSPACE_REQUEST = 'cekPolicy/checkWorkspace';

export interface ComplianceParams {
  /** Documents to report on (open or on disk); the whole workspace when absent. */
  uris?: string[];
}

export interface CheckWorkspaceResult {
  /** Files looked at (YAML and Markdown in the workspace folders, plus open documents). */
  files: number;
  policies: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Files checked between two yields to the event loop, so hover and typing stay answered during a scan. */
const SCAN_BATCH = 25;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  analysis: Analysis | undefined;
}

/** Analyses of workspace files: open documents as the editor holds them, other files as they are on disk. */
export class WorkspacePolicies {
  private readonly disk = new Map<string, DiskEntry>();
  /** Files whose diagnostics came from a workspace check, not from an open editor. */
  readonly published = new Set<string>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly configs: ConfigStore,
    private readonly current: (uri: string) => Analysis | undefined,
    private readonly folders: () => Promise<string[]>,
  ) {}

  /** The analysis of a document: the open editor's version, else the file on disk (cached by mtime and size). */
  analysisFor(uri: string): Analysis | undefined {
    if (this.documents.get(uri)) return this.current(uri);
    const path = pathOfUri(uri);
    return path ? this.fromDisk(path, uri) : undefined;
  }

  /** Every policy in the workspace folders and every open policy, ordered by path. */
  async all(): Promise<{ files: number; analyses: Analysis[] }> {
    const byPath = new Map<string, Analysis | undefined>();
    for (const document of this.documents.all()) byPath.set(pathOfUri(document.uri) ?? document.uri, this.current(document.uri));
    let files = byPath.size;
    let sinceYield = 0;
    for (const folder of await this.folders()) {
      let targets: string[];
      try {
        // The CLI's walker: .gitignore and .cekpolicyignore are honoured in the editor too.
        targets = expandTargets([folder], [], { cwd: folder, ignore: true }).targets.map((target) => target.path);
      } catch {
        continue;
      }
      for (const path of targets) {
        if (byPath.has(path)) continue;
        files++;
        byPath.set(path, this.fromDisk(path, pathToFileURL(path).href));
        if (++sinceYield >= SCAN_BATCH) {
          sinceYield = 0;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
    const analyses = [...byPath].filter((entry): entry is [string, Analysis] => entry[1]?.result.isPolicy === true).sort(([a], [b]) => a.localeCompare(b)).map(([, analysis]) => analysis);
    return { files, analyses };
  }

  private fromDisk(path: string, uri: string): Analysis | undefined {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.disk.delete(path);
      return undefined;
    }
    // Only regular files within the engine's size limit are read; nothing else can be a policy we check.
    if (!stat.isFile() || stat.size > MAX_POLICY_BYTES || !this.configs.settingsFor(path).enable) return undefined;
    const loaded = this.configs.forPath(path);
    const cached = this.disk.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && (!cached.analysis || (cached.analysis.loaded === loaded && cached.analysis.today === (loaded.config.today ?? systemToday())))) {
      return cached.analysis;
    }
    let analysis: Analysis | undefined;
    try {
      const text = readFileSync(path, 'utf8');
      // A file without the marker is a policy only through `files:` globs; skip parsing everything else.
      if (text.includes('crypto-policy') || matchesPolicyGlobs(path, loaded)) analysis = analyze(uri, 0, text, '', this.configs, systemToday());
    } catch {
      analysis = undefined;
    }
    this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, analysis });
    return analysis;
  }
}

export function complianceReport(analyses: Analysis[]): ComplianceReport {
  const catalogs = new Map(analyses.map((analysis) => [analysis.uri, analysis.loaded.catalog]));
  return buildComplianceReport(
    analyses.filter((analysis) => analysis.result.isPolicy).map((analysis) => ({ path: analysis.uri, result: analysis.result })),
    { today: analyses[0]?.today ?? systemToday(), version: packageJson.version, catalogFor: (input) => catalogs.get(input.path)! },
  );
}

/** Wires the compliance request and the workspace check into the connection (a few lines in server.ts). */
export function registerCompliance(connection: Connection, documents: TextDocuments<TextDocument>, configs: ConfigStore, current: (uri: string) => Analysis | undefined): WorkspacePolicies {
  const folders = async (): Promise<string[]> => {
    try {
      const list = await connection.workspace.getWorkspaceFolders();
      return (list ?? []).map((folder) => pathOfUri(folder.uri)).filter((path): path is string => path !== undefined);
    } catch {
      return [];
    }
  };
  const policies = new WorkspacePolicies(documents, configs, current, folders);

  connection.onRequest(COMPLIANCE_REQUEST, async (params?: ComplianceParams): Promise<ComplianceReport> => {
    if (params?.uris) {
      const analyses = params.uris.filter((uri) => typeof uri === 'string').map((uri) => policies.analysisFor(uri)).filter((analysis): analysis is Analysis => analysis !== undefined);
      return complianceReport(analyses);
    }
    return complianceReport((await policies.all()).analyses);
  });

  connection.onRequest(CHECK_WORKSPACE_REQUEST, async (): Promise<CheckWorkspaceResult> => {
    const { files, analyses } = await policies.all();
    const result: CheckWorkspaceResult = { files, policies: analyses.length, errors: 0, warnings: 0, infos: 0 };
    const stale = new Set(policies.published);
    for (const analysis of analyses) {
      const diagnostics = toDiagnostics(analysis);
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === 1) result.errors++;
        else if (diagnostic.severity === 2) result.warnings++;
        else result.infos++;
      }
      stale.delete(analysis.uri);
      policies.published.add(analysis.uri);
      // Open documents already publish as they change; the others get their diagnostics now.
      if (!documents.get(analysis.uri)) void connection.sendDiagnostics({ uri: analysis.uri, diagnostics });
    }
    for (const uri of stale) {
      policies.published.delete(uri);
      if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    return result;
  });

  // Closing an editor clears its diagnostics; a file the workspace check covers gets its on-disk ones back.
  documents.onDidClose((event) => {
    if (!policies.published.has(event.document.uri)) return;
    const analysis = policies.analysisFor(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: analysis?.result.isPolicy ? toDiagnostics(analysis) : [] });
  });
  return policies;
}
