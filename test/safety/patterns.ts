/**
 * Every regular expression of server/src, collected from the sources (literals, and the few patterns built with
 * `new RegExp`, which must be listed in CONSTRUCTED), and the worst-case inputs each one is run against.
 * test/safety/patterns.test.ts checks them; `node out/test/safety/patterns.js` runs the worst cases alone
 * (a child process, so that a pattern that blows up is caught by a timeout, not by a clock in the test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { DATE_LIKE } from '../../server/src/engine/parse/dates';

const ROOT = process.cwd();
const SOURCES = join(ROOT, 'server/src');

/** Patterns made with `new RegExp(...)`, by file: the test fails on one not listed here. */
export const CONSTRUCTED: Record<string, RegExp[]> = {
  'engine/parse/dates.ts': DATE_LIKE.slice(1),
};

export interface FoundPattern {
  /** `engine/parse/dates.ts:113`. */
  where: string;
  regex: RegExp;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The patterns of server/src, and the `new RegExp` calls found in files CONSTRUCTED does not list. */
export function collectPatterns(): { patterns: FoundPattern[]; unlisted: string[] } {
  const patterns: FoundPattern[] = [];
  const unlisted: string[] = [];
  for (const file of sourceFiles(SOURCES)) {
    const name = relative(SOURCES, file).split('\\').join('/');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    let constructed = 0;
    const visit = (node: ts.Node): void => {
      const where = `${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        // Our own source text, evaluated as the literal it is.
        patterns.push({ where, regex: new Function(`return ${node.getText()};`)() as RegExp });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        constructed++;
        if (constructed > (CONSTRUCTED[name]?.length ?? 0)) unlisted.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const regex of CONSTRUCTED[name] ?? []) patterns.push({ where: `${name} (constructed)`, regex });
  }
  return { patterns, unlisted };
}

/**
 * One string the pattern's terms could start to match, term by term: a literal character as itself, a class as one
 * of its members, `\s` as a space, a group as its first alternative, each quantified term once. Returns the
 * prefixes of that sample at each top-level term, so a worst case can lead into every repetition of the pattern.
 */
export function samplePrefixes(source: string): string[] {
  const prefixes: string[] = [''];
  let sample = '';
  let depth = 0;
  let skipping = 0; // > 0 inside an alternative after the first of its group
  const alternativeAt: boolean[] = [];
  const add = (text: string) => {
    if (skipping === 0) sample += text;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 'p' || next === 'P') {
        const close = source.indexOf('}', i);
        add(next === 'p' ? 'a' : ' ');
        i = close < 0 ? i : close;
      } else if (next === 'u' || next === 'x') {
        const length = next === 'u' ? 4 : 2;
        add(String.fromCharCode(parseInt(source.slice(i + 1, i + 1 + length), 16) || 97));
        i += length;
      } else {
        add(({ s: ' ', S: 'x', d: '1', D: 'x', w: 'a', W: ' ', b: '', B: '', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next);
      }
    } else if (ch === '[') {
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      let members = '';
      for (; j < source.length && (source[j] !== ']' || j === i + 1 + (negated ? 1 : 0)); j++) {
        if (source[j] === '\\') {
          const next = source[++j];
          members += ({ s: ' ', d: '1', w: 'a', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[next] ?? next;
        } else {
          members += source[j];
        }
      }
      i = j;
      add(negated ? ['x', 'a', ' ', '1', '-', '.'].find((candidate) => !members.includes(candidate)) ?? '~' : members[0] ?? '');
    } else if (ch === '(') {
      depth++;
      alternativeAt.push(false);
      if (source[i + 1] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>: lookarounds add nothing to the sample.
        const look = source.startsWith('?=', i + 1) || source.startsWith('?!', i + 1) || source.startsWith('?<=', i + 1) || source.startsWith('?<!', i + 1);
        if (look) skipping++;
        alternativeAt[alternativeAt.length - 1] = look;
        const close = source[i + 2] === '<' && !look ? source.indexOf('>', i) : i + (source[i + 2] === '<' ? 3 : 2);
        i = close;
      }
    } else if (ch === ')') {
      depth--;
      if (alternativeAt.pop()) skipping--;
      if (depth === 0) prefixes.push(sample);
    } else if (ch === '|') {
      if (depth === 0) break; // the first top-level alternative only
      if (!alternativeAt[alternativeAt.length - 1]) {
        alternativeAt[alternativeAt.length - 1] = true;
        skipping++;
      }
    } else if (ch === '*' || ch === '+' || ch === '?') {
      if (source[i + 1] === '?') i++;
    } else if (ch === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i, i + 12))) {
      i = source.indexOf('}', i);
    } else if (ch === '^' || ch === '$') {
      // anchors add nothing
    } else if (ch === '.') {
      add('a');
    } else {
      add(ch);
    }
    if (depth === 0 && ch !== '(' && ch !== ')') prefixes.push(sample);
  }
  return [...new Set(prefixes)];
}

/** The worst cases of one pattern: each prefix of its sample, then one character repeated, then a character that ends no match. */
export function worstCases(regex: RegExp, length: number): string[] {
  const prefixes = samplePrefixes(regex.source);
  const whole = prefixes[prefixes.length - 1];
  const units = new Set([...whole, ' ', 'a', 'A', '1', '-', '_', '\n', '{', '[', '(', '`', '<', '*', '#', '|']);
  const cases = new Set<string>();
  for (const prefix of prefixes) {
    for (const unit of units) {
      cases.add(prefix + unit.repeat(length) + '\u0001');
      cases.add(prefix + unit.repeat(length));
    }
    // Two alternating characters of the sample (`-1-1-1`, `a a a`).
    for (let i = 0; i + 1 < whole.length; i++) cases.add(prefix + whole.slice(i, i + 2).repeat(length / 2) + '\u0001');
    // The prefix repeated: many starts that each get a little way in.
    if (prefix.length > 0) cases.add(prefix.repeat(Math.max(1, Math.floor(length / prefix.length))) + '\u0001');
  }
  return [...cases];
}

/** Runs a pattern over a text the ways the code uses patterns: a search, and a global scan when it is global. */
export function exercise(regex: RegExp, text: string): void {
  const copy = new RegExp(regex.source, regex.flags);
  copy.lastIndex = 0;
  copy.test(text);
  if (copy.global) text.replace(copy, '');
}

/** The worst-case run: prints each pattern before it runs it, so that the one a timeout stopped is the last line. */
export function runWorstCases(length: number): void {
  const { patterns } = collectPatterns();
  for (const { where, regex } of patterns) {
    console.log(`${where} ${regex}`);
    for (const text of worstCases(regex, length)) exercise(regex, text);
  }
  console.log(`done: ${patterns.length} patterns`);
}

if (require.main === module) runWorstCases(Number(process.argv[2] ?? 20_000));
