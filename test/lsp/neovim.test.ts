import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers/ruleTester';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;

/** In CI Neovim is installed by .ci/run: there, a missing nvim is a failure, not a skip. */
it('Neovim (a third-party LSP client) shows our diagnostics and hover', { skip: !available && process.env.CI !== 'true' ? 'needs Neovim (nvim) on PATH: apt-get install neovim (.ci/run installs it)' : false }, () => {
  assert.ok(available, 'nvim must be installed (.ci/run installs the Debian package)');
  const directory = mkdtempSync(join(tmpdir(), 'cek-nvim-'));
  writeFileSync(join(directory, '.cekpolicy.yaml'), 'today: 2026-11-24\n');
  const file = join(directory, 'cloud-provider-gaps.yaml');
  copyFileSync(join(ROOT, 'examples', 'gaps', 'cloud-provider-gaps.yaml'), file);
  const out = join(directory, 'result.json');
  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(ROOT, 'test', 'nvim', 'init.lua')], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, CEK_FILE: file, CEK_OUT: out, CEK_SERVER: join(ROOT, 'dist', 'server.js'), CEK_HOVER_LINE: '7', CEK_HOVER_CHAR: '13' },
  });
  assert.equal(run.status, 0, `nvim exited ${run.status}: ${run.stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { received: boolean; diagnostics: { code: string; lnum: number; col: number; source: string }[]; hover: string };
  assert.equal(result.received, true);
  const seen = result.diagnostics.map((diagnostic) => `${diagnostic.lnum + 1}:${diagnostic.col + 1} ${diagnostic.code}`);
  for (const expected of ['3:1 owner-missing', '8:20 unknown-control', '12:9 review-overdue', '32:39 sod-conflict', '33:18 unknown-role']) {
    assert.ok(seen.includes(expected), `${expected} in ${seen.join(', ')}`);
  }
  assert.ok(result.diagnostics.every((diagnostic) => diagnostic.source === 'cek-policy'));
  assert.match(result.hover, /CEK-01 · Encryption and Key Management Policy and Procedures/);
  assert.match(result.hover, /\*\*SSRM for CSP\*\* \(Cloud Service Provider, PI layer\): Shared across the supply chain/);
});
