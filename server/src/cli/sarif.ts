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
import type { Finding, Severity } from '../engine/types';
import type { FileFinding, Region } from './checkFile';
import { JsonArrayStream } from './output';
import { CBOM_CONTROL, CBOM_FINDINGS } from '../engine/crypto/cbom';

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
  informationUri?: string;
  /** A baseline is in use: each result says whether it is new or held by the baseline (`baselineState`). */
  baseline?: boolean;
  /** `check --cbom`: the findings of policy against practice are described beside the registry's rules. */
  cbom?: boolean;
}

/** Files that could not be read or checked, catalogs that could not be used: the run did not fully succeed. */
export type SarifNotification = { level: 'error' | 'warning'; message: string; file?: string };

/** A file as SARIF lists it: where it is, and whether it was checked as a policy. */
export interface SarifFile {
  /** The path as printed. */
  path: string;
  /** Undefined for standard input without --stdin-filename. */
  absolutePath?: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning (stable fingerprints, root-relative URIs, full rule help, fixes and
 * suppressions), written as the results come: results stream out file by file; only the artifact list (one
 * short entry per policy) and the notifications are held until the end, where they follow the results.
 */
export class SarifWriter {
  private readonly ruleIndex: Map<string, number>;
  private readonly driver: Sarif.ToolComponent;
  private readonly artifacts: Sarif.Artifact[] = [];
  private notifications: SarifNotification[] = [];
  private readonly results: JsonArrayStream;

  constructor(write: (chunk: string) => void, private readonly options: SarifOptions) {
    const descriptors = [...options.rules.map(reportingDescriptor), ...(options.cbom ? CBOM_FINDINGS.map(cbomDescriptor) : [])];
    this.ruleIndex = new Map(descriptors.map((descriptor, index) => [descriptor.id, index]));
    this.driver = {
      name: 'cek-policy',
      version: options.version,
      semanticVersion: options.version,
      ...(options.informationUri ? { informationUri: options.informationUri } : {}),
      rules: descriptors,
    };
    this.results = new JsonArrayStream(write, (results) => JSON.stringify(this.log(results), null, 2));
  }

  /** Files that were not read or decoded (each has its finding too), noted as the run goes. */
  private readonly unread: SarifNotification[] = [];

  file(file: SarifFile, outcome: { isPolicy: boolean; findings: FileFinding[]; unread?: string }): void {
    if (!outcome.isPolicy) return;
    if (outcome.unread !== undefined) this.unread.push({ level: 'error', message: `${file.path} was not checked: ${outcome.unread}`, ...(file.absolutePath !== undefined ? { file: file.absolutePath } : {}) });
    const artifact = artifactLocationOf(file.absolutePath, file.path, this.options.basePath);
    this.artifacts.push({ location: artifact, roles: ['analysisTarget'] });
    for (const finding of outcome.findings) {
      const index = this.ruleIndex.get(finding.rule);
      const result: Sarif.Result = {
        ruleId: finding.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location(artifact, finding.region)],
        partialFingerprints: { primaryLocationLineHash: finding.fingerprint ?? missingFingerprint(finding.rule) },
        ...(finding.related?.length ? { relatedLocations: finding.related.map((related, id) => ({ id, ...location(related.file ? artifactLocationOf(related.file.absolutePath, related.file.path, this.options.basePath) : artifact, related.region), message: { text: related.message } })) } : {}),
        ...(finding.fix ? { fixes: [sarifFix(artifact, finding.fix)] } : {}),
        ...(finding.suppression ? { suppressions: [suppression(finding.suppression)] } : finding.baselined ? { suppressions: [BASELINE_SUPPRESSION] } : {}),
        ...(this.options.baseline ? { baselineState: finding.baselined ? 'unchanged' as const : 'new' as const } : {}),
        properties: { control: finding.control, guidelines: finding.guidelines, ...(finding.omitted !== undefined ? { omitted: finding.omitted } : {}), ...(finding.cbom ? { cbom: finding.cbom } : {}) },
      };
      this.results.item(result);
    }
  }

  /** Closes the log; `notifications`: files that could not be read or checked, catalogs that could not be used. */
  end(notifications: SarifNotification[]): void {
    this.notifications = [...notifications, ...this.unread];
    this.results.end();
  }

  private log(results: unknown): Sarif.Log {
    const { options } = this;
    const run = {
      tool: { driver: this.driver },
      ...(options.category !== undefined ? { automationDetails: { id: options.category.endsWith('/') ? options.category : `${options.category}/` } } : {}),
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.basePath) } },
      results,
      artifacts: this.artifacts,
      invocations: [{
        executionSuccessful: !this.notifications.some((notification) => notification.level === 'error'),
        workingDirectory: { uri: directoryUri(options.cwd) },
        ...(this.notifications.length > 0 ? { toolExecutionNotifications: this.notifications.map((notification) => notificationOf(notification, options.basePath)) } : {}),
      }],
    } as Sarif.Run;
    return { $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json', version: '2.1.0', runs: [run] };
  }
}

function reportingDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  const requirement = rule.summary !== false;
  const help = renderRuleDoc(rule, builtinCatalog());
  const securitySeverity = requirement ? SECURITY_SEVERITY[rule.severity] : undefined;
  const helpUri = docsUrl(rule.id);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description.split(/(?<=\.)\s/)[0] },
    fullDescription: { text: rule.description },
    ...(helpUri ? { helpUri } : {}),
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

/** A finding of `check --cbom` (not a rule of the registry: see CBOM_FINDINGS), described as the algorithm rules are. */
function cbomDescriptor(finding: (typeof CBOM_FINDINGS)[number]): Sarif.ReportingDescriptor {
  const helpUri = docsUrl('cbom');
  return {
    id: finding.id,
    name: finding.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
    shortDescription: { text: finding.description },
    fullDescription: { text: finding.description },
    ...(helpUri ? { helpUri } : {}),
    help: { text: finding.description, markdown: finding.description },
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: {
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[finding.severity],
      ...(SECURITY_SEVERITY[finding.severity] ? { 'security-severity': SECURITY_SEVERITY[finding.severity] } : {}),
      tags: ['security', 'compliance', CBOM_CONTROL],
      control: CBOM_CONTROL,
      fixable: 'no',
    },
  };
}

/** Plain text of a Markdown doc: one paragraph per block, no markup. */
function plainText(markdown: string): string {
  return fromMarkdown(markdown).children.filter((node) => node.type !== 'html').map((node) => toString(node)).join('\n\n');
}

/**
 * A hash of what the finding is about, not of where it is: the rule, the text of its first line and the
 * flagged text, plus how many identical ones came before it in the file. Edits elsewhere in the file leave it
 * unchanged, so code scanning keeps one alert per finding across commits (the shape GitHub uses: `hash:occurrence`).
 */
export function lineFingerprint(text: string, lines: LineIndex, finding: Finding, occurrences: Map<string, number>): string {
  const line = lines.positionAt(finding.span.start).line;
  const lineText = text.slice(lines.offsetAt({ line, character: 0 }), lines.lineEnd(line));
  const key = [finding.rule, lineText.replace(/\s+/g, ' ').trim(), text.slice(finding.span.start, finding.span.end).replace(/\s+/g, ' ').trim()].join('\u0000');
  const occurrence = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, occurrence);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${occurrence}`;
}

/** SARIF runs compute every fingerprint (CheckContext.fingerprints); one missing is a bug, never an empty hash. */
function missingFingerprint(rule: string): never {
  throw new Error(`a ${rule} finding reached the SARIF output without its fingerprint`);
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

function location(artifact: Sarif.ArtifactLocation, region: Region): Sarif.Location {
  return { physicalLocation: { artifactLocation: artifact, region: { ...region } } };
}

function sarifFix(artifact: Sarif.ArtifactLocation, fix: NonNullable<FileFinding['fix']>): Sarif.Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation: artifact,
      replacements: fix.replacements.map((replacement) => ({ deletedRegion: { ...replacement.region }, insertedContent: { text: replacement.text } })),
    }],
  };
}

/** A finding the baseline holds: accepted outside the file, as code scanning dismisses an alert. */
const BASELINE_SUPPRESSION: Sarif.Suppression = { kind: 'external', status: 'accepted', justification: 'recorded in the cek-policy baseline (.cekpolicy-baseline.json) when the policy was adopted' };

function suppression({ justification, until }: NonNullable<FileFinding['suppression']>): Sarif.Suppression {
  return {
    kind: 'inSource',
    status: 'accepted',
    ...(justification ? { justification } : {}),
    ...(until ? { properties: { until } } : {}),
  };
}

function notificationOf(notification: SarifNotification, basePath: string): Sarif.Notification {
  return {
    level: notification.level,
    message: { text: notification.message },
    ...(notification.file ? { locations: [{ physicalLocation: { artifactLocation: artifactLocationOf(notification.file, notification.file, basePath) } }] } : {}),
  };
}
