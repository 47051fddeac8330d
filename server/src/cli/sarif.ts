import { formatGuidelineRef } from '../engine/config/catalog';
import { docsUrl, type Rule } from '../engine/rules/rule';
import type { Finding, Fix } from '../engine/types';
import { pathToFileURL } from 'node:url';
import type { FileResult } from './output';
import type { LineIndex } from '../engine/parse/text';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0: rule metadata with help links, exact regions, fixes, and suppressions with their justification. */
export function formatSarif(files: FileResult[], rules: Rule[], version: string, cwd = process.cwd()): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = files.flatMap((file) =>
    file.result.findings.map((finding) => {
      const lines = file.result.document.lines;
      return {
        ruleId: finding.rule,
        ruleIndex: ruleIndex.get(finding.rule) ?? -1,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [location(file.path, lines, finding.span)],
        ...(finding.related?.length ? { relatedLocations: finding.related.map((related, index) => ({ id: index, ...location(file.path, lines, related.span), message: { text: related.message } })) } : {}),
        ...(finding.fix ? { fixes: [sarifFix(file.path, lines, finding.fix)] } : {}),
        ...(finding.suppression ? { suppressions: [suppression(finding)] } : {}),
        properties: { control: finding.control, guidelines: finding.guidelines.map(formatGuidelineRef) },
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cek-policy',
          version,
          semanticVersion: version,
          informationUri: 'https://github.com/cek-policy/cek-policy',
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase()),
            shortDescription: { text: rule.description.split(/(?<=\.)\s/)[0] },
            fullDescription: { text: rule.description },
            helpUri: docsUrl(rule.id),
            help: { text: `${rule.description} See ${docsUrl(rule.id)}`, markdown: `${rule.description}\n\n[Rule documentation](${docsUrl(rule.id)})` },
            defaultConfiguration: { level: LEVEL[rule.severity] },
            properties: { control: rule.control, guidelines: rule.guidelines.map(formatGuidelineRef), fixable: rule.fixable || 'no', tags: ['compliance', rule.control] },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + '/').href } },
      artifacts: files.map((file) => ({ location: { uri: uriOf(file.path), uriBaseId: 'SRCROOT' } })),
      results,
      invocations: [{ executionSuccessful: true }],
    }],
  };
  return JSON.stringify(log, null, 2);
}

function uriOf(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function region(lines: LineIndex, span: { start: number; end: number }) {
  const start = lines.positionAt(span.start);
  const end = lines.positionAt(span.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, charOffset: span.start, charLength: span.end - span.start };
}

function location(path: string, lines: LineIndex, span: { start: number; end: number }) {
  return { physicalLocation: { artifactLocation: { uri: uriOf(path), uriBaseId: 'SRCROOT' }, region: region(lines, span) } };
}

function sarifFix(path: string, lines: LineIndex, fix: Fix) {
  return {
    description: { text: fix.title },
    artifactChanges: [{
      artifactLocation: { uri: uriOf(path), uriBaseId: 'SRCROOT' },
      replacements: fix.edits.map((edit) => ({ deletedRegion: region(lines, edit), insertedContent: { text: edit.newText } })),
    }],
  };
}

function suppression(finding: Finding) {
  const { justification, until } = finding.suppression!;
  return {
    kind: 'inSource',
    status: 'accepted',
    ...(justification ? { justification } : {}),
    ...(until ? { properties: { until } } : {}),
  };
}

