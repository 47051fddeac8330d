import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { docsUrl } from '../../server/src/engine/rules/rule';
import { bundledRuleDocUri, projectWebUrl, ruleDocsBaseUrl } from '../../server/src/packageInfo';
import { ROOT } from '../helpers/ruleTester';

describe('help links come from package.json', () => {
  it('package.json names no repository or homepage until one exists, and then no web link is made up', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.repository, undefined, 'a `repository` must be a real, public repository');
    assert.equal(pkg.homepage, undefined);
    assert.equal(projectWebUrl(), undefined);
    assert.equal(ruleDocsBaseUrl(), undefined);
    assert.equal(docsUrl('owner-missing'), undefined);
    assert.equal(ruleDocsBaseUrl({}), undefined);
  });

  const cases: [Parameters<typeof ruleDocsBaseUrl>[0], string][] = [
    [{ repository: { url: 'git+https://github.com/acme/kms-policy.git' } }, 'https://github.com/acme/kms-policy/blob/HEAD/docs/rules/'],
    [{ repository: 'github:acme/kms-policy' }, 'https://github.com/acme/kms-policy/blob/HEAD/docs/rules/'],
    [{ repository: 'acme/kms-policy' }, 'https://github.com/acme/kms-policy/blob/HEAD/docs/rules/'],
    [{ repository: { url: 'git@gitlab.com:acme/kms-policy.git' } }, 'https://gitlab.com/acme/kms-policy/tree/HEAD/docs/rules/'],
    [{ homepage: 'https://kms.example.org/#readme' }, 'https://kms.example.org/docs/rules/'],
  ];
  for (const [links, expected] of cases) {
    it(`${JSON.stringify(links)} → ${expected}`, () => assert.equal(ruleDocsBaseUrl(links), expected));
  }

  it('the editor link is the rule doc next to the running code, as a file: URI', () => {
    const uri = bundledRuleDocUri('owner-missing')!;
    assert.equal(fileURLToPath(uri), join(ROOT, 'docs', 'rules', 'owner-missing.md'));
    assert.equal(bundledRuleDocUri('no-such-rule'), undefined);
  });
});
