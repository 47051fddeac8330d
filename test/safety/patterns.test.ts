import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSafe } from 'redos-detector';
import ts from 'typescript';
import { replaceParameters } from '../../server/src/engine/config/catalog';
import { documentIdIn } from '../../server/src/engine/evidence/metadata';
import { datesIn, readDate } from '../../server/src/engine/parse/dates';
import { isPlaceholderText } from '../../server/src/engine/parse/placeholder';
import { directiveHead, untilClause } from '../../server/src/engine/rules/suppressions';
import { collectPatterns, samplePrefixes } from './patterns';

const ROOT = process.cwd();

describe('every regular expression of server/src is linear on hostile input', () => {
  const { patterns, unlisted } = collectPatterns();

  it('finds the patterns, and every `new RegExp` is listed where the checks can reach it', () => {
    assert.ok(patterns.length > 100, `${patterns.length} patterns found`);
    assert.deepEqual(unlisted, [], 'add each constructed pattern to CONSTRUCTED in test/safety/patterns.ts');
  });

  it('the ReDoS analyser (redos-detector) finds no backtracking blow-up in any of them', () => {
    const unsafe = patterns.flatMap(({ where, regex }) => {
      // A sticky pattern runs only at the offset it is given (datesIn tries word starts): analysed as anchored there.
      const analysed = regex.sticky ? new RegExp(`^(?:${regex.source})`, regex.flags.replace('y', '')) : regex;
      const result = isSafe(analysed, { maxSteps: 20_000, timeout: 60_000 });
      return result.safe ? [] : [`${where} ${regex} (${result.error ?? 'unsafe'})`];
    });
    assert.deepEqual(unsafe, []);
  });

  it('the analyser does flag the patterns this issue replaced (so the check above can fail)', () => {
    for (const old of [/\(\s*until\s+([^)]*?)\s*\)\s*$/i, /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*\b/, /\{\{[^}]*\}\}/]) {
      assert.equal(isSafe(old, { maxSteps: 20_000 }).safe, false, String(old));
    }
  });

  it('each runs over its generated worst cases (40,000 characters) in a child process that a blow-up would not finish', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'out/test/safety/patterns.js'), '40000'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    const lines = run.stdout.trim().split('\n');
    assert.equal(run.signal, null, `killed while running ${lines[lines.length - 1]}`);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(lines[lines.length - 1], `done: ${patterns.length} patterns`);
  });

  it('the worst cases lead into each pattern: the sample prefixes of the old `(until …)` pattern', () => {
    assert.deepEqual(samplePrefixes(String.raw`\(\s*until\s+x`).slice(-3), ['( until', '( until ', '( until x']);
  });
});

describe('the scanners that replace backtracking patterns read exactly what the patterns read', () => {
  const text = (pieces: string[], maxLength = 12) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));

  it('`(until …)` of a suppression justification', () => {
    fc.assert(fc.property(text(['(', ')', 'until', 'UnTiL', 'unti', ' ', '\t', '\u00a0', '\n', 'x', '2026-01-01']), (value) => {
      const match = /\(\s*until\s+([^)]*?)\s*\)\s*$/i.exec(value);
      assert.deepEqual(untilClause(value), match ? { value: match[1], index: match.index } : undefined);
    }), { numRuns: 20_000, seed: 23 });
  });

  it('the `cek-policy-…` directive head', () => {
    fc.assert(fc.property(text(['cek-policy-', 'disable', '-line', '-next-line', 'enable', ' ', '\n', 'x', '-'], 7), (value) => {
      const match = /^\s*cek-policy-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s.exec(value);
      assert.deepEqual(directiveHead(value), match ? { kind: match[1], rest: match[2] } : undefined);
    }), { numRuns: 20_000, seed: 23 });
  });

  it('a document id in a title', () => {
    fc.assert(fc.property(text(['A', 'B', '1', '2', 'a', '_', '-', ' ', 'é', 'POL']), (value) => {
      assert.equal(documentIdIn(value), /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+[A-Z0-9]*\b/.exec(value)?.[0]);
    }), { numRuns: 20_000, seed: 23 });
  });

  it('OSCAL parameter insertions', () => {
    fc.assert(fc.property(text(['{{', '{', '}}', '}', ' insert: param, ', 'insert:', 'param,', ' ', 'p1', 'x']), (value) => {
      assert.equal(replaceParameters(value), value.replace(/\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}/g, '[$1]'));
    }), { numRuns: 20_000, seed: 23 });
  });

  it('dates in a sentence', () => {
    const month = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
    const old = new RegExp(`\\b(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?\\s+${month}\\s+\\d{4}|${month}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|${month}\\s+\\d{4})\\b`, 'gi');
    fc.assert(fc.property(text(['2026', '-', '05', '4', 'th', ' ', ',', 'May', 'sept', 'Sept.', 'x', '_', '12', '\n']), (value) => {
      const expected = [...value.matchAll(old)].map((match) => ({ start: match.index, end: match.index + match[0].length, reading: readDate(match[0]) }))
        .filter((found) => ['iso', 'normalizable', 'month'].includes(found.reading.kind));
      assert.deepEqual(datesIn(value), expected);
    }), { numRuns: 20_000, seed: 23 });
  });

  it('template placeholders: `{{…}}` and blank form lines', () => {
    const old = (value: string) => {
      const trimmed = value.trim();
      return (trimmed.includes('___') && /^[_.\s-]*_{3,}[_.\s-]*$/.test(trimmed)) || (trimmed.includes('{{') && (/^\{\{.*\}\}$/s.test(trimmed) || /\{\{[^}]*\}\}/.test(trimmed)));
    };
    fc.assert(fc.property(text(['{{', '{', '}}', '}', 'q', ' ', '_', '___', '.', '-']), (value) => {
      if (old(value)) assert.equal(isPlaceholderText(value), true, JSON.stringify(value));
      else if (!/[[<$]|^\s*$/.test(value) && !['-', '...', '?'].includes(value.trim())) assert.equal(isPlaceholderText(value), false, JSON.stringify(value));
    }), { numRuns: 20_000, seed: 23 });
  });
});

/** Spreads into a call that stay: bounded by the code, not by the input (each says why). */
const BOUNDED_SPREADS: { file: string; call: RegExp; why: string }[] = [
  { file: 'languageServer.ts', call: /^handler\(\.\.\.args\)$/, why: 'the arguments of one call' },
  { file: 'engine/config/workspace.ts', call: /^mergeConfig\(/, why: 'the config layers: settings, file, flags' },
  { file: 'engine/model/model.ts', call: /^this\.at\(\.\.\.path/, why: 'a key path written in the code' },
  { file: 'engine/requirements/elements.ts', call: /^context\.policy\.at\(\.\.\.path\)$/, why: 'a key path written in the code' },
  { file: 'engine/rules/', call: /^context\.edits\.fix\(/, why: 'the missing keys of a block, from a fixed list' },
  { file: 'engine/config/workspace.ts', call: /^join\(folder, \.\.\.CSA_LAYOUT\)$/, why: 'the folders of CSA\'s catalog layout, a constant' },
  { file: 'engine/requirements/domain.ts', call: /^this\.context\.policy\.at\(\.\.\.field\.path\.slice\(0, MAX_FIELD_PATH\)\)$/, why: 'a pack\'s field path, cut to 8 keys' },
  { file: 'engine/config/initConfig.ts', call: /^lines\.push\(/, why: 'the controls of the catalog, listed in a generated config (the built-in and configured ones, already loaded)' },
];

describe('no array of untrusted length is spread into a call (the stack overflows at about 100,000 arguments)', () => {
  it('every spread argument in server/src is one of the bounded ones', () => {
    const found: string[] = [];
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const name = relative(join(ROOT, 'server/src'), path).split('\\').join('/');
          const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
          const visit = (node: ts.Node): void => {
            if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
              const call = node.parent.getText();
              if (!BOUNDED_SPREADS.some((bounded) => name.startsWith(bounded.file) && bounded.call.test(call))) {
                found.push(`${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${call.slice(0, 80)}`);
              }
            }
            ts.forEachChild(node, visit);
          };
          visit(source);
        }
      }
    };
    walk(join(ROOT, 'server/src'));
    assert.deepEqual(found, [], 'use append() / pushLines() of server/src/engine/arrays.ts');
  });
});
