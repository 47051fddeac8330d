import type { Catalog } from '../engine/config/catalog';
import type { DutyValue, RoleSource, TextValue } from '../engine/evidence/types';
import { PolicyModel, type RoleModel } from '../engine/model/model';
import type { MarkdownSection } from '../engine/parse/markdown';
import { LineIndex } from '../engine/parse/text';
import type { PMap } from '../engine/parse/yamlModel';
import { reportSource, type ReportSource } from '../engine/report/compliance';
import type { Finding, Span } from '../engine/types';
import type { Analysis } from './analysis';

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

/**
 * What the editor features read of one analysed version of a document, as plain data. The check worker makes it
 * from the full analysis; it is structured-cloned to the main thread and kept there per open document, and every
 * answer (diagnostics, hover, completion, outline, code lens, quick fixes, the report of an open document) comes
 * from it, so the main thread never runs the rules. The text and its line index are the main thread's own (the
 * text it sent to be checked, not a copy), and so is the catalog (from its own configuration store).
 */
export interface FeatureView extends ReportSource {
  uri: string;
  version: number;
  fileName: string;
  /** The date the document was judged on. */
  today: string;
  isPolicy: boolean;
  /** A policy's YAML root or front matter (also while it does not parse: the parser's recovered tree). */
  root?: PMap;
  /** A Markdown policy's sections, first heading and front matter. */
  markdown?: { sections: ViewSection[]; firstHeadingSpan?: Span; frontMatter?: { contentStart: number; contentEnd: number } };
  /** The roles section of the body (an index into `markdown.sections`). */
  rolesSection?: number;
  /** The policy's roles; while the document does not parse, those of the recovered tree (completion offers their ids). */
  roles: ViewRole[];
  /** Sorted by position; suppressed findings are kept with `suppression` set. */
  findings: Finding[];
  /** The controls the document was checked against. */
  catalog: Catalog;
  // `actor` (from ReportSource) is set when the document was read as a policy, i.e. it parsed.
}

/** A view as the worker sends it: without the text and the catalog, which the main thread has. */
export type CheckedView = Omit<FeatureView, 'text' | 'lines' | 'catalog'>;

/** In the worker: the plain data the features need from an analysis, and nothing else (no model, no statements). */
export function checkedView(analysis: Analysis): CheckedView {
  const { result, uri, version, today } = analysis;
  const { document } = result;
  const { text: _text, lines: _lines, ...report } = reportSource(result);
  const view: CheckedView = { ...report, uri, version, today, fileName: document.fileName, isPolicy: result.isPolicy, roles: [], findings: result.findings };
  if (!result.isPolicy) return { ...view, requirements: [] };
  view.requirements = result.requirements.map(({ ref, status, evidence, findings, reason }) => ({ ref, status, evidence, findings, reason }));
  view.root = document.root;
  const markdown = document.markdown;
  if (markdown) {
    const sections = markdown.sections.map(({ heading, depth, span, headingSpan }) => ({ heading, depth, span, headingSpan }));
    const front = markdown.frontMatter;
    view.markdown = { sections, firstHeadingSpan: markdown.firstHeadingSpan, ...(front ? { frontMatter: { contentStart: front.contentStart, contentEnd: front.contentEnd } } : {}) };
  }
  // While the user types the document often does not parse; the parser's recovered tree still knows the roles.
  const policy = result.policy ?? (document.root ? new PolicyModel(document) : undefined);
  view.roles = (policy?.roles ?? []).map(viewRole);
  const rolesSection = result.policy?.section('roles');
  if (rolesSection && markdown) view.rolesSection = markdown.sections.indexOf(rolesSection);
  return view;
}

function viewRole(role: RoleModel): ViewRole {
  const { id, title, assignee, responsibilities, span, source } = role;
  return { id, title, assignee, responsibilities, span, source };
}

/** On the main thread: the view of the text that was sent to be checked, against the catalog of its configuration. */
export function featureView(checked: CheckedView, text: string, catalog: Catalog): FeatureView {
  return { ...checked, text, lines: new LineIndex(text), catalog };
}
