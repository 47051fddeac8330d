import { bomLength, LineIndex, parserText } from './text';
import { parseMarkdown, type MarkdownInfo } from './markdown';
import { entryOf, parseYaml, type PMap, type ParsedYaml } from './yamlModel';
import { MarkdownTooComplex } from './markdownTree';
import { BINARY_REFUSAL, complexityRefusal, depthRefusal, emphasisRefusal, looksBinary, MAX_EMPHASIS_MARKERS, MAX_NESTING_DEPTH, MAX_POLICY_BYTES, SNIFF_BYTES, sizeRefusal, type Checkpoint } from './limits';
import type { Source } from './source';
import type { Span } from '../types';
import { append } from '../arrays';

export { MAX_POLICY_BYTES } from './limits';

export type PolicyFormat = 'yaml' | 'markdown';

/** A source file as parsed: the YAML root (or Markdown front matter) as a value tree, plus Markdown structure. */
export interface PolicyDocument {
  fileName: string;
  format: PolicyFormat;
  /** The text as given (a BOM included): every span and edit is an offset into it. */
  text: string;
  lines: LineIndex;
  /** The root mapping (YAML root or front matter), when there is one. */
  root?: PMap;
  markdown?: MarkdownInfo;
  /** `rule`: the rule that reports it, when not parse-error (document-too-complex). */
  parseErrors: { message: string; span: Span; rule?: 'document-too-complex' }[];
  /** YAML `#` comments and Markdown HTML comments: where suppression directives live. */
  comments: { text: string; span: Span }[];
  /** `kind: crypto-policy` is present. */
  hasPolicyMarker: boolean;
  /** Where "X is missing" findings point: the `kind` key, else the first heading, else the start. */
  anchor: Span;
  /** Set when the file was refused unparsed (size, binary, encoding, nesting): the one parse error says why. */
  refused?: boolean;
}

/** The fault seam's marker, read once (the environment is a call into C++ at every read, and this is read per document). */
const INJECTED_FAULT = process.env.CEK_POLICY_INJECT_FAULT;

export function formatOf(fileName: string, languageId?: string): PolicyFormat | undefined {
  if (languageId === 'markdown') return 'markdown';
  if (languageId === 'yaml') return 'yaml';
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/**
 * The format of text that comes without a name (standard input without --stdin-filename), from its structure, never
 * from a pattern over it: front matter followed by Markdown, or text that is not one YAML mapping but has Markdown
 * headings, is Markdown; anything else is YAML (as before, so a broken YAML policy still gets its parse error).
 * A YAML file's `# comments` look like headings to a Markdown parser, so a clean YAML mapping wins over headings.
 */
export function sniffFormat(text: string): PolicyFormat {
  const source = parserText(text);
  const start = bomLength(source);
  // What would be refused unparsed is left to the refusal (stated in the YAML format, as before).
  if (refusalOf(text, 'markdown')) return 'yaml';
  const markdown = parseMarkdown(source);
  const frontMatter = markdown.frontMatter?.fenced ? markdown.frontMatter : undefined;
  if (frontMatter) {
    const rest = source.slice(frontMatter.span.end);
    if (rest.trim() === '') return 'markdown';
    const after = parseYaml(rest, 0);
    if (after.errors.length > 0 || after.root?.kind !== 'map' || markdown.firstHeadingSpan) return 'markdown';
  }
  const yaml = parseYaml(source.slice(start), start);
  if (yaml.errors.length === 0 && yaml.root?.kind === 'map') return 'yaml';
  return markdown.firstHeadingSpan ? 'markdown' : 'yaml';
}

/**
 * Where text enters the engine. A leading BOM is skipped (the parsers start after it, every offset still counts it),
 * lone CRs are line ends for every parser, and refusals (size in UTF-8 bytes, binary data, nesting, Markdown too
 * dense to parse in time) are decided here, the same way for the CLI and the editor. `checkpoint`: see Checkpoint.
 */
export function parsePolicyDocument(text: string, fileName: string, format: PolicyFormat = formatOf(fileName) ?? 'yaml', checkpoint?: Checkpoint): PolicyDocument {
  const fault = INJECTED_FAULT;
  // Test seam for the containment tests of the server and the CLI: a failure where no rule can catch it.
  if (fault && text.includes(fault)) throw new Error('injected fault (CEK_POLICY_INJECT_FAULT)');
  const lines = new LineIndex(text);
  const start = bomLength(text);
  const document: PolicyDocument = {
    fileName, format, text, lines, parseErrors: [], comments: [], hasPolicyMarker: false, anchor: { start, end: start },
  };
  const refusal = refusalOf(text, format);
  if (refusal) return refuse(document, refusal.message, refusal.at, text.slice(0, SNIFF_BYTES));
  const source = parserText(text);
  if (format === 'markdown') {
    let markdown: MarkdownInfo;
    try {
      markdown = parseMarkdown(source, checkpoint);
    } catch (error) {
      if (!(error instanceof MarkdownTooComplex)) throw error;
      refuse(document, complexityRefusal(error.what), error.at, text.slice(0, SNIFF_BYTES));
      document.parseErrors[0].rule = 'document-too-complex';
      return document;
    }
    document.markdown = markdown;
    append(document.comments, markdown.comments);
    if (markdown.frontMatter) {
      const { contentStart, contentEnd } = markdown.frontMatter;
      attachYaml(document, parseYaml(source.slice(contentStart, contentEnd), contentStart, checkpoint));
    }
    if (!document.hasPolicyMarker) document.anchor = markdown.firstHeadingSpan ?? document.anchor;
  } else {
    attachYaml(document, parseYaml(source.slice(start), start, checkpoint));
  }
  return document;
}

/** A file refused before its text was read (not a regular file, too large, not UTF-8); `head` tells if it is a policy. */
export function refusedDocument(fileName: string, format: PolicyFormat, message: string, head: string): PolicyDocument {
  const document: PolicyDocument = {
    fileName, format, text: '', lines: new LineIndex(''), parseErrors: [], comments: [], hasPolicyMarker: false, anchor: { start: 0, end: 0 },
  };
  return refuse(document, message, 0, head);
}

/** The document of a file as read from disk: parsed, or refused with the reason. */
export function documentFromSource(source: Source, fileName: string, format: PolicyFormat = formatOf(fileName) ?? 'yaml'): PolicyDocument {
  return source.kind === 'text' ? parsePolicyDocument(source.text, fileName, format) : refusedDocument(fileName, format, source.message, source.head);
}

function refuse(document: PolicyDocument, message: string, at: number, head: string): PolicyDocument {
  document.refused = true;
  document.parseErrors.push({ message, span: { start: at, end: at } });
  document.hasPolicyMarker = sniffMarker(head, document.format);
  return document;
}

function attachYaml(document: PolicyDocument, parsed: ParsedYaml): void {
  append(document.parseErrors, parsed.errors);
  append(document.comments, parsed.comments);
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

function refusalOf(text: string, format: PolicyFormat): { message: string; at: number } | undefined {
  // UTF-16 length bounds the UTF-8 size from below, so the exact count runs only near the limit.
  if (text.length > MAX_POLICY_BYTES / 3) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_POLICY_BYTES) return { message: sizeRefusal(bytes), at: bomLength(text) };
  }
  if (looksBinary(text)) return { message: BINARY_REFUSAL, at: bomLength(text) };
  return format === 'markdown' ? markdownRefusal(text) : undefined;
}

/**
 * Whether a file refused unparsed is a policy (so the refusal is reported rather than the file skipped): the YAML
 * root, or the front matter, of its head has `kind: crypto-policy`. Read from the YAML token stream only, which
 * does not recurse; the Markdown front matter is the first line `---` up to the next `---` or `...` line.
 */
export function sniffMarker(head: string, format: PolicyFormat): boolean {
  const text = parserText(head.slice(bomLength(head), SNIFF_BYTES));
  if (format === 'yaml') return parseYaml(text, 0).marker;
  const lines = text.split('\n');
  if (lines[0].replace(/\r$/, '').trimEnd() !== '---') return false;
  const close = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*\r?$/.test(line));
  if (close < 0) return false;
  return parseYaml(lines.slice(1, close).join('\n'), 0).marker;
}

/**
 * Markdown the parser cannot take in bounded time or stack, found by a linear scan of line prefixes (a size
 * guard, not a parse): container nesting (block quotes `>`, list markers, and their indentation at two columns a level)
 * deeper than the limit, or a paragraph with more emphasis markers than the limit (the parser's emphasis
 * matching is quadratic). Paragraph candidates end at blank lines and at bullet items; in a table (a header row
 * followed by a delimiter row with as many cells) every row is counted on its own, and the whole table against
 * four times the limit.
 */
function markdownRefusal(text: string): { message: string; at: number } | undefined {
  // Emphasis markers are counted line by line only when the whole text has more than the limit.
  const countMarkers = occurrencesOver(text, '*', '_', MAX_EMPHASIS_MARKERS);
  const lineBreak = /[\r\n]/g;
  let paragraph = 0;
  let block = 0;
  let blockStart = 0;
  let inTable = false;
  let previous: { start: number; end: number } | undefined;
  let lineStart = bomLength(text);
  while (lineStart <= text.length) {
    lineBreak.lastIndex = lineStart;
    const lineEnd = lineBreak.exec(text)?.index ?? text.length;
    const prefix = containerPrefix(text, lineStart, lineEnd);
    if (prefix.depth > MAX_NESTING_DEPTH) return { message: depthRefusal(), at: lineStart };
    const blank = prefix.contentStart === lineEnd;
    if (blank || prefix.startsItem) {
      block = 0;
      blockStart = lineStart;
      inTable = false;
    }
    if (blank || prefix.startsItem || inTable) paragraph = 0;
    if (!inTable && previous && isTableDelimiterRow(text, prefix.contentStart, lineEnd)
      && cellCount(text, prefix.contentStart, lineEnd) === cellCount(text, previous.start, previous.end)) {
      inTable = true;
      paragraph = 0;
    }
    let markers = 0;
    if (countMarkers) {
      for (let i = prefix.contentStart; i < lineEnd; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 42 /* * */ || ch === 95 /* _ */) markers++;
      }
    }
    paragraph += markers;
    block += markers;
    if (paragraph > MAX_EMPHASIS_MARKERS || block > 4 * MAX_EMPHASIS_MARKERS) return { message: emphasisRefusal(), at: blockStart };
    previous = blank ? undefined : { start: prefix.contentStart, end: lineEnd };
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
  }
  return undefined;
}

/** Whether the text holds more than `limit` occurrences of `a` and `b` together (the string's own search). */
function occurrencesOver(text: string, a: string, b: string, limit: number): boolean {
  let count = 0;
  for (const character of [a, b]) {
    for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) if (++count > limit) return true;
  }
  return false;
}

/** Cells of a table row: unescaped pipes split them; a leading and a trailing pipe do not add a cell. */
function cellCount(text: string, start: number, end: number): number {
  let content = text.slice(start, end).trim();
  if (content.startsWith('|')) content = content.slice(1);
  if (content.endsWith('|') && !content.endsWith('\\|')) content = content.slice(0, -1);
  let cells = 1;
  for (let i = 0; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content[i] === '|') cells++;
  }
  return cells;
}

/** The container markers that open a line: their estimated nesting depth, and whether the line starts a list item. */
function containerPrefix(text: string, start: number, end: number): { depth: number; contentStart: number; startsItem: boolean } {
  let depth = 0;
  let columns = 0;
  let startsItem = false;
  let i = start;
  while (i < end) {
    const ch = text.charCodeAt(i);
    if (ch === 32) {
      columns++;
      i++;
    } else if (ch === 9) {
      columns += 4;
      i++;
    } else if (ch === 62 /* > */) {
      depth++;
      i++;
    } else if ((ch === 45 || ch === 43 || ch === 42) && (i + 1 === end || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) {
      depth++;
      startsItem = i + 1 < end;
      i++;
    } else {
      let digits = i;
      while (digits < end && digits - i < 9 && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
      const delimiter = text.charCodeAt(digits);
      if (digits > i && (delimiter === 46 || delimiter === 41) && (digits + 1 === end || text.charCodeAt(digits + 1) === 32)) {
        depth++;
        startsItem = digits - i === 1 && text.charCodeAt(i) === 49;
        i = digits + 1;
      } else break;
    }
  }
  // Indentation nests only with a container marker on the line (a deeply indented code line is one level).
  return { depth: depth > 0 ? depth + Math.floor(columns / 2) : 0, contentStart: i, startsItem };
}

/** A GFM table delimiter row: only pipes, dashes, colons and blanks, with a pipe and a dash. */
function isTableDelimiterRow(text: string, start: number, end: number): boolean {
  let pipe = false;
  let dash = false;
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '|') pipe = true;
    else if (ch === '-') dash = true;
    else if (ch !== ':' && ch !== ' ' && ch !== '\t') return false;
  }
  return pipe && dash;
}
