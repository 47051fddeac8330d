import type { Diagnostic } from 'vscode-languageserver';
import type { Catalog } from '../engine/config/catalog';
import type { ActorInference } from '../engine/evidence/actor';
import type { DutyValue, RoleSource, TextValue } from '../engine/evidence/types';
import { PolicyModel, type RoleModel } from '../engine/model/model';
import type { PolicyFormat } from '../engine/parse/document';
import type { MarkdownSection } from '../engine/parse/markdown';
import { LineIndex } from '../engine/parse/text';
import { reportSource, type ReportSource } from '../engine/report/compliance';
import type { Finding, Span } from '../engine/types';
import type { PolicySetSummary } from '../engine/sets/policySet';
import { pathOfUri, type Analysis } from './analysis';
import { baselinedIn } from './baseline';
import { toDiagnostics } from './diagnostics';
import { cbomDiagnostics } from './cbom';
import { keyOutline, type KeyOutline } from './outline';

/** A role as the features show it: hover on its duties, the outline, completion of role ids. */
export interface ViewRole {
  id?: TextValue;
  title?: TextValue;
  assignee?: TextValue;
  responsibilities: DutyValue[];
  span: Span;
  source: RoleSource;
}

/** A Markdown section as the outline shows it. */
export type ViewSection = Pick<MarkdownSection, 'heading' | 'depth' | 'span' | 'headingSpan'>;

/** What is needed of a version at once: its diagnostics, made in the worker (which has the line index already). */
export interface ViewHead {
  uri: string;
  version: number;
  fileName: string;
  format: PolicyFormat;
  /** The date the document was judged on. */
  today: string;
  isPolicy: boolean;
  /** The open findings, as published (empty for a document that is not a policy). */
  diagnostics: Diagnostic[];
  /** A policy's YAML root or front matter (also while it does not parse: the parser's recovered tree), as its outline. */
  outline?: KeyOutline;
  /** How long the check took in the worker, in milliseconds (about what the next check of the document will take). */
  checkMs: number;
  /** Set on a worker's first check: its time includes the worker's warm-up (130 ms for a 300-line policy, 7-20 ms after). */
  warmingUp?: true;
  /** The policy refers to other documents (its set): it is checked again when files of the workspace change. */
  refersToOthers?: true;
}

/** What the other features need of it: read when the first of them asks. */
export interface ViewDetails {
  /** Sorted by position; suppressed findings are kept with `suppression` set. */
  findings: Finding[];
  /** A Markdown policy's sections, first heading and front matter. */
  markdown?: { sections: ViewSection[]; firstHeadingSpan?: Span; frontMatter?: { contentStart: number; contentEnd: number } };
  /** The roles section of the body (an index into `markdown.sections`). */
  rolesSection?: number;
  /** The policy's roles; while the document does not parse, those of the recovered tree (completion offers their ids). */
  roles: ViewRole[];
  requirements: ReportSource['requirements'];
  /** Every judged control's status (the CEK domain and user catalogs' judged controls). */
  controls?: ReportSource['controls'];
  /** Set when the document was read as a policy, that is when it parsed. */
  actor?: ActorInference;
  id?: string;
  title?: string;
  /** The policy set, when references were resolved (the report of an open document shows it). */
  set?: PolicySetSummary;
  cryptography?: ReportSource['cryptography'];
}

/**
 * What the editor features read of one analysed version of a document, as plain data. The check worker makes it
 * from the full analysis (no model, no statements, no parser output beyond the value tree) and sends it to the main
 * thread, which keeps it per open document and answers every request from it: diagnostics, hover, completion,
 * outline, code lens, quick fixes, the report of an open document. The main thread never runs the rules. The text
 * and its line index are the main thread's own (the text it sent to be checked, not a copy), and so is the catalog.
 */
export interface FeatureView extends ViewHead, ViewDetails, ReportSource {
  /** The controls the document was checked against. */
  catalog: Catalog;
}

/**
 * A view as the worker sends it. The details travel as UTF-8 JSON in a buffer the worker hands over (no copy), read
 * on the main thread only when a request about this document needs them, and the value tree as its outline (typed
 * arrays, handed over too). A 5k-line policy's value tree is ~7,000 objects: taking them in as a structured clone
 * on every check took the main thread 10 ms, which held up requests about other documents, and the diagnostics.
 */
export interface CheckedView {
  head: ViewHead;
  details: Uint8Array;
}

/** In the worker: the plain data the features need from an analysis, and nothing else. */
export function checkedView(analysis: Analysis, checkMs: number, warmingUp = false): CheckedView {
  const { result, uri, version, today } = analysis;
  const { document } = result;
  const baselined = result.isPolicy ? baselinedIn(pathOfUri(uri), analysis.loaded.file, document.text, result.findings) : undefined;
  const diagnostics = result.isPolicy ? [...toDiagnostics({ uri, version, lines: document.lines, findings: result.findings, baselined }), ...cbomDiagnostics(analysis)] : [];
  const head: ViewHead = { uri, version, today, fileName: document.fileName, format: document.format, isPolicy: result.isPolicy, diagnostics, checkMs, ...(warmingUp ? { warmingUp } : {}), ...(result.isPolicy && document.root ? { outline: keyOutline(document.root) } : {}), ...(result.isPolicy && result.set?.dependsOnProject ? { refersToOthers: true as const } : {}) };
  if (!result.isPolicy) return { head, details: encode({ findings: result.findings, roles: [], requirements: [] }) };
  const report = reportSource(result);
  const details: ViewDetails = {
    findings: result.findings,
    roles: [],
    requirements: result.requirements.map(({ ref, status, evidence, findings, reason }) => ({ ref, status, evidence, findings, reason })),
    controls: result.controls.map((control) => ({ ...control, requirements: control.requirements.map(({ ref, status, elements, evidence, findings, reason }) => ({ ref, status, elements: elements.map(({ id, label, met }) => ({ id, label, met })), evidence, findings, reason })) })),
    actor: report.actor,
    id: report.id,
    title: report.title,
    ...(report.set ? { set: report.set } : {}),
    ...(report.cryptography ? { cryptography: report.cryptography } : {}),
  };
  const markdown = document.markdown;
  if (markdown) {
    const sections = markdown.sections.map(({ heading, depth, span, headingSpan }) => ({ heading, depth, span, headingSpan }));
    const front = markdown.frontMatter;
    details.markdown = { sections, firstHeadingSpan: markdown.firstHeadingSpan, ...(front ? { frontMatter: { contentStart: front.contentStart, contentEnd: front.contentEnd } } : {}) };
  }
  // While the user types the document often does not parse; the parser's recovered tree still knows the roles.
  const policy = result.policy ?? (document.root ? new PolicyModel(document) : undefined);
  details.roles = (policy?.roles ?? []).map(viewRole);
  const rolesSection = result.policy?.section('roles');
  if (rolesSection && markdown) details.rolesSection = markdown.sections.indexOf(rolesSection);
  return { head, details: encode(details) };
}

/** What the worker hands over instead of copying: the buffers of the details and of the outline. */
export function transferables(view: CheckedView): ArrayBuffer[] {
  const buffers = [view.details.buffer, view.head.outline?.nodes.buffer, view.head.outline?.edges.buffer];
  return buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/**
 * UTF-8 in a buffer of its own, so that it can be handed over to another thread: Buffer.from gives a large text one
 * (and is ten times faster than TextEncoder at this size), a short one is a slice of Node's shared pool, so it is copied.
 */
function encode(details: ViewDetails): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(details), 'utf8');
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

function viewRole(role: RoleModel): ViewRole {
  const { id, title, assignee, responsibilities, span, source } = role;
  return { id, title, assignee, responsibilities, span, source };
}

/** On the main thread: the view of the text that was sent to be checked, against the catalog of its configuration. */
export function featureView(checked: CheckedView, text: string, catalog: Catalog): FeatureView {
  return new ReceivedView(checked, text, catalog);
}

/** The head at once; the details and the line index when a request first needs them. */
class ReceivedView implements FeatureView {
  readonly uri: string;
  readonly version: number;
  readonly fileName: string;
  readonly format: PolicyFormat;
  readonly today: string;
  readonly isPolicy: boolean;
  readonly diagnostics: Diagnostic[];
  readonly outline: KeyOutline | undefined;
  readonly checkMs: number;
  readonly warmingUp: true | undefined;
  readonly refersToOthers: true | undefined;
  private encoded: Uint8Array | undefined;
  private parsed: ViewDetails | undefined;
  private lineIndex: LineIndex | undefined;

  constructor(checked: CheckedView, readonly text: string, readonly catalog: Catalog) {
    ({ uri: this.uri, version: this.version, fileName: this.fileName, format: this.format, today: this.today, isPolicy: this.isPolicy, diagnostics: this.diagnostics, outline: this.outline, checkMs: this.checkMs, warmingUp: this.warmingUp, refersToOthers: this.refersToOthers } = checked.head);
    this.encoded = checked.details;
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  private get details(): ViewDetails {
    if (!this.parsed) {
      this.parsed = JSON.parse(new TextDecoder().decode(this.encoded)) as ViewDetails;
      this.encoded = undefined;
    }
    return this.parsed;
  }

  get findings() { return this.details.findings; }
  get markdown() { return this.details.markdown; }
  get rolesSection() { return this.details.rolesSection; }
  get roles() { return this.details.roles; }
  get requirements() { return this.details.requirements; }
  get controls() { return this.details.controls; }
  get actor() { return this.details.actor; }
  get id() { return this.details.id; }
  get title() { return this.details.title; }
  get set() { return this.details.set; }
  get cryptography() { return this.details.cryptography; }
}
