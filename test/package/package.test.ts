import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fillTemplate } from '../../client/src/template';
import { checkText } from '../../server/src/engine/engine';
import { ROOT } from '../helpers/ruleTester';

describe('extension package', () => {
  it('the .vsix holds only what runs', () => {
    const listed = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual(listed.stdout.trim().split('\n').map((line) => line.trim()).sort(), [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'controls/CEK-01.json', 'controls/CEK-02.json', 'dist/extension.js', 'dist/server.js',
      'images/icon.png', 'package.json', 'schemas/cekpolicy-config.schema.json', 'schemas/control.schema.json', 'schemas/crypto-policy.schema.json', 'schemas/report.schema.json',
      'templates/policy.md', 'templates/policy.yaml',
    ]);
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
    assert.deepEqual(pkg.contributes.commands.map((command: { category: string }) => command.category), ['CEK Policy', 'CEK Policy', 'CEK Policy']);
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
