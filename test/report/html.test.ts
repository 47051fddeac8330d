import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fixSentence, renderHtml } from '../../server/src/engine/report/html';
import { ROOT, TODAY, edit, example } from '../helpers/ruleTester';
import { cli } from '../cli/helpers';
import { EXAMPLES, reportOf } from './helpers';

/** The page's own function (these callbacks run in Chromium; the project compiles without the DOM library). */
declare function getComputedStyle(element: unknown): { display: string; breakAfter: string; breakInside: string; borderStyle: string; backgroundColor: string; whiteSpace: string; textOverflow: string };

/** Opens every collapsible section, as a reader clicking each one does. */
async function openAll(page: Page): Promise<void> {
  for (const details of await page.locator('details.section').all()) {
    if (await details.getAttribute('open') === null) await details.locator(':scope > summary').click();
  }
}

/** Pages of a PDF that Chromium printed: its page objects (`/Type /Page`, not the `/Pages` tree nodes). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').split('/Type /Page').filter((_part, index, parts) => index > 0 && !parts[index].startsWith('s')).length;
}

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

  it('has one h1, the summary first, then the sections in order, and no skipped heading level', async () => {
    const headings = await page.locator('h1, h2, h3, h4').evaluateAll((elements) => elements.map((element) => ({ level: Number(element.tagName[1]), text: (element as unknown as { innerText: string }).innerText })));
    assert.equal(headings.filter((heading) => heading.level === 1).length, 1);
    assert.equal(headings[0].level, 1);
    for (let index = 1; index < headings.length; index++) assert.ok(headings[index].level <= headings[index - 1].level + 1, `${headings[index - 1].text} -> ${headings[index].text}`);
    assert.deepEqual(headings.filter((heading) => heading.level === 2).map((heading) => heading.text), [
      'Summary', 'CEK domain at a glance', 'CEK-01 · Encryption and Key Management Policy and Procedures', 'CEK-02 · CEK Roles and Responsibilities',
      'Other open findings per document', 'AI-CAIQ answers per document', 'SSRM actor per document', 'Cryptography per document', 'How to read this report',
    ]);
  });

  it('opens with the summary: the verdict per control, a chart, the CAIQ answers and the ten gaps that matter most', async () => {
    const summary = page.locator('section.summary');
    const text = await summary.innerText();
    assert.match(text, /^Summary\n+The set of 5 policies meets \d+ of \d+ applicable guidelines of CEK-01 and CEK-02/);
    const verdicts = await summary.locator('table', { has: page.locator('caption', { hasText: 'Verdict per control' }) }).locator('tbody tr').allInnerTexts();
    assert.deepEqual(verdicts.map((row) => row.split('\t').slice(0, 2)).map(([control, verdict]) => [control, verdict.replace(/^\S+ /, '')]), [['CEK-01 Encryption and Key Management Policy and Procedures', 'Partial'], ['CEK-02 CEK Roles and Responsibilities', 'Partial']]);
    const caiq = await summary.locator('table', { has: page.locator('caption', { hasText: 'AI-CAIQ answers for the set' }) }).locator('tbody tr').allInnerTexts();
    assert.deepEqual(caiq.map((row) => `${row.split('\t')[0]} ${row.split('\t').at(-1)}`), ['CEK-01.1 Partial', 'CEK-01.2 Partial', 'CEK-02.1 Yes']);
    assert.match(caiq[1], /From CCM auditing 2: partial/);
    const gaps = await summary.locator('table.top-gaps tbody tr').allInnerTexts();
    assert.equal(gaps.length, 10);
    assert.match(gaps[0], /^1 error\t/);
    // Errors first; every row names a guideline, a file:line and a fix with code rendered, not backticks.
    const severities = gaps.map((row) => row.split('\t')[0].split(' ')[1]);
    assert.deepEqual(severities, [...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    for (const row of gaps) assert.match(row, /^\d+ (error|warning|info)\tCEK-0[12] (auditing|implementation|CCM auditing) \d+( \+\d+)?\t\S+:\d+\t.+ [a-z-]+$/);
    assert.ok(await summary.locator('table.top-gaps code').count() > 10, 'code spans of the fixes are rendered');
    assert.doesNotMatch(await page.locator('body').innerText(), /`/, 'no raw backtick anywhere');
  });

  it('draws the statuses per control as an accessible SVG chart with words, not colour alone', async () => {
    const chart = page.locator('section.summary svg');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await chart.locator('title').textContent(), 'Guidelines of the set per status, per control');
    const description = (await chart.locator('desc').textContent())!;
    assert.match(description, /^CEK-01: \d+ met, \d+ partial, \d+ not met, \d+ not applicable, \d+ not assessed; CEK-02: /);
    const labels = await chart.locator('text').allTextContents();
    for (const word of ['CEK-01', 'CEK-02', 'Met', 'Partial', 'Not met', 'Not applicable', 'Not assessed']) assert.ok(labels.includes(word), word);
    // The bar segments add up to the guidelines of the control.
    const cek01 = description.split(';')[0].match(/\d+/g)!.slice(1).map(Number).reduce((sum, count) => sum + count, 0);
    assert.equal(cek01, await page.locator('table.guidelines').first().locator('tbody th[scope="row"]').count());
  });

  it('keeps the details in collapsible sections, closed on screen and expanded when printed', async () => {
    const sections = page.locator('details.section');
    assert.equal(await sections.count(), 7, "CEK-01, CEK-02, findings, CAIQ, actors, cryptography, how to read");
    assert.equal(await sections.evaluateAll((elements) => elements.filter((element) => element.hasAttribute('open')).length), 0);
    const firstRow = page.locator('table.guidelines').first().locator('tbody tr').first();
    assert.equal(await firstRow.isVisible(), false);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await firstRow.isVisible(), true);
    assert.equal(await page.locator('#how-to-read ul.legend').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    await page.locator('details#control-CEK-01 > summary').click();
    assert.equal(await firstRow.isVisible(), true);
    await page.locator('details#control-CEK-01 > summary').click();
  });

  it('every table has a caption and header cells with their scope', async () => {
    const tables = await page.locator('table').evaluateAll((elements) => elements.map((table) => ({
      caption: table.querySelector('caption')?.textContent ?? '',
      headScopes: [...table.querySelectorAll('thead th')].map((cell) => cell.getAttribute('scope')),
      rowScopes: [...table.querySelectorAll('tbody th')].map((cell) => cell.getAttribute('scope')),
      // A row header can span the rows of the documents (rowspan): together the headers cover every row once.
      rowsCovered: [...table.querySelectorAll('tbody th')].reduce((sum, cell) => sum + Number(cell.getAttribute('rowspan') ?? 1), 0),
      rows: table.querySelectorAll('tbody tr').length,
    })));
    assert.ok(tables.length >= 7);
    for (const table of tables) {
      assert.ok(table.caption.length > 5, 'caption');
      assert.ok(table.headScopes.length > 0 && table.headScopes.every((scope) => scope === 'col'), table.caption);
      assert.ok(table.rowsCovered === table.rows && table.rowScopes.every((scope) => scope === 'row'), table.caption);
    }
  });

  it('states each status in words, per document and for the set, with evidence as line and quote, and the open findings once with their message', async () => {
    await openAll(page);
    const table = page.locator('table.guidelines', { has: page.locator('caption', { hasText: 'Status of each CEK-01 guideline' }) });
    const governance = table.locator('tbody tr', { has: page.locator('th', { hasText: 'Auditing 2 · Governance' }) });
    assert.match(await governance.locator('th').innerText(), /^CEK-01\nAuditing 2 · Governance\nSet: ◐ Partial\nGuideline text$/, 'the set: governance must hold in every document');
    const rows = await table.locator('tbody tr').evaluateAll((elements) => elements.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell as unknown as { innerText: string }).innerText)));
    const of = (file: string) => rows.find((cells) => cells[0] === file && /Governance|owner|approv/i.test(cells[2] ?? ''));
    assert.equal(of('examples/key-management-policy.yaml')?.[1].replace(/^\S+ /, ''), 'Met');
    const gaps = of('examples/gaps/cloud-provider-gaps.yaml')!;
    assert.equal(gaps[1].replace(/^\S+ /, ''), 'Partial', 'approved, but no owner and the review overdue');
    assert.match(gaps[2], /Missing: no designated owner/);
    assert.match(of('examples/key-management-policy.yaml')![2], /^Evidence: .*; line 8 “owner: \{ name: Lena Okafor, role: Head of Security \}” \(policy owner\)/);
    const findings = await page.locator('details#findings').innerText();
    const summaryGaps = await page.locator('table.top-gaps').innerText();
    // Each open finding is listed once: in the summary's ten or in the findings section, with its message.
    assert.match(`${summaryGaps}\n${findings}`, /owner: \{name, role\}/);
    assert.equal(await page.locator('table.findings caption', { hasText: 'examples/gaps/cloud-provider-gaps.yaml' }).count() + await page.locator('table.top-gaps', { hasText: 'cloud-provider-gaps.yaml' }).count() > 0, true);
    const legend = await page.locator('#how-to-read').innerText();
    for (const label of ['Met', 'Partial', 'Not met', 'Not applicable', 'Not assessed']) assert.match(legend, new RegExp(`${label} The `));
  });

  it('answers the AI-CAIQ per document with the rule that derives each answer, and names each document\'s SSRM actor and how it was known', async () => {
    await openAll(page);
    const caiq = await page.locator('details#caiq').innerText();
    assert.match(caiq, /Yes when all are met, No when none is even partly met, Partial otherwise/);
    assert.match(caiq, /CEK-01\.2\texamples\/key-management-policy\.yaml\tYes\t/);
    assert.match(caiq, /examples\/gaps\/cloud-provider-gaps\.yaml\tNo\t/);
    const actors = await page.locator('details#actors').innerText();
    assert.match(actors, /examples\/key-management-policy\.md\tAP\tdeclared: declared in the document/);
  });

  it('prints: navigation hidden, the summary on a page of its own, badges readable without colour', async () => {
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav').evaluate((element) => getComputedStyle(element).display), 'none');
    assert.equal(await page.locator('section.summary').evaluate((element) => getComputedStyle(element).breakAfter), 'page');
    assert.equal(await page.locator('.status').first().evaluate((element) => getComputedStyle(element).borderStyle), 'solid');
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // Printed, each quote of evidence is clipped to one line (the line number finds the rest); its whole text stays in the page.
    const quote = page.locator('div.evidence .quote').first();
    assert.deepEqual(await quote.evaluate((element) => [getComputedStyle(element).whiteSpace, getComputedStyle(element).textOverflow]), ['nowrap', 'ellipsis']);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await quote.evaluate((element) => getComputedStyle(element).whiteSpace), 'normal');
  });

  it('prints one document\'s heat map on the summary\'s page, the details from the next page', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'single.html');
    writeFileSync(file, renderHtml(reportOf(['examples/gaps/application-policy-gaps.md'])));
    const single = await context.newPage();
    try {
      await single.goto(pathToFileURL(file).href);
      await single.emulateMedia({ media: 'print' });
      assert.equal(await single.locator('section.summary').evaluate((element) => getComputedStyle(element).breakAfter), 'auto');
      assert.equal(await single.locator('section.domain').evaluate((element) => getComputedStyle(element).breakAfter), 'page');
      assert.equal(await single.locator('section.domain').evaluate((element) => getComputedStyle(element).breakInside), 'avoid');
    } finally {
      await single.close();
    }
  });

  // Printed with every section expanded, a report takes at most three A4 pages per policy, the domain heat map
  // included: each example as it is (the YAML ones claim CEK-01 and CEK-02), and without its `controls:`, when the
  // whole CEK domain (CEK-01 to CEK-21) is judged.
  const wholeDomain = (file: string) => ({ name: file, text: readFileSync(join(ROOT, file), 'utf8').replace('\ncontrols: [CEK-01, CEK-02]\n', '\n').replace('\ncontrols: [CEK-01, CEK-2]  # expect: unknown-control\n', '\n') });
  const printed: [string, (string | { name: string; text: string })[]][] = [
    ['the compliant YAML policy', ['examples/key-management-policy.yaml']],
    ['the compliant Markdown policy', ['examples/key-management-policy.md']],
    ['the CSP policy with gaps', ['examples/gaps/cloud-provider-gaps.yaml']],
    ['the application policy with gaps (whole domain)', ['examples/gaps/application-policy-gaps.md']],
    ['the four examples together', EXAMPLES],
    ['the compliant YAML policy, whole domain', [wholeDomain('examples/key-management-policy.yaml')]],
    ['the compliant Markdown policy, whole domain', [wholeDomain('examples/key-management-policy.md')]],
    ['the CSP policy with gaps, whole domain', [wholeDomain('examples/gaps/cloud-provider-gaps.yaml')]],
    ['the four examples together, whole domain', EXAMPLES.map(wholeDomain)],
  ];
  for (const [name, files] of printed) {
    it(`prints ${name} on at most ${3 * files.length} A4 pages, every section expanded`, async () => {
      const report = reportOf(files);
      const judged = new Set(report.documents.flatMap((document) => document.controls.filter((control) => control.status).map((control) => control.control)));
      // The variant really judges the whole domain (and the others at least CEK-01 and CEK-02).
      if (name.includes('whole domain')) assert.equal(judged.size, 21, [...judged].join(' '));
      const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'report.html');
      writeFileSync(file, renderHtml(report));
      const printing = await context.newPage();
      try {
        await printing.goto(pathToFileURL(file).href);
        const pdf = await printing.pdf({ format: 'A4' });
        const pages = pdfPageCount(pdf);
        assert.ok(pages >= 2, `the summary, then the details (${pages})`);
        assert.equal(await printing.locator('h2#domain').count(), judged.size > 2 ? 1 : 0, 'the heat map is printed when more than CEK-01 and CEK-02 is judged');
        assert.ok(pages <= 3 * files.length, `${pages} pages for ${files.length} polic${files.length === 1 ? 'y' : 'ies'}`);
      } finally {
        await printing.close();
      }
    });
  }

  it('shows an inferred actor with how it was inferred, in the summary and in the actor section', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'inferred.html');
    writeFileSync(file, renderHtml(reportOf([{ name: 'no-actor.yaml', text: edit(example('key-management-policy.yaml'), 'actor: MP\n', '') }])));
    const other = await context.newPage();
    try {
      await other.goto(pathToFileURL(file).href);
      const row = await other.locator('section.summary table', { has: other.locator('caption', { hasText: 'Documents' }) }).locator('tbody tr').innerText();
      assert.match(row, /\tAP \(inferred\)\nInferred Application Provider \(AP\): the policy describes an AI product or platform/);
      await openAll(other);
      assert.match(await other.locator('details#actors').innerText(), /no-actor\.yaml\tAP\tinferred: inferred from the text \(see the evidence\)\nInferred Application Provider/);
    } finally {
      await other.close();
    }
  });

  it('cek-policy report --base-url links each file:line to the repository web view (CLI process)', async () => {
    const result = cli(['report', 'examples/key-management-policy.yaml', '--format', 'html', '--today', TODAY, '--base-url', 'https://git.example.org/acme/policies/blob/main/'], ROOT);
    assert.equal(result.code, 0, result.stderr);
    const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'linked.html');
    writeFileSync(file, result.stdout);
    const other = await context.newPage();
    try {
      await other.goto(pathToFileURL(file).href);
      await openAll(other);
      const owner = other.locator('table.guidelines a', { hasText: 'line 8' }).first();
      assert.equal(await owner.getAttribute('href'), 'https://git.example.org/acme/policies/blob/main/examples/key-management-policy.yaml#L8');
      assert.equal(await other.locator('section.summary a.file, section.summary a', { hasText: 'examples/key-management-policy.yaml' }).first().getAttribute('href'), 'https://git.example.org/acme/policies/blob/main/examples/key-management-policy.yaml#L1');
    } finally {
      await other.close();
    }
    const refused = cli(['report', 'examples/key-management-policy.yaml', '--format', 'html', '--base-url', 'javascript:alert(1)'], ROOT);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--base-url javascript:alert\(1\): only http\(s\) addresses/);
  });

  it('saves the README screenshot (the examples only)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cek-html-')), 'examples.html');
    writeFileSync(file, renderHtml(reportOf(EXAMPLES)));
    await page.goto(pathToFileURL(file).href);
    // As on screen, whatever an earlier test left emulated.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.locator('section.summary').evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: join(ROOT, 'docs', 'images', 'report.png') });
  });
});

describe('the fix of a finding, in a sentence (the summary\'s gap list)', () => {
  const cases: [string, string][] = [
    ['The policy has no designated owner. Add `owner: {name, role}` so an auditor can see who is accountable for it.', 'Add `owner: {name, role}` so an auditor can see who is accountable for it.'],
    ['No role holds `byok-provisioning`, required for CSP: add it to the responsibilities of the role that performs it. Sets up BYOK/HYOK.', 'Add it to the responsibilities of the role that performs it.'],
    ['As CSP, the policy must state its stance: add `byok: {supported, hyok}`. Then more.', 'Add `byok: {supported, hyok}`.'],
    ['`approval.date` is ambiguous: "03/04/2026" could be day/month or month/day. Write it as an ISO date (YYYY-MM-DD).', 'Write it as an ISO date (YYYY-MM-DD).'],
    ['A 18-month review interval is longer than 12 months; CEK-01 requires review at least annually.', 'A 18-month review interval is longer than 12 months; CEK-01 requires review at least annually.'],
  ];
  for (const [message, fix] of cases) it(fix, () => assert.equal(fixSentence(message), fix));
});
