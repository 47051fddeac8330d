import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fillTemplate } from '../../client/src/template';
import { checkText } from '../../server/src/engine/engine';
import { ROOT } from '../helpers/ruleTester';

describe('extension package', () => {
  it('the .vsix holds only what runs, with the rule docs its diagnostics link to', () => {
    // The .vsix is built from a staging folder (package.json `files` describes the npm package; vsce refuses both).
    const staged = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package-vsix.mjs'), '--stage-only'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(staged.status, 0, staged.stderr);
    const listed = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: staged.stdout.trim(), encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const all = (folder: string, extension: string) => readdirSync(join(ROOT, folder)).filter((name) => name.endsWith(extension)).map((name) => `${folder}/${name}`);
    assert.deepEqual(listed.stdout.trim().split('\n').map((line) => line.trim()).sort(), [
      'CHANGELOG.md', 'LICENSE', 'NOTICE', 'README.md', ...all('controls', '.json'),
      // Each control pack's data and doc (its tests.json stays in the repository).
      ...readdirSync(join(ROOT, 'controls')).filter((name) => /^CEK-\d\d$/.test(name)).flatMap((pack) => ['README.md', 'concepts.json', 'control.json', 'requirements.json'].map((file) => `controls/${pack}/${file}`)), 'dist/cli.js', 'dist/extension.js', 'dist/languageClient.js', 'dist/nlp.js', 'dist/server.js', ...all('docs/rules', '.md'),
      // README's relative links resolve inside the installed extension (no repository for vsce to point them at).
      ...all('docs', '.md'), ...all('docs/images', '.png'), 'examples/key-management-policy.md', 'examples/key-management-policy.yaml', 'examples/set/key-management-policy.md', 'examples/set/procedures/key-management-procedure.md',
      'images/icon.png', 'package.json', ...all('schemas', '.json'), ...all('templates', ''),
      // The Getting Started walkthrough's pages.
      ...all('media/walkthrough', '.md'),
    ].sort());
  });

  it('engines.vscode and @types/vscode agree, and the client library allows that version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.engines.vscode, `^${pkg.devDependencies['@types/vscode']}`);
    const client = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    assert.equal(client.engines.vscode, pkg.engines.vscode);
  });

  it('every setting and command is documented', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const [name, setting] of Object.entries<{ markdownDescription?: string }>(pkg.contributes.configuration.properties)) {
      assert.ok(setting.markdownDescription && setting.markdownDescription.length > 20, name);
    }
    for (const command of pkg.contributes.commands) assert.equal(command.category, 'CEK Policy', command.command);
  });

  for (const [name, fileName] of [['YAML', 'policy.yaml'], ['Markdown', 'policy.md']]) {
    it(`"New Policy from Template" (${name}) creates a policy with no error`, () => {
      const text = fillTemplate(readFileSync(join(ROOT, 'templates', fileName), 'utf8'), new Date(2026, 10, 24));
      assert.ok(!text.includes('${'), 'every date is filled');
      const result = checkText(text, fileName, { today: '2026-11-24' });
      assert.equal(result.isPolicy, true);
      assert.deepEqual(result.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.rule}: ${finding.message}`), []);
      assert.ok(result.findings.some((finding) => finding.rule === 'placeholder'), 'the TBDs to fill in are pointed out');
    });
  }
});
