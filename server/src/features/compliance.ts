import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import packageJson from '../../../package.json';
import { systemToday } from '../clock';
import { describeError, expandTargets } from '../cli/files';
import type { Catalog } from '../engine/config/catalog';
import { findConfigFile, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { checkDocument } from '../engine/engine';
import { documentFromSource, formatOf, MAX_POLICY_BYTES } from '../engine/parse/document';
import { mayBePolicyByContent } from '../engine/detect/detectPolicy';
import { looksBinary, WORKSPACE_LIST_MS, WORKSPACE_MAX_BYTES, WORKSPACE_MAX_FILES, WORKSPACE_MAX_MS } from '../engine/parse/limits';
import { readSource, type Source } from '../engine/parse/source';
import { composeComplianceReport, documentReport, reportOf } from '../engine/report/compliance';
import type { ComplianceReport, DocumentReport } from '../engine/report/types';
import { append } from '../engine/arrays';
import { analyzeWith, pathOfUri, type ConfigStore } from './analysis';
import { toDiagnostics } from './diagnostics';
import { baselinedIn } from './baseline';
import type { FeatureView } from './view';

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
  /** What the scan could not read, did not follow or left out at its limits: one sentence each. */
  notes: string[];
}

/** The files of the workspace folders, and what the search for them could not read, did not follow or left out. */
export interface WorkspaceListing {
  paths: string[];
  notes: string[];
}

/** A `disk` job's answer: an entry per file looked at, and the bytes read for them (a scan's byte budget counts them). */
export interface DiskAnswers {
  entries: (DiskEntry | undefined)[];
  bytes: number;
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
  private readonly known = new Map<string, { mtimeMs: number; size: number; loaded: LoadedConfig; today: string; entry: DiskEntry | undefined; refers?: boolean }>();
  /**
   * The `.cekpolicy.yaml` in effect per folder during one `entries` call: a lookup walks up to the root, a stat per
   * level, and the files of a folder share it.
   */
  private readonly configFiles = new Map<string, string | undefined>();

  /** Bytes read from disk so far (the answers say how many each job read). */
  private bytesRead = 0;

  constructor(private readonly configs: ConfigStore) {}

  /**
   * YAML and Markdown files in the folders, as the CLI finds them (.gitignore and .cekpolicyignore honoured), at most
   * WORKSPACE_MAX_FILES of them, found within WORKSPACE_LIST_MS: a workspace opened on `/` or a home folder lists
   * that many and says what it left out, rather than walking the disk.
   */
  list(folders: string[], now: () => number = () => performance.now()): WorkspaceListing {
    const listing: WorkspaceListing = { paths: [], notes: [] };
    /** Folders or files it could not read or did not follow: after what it left out at its limits. */
    const warnings: string[] = [];
    const deadline = now() + WORKSPACE_LIST_MS;
    for (const folder of folders) {
      if (listing.paths.length >= WORKSPACE_MAX_FILES || now() > deadline) {
        listing.notes.push(`${folder} was not searched: the scan had reached its limits`);
        continue;
      }
      try {
        const expansion = expandTargets([folder], [], { cwd: folder, ignore: true, limits: { maxFiles: WORKSPACE_MAX_FILES - listing.paths.length, deadline, now } });
        append(listing.paths, expansion.targets.map((target) => target.path));
        append(warnings, expansion.warnings.map((warning) => `${folder}: ${warning.message}`));
        if (expansion.leftOut) listing.notes.push(`${folder}: ${expansion.leftOut}`);
      } catch (error) {
        warnings.push(`${folder} could not be searched: ${describeError(error)}`);
      }
    }
    append(listing.notes, warnings);
    return listing;
  }

  /** `entries`, with the bytes read for them. */
  answer(paths: string[], sliceMs: number, now: () => number = () => performance.now()): DiskAnswers {
    const before = this.bytesRead;
    const entries = this.entries(paths, sliceMs, now);
    return { entries, bytes: this.bytesRead - before };
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
      // A link that leads nowhere is still a file of the workspace that could not be read: reported, as in the CLI.
      stat = linkStat(path);
      if (!stat) {
        this.known.delete(path);
        return undefined;
      }
    }
    if (!this.configs.settingsFor(path).enable) return undefined;
    const loaded = this.configs.forPathWith(path, this.configFileIn(dirname(path)));
    const today = loaded.config.today ?? systemToday();
    const known = this.known.get(path);
    // A policy that refers to other documents is judged with them: it is read again whatever its own date says.
    if (known && !known.refers && known.mtimeMs === stat.mtimeMs && known.size === stat.size && known.loaded === loaded && known.today === today) return known.entry;
    let refers = false;
    let entry: DiskEntry | undefined;
    try {
      // The guarded reader, as the CLI's: fstat first, regular files only, the size limit, UTF-8 or marked UTF-16.
      let source: Source;
      try {
        source = readSource(path, MAX_POLICY_BYTES);
      } catch (error) {
        source = { kind: 'refused', message: `File could not be read (${describeError(error)}).`, head: '' };
      }
      this.bytesRead += source.kind === 'text' ? source.text.length : Math.min(stat.size, MAX_POLICY_BYTES);
      const uri = pathToFileURL(path).href;
      const format = formatOf(path);
      // A file is a policy by its marker, the `files:` globs or its title and content; skip parsing files that can be
      // none. A file whose head cannot be read as text cannot be told apart from a policy: its refusal is reported, as in the CLI.
      const undecided = source.kind === 'refused' && (source.head === '' || looksBinary(source.head));
      const force = matchesPolicyGlobs(path, loaded) || undecided;
      let result;
      if (source.kind === 'text') {
        if (format && (source.text.includes('crypto-policy') || force || mayBePolicyByContent(source.text))) {
          result = analyzeWith(uri, 0, source.text, { path, format, loaded, force, today, projects: this.configs.projects }).result;
          refers = Boolean(result.set?.dependsOnProject);
        }
      } else if (format) {
        result = checkDocument(documentFromSource(source, path, format), { today, config: loaded.config, catalog: loaded.catalog, force });
      }
      if (result?.isPolicy) {
        entry = { uri, today, report: documentReport({ path: uri, result }, loaded.catalog), diagnostics: toDiagnostics({ uri, version: 0, lines: result.document.lines, findings: result.findings, baselined: source.kind === 'text' ? baselinedIn(path, loaded.file, source.text, result.findings) : undefined }) };
      }
    } catch {
      entry = undefined;
    }
    this.known.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, loaded, today, entry, refers });
    return entry;
  }

  private configFileIn(folder: string): string | undefined {
    if (!this.configFiles.has(folder)) this.configFiles.set(folder, findConfigFile(folder));
    return this.configFiles.get(folder);
  }
}

function linkStat(path: string): Stats | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? stat : undefined;
  } catch {
    return undefined;
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

/** Notes a workspace scan returns at most (the rest are counted). */
const MAX_NOTES = 20;

/** Paths sent to the worker in one job at most: the worker answers for as many as fit in its time slice. */
const DISK_CHUNK = 256;

/**
 * The files on disk of a workspace scan, one entry per path: asked of the worker a chunk at a time, each job answering
 * for the files it looked at within its time slice, so a scan of thousands of files is tens of jobs, not one per file
 * (about 65 µs of messages each), and an edit's check waits one slice at most behind it.
 */
export async function diskEntries(sources: Pick<WorkspaceSources, 'disk'>, paths: string[], bounds?: ScanBounds): Promise<(DiskEntry | undefined)[]> {
  const entries: (DiskEntry | undefined)[] = [];
  while (entries.length < paths.length) {
    if (bounds && (bounds.bytes >= WORKSPACE_MAX_BYTES || bounds.now() > bounds.deadline)) {
      const left = paths.length - entries.length;
      bounds.leftOut = `${left.toLocaleString('en')} of ${paths.length.toLocaleString('en')} files not checked (${bounds.bytes >= WORKSPACE_MAX_BYTES ? `a workspace scan reads ${WORKSPACE_MAX_BYTES / 1024 / 1024} MB at most` : `a workspace scan takes ${WORKSPACE_MAX_MS / 1000} s at most`}), from ${paths[entries.length]}`;
      break;
    }
    let done: DiskAnswers;
    try {
      done = await sources.disk(paths.slice(entries.length, entries.length + DISK_CHUNK));
    } catch (error) {
      if (!bounds) throw error;
      // The worker gave up on a file (it was stopped, and a new one started): that file is left out, and said; the
      // scan goes on with the next.
      bounds.failed.push(`${paths[entries.length]} was not checked: ${error instanceof Error ? error.message : String(error)}`);
      entries.push(undefined);
      continue;
    }
    if (done.entries.length === 0) throw new Error('the check worker answered for no file');
    append(entries, done.entries);
    if (bounds) bounds.bytes += done.bytes;
  }
  return entries;
}

/** A workspace scan's limits in bytes and time, and what it left out once past them. */
export interface ScanBounds {
  deadline: number;
  now: () => number;
  bytes: number;
  leftOut?: string;
  /** Files whose job failed (the worker was stopped on them). */
  failed: string[];
}

/** What the requests need from the rest of the server: the views of open documents and the worker's files on disk. */
export interface WorkspaceSources {
  /** The view of an open document's current version (its check awaited). */
  current(uri: string): Promise<FeatureView | undefined>;
  /**
   * Files as on disk, from the check worker: the first of `paths`, in order, as many as the worker looked at in one
   * job (at least one; see `diskEntries`).
   */
  disk(paths: string[]): Promise<DiskAnswers>;
  /** YAML and Markdown files in the folders, from the check worker (bounded: see DiskPolicies.list). */
  list(folders: string[]): Promise<WorkspaceListing>;
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
    const entry = path ? (await sources.disk([path])).entries[0] : undefined;
    return path && entry ? fromDisk(path, entry, sources.catalogFor(path)) : undefined;
  };

  /**
   * Every policy in the workspace folders and every open policy, ordered by path; bounded in files (the listing),
   * bytes and time (WORKSPACE_MAX_*), with a note for each thing left out, also in the server's log.
   */
  const all = async (): Promise<{ files: number; policies: WorkspacePolicy[]; notes: string[] }> => {
    const started = performance.now();
    const open = documents.all().map((document) => document.uri);
    const openPaths = new Set(open.map((uri) => pathOfUri(uri) ?? uri));
    const listing = await sources.list(await folders());
    const onDisk = [...new Set(listing.paths.filter((path) => !openPaths.has(path)))];
    const bounds: ScanBounds = { deadline: started + WORKSPACE_MAX_MS, now: () => performance.now(), bytes: 0, failed: [] };
    const [fromEditors, entries] = await Promise.all([Promise.all(open.map((uri) => policyAt(uri))), diskEntries(sources, onDisk, bounds)]);
    const policies = [...fromEditors, ...onDisk.map((path, index) => entries[index] && fromDisk(path, entries[index], sources.catalogFor(path)))];
    const found = policies.filter((policy): policy is WorkspacePolicy => policy !== undefined).sort((a, b) => a.path.localeCompare(b.path));
    // What was left out at the limits comes first; a disk full of unreadable folders is a count, not thousands of lines.
    const ordered = [...(bounds.leftOut ? [bounds.leftOut] : []), ...bounds.failed, ...listing.notes];
    const notes = ordered.length > MAX_NOTES ? [...ordered.slice(0, MAX_NOTES - 1), `and ${(ordered.length - MAX_NOTES + 1).toLocaleString('en')} more folders or files the scan could not read or did not follow`] : ordered;
    for (const note of notes) connection.console.warn(`cek-policy: workspace scan: ${note}`);
    return { files: open.length + onDisk.length, policies: found, notes };
  };

  connection.onRequest(COMPLIANCE_REQUEST, async (params?: ComplianceParams): Promise<ComplianceReport> => {
    if (params?.uris) {
      const policies = await Promise.all(params.uris.filter((uri) => typeof uri === 'string').map(policyAt));
      return complianceReport(policies.filter((policy): policy is WorkspacePolicy => policy !== undefined));
    }
    return complianceReport((await all()).policies);
  });

  connection.onRequest(CHECK_WORKSPACE_REQUEST, async (): Promise<CheckWorkspaceResult> => {
    const { files, policies, notes } = await all();
    const result: CheckWorkspaceResult = { files, policies: policies.length, errors: 0, warnings: 0, infos: 0, notes };
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
