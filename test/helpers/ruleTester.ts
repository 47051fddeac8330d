import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { mergeConfig, type CheckConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { applyEdits, mergeFixes } from '../../server/src/engine/fixes/fixes';
import { LineIndex } from '../../server/src/engine/parse/text';
import type { Finding } from '../../server/src/engine/types';
import type { SetLoader } from '../../server/src/engine/sets/policySet';

/** The date every rule test runs on, unless a case says otherwise. */
export const TODAY = '2026-11-24';

/** Tests run from the repository root (`npm test`). */
export const ROOT = process.cwd();

/** Text of a bundled example (the compliant policies are the base most cases edit). */
export function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

/** Replaces exactly one occurrence of `search` (fails loudly when it is not there exactly once). */
export function edit(text: string, search: string, replacement: string): string {
  const first = text.indexOf(search);
  assert.ok(first >= 0, `edit: "${search}" not found`);
  assert.equal(text.indexOf(search, first + 1), -1, `edit: "${search}" found more than once`);
  return text.slice(0, first) + replacement + text.slice(first + search.length);
}

/**
 * The bundled YAML example with no owner at all: neither the `owner` field nor a Policy Owner role (which an
 * auditor would take as the designated owner). Its one finding is `owner-missing`, an error.
 */
export function withoutOwner(yaml = example('key-management-policy.yaml')): string {
  return edit(edit(yaml, 'owner: { name: Lena Okafor, role: Head of Security }\n', ''), 'title: Policy Owner', 'title: Policy Steward');
}

export interface Case {
  name: string;
  code: string;
  /** Defaults to YAML; `.md` makes it Markdown. */
  fileName?: string;
  today?: string;
  config?: Partial<CheckConfig>;
  /** Check even without the policy marker, as the CLI does for files named explicitly. */
  force?: boolean;
  /** Documents the policy's references resolve to, by link path, id or title (as the CLI and the editor resolve them). */
  documents?: Record<string, string>;
}

/** A loader over in-memory documents keyed by path (links resolve against `/project/`), each with its id or title as a lookup key. */
export function memoryLoader(documents: Record<string, string>): SetLoader {
  return {
    resolve(reference, from) {
      if (reference.kind === 'link') {
        const path = posix.resolve(posix.dirname(from), reference.target);
        return documents[path] !== undefined ? { fileName: path, name: path.slice('/project/'.length), text: documents[path] } : undefined;
      }
      const wanted = reference.target.toLowerCase().replace(/^the /, '');
      const found = Object.entries(documents).find(([path, text]) => path !== from && (text.toLowerCase().includes(`id: ${wanted}\n`) || text.toLowerCase().includes(`title: ${wanted}\n`)));
      return found ? { fileName: found[0], name: found[0].slice('/project/'.length), text: found[1] } : undefined;
    },
  };
}

export interface ExpectedFinding {
  /** 1-based [line, column, endLine, endColumn] in UTF-16 columns, as the CLI prints them. */
  range: [number, number, number, number];
  message?: string | RegExp;
  severity?: Finding['severity'];
  /** The exact source text the range covers. */
  text?: string;
}

export interface InvalidCase extends Case {
  errors: ExpectedFinding[];
  /** Text after applying every safe fix of this rule; `null` asserts there is no safe fix. */
  output?: string | null;
  /** Texts after applying each suggestion of the first finding, in order. */
  suggestions?: string[];
}

export function run(c: Case): Finding[] {
  const fileName = c.fileName ?? 'policy.yaml';
  const result = c.documents
    ? checkText(c.code, `/project/${fileName}`, { today: c.today ?? TODAY, config: mergeConfig(c.config ?? {}), force: c.force, policySet: memoryLoader(c.documents) })
    : checkText(c.code, fileName, { today: c.today ?? TODAY, config: mergeConfig(c.config ?? {}), force: c.force });
  return result.findings.filter((finding) => !finding.suppression);
}

function findingsOf(rule: string, c: Case): Finding[] {
  return run(c).filter((finding) => finding.rule === rule);
}

function rangeOf(text: string, finding: Finding): [number, number, number, number] {
  const lines = new LineIndex(text);
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  return [start.line + 1, start.character + 1, end.line + 1, end.character + 1];
}

/** ESLint RuleTester, for cek-policy: valid cases report nothing for the rule, invalid ones exactly what they list. */
export function ruleTester(rule: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = findingsOf(rule, c);
        assert.deepEqual(found.map((finding) => `${rangeOf(c.code, finding).join(':')} ${finding.message}`), [], `expected no ${rule} finding`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findingsOf(rule, c);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} ${rule} finding(s), got: ${found.map((finding) => `${rangeOf(c.code, finding).join(':')} ${finding.message}`).join(' | ')}`);
        c.errors.forEach((expected, index) => {
          const finding = found[index];
          assert.deepEqual(rangeOf(c.code, finding), expected.range, `range of finding ${index + 1}: ${finding.message}`);
          if (expected.text !== undefined) assert.equal(c.code.slice(finding.span.start, finding.span.end), expected.text);
          if (typeof expected.message === 'string') assert.equal(finding.message, expected.message);
          else if (expected.message) assert.match(finding.message, expected.message);
          if (expected.severity) assert.equal(finding.severity, expected.severity);
          assert.equal(finding.rule, rule);
        });
        if (c.output !== undefined) {
          const fixes = found.flatMap((finding) => (finding.fix ? [finding.fix] : []));
          if (c.output === null) {
            assert.equal(fixes.length, 0, 'expected no safe fix');
          } else {
            assert.ok(fixes.length > 0, 'expected a safe fix');
            const fixed = applyEdits(c.code, mergeFixes(fixes)).text;
            assert.equal(fixed, c.output);
            assert.equal(findingsOf(rule, { ...c, code: fixed }).length, 0, 'the fix must remove the finding');
          }
        }
        if (c.suggestions) {
          const suggestions = found[0]?.suggestions ?? [];
          const outputs = suggestions.map((fix) => applyEdits(c.code, fix.edits).text);
          assert.deepEqual(outputs, c.suggestions);
          for (const output of outputs) {
            assert.ok(findingsOf(rule, { ...c, code: output }).length < found.length, 'a suggestion must remove its finding');
          }
        }
      });
    }
  });
}
