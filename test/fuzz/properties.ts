/**
 * Property tests of the engine as a hostile user would drive it (fast-check): documents built from policy lines and
 * tokens, mutated, with a BOM, CR, CRLF and mixed line ends, deep nesting and many roles. `npm test` runs a
 * fixed-seed sample (test/fuzz/fuzz.test.ts); `npm run fuzz` runs 100,000 cases (test/fuzz/run.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { parseConfigText } from '../../server/src/engine/config/config';
import { checkText, type CheckResult } from '../../server/src/engine/engine';
import { applyEdits } from '../../server/src/engine/fixes/fixes';
import { LineIndex, splitsUnit, bomLength } from '../../server/src/engine/parse/text';
import type { Finding, Fix, Span } from '../../server/src/engine/types';
import { readSettings } from '../../server/src/features/settings';

const ROOT = process.cwd();
const TODAY = '2026-11-24';
/** A generous bound per check: a property, not a benchmark (the benchmark measures the worst cases). */
export const TIME_BOUND_MS = 10_000;

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const EXAMPLES = {
  yaml: [read('examples/key-management-policy.yaml'), read('examples/gaps/cloud-provider-gaps.yaml')],
  markdown: [read('examples/key-management-policy.md'), read('examples/gaps/application-policy-gaps.md')],
};
const linesOf = (texts: string[]) => [...new Set(texts.flatMap((text) => text.split('\n')))];
const YAML_LINES = linesOf(EXAMPLES.yaml);
const MARKDOWN_LINES = linesOf([...EXAMPLES.markdown, ...EXAMPLES.yaml.map((text) => text.split('\n').slice(0, 12).join('\n'))]);

/** What a hostile edit inserts: structure characters, placeholders, odd dates, comments, wide characters. */
const TOKENS = [
  '[', ']', '{', '}', ':', ': ', '- ', '#', '"', "'", '\t', '😀', '鍵', '&a ', '*a', '|', '>', '---', '...', '? ', ',', '!', '%',
  'TBD', '{{owner}}', '[Company Name]', '2026/05/04', '03/04/2026', 'kind: crypto-policy', 'crypto-policy', '<!--', '-->',
  '**Owner**: ', '| a | b |', '|---|---|', '\n', '\r', '\r\n', '  ', '\ufeff', '\\', 'null', '~', '__proto__', 'key-custodian',
  'encryption-enforcement', 'CEK-01', 'CEK-2', '# cek-policy-disable-next-line owner-missing', '<!-- cek-policy-disable -->',
  '- id: x\n    alternates: [x]\n', 'alternates: [key-custodain]', 'assignee: [Company Name]', 'trained:', '*', '_', '`',
  // Issue 23: pieces of the inputs that used to backtrack or blow up.
  '(until ', '(until 2026-01-01   )', '``', '[[', ']]', '[a](b)', 'POL-1-2-', '{{{', '{{ insert: param, p }}', '<br>', '<a ', '<!--x',
];

export interface FuzzDocument {
  text: string;
  fileName: string;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), token: fc.string({ maxLength: 4, unit: 'binary' }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  switch (change.kind) {
    case 'insert':
    case 'text':
      return text.slice(0, at) + change.token + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
  }
}

/** Nesting a little past every limit, or just under it. */
const nesting = fc.oneof(
  fc.integer({ min: 1, max: 120 }).map((depth) => `x: ${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.integer({ min: 1, max: 120 }).map((depth) => `x: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.integer({ min: 1, max: 100 }).map((depth) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k${level}:`).join('\n') + ' 1'),
  fc.integer({ min: 1, max: 120 }).map((depth) => `${'>'.repeat(depth)} quoted`),
  fc.integer({ min: 1, max: 90 }).map((depth) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')),
  fc.integer({ min: 1, max: 12 }).map((chain) => ['a0: &a0 [[[[[1]]]]]', ...Array.from({ length: chain }, (_, index) => `a${index + 1}: &a${index + 1} [[[[[*a${index}]]]]]`)].join('\n')),
);

/** Issue 23: a hostile piece repeated up to a few thousand times (the figures at full size are in bench:safety). */
const hostile = fc.tuple(
  fc.constantFrom('[a](b) ', '[', ']', 'a``', '`` a ', '<!-- c -->\n', '# c\n', '| a | b |\n', 'a\n\n', '|a', ' ', '-1', '{{', '<a ', '<!--', '(until x '),
  fc.integer({ min: 1, max: 3_000 }),
  fc.constantFrom('', '# POL-', '# cek-policy-disable -- x (until ', '| a | b |\n|---|---|\n'),
).map(([unit, count, lead]) => lead + unit.repeat(count));

/** Many roles, some sharing ids, with unknown and near-miss alternates. */
const manyRoles = fc.integer({ min: 20, max: 120 }).map((count) => 'roles:\n' + Array.from({ length: count }, (_, index) => [
  `  - id: role-${index % Math.max(1, count - 3)}`,
  `    assignee: Team ${index % 7}`,
  `    responsibilities: [${['key-generation', 'encryption-enforcement', 'key-rotation', 'operational-support'][index % 4]}]`,
  `    alternates: [${index % 3 === 0 ? `role-${index + 1}` : index % 3 === 1 ? `rol-${index}` : `nobody-${index}`}]`,
  `    trained: ${index % 5 === 0 ? '' : '2026-02-01'}`,
].join('\n')).join('\n'));

/** A document: an example or a collage of policy lines, mutated, maybe nested deep or full of roles, in any line ends. */
export const fuzzDocument: fc.Arbitrary<FuzzDocument> = fc.record({
  // A third Markdown: its parser is the slow part of a case.
  markdown: fc.nat({ max: 2 }).map((pick) => pick === 0),
  example: fc.nat(),
  // Mostly collages of a few lines (fast, and every line kind meets every other); a whole example a quarter of the time.
  collage: fc.nat({ max: 3 }).map((pick) => pick > 0),
  lines: fc.array(fc.nat(), { maxLength: 25 }),
  extra: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: nesting, weight: 3 }, { arbitrary: manyRoles, weight: 1 }, { arbitrary: hostile, weight: 1 }),
  mutations: fc.array(mutation, { maxLength: 6 }),
  eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
  mixed: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 8 }),
  bom: fc.boolean(),
}).map((spec) => {
  const format = spec.markdown ? 'markdown' : 'yaml';
  const pool = spec.markdown ? MARKDOWN_LINES : YAML_LINES;
  let text = spec.collage
    ? (spec.markdown ? '---\nkind: crypto-policy\n---\n' : 'kind: crypto-policy\n') + spec.lines.map((index) => pool[index % pool.length]).join('\n') + '\n'
    : EXAMPLES[format][spec.example % EXAMPLES[format].length];
  if (spec.extra) text += spec.extra + '\n';
  for (const change of spec.mutations) text = mutate(text, change);
  if (spec.eol === 'mixed') {
    let index = 0;
    text = text.replace(/\r\n|\r|\n/g, () => spec.mixed[index++ % spec.mixed.length]);
  } else text = text.replace(/\r\n|\r|\n/g, spec.eol);
  if (spec.bom && !text.startsWith('\ufeff')) text = '\ufeff' + text;
  return { text, fileName: spec.markdown ? 'fuzz.md' : 'fuzz.yaml' };
});

function check(text: string, fileName: string): { result: CheckResult; ms: number } {
  const started = performance.now();
  const result = checkText(text, fileName, { today: TODAY });
  return { result, ms: performance.now() - started };
}

function fail(message: string): never {
  throw new Error(message);
}

function assertSpan(text: string, span: Span, what: string, edit = false): void {
  const floor = edit ? bomLength(text) : 0;
  for (const offset of [span.start, span.end]) {
    if (!Number.isInteger(offset) || offset < floor || offset > text.length) fail(`${what}: offset ${offset} outside ${floor}..${text.length}`);
    if (splitsUnit(text, offset)) fail(`${what}: offset ${offset} splits a CRLF or a surrogate pair`);
  }
  if (span.start > span.end) fail(`${what}: start ${span.start} after end ${span.end}`);
}

/** Everything about a result that must be the same on every run. */
function fingerprint(result: CheckResult): string {
  return JSON.stringify(result.findings.map((finding) => [finding.rule, finding.span, finding.severity, finding.message, finding.related, finding.suppression, finding.fix, finding.suggestions]));
}

/** Lines before the first edited line and after the last one are byte-identical. */
function assertLinesKept(text: string, fixed: string, fix: Fix, what: string): void {
  const lines = new LineIndex(text);
  const first = lines.positionAt(Math.min(...fix.edits.map((edit) => edit.start))).line;
  const last = lines.positionAt(Math.max(...fix.edits.map((edit) => edit.end))).line;
  const prefix = text.slice(0, lines.lineStart(first));
  const suffix = last + 1 < lines.lineCount ? text.slice(lines.lineStart(last + 1)) : '';
  if (!fixed.startsWith(prefix) || !fixed.endsWith(suffix) || fixed.length < prefix.length + suffix.length) fail(`${what}: a line outside the edited lines ${first + 1}..${last + 1} changed`);
}

const active = (result: CheckResult) => result.findings.filter((finding) => !finding.suppression);

/**
 * All properties of one document: no throw, bounded time, ranges in bounds and on boundaries, determinism, and for
 * (up to `maxFixes`) fixes and suggestions: the result parses, keeps the marker, removes the finding and keeps
 * every line outside the edit. Throws on the first violation; returns how many fixes it checked.
 */
export function checkDocumentProperties(document: FuzzDocument, maxFixes = 2): number {
  const { text, fileName } = document;
  const first = check(text, fileName);
  if (first.ms > TIME_BOUND_MS) fail(`check took ${first.ms.toFixed(0)} ms (bound ${TIME_BOUND_MS} ms)`);
  const { result } = first;
  for (const finding of result.findings) {
    assertSpan(text, finding.span, `${finding.rule} span`);
    for (const related of finding.related ?? []) assertSpan(text, related.span, `${finding.rule} related span`);
    if (finding.suppression) assertSpan(text, finding.suppression.span, `${finding.rule} suppression span`);
    for (const fix of choices(finding)) for (const edit of fix.edits) assertSpan(text, edit, `${finding.rule} fix "${fix.title}"`, true);
  }
  if (fingerprint(check(text, fileName).result) !== fingerprint(result)) fail('two checks of the same text differ');

  const broken = result.findings.some((finding) => finding.rule === 'parse-error' || finding.rule === 'document-too-complex');
  let checked = 0;
  for (const finding of active(result)) {
    for (const fix of choices(finding)) {
      if (checked >= maxFixes) return checked;
      checked++;
      const what = `${finding.rule} fix "${fix.title}"`;
      const fixed = applyEdits(text, fix.edits).text;
      assertLinesKept(text, fixed, fix, what);
      const after = check(fixed, fileName).result;
      if (!broken && after.findings.some((other) => other.rule === 'parse-error')) fail(`${what}: the result does not parse: ${after.findings.find((other) => other.rule === 'parse-error')!.message}`);
      if (result.document.hasPolicyMarker && !after.document.hasPolicyMarker) fail(`${what}: the result lost the kind: crypto-policy marker`);
      const count = (findings: Finding[]) => findings.filter((other) => other.rule === finding.rule).length;
      if (count(active(after)) >= count(active(result))) fail(`${what}: the finding is still there`);
    }
  }
  return checked;
}

function choices(finding: Finding): Fix[] {
  return [...(finding.fix ? [finding.fix] : []), ...(finding.suggestions ?? [])];
}

/** `.cekpolicy.yaml` text from its keys and values of every type, in any line ends. */
export const fuzzConfig: fc.Arbitrary<string> = fc.tuple(
  fc.array(fc.tuple(
    fc.constantFrom('today', 'actor', 'files', 'catalogs', 'rules', 'review', 'roles', 'duties', 'segregation', 'max_interval_months', 'owner-missing', '__proto__', 'x'),
    fc.oneof(fc.constantFrom('null', '~', '42', '-1', '1.5', 'true', '"text"', 'error', 'off', 'CSP', '2026-11-24', '2026-02-30', '[]', '{}', '[42]', '[[a]]', '[[a, b]]', '{a: 1}', '&a x', '*a', '', '[', '{', "['*a*a*a*a*a*a*a*a*b']", "['!(x).md', '**/*.md']", "['!!*']"), fc.string({ maxLength: 6 })),
    fc.boolean(),
  ), { maxLength: 8 }),
  fc.constantFrom('\n', '\r\n', '\r'),
  fc.boolean(),
).map(([entries, eol, bom]) => (bom ? '\ufeff' : '') + entries.map(([key, value, nested]) => (nested ? `${key}:\n  ${key}: ${value}\n` : `${key}: ${value}\n`)).join('').replace(/\n/g, eol));

export function checkConfigProperties(text: string): void {
  const { problems } = parseConfigText(text);
  for (const problem of problems) assertSpan(text, problem.span, `config problem "${problem.message}"`);
}

/** Editor settings of every shape and type. */
export const fuzzSettings: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({ enable: fc.anything(), files: fc.anything(), actor: fc.anything(), rules: fc.anything(), review: fc.anything(), catalogs: fc.anything(), today: fc.anything() }, { requiredKeys: [] }),
);

export function checkSettingsProperties(raw: unknown): void {
  const { settings } = readSettings(raw);
  if (typeof settings.enable !== 'boolean' || !Array.isArray(settings.files) || !Array.isArray(settings.catalogs) || typeof settings.rules !== 'object' || settings.rules === null) fail('settings of the wrong shape came through');
  if (settings.files.some((file) => typeof file !== 'string') || settings.catalogs.some((file) => typeof file !== 'string')) fail('a non-string path came through');
}
