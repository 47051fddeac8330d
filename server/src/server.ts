import { CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { systemToday } from './clock';
import { CONFIG_FILE_NAME, parseConfigText } from './engine/config/config';
import { LineIndex } from './engine/parse/text';
import { analyze, ConfigStore, DEFAULT_SETTINGS, pathOfUri, type Analysis, type EditorSettings } from './features/analysis';
import { codeActions, FIX_ALL_KIND, MIGRATE_KIND } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { registerCompliance } from './features/compliance';
import { folderSettings } from './features/folderSettings';
import { completion } from './features/completion';
import { controlPage } from './features/controlMarkdown';
import { toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { toRange } from './features/positions';
import { documentSymbols } from './features/symbols';
import { answerInfoFlags } from './serverArgs';

if (answerInfoFlags(process.argv.slice(2), (text) => process.stdout.write(text))) process.exit(0);

/** Wiring only: every answer comes from the engine and the feature modules. */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const configs = new ConfigStore();
const analyses = new Map<string, Analysis>();
const timers = new Map<string, NodeJS.Timeout>();
const DEBOUNCE_MS = 150;
let canAskConfiguration = false;

connection.onInitialize((params) => {
  canAskConfiguration = Boolean(params.capabilities.workspace?.configuration);
  const initial = params.initializationOptions?.settings as Partial<EditorSettings> | undefined;
  if (initial) configs.settings = { ...DEFAULT_SETTINGS, ...initial };
  return {
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
});

connection.onInitialized(async () => {
  if (canAskConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  }
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
  await refreshSettings();
});

async function refreshSettings(): Promise<void> {
  if (canAskConfiguration) {
    try {
      const [settings] = await connection.workspace.getConfiguration([{ section: 'cekPolicy' }]);
      configs.settings = { ...DEFAULT_SETTINGS, ...(settings ?? {}) };
      configs.folderSettings = await folderSettings(connection);
    } catch {
      configs.settings = DEFAULT_SETTINGS;
    }
  }
  configs.clear();
  analyses.clear();
  for (const document of documents.all()) schedule(document, 0);
}

connection.onDidChangeConfiguration(async (change) => {
  if (!canAskConfiguration && change.settings?.cekPolicy) configs.settings = { ...DEFAULT_SETTINGS, ...change.settings.cekPolicy };
  await refreshSettings();
});

connection.onDidChangeWatchedFiles(() => void refreshSettings());

/** The analysis of a document's current version: cached, computed on demand when the cache is stale. */
function current(uri: string): Analysis | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = analyses.get(uri);
  if (cached && cached.version === document.version) return cached;
  if (!configs.settingsFor(pathOfUri(uri)).enable) return undefined;
  const analysis = analyze(uri, document.version, document.getText(), document.languageId, configs, systemToday());
  if (analysis) analyses.set(uri, analysis);
  return analysis;
}

/** Debounced validation; a newer change cancels the pending run, and results for an old version are never sent. */
function schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
  clearTimeout(timers.get(document.uri));
  timers.set(document.uri, setTimeout(() => {
    timers.delete(document.uri);
    const latest = documents.get(document.uri);
    if (!latest || latest.version !== document.version) return;
    if (isConfigFile(latest.uri)) return publishConfigProblems(latest.uri, latest.getText(), latest.version);
    const analysis = current(latest.uri);
    if (documents.get(latest.uri)?.version !== latest.version) return;
    const diagnostics: Diagnostic[] = analysis && analysis.result.isPolicy ? toDiagnostics(analysis) : [];
    void connection.sendDiagnostics({ uri: latest.uri, version: latest.version, diagnostics });
    if (analysis?.loaded.file && analysis.loaded.problems.length > 0) {
      const configUri = pathToFileURL(analysis.loaded.file).href;
      if (!documents.get(configUri)) publishConfigProblems(configUri, readFileSync(analysis.loaded.file, 'utf8'));
    }
  }, delay));
}

function isConfigFile(uri: string): boolean {
  return (pathOfUri(uri) ?? uri).endsWith(CONFIG_FILE_NAME);
}

function publishConfigProblems(uri: string, text: string, version?: number): void {
  const lines = new LineIndex(text);
  const diagnostics = parseConfigText(text).problems.map((problem): Diagnostic => ({ range: toRange(lines, problem.span), severity: 1, source: 'cek-policy', code: 'config', message: problem.message }));
  void connection.sendDiagnostics({ uri, version, diagnostics });
}

documents.onDidOpen((event) => schedule(event.document, 0));
documents.onDidChangeContent((event) => {
  if (isConfigFile(event.document.uri)) void refreshSettings();
  schedule(event.document);
});
documents.onDidClose((event) => {
  clearTimeout(timers.get(event.document.uri));
  timers.delete(event.document.uri);
  analyses.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onHover((params) => {
  const analysis = current(params.textDocument.uri);
  return analysis ? hover(analysis, params.position) : null;
});
connection.onCompletion((params) => {
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? completion(analysis, params.position) : [];
});
connection.onCodeAction((params) => {
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? codeActions(analysis, params) : [];
});
connection.onDocumentSymbol((params) => {
  const analysis = current(params.textDocument.uri);
  return analysis?.result.isPolicy ? documentSymbols(analysis) : [];
});
connection.onCodeLens((params) => {
  const analysis = current(params.textDocument.uri);
  return analysis ? codeLenses(analysis) : [];
});

connection.onRequest('cekPolicy/controls', (params?: { uri?: string }) => {
  const catalog = (params?.uri && current(params.uri)?.loaded.catalog) || configs.forPath(undefined).catalog;
  return catalog.all().map((control) => ({ id: control.id, title: control.title }));
});
connection.onRequest('cekPolicy/controlMarkdown', (params: { id: string; uri?: string }) => {
  const catalog = (params.uri && current(params.uri)?.loaded.catalog) || configs.forPath(undefined).catalog;
  const control = catalog.resolve(params.id)?.control;
  return control ? controlPage(control) : null;
});

registerCompliance(connection, documents, configs, current);

documents.listen(connection);
connection.listen();
