import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ProjectDocuments, projectRootOf } from '../../server/src/cli/policySetLoader';
import { workspace } from './helpers';

describe('the project documents a policy set resolves against', () => {
  it('the project: the folder of .cekpolicy.yaml, else the git root, else the folder given', () => {
    const dir = workspace({ 'a/.cekpolicy.yaml': 'rules: {}\n', 'a/b/p.md': '# P\n', 'c/p.md': '# P\n' }, { git: true });
    assert.equal(projectRootOf(join(dir, 'a', 'b', 'p.md')), join(dir, 'a'));
    assert.equal(projectRootOf(join(dir, 'c', 'p.md')), dir);
    const bare = workspace({ 'x/y/p.md': '# P\n' });
    assert.equal(projectRootOf(join(bare, 'x', 'y', 'p.md'), join(bare, 'x')), join(bare, 'x'));
  });

  it('an id is looked up where a document declares it, and a file that only mentions it is not parsed', () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 300; index++) files[`policies/p${index}.md`] = `# Policy ${index}\n\nThe approval is in registry entry PR-114; see the minutes.\n`;
    files['procedures/km.md'] = '---\nid: KM-PROC-4\n---\n# Key Management Procedure\n\nKeys are rotated.\n';
    files['procedures/table.md'] = '# Key Escrow Procedure\n\n| Attribute | Value |\n|---|---|\n| Document ID | KM-PROC-7 |\n';
    const dir = workspace(files, { git: true });
    const project = new ProjectDocuments(dir, (path) => path.slice(dir.length + 1));
    const from = join(dir, 'policies', 'p0.md');
    assert.equal(project.resolve({ kind: 'id', target: 'PR-114' }, from), undefined);
    assert.equal(project.parsed, 0, 'no file declares PR-114: none was parsed');
    assert.equal(project.indexed, 302);
    assert.equal(project.resolve({ kind: 'id', target: 'KM-PROC-4' }, from)?.name, join('procedures', 'km.md'));
    assert.equal(project.resolve({ kind: 'id', target: 'km-proc-7' }, from)?.name, join('procedures', 'table.md'));
    assert.equal(project.parsed, 2);
  });

  it('a title is looked up among the documents\u2019 titles, the nearest of several; a link never leaves the project', () => {
    const dir = workspace({
      'a/policy.md': '# P\n',
      'a/procedures/km.md': '# Key Management Procedure\n',
      'z/other/km.md': '---\ntitle: Key Management Procedure\n---\nText.\n',
      'b/km-std.md': '**ACME Key Management Standard**\n\nKeys.\n',
      'secret.md': '# outside\n',
    }, { git: true });
    const project = new ProjectDocuments(join(dir), (path) => path.slice(dir.length + 1));
    const from = join(dir, 'a', 'policy.md');
    assert.equal(project.resolve({ kind: 'title', target: 'the Key Management Procedure' }, from)?.name, join('a', 'procedures', 'km.md'));
    assert.equal(project.resolve({ kind: 'title', target: 'Key Management Standard' }, from)?.name, join('b', 'km-std.md'));
    assert.equal(project.resolve({ kind: 'title', target: 'Key Rotation Runbook' }, from), undefined);
    assert.equal(project.resolve({ kind: 'link', target: 'procedures/km.md' }, from)?.text, '# Key Management Procedure\n');
    assert.equal(project.resolve({ kind: 'link', target: '/b/km-std.md' }, from)?.name, join('b', 'km-std.md'));
    const inner = new ProjectDocuments(join(dir, 'a'), (path) => path);
    assert.equal(inner.resolve({ kind: 'link', target: '../secret.md' }, from), undefined, 'outside the project');
    assert.equal(inner.resolve({ kind: 'link', target: 'missing.md' }, from), undefined);
    symlinkSync(join(dir, 'secret.md'), join(dir, 'a', 'escape.md'));
    assert.equal(inner.resolve({ kind: 'link', target: 'escape.md' }, from), undefined, 'a symbolic link out of the project');
  });
});
