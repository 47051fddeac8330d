import { CodeActionKind, createConnection, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ProposedFeatures, ShowMessageNotification, TextDocuments, TextDocumentSyncKind, type Diagnostic, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { systemToday } from './clock';
import { CONFIG_FILE_NAME, parseConfigText } from './engine/config/config';
import { DOCUMENT_TIME_BUDGET_MS } from './engine/parse/limits';
import { LineIndex } from './engine/parse/text';
import { docsUrl } from './engine/rules/rule';
import { describeError } from './engine/rules/internal-error';
import { analyze, ConfigStore, pathOfUri, type Analysis, type EditorSettings } from './features/analysis';
import { codeActions, FIX_ALL_KIND, MIGRATE_KIND } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { registerCompliance } from './features/compliance';
import { folderSettings } from './features/folderSettings';
import { completion, type CurrentText } from './features/completion';
import { EditTrail, hoverSince, type OffsetMap } from './features/editTrail';
import { controlPage } from './features/controlMarkdown';
import { toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { toRange } from './features/positions';
import { readSettings } from './features/settings';
import { documentSymbols } from './features/symbols';
import { answerInfoFlags } from './serverArgs';

if (answerInfoFlags(process.argv.slice(2), (text) => process.stdout.write(text))) process.exit(0);

/** Wiring only: every answer comes from the engine and the feature modules. */
const connection = createConnection(ProposedFeatures.all);
/** Every edit is recorded, so requests made while a check is pending can be answered from the last analysis. */
const trail = new EditTrail();
const documents = new TextDocuments({ create: TextDocument.create, update: trail.update });
const configs = new ConfigStore();
const analyses = new Map<string, Analysis>();
const timers = new Map<string, NodeJS.Timeout>();
/** Versions just opened: their first content event is the open itself, which is checked at once, not debounced. */
const opening = new Map<string, number>();
const reportedSettingProblems = new Set<string>();
/**
 * Edits are checked once typing pauses this long: enough to take a burst of changes (key repeat, multi-cursor) in one
 * check, short enough that diagnostics follow a pause at once. Requests made meanwhile do not wait for the check: they
 * answer from the last analysis (see `earlier`).
 */
const DEBOUNCE_MS = 30;
/** `CEK_POLICY_TIME_BUDGET_MS` overrides the budget (tests use 0 to see the finding for rules not run). */
const TIME_BUDGET_MS = Number.isFinite(Number(process.env.CEK_POLICY_TIME_BUDGET_MS ?? NaN)) ? Number(process.env.CEK_POLICY_TIME_BUDGET_MS) : DOCUMENT_TIME_BUDGET_MS;
let canAskConfiguration = false;

/**
 * Every handler and every scheduled job runs through here: a failure is logged and answered with the fallback,
 * so one document, one setting or one request can never take the server down for the others.
 */
function guarded<Args extends unknown[], Result>(name: string, fallback: Result, handler: (...args: Args) => Result): (...args: Args) => Result {
  return (...args: Args) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) return result.catch((error: unknown) => logFailure(name, error, fallback)) as Result;
      return result;
    } catch (error) {
      return logFailure(name, error, fallback);
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
  return INITIALIZE_RESULT;
}));

connection.onInitialized(guarded('initialized', undefined, async () => {
  if (canAskConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  }
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
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
  configs.clear();
  analyses.clear();
  for (const document of documents.all()) schedule(document, 0);
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

connection.onDidChangeWatchedFiles(guarded('didChangeWatchedFiles', undefined, () => void refreshSettings(true).catch((error: unknown) => logFailure('refresh', error, undefined))));

/** The analysis of a document's current version: cached, computed on demand (within the time budget) when stale. */
function current(uri: string): Analysis | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = analyses.get(uri);
  if (cached && cached.version === document.version) return cached;
  if (!configs.settingsFor(pathOfUri(uri)).enable) return undefined;
  const analysis = analyze(uri, document.version, document.getText(), document.languageId, configs, systemToday(), { start: performance.now(), ms: TIME_BUDGET_MS });
  if (analysis) {
    analyses.set(uri, analysis);
    currentTexts.delete(uri);
    trail.forgetBefore(uri, analysis.version);
  }
  return analysis;
}

const currentTexts = new Map<string, { version: number; current: CurrentText }>();

/**
 * The last analysis of a document whose newer version waits for its check (the user is typing), with the map from
 * its offsets to the current text: hover and completion answer from it at once instead of re-checking first.
 */
function earlier(uri: string): { analysis: Analysis; map: OffsetMap; current: CurrentText } | undefined {
  const document = documents.get(uri);
  const analysis = analyses.get(uri);
  if (!document || !analysis || analysis.version === document.version) return undefined;
  const map = trail.since(uri, analysis.version, document.version);
  if (!map) return undefined;
  let known = currentTexts.get(uri);
  if (known?.version !== document.version) {
    const text = document.getText();
    known = { version: document.version, current: { text, lines: new LineIndex(text) } };
    currentTexts.set(uri, known);
  }
  return { analysis, map, current: known.current };
}

/** Debounced validation; a newer change cancels the pending run, and results for an old version are never sent. */
function schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
  clearTimeout(timers.get(document.uri));
  const version = document.version;
  timers.set(document.uri, setTimeout(guarded('a scheduled check', undefined, () => {
    timers.delete(document.uri);
    if (documents.get(document.uri)?.version === version) validate(document.uri);
  }), delay));
}

/** Checks the current version and publishes; a failure becomes an internal-error diagnostic on this document only. */
function validate(uri: string): void {
  const latest = documents.get(uri);
  if (!latest) return;
  const version = latest.version;
  let diagnostics: Diagnostic[];
  try {
    if (isConfigFile(uri)) return publishConfigProblems(uri, latest.getText(), version);
    const analysis = current(uri);
    diagnostics = analysis && analysis.result.isPolicy ? toDiagnostics(analysis) : [];
    const loaded = analysis?.loaded;
    if (loaded?.file && loaded.problems.length > 0) {
      const configUri = pathToFileURL(loaded.file).href;
      if (!documents.get(configUri)) publishConfigProblems(configUri, loaded.fileText ?? '');
    }
  } catch (error) {
    logFailure(`checking ${uri}`, error, undefined);
    diagnostics = [internalErrorDiagnostic(error)];
  }
  if (documents.get(uri)?.version !== version) return;
  void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
}

function internalErrorDiagnostic(error: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: 'cek-policy',
    code: 'internal-error',
    codeDescription: { href: docsUrl('internal-error') },
    message: `cek-policy could not check this document (${describeError(error)}); other documents are not affected. Please report this.`,
  };
}

function isConfigFile(uri: string): boolean {
  return (pathOfUri(uri) ?? uri).endsWith(CONFIG_FILE_NAME);
}

function publishConfigProblems(uri: string, text: string, version?: number): void {
  const lines = new LineIndex(text);
  const diagnostics = parseConfigText(text).problems.map((problem): Diagnostic => ({ range: toRange(lines, problem.span), severity: 1, source: 'cek-policy', code: 'config', message: problem.message }));
  void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
}

// Opening a document is checked at once; only edits wait for the debounce (typing in one file never delays another).
documents.onDidOpen(guarded('didOpen', undefined, (event) => {
  opening.set(event.document.uri, event.document.version);
  clearTimeout(timers.get(event.document.uri));
  timers.delete(event.document.uri);
  validate(event.document.uri);
}));
documents.onDidChangeContent(guarded('didChange', undefined, (event) => {
  const { uri, version } = event.document;
  const opened = opening.get(uri);
  opening.delete(uri);
  if (opened === version) return;
  if (isConfigFile(uri)) void refreshSettings(true).catch((error: unknown) => logFailure('refresh', error, undefined));
  schedule(event.document);
}));
documents.onDidClose(guarded('didClose', undefined, (event) => {
  clearTimeout(timers.get(event.document.uri));
  timers.delete(event.document.uri);
  opening.delete(event.document.uri);
  analyses.delete(event.document.uri);
  currentTexts.delete(event.document.uri);
  trail.close(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch(() => undefined);
}));

connection.onHover(guarded('hover', null, (params) => {
  const typing = earlier(params.textDocument.uri);
  const answer = typing && hoverSince(typing.analysis, typing.map, typing.current, params.position);
  if (answer !== undefined) return answer;
  const analysis = current(params.textDocument.uri);
  return analysis ? hover(analysis, params.position) : null;
}));
connection.onCompletion(guarded('completion', [], (params) => {
  const typing = earlier(params.textDocument.uri);
  if (typing?.analysis.result.isPolicy) return completion(typing.analysis, params.position, typing.current);
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? completion(analysis, params.position) : [];
}));
connection.onCodeAction(guarded('codeAction', [], (params) => {
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? codeActions(analysis, params) : [];
}));
connection.onDocumentSymbol(guarded('documentSymbol', [], (params) => {
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? documentSymbols(analysis) : [];
}));
connection.onCodeLens(guarded('codeLens', [], (params) => {
  const analysis = current(params.textDocument.uri);
  return analysis ? codeLenses(analysis) : [];
}));

connection.onRequest('cekPolicy/controls', guarded('cekPolicy/controls', [] as { id: string; title: string }[], (params?: { uri?: string }) => {
  const catalog = (typeof params?.uri === 'string' && current(params.uri)?.loaded.catalog) || configs.forPath(undefined).catalog;
  return catalog.all().map((control) => ({ id: control.id, title: control.title }));
}));
connection.onRequest('cekPolicy/controlMarkdown', guarded('cekPolicy/controlMarkdown', null as string | null, (params: { id?: unknown; uri?: unknown }) => {
  if (typeof params?.id !== 'string') return null;
  const catalog = (typeof params.uri === 'string' && current(params.uri)?.loaded.catalog) || configs.forPath(undefined).catalog;
  const control = catalog.resolve(params.id)?.control;
  return control ? controlPage(control) : null;
}));

// The last line of defence: log and keep serving the other documents.
process.on('uncaughtException', (error) => logFailure('a scheduled job', error, undefined));
process.on('unhandledRejection', (error) => logFailure('a promise', error, undefined));

registerCompliance(connection, documents, configs, current);

documents.listen(connection);
connection.listen();
