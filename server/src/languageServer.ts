import { CodeActionKind, createConnection, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ProposedFeatures, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type CancellationToken, type Diagnostic, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { CbomSetting } from './engine/config/config';
import { CheckService } from './checkService';
import type { ConfigState } from './checkWorker';
import { debugs } from './debugTopics';
import { DocumentViews, type Need } from './documentViews';
import { isConfigFileName, parseConfigText } from './engine/config/config';
import { rules as allRules } from './engine/rules';
import { CREATE_CONFIGURATION_REQUEST, createConfiguration, type CreateConfigurationParams, type CreateConfigurationResult } from './features/createConfiguration';
import { MAX_POLICY_BYTES } from './engine/parse/limits';
import type { Catalog } from './engine/config/catalog';
import { LineIndex } from './engine/parse/text';
import { codeDescription } from './features/diagnostics';
import { describeError } from './engine/rules/internal-error';
import { ConfigStore, pathOfUri, type EditorSettings } from './features/analysis';
import { codeActions, FIX_ALL_KIND, MIGRATE_KIND, type EngineActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { registerCompliance } from './features/compliance';
import { folderSettings } from './features/folderSettings';
import { completion } from './features/completion';
import { EditTrail, hoverSince } from './features/editTrail';
import { controlPage } from './features/controlMarkdown';
import { hover } from './features/hover';
import { toRange } from './features/positions';
import { readSettings } from './features/settings';
import { documentSymbols } from './features/symbols';
import { guardFraming } from './framing';
import type { FeatureView } from './features/view';

/**
 * Wiring only: every answer comes from the feature modules. The engine runs in a worker thread (checkService.ts),
 * so this thread only answers requests, from the views of each document's last analysis (documentViews.ts): the
 * check of one document never holds up a request about another.
 */
// Before the connection: the guard sees each chunk of standard input before the LSP reader does.
if (process.argv.includes('--stdio')) {
  guardFraming(process.stdin, (reason) => {
    process.stderr.write(`cek-policy-language-server: the client sent ${reason}; the LSP stream cannot be read past it, so the server exits (the client starts a new one).\n`);
    process.exit(1);
  });
}
const connection = createConnection(ProposedFeatures.all);
/** Every edit is recorded, so requests made while a check is pending can be answered from the last analysis. */
const trail = new EditTrail();
const documents = new TextDocuments({ create: TextDocument.create, update: trail.update });
const configs = new ConfigStore();
/** `CEK_POLICY_WORKER_TIMEOUT_MS`: how long a check may take before its worker is taken for hung (tests shorten it). */
const WORKER_TIMEOUT_MS = Number(process.env.CEK_POLICY_WORKER_TIMEOUT_MS) > 0 ? Number(process.env.CEK_POLICY_WORKER_TIMEOUT_MS) : undefined;
/** `CEK_POLICY_DEBUG=checks`: a line in the log per edit (the pause before its check) and per check (how long it took). */
const DEBUG_CHECKS = debugs(process.env, 'checks');
// __filename is the bundle, dist/server.js: the worker is the same script, started in worker mode.
const service = new CheckService(__filename, configState(), (message) => connection.console.warn(message), WORKER_TIMEOUT_MS);
const views = new DocumentViews(documents, configs, service, trail);
/** Checks waiting for their moment (the pause after an edit), with why they are wanted. */
const timers = new Map<string, { timer: NodeJS.Timeout; need: Need }>();
/** Versions just opened: their first content event is the open itself, which is checked at once, not debounced. */
const opening = new Map<string, number>();
const reportedSettingProblems = new Set<string>();
let canAskConfiguration = false;
/** Counts configuration changes (settings or `.cekpolicy.yaml`): each one checks every open document again. */
let configGeneration = 0;

/**
 * Every handler and every scheduled job runs through here: a failure is logged and answered with the fallback,
 * so one document, one setting or one request can never take the server down for the others.
 */
function guarded<Args extends unknown[], Result>(name: string, fallback: Awaited<Result>, handler: (...args: Args) => Result): (...args: Args) => Result {
  return (...args: Args) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) return result.catch((error: unknown) => logFailure(name, error, fallback)) as Result;
      return result;
    } catch (error) {
      return logFailure(name, error, fallback) as Result;
    }
  };
}

function logFailure<Result>(name: string, error: unknown, fallback: Result): Result {
  connection.console.error(`cek-policy: ${name} failed: ${error instanceof Error && error.stack ? error.stack : describeError(error)}`);
  return fallback;
}

/** Settings from any source are checked; a bad value is reported once (a message and the log) and its default used. */
function applySettings(raw: unknown): void {
  configs.settings = checkedSettings(raw);
}

/** What the worker needs to load the same configurations as this thread. */
function configState(): ConfigState {
  return { settings: configs.settings, folderSettings: configs.folderSettings, workspace: configs.workspace };
}

function checkedSettings(raw: unknown): EditorSettings {
  const { settings, problems } = readSettings(raw);
  for (const problem of problems) {
    if (reportedSettingProblems.has(problem)) continue;
    reportedSettingProblems.add(problem);
    connection.console.warn(`cek-policy: ${problem}`);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `CEK Policy: ${problem}` }).catch(() => undefined);
  }
  return settings;
}

const INITIALIZE_RESULT: InitializeResult = {
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'] },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, MIGRATE_KIND] },
    documentSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
  },
  serverInfo: { name: 'cek-policy-language-server' },
};

connection.onInitialize(guarded('initialize', INITIALIZE_RESULT, (params) => {
  canAskConfiguration = Boolean(params.capabilities?.workspace?.configuration);
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  configs.workspace = typeof folder === 'string' ? pathOfUri(folder) : undefined;
  const options = params.initializationOptions as { settings?: unknown } | null | undefined;
  if (options && typeof options === 'object' && 'settings' in options) applySettings(options.settings);
  service.configure(configState());
  // Started now, it is ready by the time the first document is opened.
  service.start();
  return INITIALIZE_RESULT;
}));

connection.onInitialized(guarded('initialized', undefined, async () => {
  if (canAskConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  }
  // `.cekpolicy.yaml` (and .yml, .json, the baseline: every document is checked again), and the YAML and Markdown
  // files a policy may refer to.
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.cekpolicy{.yaml,.yml,.json,-baseline.json}' }, { globPattern: '**/*.{md,markdown,yaml,yml}' }] }).catch(() => undefined);
  await refreshSettings();
}));

/**
 * Reads the settings again and re-checks every open document, unless only the settings were asked about and they
 * are what they were (an editor reports a change of any setting, ours or not): then the analyses stand.
 * `configFile`: a `.cekpolicy.yaml` changed, so configs and analyses are stale whatever the settings say.
 */
async function refreshSettings(configFile = false, before = settingsFingerprint()): Promise<void> {
  if (canAskConfiguration) {
    let answer: unknown;
    try {
      [answer] = await connection.workspace.getConfiguration([{ section: 'cekPolicy' }]);
    } catch (error) {
      connection.console.warn(`cek-policy: workspace/configuration failed (${describeError(error)}); the defaults are used.`);
    }
    applySettings(answer ?? undefined);
    configs.folderSettings = await folderSettings(connection, checkedSettings);
  }
  if (!configFile && settingsFingerprint() === before) return;
  configGeneration++;
  configs.clear();
  views.clear();
  service.configure(configState());
  // A document with an edit waiting for its check stays first in line.
  for (const document of documents.all()) schedule(document, 0, timers.get(document.uri)?.need === 'edit' ? 'edit' : 'refresh');
}

function settingsFingerprint(): string {
  return JSON.stringify([configs.settings, configs.folderSettings]);
}

connection.onDidChangeConfiguration(guarded('didChangeConfiguration', undefined, async (change) => {
  const pushed = (change?.settings as { cekPolicy?: unknown } | null | undefined)?.cekPolicy;
  const before = settingsFingerprint();
  if (!canAskConfiguration && pushed !== undefined) applySettings(pushed);
  await refreshSettings(false, before);
}));

/** The BOMs open policies are compared with (`cekPolicy.cbom`, `cbom:` in .cekpolicy.yaml), and the file names watched for them. */
const boms = new Set<string>();
const watchedBomNames = new Set<string>();

/** A BOM in use is watched (by its file name: the client matches globs) so that its change checks the policies again. */
function watchBom(setting: CbomSetting | undefined): void {
  if (!setting || boms.has(setting.file)) return;
  boms.add(setting.file);
  try {
    boms.add(realpathSync(setting.file));
  } catch {
    // Not there yet: its creation is a change like any other.
  }
  const name = basename(setting.file);
  const glob = /[*?{}[\]!]/.test(name) ? '**/*.json' : `**/${name}`;
  if (watchedBomNames.has(glob)) return;
  watchedBomNames.add(glob);
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: glob }] }).catch(() => undefined);
}

function isBom(uri: string): boolean {
  const path = pathOfUri(uri);
  return path !== undefined && boms.has(path);
}

connection.onDidChangeWatchedFiles(guarded('didChangeWatchedFiles', undefined, (params) => {
  const changed = (params?.changes ?? []).map((change) => change.uri);
  // A BOM changed: every open policy is compared with it again (the worker reads it afresh).
  if (changed.length === 0 || changed.some(isConfigFile) || changed.some(isBom)) {
    void refreshSettings(true).catch((error: unknown) => logFailure('refresh', error, undefined));
    return;
  }
  documentsChanged(changed);
}));

/**
 * Files a policy may refer to changed on disk (created, saved, deleted): the worker looks references up again, and
 * every open policy that refers to other documents is checked again (its set may hold what changed).
 */
function documentsChanged(uris: string[]): void {
  service.filesChanged();
  for (const uri of views.forgetSets()) {
    if (uris.includes(uri)) continue;
    const document = documents.get(uri);
    if (document) schedule(document, 0, 'refresh');
  }
}

/** The view of a document's current version (see `DocumentViews.current`). */
function current(uri: string, need: Need = 'request'): Promise<FeatureView | undefined> {
  return views.current(uri, need);
}

/** Debounced validation; a newer change cancels the pending run, and results for an old version are never sent. */
function schedule(document: TextDocument, delay: number, need: Need = 'edit'): void {
  clearTimeout(timers.get(document.uri)?.timer);
  const version = document.version;
  const timer = setTimeout(guarded('a scheduled check', undefined, async () => {
    timers.delete(document.uri);
    if (documents.get(document.uri)?.version === version) await validate(document.uri, need);
  }), delay);
  timers.set(document.uri, { timer, need });
}

/** Checks the current version and publishes; a failure becomes an internal-error diagnostic on this document only. */
async function validate(uri: string, need: Need = 'edit'): Promise<void> {
  const latest = documents.get(uri);
  if (!latest) return;
  const version = latest.version;
  const generation = configGeneration;
  let diagnostics: Diagnostic[];
  try {
    if (isConfigFile(uri)) return publishConfigProblems(uri, latest.getText(), version);
    const view = await current(uri, need);
    if (DEBUG_CHECKS && view) connection.console.log(`cek-policy: ${uri} v${view.version} checked in ${Math.round(view.checkMs)} ms${view.warmingUp ? ' (the worker warming up)' : ''}`);
    diagnostics = view ? view.diagnostics : [];
    const loaded = view && configs.forPath(pathOfUri(uri));
    if (view?.isPolicy) watchBom(loaded?.config.cbom);
    if (loaded?.file && loaded.problems.length > 0) {
      const configUri = pathToFileURL(loaded.file).href;
      if (!documents.get(configUri)) publishConfigProblems(configUri, loaded.fileText ?? '');
    }
  } catch (error) {
    logFailure(`checking ${uri}`, error, undefined);
    diagnostics = [internalErrorDiagnostic(error)];
  }
  // A newer version, the document closed (and maybe opened again, from version 1), or a configuration change meanwhile
  // (which checks every document again): not published.
  if (documents.get(uri) !== latest || latest.version !== version || configGeneration !== generation) return;
  void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
}

function internalErrorDiagnostic(error: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: 'cek-policy',
    code: 'internal-error',
    ...codeDescription('internal-error'),
    message: `cek-policy could not check this document (${describeError(error)}); other documents are not affected. Please report this.`,
  };
}

function isConfigFile(uri: string): boolean {
  return isConfigFileName(pathOfUri(uri) ?? uri);
}

function publishConfigProblems(uri: string, text: string, version?: number): void {
  const lines = new LineIndex(text);
  const diagnostics = parseConfigText(text, { ruleIds: allRules.map((rule) => rule.id) }).problems.map((problem): Diagnostic => ({ range: toRange(lines, problem.span), severity: 1, source: 'cek-policy', code: 'config', message: problem.message }));
  void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
}

// Opening a document is checked at once; only edits wait for the debounce (typing in one file never delays another).
documents.onDidOpen(guarded('didOpen', undefined, async (event) => {
  opening.set(event.document.uri, event.document.version);
  clearTimeout(timers.get(event.document.uri)?.timer);
  timers.delete(event.document.uri);
  await validate(event.document.uri, 'open');
}));
documents.onDidChangeContent(guarded('didChange', undefined, (event) => {
  const { uri, version } = event.document;
  const opened = opening.get(uri);
  opening.delete(uri);
  if (opened === version) return;
  if (isConfigFile(uri)) void refreshSettings(true).catch((error: unknown) => logFailure('refresh', error, undefined));
  const pause = views.changed(uri, performance.now());
  if (DEBUG_CHECKS) connection.console.log(`cek-policy: ${uri} v${version} edited; checked after a pause of ${Math.round(pause)} ms`);
  schedule(event.document, pause);
}));
documents.onDidClose(guarded('didClose', undefined, (event) => {
  clearTimeout(timers.get(event.document.uri)?.timer);
  timers.delete(event.document.uri);
  opening.delete(event.document.uri);
  views.close(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch(() => undefined);
}));

connection.onHover(guarded('hover', null, async (params) => {
  const typing = views.earlier(params.textDocument.uri);
  const answer = typing && hoverSince(typing.view, typing.map, typing.current, params.position);
  if (answer !== undefined) return answer;
  const view = await current(params.textDocument.uri);
  return view ? hover(view, params.position) : null;
}));
connection.onCompletion(guarded('completion', [], async (params) => {
  const typing = views.earlier(params.textDocument.uri);
  if (typing?.view.isPolicy) return completion(typing.view, params.position, typing.current);
  const view = await current(params.textDocument.uri);
  return view?.isPolicy ? completion(view, params.position) : [];
}));
connection.onCodeAction(guarded('codeAction', [], async (params, token) => {
  const view = await current(params.textDocument.uri);
  return view?.isPolicy ? codeActions(view, params, engineActions(token)) : [];
}));
connection.onDocumentSymbol(guarded('documentSymbol', [], async (params) => {
  const view = await current(params.textDocument.uri);
  return view?.isPolicy ? documentSymbols(view) : [];
}));
connection.onCodeLens(guarded('codeLens', [], async (params) => {
  const view = await current(params.textDocument.uri);
  return view ? codeLenses(view) : [];
}));

/** Fix-all checks the text up to this many times: once, then at most twice in each of its 10 passes. */
const FIX_ALL_CHECKS = 21;
/** Fix-all and the Markdown migration run the engine: asked of the worker, once per analysed version. */
const fixAllAnswers = new WeakMap<FeatureView, Promise<string | undefined>>();
const migrateAnswers = new WeakMap<FeatureView, ReturnType<EngineActions['migrate']>>();

function engineActions(token: CancellationToken): EngineActions {
  const once = <T>(answers: WeakMap<FeatureView, Promise<T | undefined>>, view: FeatureView, name: string, ask: () => Promise<T | undefined>): Promise<T | undefined> => {
    let answer = answers.get(view);
    if (!answer) {
      // A failure costs this action only: the quick fixes are still offered.
      answer = ask().catch((error: unknown) => logFailure(`${name} of ${view.uri}`, error, undefined));
      answers.set(view, answer);
      // A request given up before the worker got to it asked nothing: the next one asks again.
      void answer.then(() => token.isCancellationRequested && answers.get(view) === answer && answers.delete(view));
    }
    return answer;
  };
  const cancelled = () => token.isCancellationRequested;
  return {
    fixAll: (view) => once(fixAllAnswers, view, 'fix-all', () => service.run({ kind: 'fixAll', uri: view.uri, text: view.text, languageId: view.format }, 'now', { textLength: view.text.length, checks: FIX_ALL_CHECKS, cancelled }).promise),
    migrate: (view) => once(migrateAnswers, view, 'migration', () => service.run({ kind: 'migrate', uri: view.uri, text: view.text }, 'now', { textLength: view.text.length, cancelled }).promise),
  };
}

/** The catalog of an open document's configuration (user catalogs may add controls), else the settings' one. */
function catalogOf(uri: unknown): Catalog {
  return configs.forPath(typeof uri === 'string' && documents.get(uri) ? pathOfUri(uri) : undefined).catalog;
}

connection.onRequest(CREATE_CONFIGURATION_REQUEST, guarded(CREATE_CONFIGURATION_REQUEST, null as CreateConfigurationResult | null, (params?: Partial<CreateConfigurationParams>) => createConfiguration(params) ?? null));
connection.onRequest('cekPolicy/controls', guarded('cekPolicy/controls', [] as { id: string; title: string }[], (params?: { uri?: unknown }) => {
  return catalogOf(params?.uri).all().map((control) => ({ id: control.id, title: control.title }));
}));
connection.onRequest('cekPolicy/controlMarkdown', guarded('cekPolicy/controlMarkdown', null as string | null, (params: { id?: unknown; uri?: unknown }) => {
  if (typeof params?.id !== 'string') return null;
  const control = catalogOf(params.uri).resolve(params.id)?.control;
  return control ? controlPage(control) : null;
}));

// The last line of defence: log and keep serving the other documents.
process.on('uncaughtException', (error) => logFailure('a scheduled job', error, undefined));
process.on('unhandledRejection', (error) => logFailure('a promise', error, undefined));

registerCompliance(connection, documents, {
  current: (uri) => current(uri),
  disk: async (paths) => (await service.run({ kind: 'disk', paths }, 'background', { textLength: MAX_POLICY_BYTES }).promise) ?? { entries: [], bytes: 0 },
  list: async (folders) => (await service.run({ kind: 'list', folders }, 'background').promise) ?? { paths: [], notes: [] },
  catalogFor: (path) => configs.forPath(path).catalog,
});

documents.listen(connection);
connection.listen();
