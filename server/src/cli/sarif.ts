import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import type * as Sarif from 'sarif';
import { builtinCatalog, formatGuidelineRef } from '../engine/config/catalog';
import type { LineIndex } from '../engine/parse/text';
import { docsUrl, type Rule } from '../engine/rules/rule';
import { renderRuleDoc } from '../engine/rules/ruleDocs';
import type { Finding, Fix, Severity, Span } from '../engine/types';
import type { FileResult } from './output';

const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning's `problem.severity`. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
/**
 * GitHub's `security-severity` (0-10: 4-6.9 medium, 0.1-3.9 low) for the requirement rules: a gap in a
 * key-management policy is a control weakness, not an exploitable flaw, so it never rates high.
 */
const SECURITY_SEVERITY: Partial<Record<Severity, string>> = { error: '5.5', warning: '3.0' };

export interface SarifOptions {
  rules: Rule[];
  version: string;
  /** Where the tool ran: `invocations[].workingDirectory`. */
  cwd: string;
  /** URIs are relative to this folder (`%SRCROOT%`): the repository root unless --base-path says otherwise. */
  basePath: string;
  /** `automationDetails.id` (GitHub's category), when --sarif-category is given. */
  category?: string;
  /** Files that could not be read, catalogs that could not be used: the run did not fully succeed. */
  notifications: { level: 'error' | 'warning'; message: string; file?: string }[];
  informationUri?: string;
}

/** SARIF 2.1.0 for GitHub code scanning: stable fingerprints, root-relative URIs, full rule help, fixes and suppressions. */
export function formatSarif(files: FileResult[], options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const checked = files.filter((file) => file.result.isPolicy);
  const results: Sarif.Result[] = [];
  for (const file of checked) {
    const artifact = artifactLocation(file, options.basePath);
    const occurrences = new Map<string, number>();
    for (const finding of file.result.findings) {
      const lines = file.result.document.lines;
      const index = ruleIndex.get(finding.rule);
      results.push({
        ruleId: finding.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location(artifact, lines, finding.span)],
        partialFingerprints: { primaryLocationLineHash: lineHash(file, finding, occurrences) },
        ...(finding.related?.length ? { relatedLocations: finding.related.map((related, id) => ({ id, ...location(artifact, lines, related.span), message: { text: related.message } })) } : {}),
        ...(finding.fix ? { fixes: [sarifFix(artifact, lines, finding.fix)] } : {}),
        ...(finding.suppression ? { suppressions: [suppression(finding)] } : {}),
        properties: { control: finding.control, guidelines: finding.guidelines.map(formatGuidelineRef) },
      });
    }
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'cek-policy',
        version: options.version,
        semanticVersion: options.version,
        ...(options.informationUri ? { informationUri: options.informationUri } : {}),
        rules: options.rules.map(reportingDescriptor),
      },
    },
    ...(options.category !== undefined ? { automationDetails: { id: options.category.endsWith('/') ? options.category : `${options.category}/` } } : {}),
    columnKind: 'utf16CodeUnits',
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.basePath) } },
    artifacts: checked.map((file) => ({ location: artifactLocation(file, options.basePath), roles: ['analysisTarget'] })),
    results,
    invocations: [{
      executionSuccessful: !options.notifications.some((notification) => notification.level === 'error'),
      workingDirectory: { uri: directoryUri(options.cwd) },
      ...(options.notifications.length > 0 ? { toolExecutionNotifications: options.notifications.map((notification) => notificationOf(notification, options.basePath)) } : {}),
    }],
  };
  const log: Sarif.Log = { $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json', version: '2.1.0', runs: [run] };
  return JSON.stringify(log, null, 2);
}

function reportingDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  const requirement = rule.summary !== false;
  const help = renderRuleDoc(rule, builtinCatalog());
  const securitySeverity = requirement ? SECURITY_SEVERITY[rule.severity] : undefined;
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description.split(/(?<=\.)\s/)[0] },
    fullDescription: { text: rule.description },
    helpUri: docsUrl(rule.id),
    // The same text as docs/rules/<id>.md (generated from the registry by the same function), so it reads offline.
    help: { text: plainText(help), markdown: help },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      // Requirement rules read evidence that Markdown prose can phrase in many ways; the structural rules are exact.
      precision: requirement ? 'high' : 'very-high',
      'problem.severity': PROBLEM_SEVERITY[rule.severity],
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      tags: [...(requirement ? ['security', 'compliance'] : ['correctness']), rule.control],
      control: rule.control,
      guidelines: rule.guidelines.map(formatGuidelineRef),
      fixable: rule.fixable || 'no',
    },
  };
}

/** Plain text of a Markdown doc: one paragraph per block, no markup. */
function plainText(markdown: string): string {
  return fromMarkdown(markdown).children.filter((node) => node.type !== 'html').map((node) => toString(node)).join('\n\n');
}

/**
 * A hash of what the finding is about, not of where it is: the rule, the text of its first line and the
 * flagged text, plus how many identical ones came before it. Edits elsewhere in the file leave it unchanged,
 * so code scanning keeps one alert per finding across commits (the shape GitHub uses: `hash:occurrence`).
 */
function lineHash(file: FileResult, finding: Finding, occurrences: Map<string, number>): string {
  const { text, lines } = file.result.document;
  const line = lines.positionAt(finding.span.start).line;
  const lineText = text.slice(lines.offsetAt({ line, character: 0 }), lines.lineEnd(line));
  const key = [finding.rule, lineText.replace(/\s+/g, ' ').trim(), text.slice(finding.span.start, finding.span.end).replace(/\s+/g, ' ').trim()].join('\u0000');
  const occurrence = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, occurrence);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${occurrence}`;
}

function artifactLocation(file: FileResult, basePath: string): Sarif.ArtifactLocation {
  return artifactLocationOf(file.absolutePath, file.path, basePath);
}

/** Relative to `%SRCROOT%` when the file is under the base path (what code scanning needs), else an absolute file URI. */
function artifactLocationOf(absolutePath: string | undefined, shownPath: string, basePath: string): Sarif.ArtifactLocation {
  if (!absolutePath) return { uri: encodeURIComponent(shownPath) };
  const relativePath = relative(basePath, absolutePath);
  if (relativePath.startsWith('..') || isAbsolute(relativePath)) return { uri: pathToFileURL(absolutePath).href };
  return { uri: relativePath.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function region(lines: LineIndex, span: Span): Sarif.Region {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, charOffset: span.start, charLength: span.end - span.start };
}

function location(artifact: Sarif.ArtifactLocation, lines: LineIndex, span: Span): Sarif.Location {
  return { physicalLocation: { artifactLocation: artifact, region: region(lines, span) } };
}

function sarifFix(artifact: Sarif.ArtifactLocation, lines: LineIndex, fix: Fix): Sarif.Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation: artifact,
      replacements: fix.edits.map((edit) => ({ deletedRegion: region(lines, edit), insertedContent: { text: edit.newText } })),
    }],
  };
}

function suppression(finding: Finding): Sarif.Suppression {
  const { justification, until } = finding.suppression!;
  return {
    kind: 'inSource',
    status: 'accepted',
    ...(justification ? { justification } : {}),
    ...(until ? { properties: { until } } : {}),
  };
}

function notificationOf(notification: SarifOptions['notifications'][number], basePath: string): Sarif.Notification {
  return {
    level: notification.level,
    message: { text: notification.message },
    ...(notification.file ? { locations: [{ physicalLocation: { artifactLocation: artifactLocationOf(notification.file, notification.file, basePath) } }] } : {}),
  };
}
