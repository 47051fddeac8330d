import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import packageJson from '../../../package.json';
import { systemToday } from '../clock';
import { expandTargets } from '../cli/files';
import type { Catalog } from '../engine/config/catalog';
import { findConfigFile, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { formatOf, MAX_POLICY_BYTES } from '../engine/parse/document';
import { composeComplianceReport, documentReport, reportOf } from '../engine/report/compliance';
import type { ComplianceReport, DocumentReport } from '../engine/report/types';
import { analyzeWith, pathOfUri, type ConfigStore } from './analysis';
import { toDiagnostics } from './diagnostics';
import type { FeatureView } from './view';
import { append } from '../engine/arrays';

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

/** What the report and the workspace check need of a policy on disk. */
export interface DiskEntry {
  uri: string;
  today: string;
  report: DocumentReport;
  diagnostics: Diagnostic[];
}

/**
 * In the check worker: policies on disk, each checked once per content and configuration (kept by size and mtime,
 * as its report and diagnostics only, not its analysis).
 */
export class DiskPolicies {
  private readonly known = new Map<string, { mtimeMs: number; size: number; loaded: LoadedConfig; today: string; entry: DiskEntry | undefined }>();
  /**
   * The `.cekpolicy.yaml` in effect per folder during one `entries` call: a lookup walks up to the root, a stat per
   * level, and the files of a folder share it.
   */
  private readonly configFiles = new Map<string, string | undefined>();

  constructor(private readonly configs: ConfigStore) {}

  /** YAML and Markdown files in the folders, as the CLI finds them (.gitignore and .cekpolicyignore honoured). */
  list(folders: string[]): string[] {
    return folders.flatMap((folder) => {
      try {
        return expandTargets([folder], [], { cwd: folder, ignore: true }).targets.map((target) => target.path);
      } catch {
        return [];
      }
    });
  }

  /**
   * The first files of `paths`, in order, as many as fit in `sliceMs` (at least one), each as `entry` gives it: the
   * caller asks again for the rest, so that other work waits one slice at most.
   */
  entries(paths: string[], sliceMs: number, now: () => number = () => performance.now()): (DiskEntry | undefined)[] {
    const start = now();
    const entries: (DiskEntry | undefined)[] = [];
    try {
      for (const path of paths) {
        entries.push(this.entry(path));
        if (now() - start > sliceMs) break;
      }
    } finally {
      this.configFiles.clear();
    }
    return entries;
  }

  /** The report and diagnostics of a file as it is on disk; undefined when it is not a policy or cannot be read. */
  private entry(path: string): DiskEntry | undefined {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      this.known.delete(path);
      return undefined;
    }
    // Only regular files within the engine's size limit are read; nothing else can be a policy we check.
    if (!stat.isFile() || stat.size > MAX_POLICY_BYTES || !this.configs.settingsFor(path).enable) return undefined;
    const loaded = this.configs.forPathWith(path, this.configFileIn(dirname(path)));
    const today = loaded.config.today ?? systemToday();
    const known = this.known.get(path);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size && known.loaded === loaded && known.today === today) return known.entry;
    let entry: DiskEntry | undefined;
    try {
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      // A file without the marker is a policy only through `files:` globs; skip parsing everything else.
      const force = matchesPolicyGlobs(path, loaded);
      const format = formatOf(path);
      const analysis = format && (text.includes('crypto-policy') || force) ? analyzeWith(uri, 0, text, { path, format, loaded, force, today }) : undefined;
      if (analysis?.result.isPolicy) {
        const { result } = analysis;
        entry = { uri, today, report: documentReport({ path: uri, result }, loaded.catalog), diagnostics: toDiagnostics({ uri, version: 0, lines: result.document.lines, findings: result.findings }) };
      }
    } catch {
      entry = undefined;
    }
    this.known.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, loaded, today, entry });
    return entry;
  }

  private configFileIn(folder: string): string | undefined {
    if (!this.configFiles.has(folder)) this.configFiles.set(folder, findConfigFile(folder));
    return this.configFiles.get(folder);
  }
}

/** A policy of the workspace, open or on disk, as the report and the workspace check read it. */
interface WorkspacePolicy {
  path: string;
  uri: string;
  today: string;
  catalog: Catalog;
  report(): DocumentReport;
  diagnostics(): Diagnostic[];
}

/** Paths sent to the worker in one job at most: the worker answers for as many as fit in its time slice. */
const DISK_CHUNK = 256;

/**
 * The files on disk of a workspace scan, one entry per path: asked of the worker a chunk at a time, each job answering
 * for the files it looked at within its time slice, so a scan of thousands of files is tens of jobs, not one per file
 * (about 65 µs of messages each), and an edit's check waits one slice at most behind it.
 */
export async function diskEntries(sources: Pick<WorkspaceSources, 'disk'>, paths: string[]): Promise<(DiskEntry | undefined)[]> {
  const entries: (DiskEntry | undefined)[] = [];
  while (entries.length < paths.length) {
    const done = await sources.disk(paths.slice(entries.length, entries.length + DISK_CHUNK));
    if (done.length === 0) throw new Error('the check worker answered for no file');
    append(entries, done);
  }
  return entries;
}

/** What the requests need from the rest of the server: the views of open documents and the worker's files on disk. */
export interface WorkspaceSources {
  /** The view of an open document's current version (its check awaited). */
  current(uri: string): Promise<FeatureView | undefined>;
  /**
   * Files as on disk, from the check worker: the first of `paths`, in order, as many as the worker looked at in one
   * job (at least one; see `diskEntries`).
   */
  disk(paths: string[]): Promise<(DiskEntry | undefined)[]>;
  /** YAML and Markdown files in the folders, from the check worker. */
  list(folders: string[]): Promise<string[]>;
  /** The catalog a file is checked against (the main thread's own configuration store). */
  catalogFor(path: string | undefined): Catalog;
}

function fromView(view: FeatureView): WorkspacePolicy {
  return { path: pathOfUri(view.uri) ?? view.uri, uri: view.uri, today: view.today, catalog: view.catalog, report: () => reportOf(view.uri, view, view.catalog), diagnostics: () => view.diagnostics };
}

function fromDisk(path: string, entry: DiskEntry, catalog: Catalog): WorkspacePolicy {
  return { path, uri: entry.uri, today: entry.today, catalog, report: () => entry.report, diagnostics: () => entry.diagnostics };
}

export function complianceReport(policies: WorkspacePolicy[]): ComplianceReport {
  // The set's CAIQ answers use the catalog of the first document, as the CLI's report does.
  return composeComplianceReport(policies.map((policy) => policy.report()), policies[0]?.catalog, { today: policies[0]?.today ?? systemToday(), version: packageJson.version });
}

/** Wires the compliance request and the workspace check into the connection (a few lines in server.ts). */
export function registerCompliance(connection: Connection, documents: TextDocuments<TextDocument>, sources: WorkspaceSources): void {
  /** Files whose diagnostics came from a workspace check, not from an open editor. */
  const published = new Set<string>();
  const folders = async (): Promise<string[]> => {
    try {
      const list = await connection.workspace.getWorkspaceFolders();
      return (list ?? []).map((folder) => pathOfUri(folder.uri)).filter((path): path is string => path !== undefined);
    } catch {
      return [];
    }
  };

  /** An open document's current version, else the file on disk. */
  const policyAt = async (uri: string): Promise<WorkspacePolicy | undefined> => {
    if (documents.get(uri)) {
      const view = await sources.current(uri);
      return view?.isPolicy ? fromView(view) : undefined;
    }
    const path = pathOfUri(uri);
    const entry = path ? (await sources.disk([path]))[0] : undefined;
    return path && entry ? fromDisk(path, entry, sources.catalogFor(path)) : undefined;
  };

  /** Every policy in the workspace folders and every open policy, ordered by path. */
  const all = async (): Promise<{ files: number; policies: WorkspacePolicy[] }> => {
    const open = documents.all().map((document) => document.uri);
    const openPaths = new Set(open.map((uri) => pathOfUri(uri) ?? uri));
    const onDisk = [...new Set((await sources.list(await folders())).filter((path) => !openPaths.has(path)))];
    const [fromEditors, entries] = await Promise.all([Promise.all(open.map((uri) => policyAt(uri))), diskEntries(sources, onDisk)]);
    const policies = [...fromEditors, ...onDisk.map((path, index) => entries[index] && fromDisk(path, entries[index], sources.catalogFor(path)))];
    const found = policies.filter((policy): policy is WorkspacePolicy => policy !== undefined).sort((a, b) => a.path.localeCompare(b.path));
    return { files: open.length + onDisk.length, policies: found };
  };

  connection.onRequest(COMPLIANCE_REQUEST, async (params?: ComplianceParams): Promise<ComplianceReport> => {
    if (params?.uris) {
      const policies = await Promise.all(params.uris.filter((uri) => typeof uri === 'string').map(policyAt));
      return complianceReport(policies.filter((policy): policy is WorkspacePolicy => policy !== undefined));
    }
    return complianceReport((await all()).policies);
  });

  connection.onRequest(CHECK_WORKSPACE_REQUEST, async (): Promise<CheckWorkspaceResult> => {
    const { files, policies } = await all();
    const result: CheckWorkspaceResult = { files, policies: policies.length, errors: 0, warnings: 0, infos: 0 };
    const stale = new Set(published);
    for (const policy of policies) {
      const diagnostics = policy.diagnostics();
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === 1) result.errors++;
        else if (diagnostic.severity === 2) result.warnings++;
        else result.infos++;
      }
      stale.delete(policy.uri);
      published.add(policy.uri);
      // Open documents already publish as they change; the others get their diagnostics now.
      if (!documents.get(policy.uri)) void connection.sendDiagnostics({ uri: policy.uri, diagnostics });
    }
    for (const uri of stale) {
      published.delete(uri);
      if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    return result;
  });

  // Closing an editor clears its diagnostics; a file the workspace check covers gets its on-disk ones back.
  documents.onDidClose((event) => {
    const { uri } = event.document;
    if (!published.has(uri)) return;
    void policyAt(uri).then((policy) => connection.sendDiagnostics({ uri, diagnostics: policy?.diagnostics() ?? [] })).catch(() => undefined);
  });
}
