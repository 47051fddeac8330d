import { LineIndex } from './text';
import { parseMarkdown, type MarkdownInfo } from './markdown';
import { entryOf, parseYaml, type PMap, type ParsedYaml } from './yamlModel';
import type { Span } from '../types';

export type PolicyFormat = 'yaml' | 'markdown';

/** A source file as parsed: the YAML root (or Markdown front matter) as a value tree, plus Markdown structure. */
export interface PolicyDocument {
  fileName: string;
  format: PolicyFormat;
  text: string;
  lines: LineIndex;
  yaml?: ParsedYaml;
  /** The root mapping (YAML root or front matter), when there is one. */
  root?: PMap;
  markdown?: MarkdownInfo;
  parseErrors: { message: string; span: Span }[];
  /** YAML `#` comments and Markdown HTML comments: where suppression directives live. */
  comments: { text: string; span: Span }[];
  /** `kind: crypto-policy` is present. */
  hasPolicyMarker: boolean;
  /** Where "X is missing" findings point: the `kind` key, else the first heading, else the start. */
  anchor: Span;
}

/** Files larger than this are refused with a finding rather than parsed. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;

export function formatOf(fileName: string, languageId?: string): PolicyFormat | undefined {
  if (languageId === 'markdown') return 'markdown';
  if (languageId === 'yaml') return 'yaml';
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

export function parsePolicyDocument(text: string, fileName: string, format: PolicyFormat = formatOf(fileName) ?? 'yaml'): PolicyDocument {
  const lines = new LineIndex(text);
  const document: PolicyDocument = {
    fileName, format, text, lines, parseErrors: [], comments: [], hasPolicyMarker: false, anchor: { start: 0, end: 0 },
  };
  const refusal = refusalReason(text);
  if (refusal) {
    document.parseErrors.push({ message: refusal, span: { start: 0, end: 0 } });
    return document;
  }
  if (format === 'markdown') {
    const markdown = parseMarkdown(text);
    document.markdown = markdown;
    document.comments.push(...markdown.comments);
    if (markdown.frontMatter) {
      const { contentStart, contentEnd } = markdown.frontMatter;
      attachYaml(document, parseYaml(text.slice(contentStart, contentEnd), contentStart));
    }
    if (!document.hasPolicyMarker) document.anchor = markdown.firstHeadingSpan ?? { start: 0, end: 0 };
  } else {
    attachYaml(document, parseYaml(text, 0));
  }
  return document;
}

function attachYaml(document: PolicyDocument, parsed: ParsedYaml): void {
  document.yaml = parsed;
  document.parseErrors.push(...parsed.errors);
  document.comments.push(...parsed.comments);
  document.hasPolicyMarker = parsed.marker;
  if (parsed.root?.kind === 'map') {
    document.root = parsed.root;
    const kind = entryOf(parsed.root, 'kind');
    if (kind && kind.value.kind === 'scalar' && kind.value.value === 'crypto-policy') {
      document.hasPolicyMarker = true;
      document.anchor = kind.keySpan;
    } else {
      const firstKey = parsed.root.entries[0];
      if (firstKey) document.anchor = firstKey.keySpan;
    }
  }
}

function refusalReason(text: string): string | undefined {
  if (text.length > MAX_POLICY_BYTES) {
    return `File is ${(text.length / 1024 / 1024).toFixed(1)} MB; cek-policy checks policies up to ${MAX_POLICY_BYTES / 1024 / 1024} MB.`;
  }
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return 'File contains binary data (NUL bytes); it is not a YAML or Markdown policy.';
  return undefined;
}
