/**
 * Issue 23, engine half: each hostile input through the real CLI (a child process with the helpers' 60 s timeout,
 * which only a hang reaches). Before this change each of these hung past the timeout, stopped with an internal
 * error or "cannot read config", or ran into gigabytes; the figures are in `npm run bench:safety`.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { globMatcher, globRefusal } from '../../server/src/engine/config/globs';
import { complexityRefusal } from '../../server/src/engine/parse/limits';
import { readSettings } from '../../server/src/features/settings';
import { cli, findingsOf, gap, workspace, type CliRun } from '../cli/helpers';
import { TODAY } from '../helpers/ruleTester';
import { backticks, badCatalog, htmlComments, links, longTitleId, paragraphs, starGlob, tableColumns, tableRows, untilSpaces, yamlComments } from './hostile';

interface JsonFinding { file: string; line: number; column: number; rule: string; message: string }

function findingsByFile(run: CliRun): Map<string, JsonFinding[]> {
  assert.equal(run.signal, null, 'the run finished (no timeout)');
  const map = new Map<string, JsonFinding[]>();
  for (const finding of findingsOf(run) as JsonFinding[]) map.set(finding.file, [...(map.get(finding.file) ?? []), finding]);
  return map;
}

/** Checks a folder of one hostile file next to a policy with one gap; the gap is still reported. */
function checkBeside(name: string, text: string): { run: CliRun; hostile: JsonFinding[] } {
  const directory = workspace({ [name]: text, 'gap.yaml': gap });
  const run = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
  const files = findingsByFile(run);
  assert.deepEqual(files.get('gap.yaml')?.map((finding) => `${finding.rule} ${finding.line}:${finding.column}`), ['owner-missing 2:1'], 'the policy beside it keeps its finding');
  assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
  return { run, hostile: files.get(name) ?? [] };
}

describe('hostile patterns and globs end, in linear time', () => {
  it('a suppression with 300,000 spaces in its (until …) (quadratic before: over a minute)', () => {
    const { hostile } = checkBeside('p.yaml', untilSpaces(300_000));
    assert.ok(!hostile.some((finding) => finding.rule === 'internal-error'));
  });

  it('a Markdown title of a 300,000-character hyphenated id (minutes before)', () => {
    const { hostile } = checkBeside('p.md', longTitleId(300_000));
    assert.ok(!hostile.some((finding) => finding.rule === 'internal-error' || finding.rule === 'document-too-complex'));
  });

  it('a files: glob of 12 stars and a 200-character file name (hung before)', () => {
    const { glob, fileName } = starGlob(12);
    const directory = workspace({ '.cekpolicy.yaml': `files: ['${glob}', 'forced/*.yaml']\n`, [fileName]: 'x: 1\n', 'gap.yaml': gap, 'forced/a.yaml': 'owner: x\n' });
    const files = findingsByFile(cli(['check', '.', '--format', 'json', '--today', TODAY], directory));
    assert.ok(files.has('gap.yaml'));
    assert.ok(files.has('forced/a.yaml'), 'the other glob still matches');
    assert.ok(!files.has(fileName), 'the long name matches no glob');
  });

  it('a glob cek-policy cannot match linearly is a config error on its line', () => {
    const directory = workspace({ '.cekpolicy.yaml': "files:\n  - 'forced/*.yaml'\n  - '!(x).md'\n", 'forced/a.yaml': 'owner: x\n' });
    const run = cli(['check', '.', '--today', TODAY], directory);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, '.cekpolicy.yaml:3:5: config error: `files[1]` uses a negated pattern `!(…)`, which cek-policy does not support (list the files to include instead); it is left out.\n');
  });
});

describe('globs: RE2 matches what picomatch matches', () => {
  it('the same answer as picomatch (dot: true) on every usable glob and normalized path (fast-check)', () => {
    const glob = fc.array(fc.constantFrom('*', '**', '?', 'a', 'b', '.', '/', '{a,b}', '[ab]', '[!a]', '.md', '!', '@(a|b)', '+(a)', '\\*', 'a/**/b'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    const path = fc.array(fc.constantFrom('a', 'b', '.a', 'ab', 'x.md', 'a.md', '.md', 'b.a'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(fc.property(glob, path, (pattern, file) => {
      if (globRefusal(pattern)) return;
      let expected: boolean;
      try {
        expected = picomatch(pattern, { dot: true })(file);
      } catch {
        return;
      }
      assert.equal(globMatcher([pattern])(file), expected, `${pattern} against ${file}`);
    }), { numRuns: 30_000, seed: 23 });
  });
});

describe('the cekPolicy.files setting of the language server', () => {
  it('matches through the same linear matcher; a glob it cannot use is a settings problem and left out', () => {
    const { glob, fileName } = starGlob(40);
    const { settings, problems } = readSettings({ files: [glob, '!(x).md', 'forced/*.yaml'] });
    assert.deepEqual(settings.files, [glob, 'forced/*.yaml']);
    assert.deepEqual(problems, ['`cekPolicy.files[1]` uses a negated pattern `!(…)`, which cek-policy does not support (list the files to include instead); it is left out.']);
    const matches = globMatcher(settings.files);
    assert.equal(matches(fileName), false);
    assert.equal(matches('forced/a.yaml'), true);
  });
});

describe('long inputs never overflow the stack', () => {
  it('300,000 YAML comments before a valid policy: judged (internal error before)', () => {
    const { run, hostile } = checkBeside('p.yaml', yamlComments(300_000));
    assert.deepEqual(hostile, [], 'the compliant example has no finding');
    assert.equal(run.stderr, '');
  });

  it('300,000 HTML comments in a Markdown policy: judged (internal error before)', () => {
    const { run, hostile } = checkBeside('p.md', htmlComments(300_000));
    assert.deepEqual(hostile.map((finding) => finding.rule), []);
    assert.equal(run.stderr, '');
  });

  it('a catalog of 30,000 invalid entries: three listed, the rest counted, the policies checked ("cannot read config" before)', () => {
    const directory = workspace({ '.cekpolicy.yaml': 'catalogs: [cat.json]\n', 'cat.json': badCatalog(30_000), 'gap.yaml': gap });
    const run = cli(['check', '.', '--format', 'json', '--today', TODAY], directory);
    const files = findingsByFile(run);
    assert.deepEqual(files.get('gap.yaml')?.map((finding) => finding.rule), ['owner-missing']);
    const lines = run.stderr.trim().split('\n');
    assert.ok(lines.length <= 16, `${lines.length} lines on stderr`);
    assert.match(lines[lines.length - 1], /cat\.json: and 29,997 more invalid entries \(30,000 of 30,000 entries are invalid and skipped; 0 controls loaded\)/);
  });
});

describe('Markdown the parser finds hard ends in document-too-complex, or is checked', () => {
  it('a table of 300,000 rows (internal error at 1 GB before)', () => {
    const { hostile } = checkBeside('p.md', tableRows(300_000));
    assert.deepEqual(hostile.map((finding) => `${finding.rule} ${finding.line}:${finding.column} ${finding.message}`), [`document-too-complex 100007:3 ${complexityRefusal('too many blocks, lines and table cells')}`]);
  });

  it('60,000 links in one paragraph (minutes before: 30,000 took a minute)', () => {
    const { hostile } = checkBeside('p.md', links(60_000));
    assert.deepEqual(hostile.map((finding) => finding.message), [complexityRefusal('a paragraph with too many links or brackets')]);
  });

  it('1,300,000 one-word paragraphs (hung at 1.4 GB before)', () => {
    const { hostile } = checkBeside('p.md', paragraphs(1_300_000));
    assert.deepEqual(hostile.map((finding) => finding.rule), ['document-too-complex']);
  });

  it('200,000 backtick pairs in one paragraph are checked (minutes before: the one long word was stemmed letter by letter)', () => {
    const { hostile } = checkBeside('p.md', backticks(200_000));
    assert.ok(!hostile.some((finding) => finding.rule === 'document-too-complex' || finding.rule === 'internal-error'));
  });

  it('a table of 30,000 columns is checked (hung before)', () => {
    const { hostile } = checkBeside('p.md', tableColumns(30_000));
    assert.ok(!hostile.some((finding) => finding.rule === 'document-too-complex' || finding.rule === 'internal-error'));
  });
});
