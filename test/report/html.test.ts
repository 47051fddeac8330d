import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderHtml } from '../../server/src/engine/report/html';
import { ROOT, edit, example } from '../helpers/ruleTester';
import { EXAMPLES, reportOf } from './helpers';

/** The page's own function (these callbacks run in Chromium; the project compiles without the DOM library). */
declare function getComputedStyle(element: unknown): { display: string; breakBefore: string; borderStyle: string; backgroundColor: string };

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const HOSTILE_TITLE = '<script>document.title="pwned"</script><img src="https://example.invalid/x.png">';

/** The examples plus a policy whose text tries to inject markup: what an auditor opens must be inert text. */
function reportHtml(): string {
  const hostile = edit(example('key-management-policy.yaml'), 'title: Key Management Policy', `title: '${HOSTILE_TITLE}'`);
  const report = reportOf([...EXAMPLES, { name: 'hostile.yaml', text: hostile }]);
  return renderHtml(report);
}

// Skipped only on a developer machine without Chromium; under CI (CI=true) a missing Chromium fails the run.
describe('HTML report in headless Chromium', { skip: existsSync(CHROMIUM) || process.env.CI ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)` }, () => {
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const consoleMessages: string[] = [];
  let url: string;

  before(async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cek-html-'));
    const file = join(directory, 'report.html');
    writeFileSync(file, reportHtml());
    url = pathToFileURL(file).href;
    // A fresh profile every run: nothing cached, nothing synced, no network of Chromium's own.
    context = await chromium.launchPersistentContext(join(directory, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    await page.goto(url);
  });
  after(async () => {
    await context?.close();
  });

  it('loads nothing but itself, runs no script and breaks no content security rule', async () => {
    assert.deepEqual(requests, [url]);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.title(), 'CEK policy compliance report · 2026-11-24');
    assert.deepEqual(consoleMessages, []);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    // The stylesheet applied (its hash matches): the status badges have their colours.
    const background = await page.locator('.status-not-met').first().evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.equal(background, 'rgb(255, 226, 224)');
  });

  it('shows text from the policies as text, never as markup', async () => {
    assert.equal(await page.locator('img').count(), 0);
    assert.ok((await page.locator('body').innerText()).includes(HOSTILE_TITLE));
  });

  it('has one h1, sections in order, and no skipped heading level', async () => {
    const headings = await page.locator('h1, h2, h3, h4').evaluateAll((elements) => elements.map((element) => ({ level: Number(element.tagName[1]), text: (element as unknown as { innerText: string }).innerText })));
    assert.equal(headings.filter((heading) => heading.level === 1).length, 1);
    assert.equal(headings[0].level, 1);
    for (let index = 1; index < headings.length; index++) assert.ok(headings[index].level <= headings[index - 1].level + 1, `${headings[index - 1].text} -> ${headings[index].text}`);
    assert.deepEqual(headings.filter((heading) => heading.level === 2).map((heading) => heading.text), [
      'CEK domain at a glance', 'Contents', 'How to read this report', 'Summary per document', 'CEK-01 · Encryption and Key Management Policy and Procedures',
      'CEK-02 · CEK Roles and Responsibilities', 'AI-CAIQ answers', 'SSRM actor per document', 'Cryptography per document',
    ]);
    assert.ok(headings.some((heading) => heading.level === 3 && heading.text === 'CEK-01 auditing guideline 2 · Governance'));
  });

  it('every table has a caption and header cells with their scope', async () => {
    const tables = await page.locator('table').evaluateAll((elements) => elements.map((table) => ({
      caption: table.querySelector('caption')?.textContent ?? '',
      headScopes: [...table.querySelectorAll('thead th')].map((cell) => cell.getAttribute('scope')),
      rowScopes: [...table.querySelectorAll('tbody th')].map((cell) => cell.getAttribute('scope')),
      rows: table.querySelectorAll('tbody tr').length,
    })));
    assert.ok(tables.length >= 7);
    for (const table of tables) {
      assert.ok(table.caption.length > 5, 'caption');
      assert.ok(table.headScopes.length > 0 && table.headScopes.every((scope) => scope === 'col'), table.caption);
      assert.ok(table.rowScopes.length === table.rows && table.rowScopes.every((scope) => scope === 'row'), table.caption);
    }
  });

  it('states each status in words, per document and for the set, with evidence as file:line and the open findings', async () => {
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Status of each CEK-01 guideline' }) });
    const headers = await table.locator('thead th').allInnerTexts();
    assert.deepEqual(headers.slice(0, 2), ['Guideline', 'Set']);
    const governance = table.locator('tbody tr', { has: page.locator('th', { hasText: 'CEK-01 auditing guideline 2' }) });
    const cells = (await governance.locator('td').allInnerTexts()).map((text) => text.replace(/^\S+\s/, ''));
    const column = (file: string) => cells[headers.indexOf(file) - 1];
    assert.equal(column('examples/key-management-policy.yaml'), 'Met');
    assert.equal(column('examples/gaps/cloud-provider-gaps.yaml'), 'Partial', 'approved, but no owner and the review overdue');
    assert.equal(cells[0], 'Partial', 'the set: governance must hold in every document');
    const detail = page.locator('article', { has: page.locator('h3', { hasText: 'CEK-01 auditing guideline 2 · Governance' }) });
    const text = await detail.innerText();
    assert.match(text, /examples\/gaps\/cloud-provider-gaps\.yaml:3:1 error owner-missing: The policy has no designated owner/);
    assert.match(text, /examples\/key-management-policy\.yaml:8 “owner: \{ name: Lena Okafor, role: Head of Security \}” \(policy owner\)/);
    const legend = await page.locator('section', { has: page.locator('h2', { hasText: 'How to read this report' }) }).innerText();
    for (const label of ['Met', 'Partial', 'Not met', 'Not applicable', 'Not assessed']) assert.match(legend, new RegExp(`${label}\\t`));
  });

  it('answers the AI-CAIQ with the rule that derives each answer, and names each document\'s SSRM actor and how it was known', async () => {
    const caiq = await page.locator('section', { has: page.locator('h2', { hasText: 'AI-CAIQ answers' }) }).innerText();
    assert.match(caiq, /Yes when all are met, No when none is even partly met, Partial otherwise/);
    assert.match(caiq, /CEK-01\.2\n/);
    assert.match(caiq, /examples\/gaps\/cloud-provider-gaps\.yaml\tNo\t/);
    const actors = await page.locator('section', { has: page.locator('h2', { hasText: 'SSRM actor per document' }) }).innerText();
    assert.match(actors, /examples\/key-management-policy\.md\tAP\tdeclared: declared in the document/);
  });

  it('prints: navigation hidden, each control on a new page, badges readable without colour', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav').evaluate((element) => getComputedStyle(element).display), 'none');
    assert.equal(await page.locator('section.control').first().evaluate((element) => getComputedStyle(element).breakBefore), 'page');
    assert.equal(await page.locator('.status').first().evaluate((element) => getComputedStyle(element).borderStyle), 'solid');
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('saves the README screenshot (the examples only)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'examples.html');
    writeFileSync(file, renderHtml(reportOf(EXAMPLES)));
    await page.goto(pathToFileURL(file).href);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.locator('#summary').evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: join(ROOT, 'docs', 'images', 'report.png') });
  });
});
