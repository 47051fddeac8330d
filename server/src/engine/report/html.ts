import { createHash } from 'node:crypto';
import {
  ACTOR_BASIS_MEANING, REQUIREMENT_STATUSES, STATUS_MEANING,
  type CaiqReport, type ComplianceReport, type DocumentReport, type ReportGap, type RequirementReport, type RequirementStatus, type StatusTally,
} from './types';

/** One self-contained HTML file for an auditor: no external assets, no script, prints, reads with a screen reader. */
export interface HtmlOptions {
  /** Link target for a position (a `command:` URI in the editor's webview); positions stay plain text without it. */
  linkFor?: (file: string, line: number, column?: number) => string | undefined;
  /** How a file is shown (e.g. workspace-relative for a URI); the file as given by default. */
  displayName?: (file: string) => string;
}

const STATUS_SYMBOL: Record<RequirementStatus, string> = { met: '✓', partial: '◐', 'not-met': '✗', 'not-applicable': '–', 'not-assessed': '?' };

/** Status colours: fill (badge and chart) and ink; the word always says the status, the colour only repeats it. */
const STATUS_COLOUR: Record<RequirementStatus, { fill: string; ink: string; border: string }> = {
  met: { fill: '#dafbe1', ink: '#0a4d1c', border: '#2f8f46' },
  partial: { fill: '#fff1c2', ink: '#5c3b00', border: '#b7862b' },
  'not-met': { fill: '#ffe2e0', ink: '#82071e', border: '#cf222e' },
  'not-applicable': { fill: '#eaeef2', ink: '#32383f', border: '#8c959f' },
  'not-assessed': { fill: '#ddf4ff', ink: '#0a3069', border: '#218bff' },
};

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 0; display: inline; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
section.summary > h2 { display: block; margin: 1.6rem 0 .4rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
details.section { margin: 1.2rem 0; border-top: 2px solid var(--rule); padding-top: .5rem; }
details.section > summary { cursor: pointer; }
p, ul, dl { margin: .4rem 0; }
.meta, .muted { color: var(--muted); }
code, .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
code { background: var(--band); padding: 0 .2em; border-radius: .2em; }
a { color: #0550ae; }
a:focus-visible, summary:focus-visible { outline: 2px solid #0550ae; outline-offset: 2px; }
nav ol { columns: 2; margin: .4rem 0 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
tbody th { font-weight: 600; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 4px solid var(--rule); color: #32383f; background: var(--band); }
.verdict { font-size: 1.05rem; }
figure.chart { margin: .6rem 0; }
figure.chart svg { max-width: 40rem; width: 100%; height: auto; }
.status { display: inline-block; white-space: nowrap; padding: 0 .45rem; border-radius: .7rem; border: 1px solid; font-weight: 600; font-size: .85rem; }
${Object.entries(STATUS_COLOUR).map(([status, colour]) => `.status-${status} { background: ${colour.fill}; color: ${colour.ink}; border-color: ${colour.border}; }`).join('\n')}
.answer { font-weight: 700; }
ul.legend { list-style: none; padding: 0; }
ul.legend li { margin: .15rem 0; }
.guideline-text { color: #32383f; font-size: .88rem; }
.gap-error { color: #82071e; }
.gap-warning { color: #5c3b00; }
td p { margin: 0 0 .15rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
table.guidelines th[scope="row"] { width: 17%; }
table.findings th[scope="row"] { width: 8.5rem; white-space: nowrap; }
table.top-gaps th[scope="row"] { white-space: nowrap; }
table.top-gaps td:nth-child(2) { width: 7.5rem; }
table.top-gaps td:nth-child(3) { width: 22%; word-break: break-all; }
table.guidelines td:nth-last-child(2) { width: 6.5rem; }
.evidence ul, .gaps ul { display: inline; margin: 0; padding: 0; }
.evidence li, .gaps li { display: inline; }
ul.evidence { margin: .1rem 0; padding-left: 1.1rem; }
@page { size: A4; margin: 9mm 9mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 7pt; line-height: 1.2; }
  h1 { font-size: 13pt; }
  h2 { font-size: 10.5pt; }
  h3 { font-size: 8.5pt; margin: .5rem 0 .15rem; }
  nav, .screen-only { display: none; }
  a { color: inherit; text-decoration: none; }
  section.summary { break-after: page; }
  section.summary > h2 { margin: .5rem 0 .2rem; }
  table { margin: .2rem 0 .4rem; font-size: 7pt; }
  .verdict { font-size: 8.5pt; }
  figure.chart { margin: .2rem 0; }
  figure.chart svg { max-width: 24rem; }
  figure.chart figcaption { display: none; }
  th, td { padding: .05rem .3rem; }
  details.section { margin: .4rem 0; padding-top: .2rem; }
  /* Printed, every section is open: its content shows whether or not the reader expanded it on screen. */
  details.section::details-content { content-visibility: visible; display: block; }
  details.section > summary { list-style: none; }
  details.section > summary::-webkit-details-marker { display: none; }
  thead { display: table-header-group; }
  tr, blockquote, figure { break-inside: avoid; }
  h2, h3, summary { break-after: avoid; }
  .status { background: none !important; padding: 0 .3rem; font-size: 7pt; }
  .guideline-text { display: none; }
  table.heatmap th, table.heatmap td, table.crypto th, table.crypto td { padding: 0 .2rem; font-size: 6.5pt; line-height: 1.15; }
  table.crypto td:last-child { font-size: 6pt; }
  table.heatmap th br, table.heatmap th .muted { display: none; }
  /* One document: its controls in two columns of rows (a printed page has room for both). */
  table.heatmap.single, table.heatmap.single tbody { display: block; }
  table.heatmap.single thead { display: none; }
  table.heatmap.single tbody { column-count: 2; column-gap: 1rem; }
  table.heatmap.single tr { display: flex; justify-content: space-between; break-inside: avoid; }
  table.heatmap.single caption { display: block; }
  /* One document's heat map is two short columns: it shares the summary's page, and the details start on the next. */
  section.summary:has(+ section.domain.single) { break-after: auto; }
  section.domain.single { break-inside: avoid; break-after: page; }
  /* Narrow columns sized to what they hold at 7pt (their screen widths are in rem, for 15px text). */
  table.guidelines th[scope="row"] { width: 15%; }
  table.guidelines td:nth-last-child(2) { width: 5.5em; }
  table.findings th[scope="row"] { width: 9em; }
  /* A quote is the start of its line of the policy, clipped to one short line; the line number finds the rest. */
  div.evidence .quote { display: inline-block; max-width: 24em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
  #how-to-read p, #how-to-read li { font-size: 6.5pt; line-height: 1.15; margin: .1rem 0; }
  /* The legend's five statuses as one paragraph. */
  ul.legend li { display: inline; margin-right: .6em; }
}`;

/** The sections after the summary, in order; each is one collapsible part (a domain heat map or an algorithm table adds one here). */
type SectionId = 'how-to-read' | 'findings' | 'caiq' | 'actors' | 'cryptography' | `control-${string}`;

export function renderHtml(report: ComplianceReport, options: HtmlOptions = {}): string {
  const render = new HtmlReport(report, options);
  return render.page();
}

/** An open finding with where it is and every guideline it keeps from being met. */
interface RankedGap extends ReportGap {
  file: string;
  guidelines: string[];
}

const KIND_LABEL: Record<RequirementReport['kind'], string> = { implementation: 'Implementation', auditing: 'Auditing', ccm: 'CCM auditing', requirement: 'Requirement' };

/** How many gaps the summary lists (the rest are in "Open findings per document"). */
const TOP_GAPS = 10;

const SEVERITY_RANK: Record<ReportGap['severity'], number> = { error: 0, warning: 1, info: 2 };

class HtmlReport {
  private readonly controls: { id: string; title?: string }[];

  constructor(private readonly report: ComplianceReport, private readonly options: HtmlOptions) {
    const controls = new Map<string, string | undefined>();
    for (const requirement of report.set.requirements) if (!controls.has(requirement.control)) controls.set(requirement.control, undefined);
    // Controls judged by guidelines (CEK-01/02, catalog guidelines); the domain's packs are in the heat map.
    for (const document of report.documents) for (const control of document.controls) if (control.basis === undefined || control.basis === 'guidelines') controls.set(control.control, control.title ?? controls.get(control.control));
    this.controls = [...controls].map(([id, title]) => ({ id, title }));
  }

  page(): string {
    const hash = createHash('sha256').update(STYLE).digest('base64');
    const count = this.report.documents.length;
    const sections: [SectionId, string, string][] = [
      ...this.controls.map((control): [SectionId, string, string] => [`control-${anchor('', control.id).slice(1)}`, `${control.id}${control.title ? ` · ${control.title}` : ''}`, this.controlSection(control.id)]),
      ['findings', 'Other open findings per document', this.findingsSection()],
      // With one document, its answers are the set's, in the summary.
      ...(this.report.documents.length > 1 ? [['caiq', 'AI-CAIQ answers per document', this.caiqSection()] as [SectionId, string, string]] : []),
      ['actors', 'SSRM actor per document', this.actorSection()],
      // Only when some document names an algorithm: an empty table per document says nothing a reader needs.
      ...(this.report.documents.some((document) => (document.cryptography?.mentions.length ?? 0) > 0) ? [['cryptography', 'Cryptography per document', this.cryptographySection()] as [SectionId, string, string]] : []),
      ['how-to-read', 'How to read this report', this.howToRead()],
    ];
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>CEK policy compliance report · ${esc(this.report.today)}</title>`,
      `<style>${STYLE}</style>`,
      '</head>',
      '<body>',
      '<header>',
      '<h1>Cryptography, encryption and key-management policy compliance</h1>',
      `<p class="meta">Judged on <time datetime="${esc(this.report.today)}">${esc(this.report.today)}</time> by ${esc(this.report.tool.name)} ${esc(this.report.tool.version)} against ${this.controls.map((control) => esc(control.id)).join(' and ') || 'the CEK controls'} of the CSA AI Controls Matrix · ${count} policy document${count === 1 ? '' : 's'}.</p>`,
      '</header>',
      this.contents(sections),
      '<main>',
      this.summary(),
      this.heatMap(),
      ...sections.map(([id, title, body]) => `<details class="section" id="${id}">
<summary><h2>${esc(title)}</h2></summary>
${body}
</details>`),
      '</main>',
      `<footer class="muted"><p>Statuses are decided per guideline from the policy text; the findings are what ${esc(this.report.tool.name)} reports in the editor and in CI. This file needs no script and loads nothing from the network; printed, every section is expanded.</p></footer>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  private contents(sections: [SectionId, string, string][]): string {
    const domain = this.heatMap() ? [['domain', 'CEK domain at a glance']] : [];
    const items = [['summary', 'Summary'], ...domain, ...sections.map(([id, title]) => [id, title])];
    return `<nav aria-label="Contents"><ol>${items.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>`;
  }

  /** The page a CISO reads first: the set's verdict per control, the chart, the CAIQ answers, the gaps that matter most. */
  private summary(): string {
    const documents = this.report.documents;
    if (documents.length === 0) {
      return '<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2><p>No policy document was found.</p></section>';
    }
    const verdicts = this.controls.map((control) => ({ ...control, tally: tallyOf(this.report.set.requirements.filter((requirement) => requirement.control === control.id).map((requirement) => requirement.status)) }));
    const verdictRows = verdicts.map((control) => `<tr><th scope="row">${esc(control.id)}${control.title ? ` <span class="muted">${esc(control.title)}</span>` : ''}</th><td>${badge(verdictOf(control.tally))}</td><td>${control.tally.met} of ${control.tally.applicable}</td>${REQUIREMENT_STATUSES.filter((status) => status !== 'met').map((status) => `<td>${countOf(control.tally, status)}</td>`).join('')}</tr>`);
    const caiqRows = this.report.set.caiq.map((answer) => `<tr><th scope="row">${esc(answer.id)}</th><td>${esc(answer.question)}<br><span class="muted">From ${derivedFrom(answer, answer.id.split('.')[0])}</span></td><td class="answer">${esc(answer.answer)}</td></tr>`);
    const gaps = this.rankedGaps().slice(0, TOP_GAPS);
    const gapRows = gaps.map((gap, index) => {
      return `<tr><th scope="row">${index + 1} <span class="gap-${gap.severity}">${esc(gap.severity)}</span></th><td>${esc(shortGuideline(gap.guidelines[0]))}${gap.guidelines.length > 1 ? ` <span class="muted">+${gap.guidelines.length - 1}</span>` : ''}</td><td>${this.position(gap.file, gap.line)}</td><td>${inline(fixSentence(gap.message))} <code>${esc(gap.rule)}</code></td></tr>`;
    });
    const documentRows = documents.map((document) => `<tr><th scope="row">${this.fileLink(document.file)}${document.title ? `<br><span class="muted">${esc(document.title)}${document.id ? ` (${esc(document.id)})` : ''}</span>` : ''}</th><td>${this.actorCell(document)}</td>${this.controls.map((control) => {
      const tally = document.controls.find((entry) => entry.control === control.id);
      return tally ? `<td>${tally.all.met} of ${tally.all.applicable}</td>` : '<td>—</td>';
    }).join('')}</tr>`);
    const total = tallyOf(this.report.set.requirements.map((requirement) => requirement.status));
    const open = this.rankedGaps();
    return `<section class="summary" aria-labelledby="summary">
<h2 id="summary">Summary</h2>
<p class="verdict">The ${documents.length === 1 ? 'policy' : `set of ${documents.length} policies`} meets <strong>${total.met} of ${total.applicable}</strong> applicable guidelines of ${this.controls.map((control) => esc(control.id)).join(' and ')}: ${total.partial} partly, ${total.notMet} not at all, ${total.notAssessed} cannot be assessed. ${open.length === 0 ? 'No finding is open.' : `${open.filter((gap) => gap.severity === 'error').length} error and ${open.filter((gap) => gap.severity !== 'error').length} other findings are open; the ${Math.min(10, open.length)} that matter most are listed below.`}</p>
<figure class="chart">
${this.chart(verdicts)}
</figure>
<table>
<caption>Verdict per control for the set (guidelines per status)</caption>
<thead><tr><th scope="col">Control</th><th scope="col">Verdict</th><th scope="col">Met</th>${REQUIREMENT_STATUSES.filter((status) => status !== 'met').map((status) => `<th scope="col">${esc(STATUS_MEANING[status].label)}</th>`).join('')}</tr></thead>
<tbody>
${verdictRows.join('\n')}
</tbody>
</table>
<table>
<caption>AI-CAIQ answers for the set, and the guidelines each is derived from</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Text</th><th scope="col">Answer</th></tr></thead>
<tbody>
${caiqRows.join('\n')}
</tbody>
</table>
${gaps.length === 0 ? '<p>No open finding keeps a guideline from being met.</p>' : `<table class="top-gaps">
<caption>The ${gaps.length === 1 ? 'gap' : `${gaps.length} gaps`} that matter most (errors first, then the findings that block the most guidelines)</caption>
<thead><tr><th scope="col">Rank, severity</th><th scope="col">Guideline</th><th scope="col">Where</th><th scope="col">Fix</th></tr></thead>
<tbody>
${gapRows.join('\n')}
</tbody>
</table>`}
<table>
<caption>Documents: SSRM actor and guidelines met (of applicable)</caption>
<thead><tr><th scope="col">Document</th><th scope="col">SSRM actor</th>${this.controls.map((control) => `<th scope="col">${esc(control.id)}</th>`).join('')}</tr></thead>
<tbody>
${documentRows.join('\n')}
</tbody>
</table>
</section>`;
  }

  /** Stacked bars of the set's statuses per control, as SVG with its words in <title>, <desc> and text labels. */
  private chart(verdicts: { id: string; tally: StatusTally }[]): string {
    const width = 640;
    const labelWidth = 70;
    const barWidth = width - labelWidth - 10;
    const row = 30;
    const top = 6;
    const legendY = top + verdicts.length * row + 14;
    const height = legendY + 16;
    const description = verdicts.map((control) => `${control.id}: ${REQUIREMENT_STATUSES.map((status) => `${countOf(control.tally, status)} ${STATUS_MEANING[status].label.toLowerCase()}`).join(', ')}`).join('; ');
    const bars = verdicts.map((control, index) => {
      const total = REQUIREMENT_STATUSES.reduce((sum, status) => sum + countOf(control.tally, status), 0) || 1;
      const y = top + index * row;
      let x = labelWidth;
      const segments = REQUIREMENT_STATUSES.flatMap((status) => {
        const count = countOf(control.tally, status);
        if (count === 0) return [];
        const segment = (count / total) * barWidth;
        const colour = STATUS_COLOUR[status];
        const parts = [`<rect x="${x.toFixed(1)}" y="${y}" width="${segment.toFixed(1)}" height="${row - 8}" fill="${colour.fill}" stroke="${colour.border}"/>`];
        if (segment >= 16) parts.push(`<text x="${(x + segment / 2).toFixed(1)}" y="${y + row / 2}" text-anchor="middle" fill="${colour.ink}" font-size="12" font-weight="600">${count}</text>`);
        x += segment;
        return parts;
      });
      return `<text x="0" y="${y + row / 2}" font-size="13" font-weight="600" fill="#1b1f24">${esc(control.id)}</text>${segments.join('')}`;
    });
    let legendX = labelWidth;
    const legend = REQUIREMENT_STATUSES.map((status) => {
      const colour = STATUS_COLOUR[status];
      const label = STATUS_MEANING[status].label;
      const item = `<rect x="${legendX}" y="${legendY - 10}" width="12" height="12" fill="${colour.fill}" stroke="${colour.border}"/><text x="${legendX + 16}" y="${legendY}" font-size="12" fill="#1b1f24">${esc(label)}</text>`;
      legendX += 26 + label.length * 7;
      return item;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif">
<title id="chart-title">Guidelines of the set per status, per control</title>
<desc id="chart-desc">${esc(description)}.</desc>
${bars.join('\n')}
${legend.join('')}
</svg>
<figcaption class="muted">Guidelines of the set per status, per control (the numbers are guideline counts).</figcaption>`;
  }

  /** Every open finding once (a finding can block several guidelines), errors first, then by how many guidelines it blocks. */
  private rankedGaps(): RankedGap[] {
    const byKey = new Map<string, RankedGap>();
    for (const document of this.report.documents) {
      for (const requirement of document.requirements) {
        for (const gap of requirement.gaps ?? []) {
          const key = `${document.file}\u0000${gap.rule}\u0000${gap.line}\u0000${gap.column}\u0000${gap.message}`;
          const entry = byKey.get(key) ?? { ...gap, file: document.file, guidelines: [] };
          if (!entry.guidelines.includes(requirement.guideline)) entry.guidelines.push(requirement.guideline);
          byKey.set(key, entry);
        }
      }
    }
    const order = new Map(this.report.documents.map((document, index) => [document.file, index]));
    return [...byKey.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
      || b.guidelines.length - a.guidelines.length
      || order.get(a.file)! - order.get(b.file)!
      || a.line - b.line || a.column - b.column);
  }

  private howToRead(): string {
    const items = REQUIREMENT_STATUSES.map((status) => `<li>${badge(status)} ${esc(STATUS_MEANING[status].meaning)}</li>`).join('\n');
    return `<p>Every implementation, auditing and CCM auditing guideline of the controls is a requirement. For each policy document, and for the documents together as a set, each requirement has one of five statuses, written as a word (the colour only repeats it):</p>
<ul class="legend" aria-label="Statuses">
${items}
</ul>
<p><strong>Evidence</strong> is the line of the policy and its quoted text, with what it was taken to establish. <strong>Open findings</strong> are the problems the checker reports in the document (<code>line:column</code>, severity, rule id and message); an open error or warning finding that cites a guideline keeps it from being met. Suppressed findings are not listed. On screen, each guideline's text opens under its name; printed, the names stand for it.</p>
<p><strong>The set</strong> is all documents of the report together. A guideline about the document itself (approval, ownership, review, communication) holds for the set only when it holds in every document; a guideline about content (roles, scope, monitoring, BYOK) holds when some document of the set establishes it.</p>`;
  }

  /** One table per control: a row per guideline and document, with the status, why, the evidence and the blocking findings. */
  private controlSection(control: string): string {
    const guidelines = this.report.set.requirements.filter((requirement) => requirement.control === control);
    const documents = this.report.documents;
    const several = documents.length > 1;
    const rows = guidelines.flatMap((guideline) => {
      const key = anchor('g', `${guideline.control}-${guideline.kind}-${guideline.number}`);
      const text = documents.flatMap((document) => document.requirements).find((entry) => entry.guideline === guideline.guideline)?.text;
      const perDocument = documents.flatMap((document) => {
        const requirement = document.requirements.find((entry) => entry.control === guideline.control && entry.kind === guideline.kind && entry.number === guideline.number);
        return requirement ? [{ document, requirement }] : [];
      });
      const head = `<th scope="row" rowspan="${Math.max(1, perDocument.length)}" id="${key}"><span class="visually-hidden">${esc(guideline.control)} </span>${esc(KIND_LABEL[guideline.kind])} ${guideline.number}${guideline.title ? ` · ${esc(guideline.title)}` : ''}${several ? `<br>Set: ${badge(guideline.status)}` : ''}${text ? `<details class="guideline-text"><summary>Guideline text</summary>${inline(text)}</details>` : ''}</th>`;
      if (perDocument.length === 0) return [`<tr>${head}${several ? '<td>—</td>' : ''}<td>${badge(guideline.status)}</td><td></td></tr>`];
      return perDocument.map(({ document, requirement }, index) => `<tr>${index === 0 ? head : ''}${several ? `<td>${esc(this.name(document.file))}</td>` : ''}<td>${badge(requirement.status)}</td><td>${this.requirementDetail(document, requirement)}</td></tr>`);
    });
    return `<table class="guidelines">
<caption>Status of each ${esc(control)} guideline${several ? ', for the set and per document' : ''}, why, the evidence quoted and the open findings</caption>
<thead><tr><th scope="col">Guideline</th>${several ? '<th scope="col">Document</th>' : ''}<th scope="col">Status</th><th scope="col">Why, evidence and open findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  }

  private requirementDetail(document: DocumentReport, requirement: RequirementReport): string {
    // The document is the row's: positions are its lines. Each finding, with its position and message, is in "Open findings per document".
    // An inline list: each item ends with its separator as text, so that copied or read aloud it stays a list.
    const evidence = requirement.evidence.map((item, index, all) => `<li>${this.position(document.file, item.line, undefined, 'line')} ${quote(item.text)}${item.matched ? ` <span class="muted"${item.why ? ` title="${esc(item.why)}"` : ''}>(${esc(item.matched)})</span>` : ''}${index < all.length - 1 ? '; ' : ''}</li>`);
    // A met guideline's reason only names what its evidence shows; the others say what is missing and which findings block them.
    const reason = requirement.reason && !(requirement.status === 'met' && evidence.length > 0) ? `<p>${inline(requirement.reason)}</p>` : '';
    const named = requirement.reason ?? '';
    const unnamed = requirement.findings.filter((rule) => !named.includes(rule));
    return [
      reason,
      evidence.length ? `<div class="evidence">Evidence: <ul aria-label="Evidence">${evidence.join('')}</ul></div>` : '',
      unnamed.length ? `<p>Blocking rules: ${unnamed.map((rule) => `<code>${esc(rule)}</code>`).join(', ')}</p>` : '',
    ].filter(Boolean).join('\n');
  }

  /** Each open finding once per document, with its whole message and the guidelines it blocks; the summary's ten are not repeated. */
  private findingsSection(): string {
    const ranked = this.rankedGaps();
    if (ranked.length === 0) return '<p>No open finding keeps a guideline from being met.</p>';
    const gaps = ranked.slice(TOP_GAPS);
    if (gaps.length === 0) return `<p>Every open finding is among the ${ranked.length === 1 ? 'one' : ranked.length} of the summary.</p>`;
    return this.report.documents.flatMap((document) => {
      const own = gaps.filter((gap) => gap.file === document.file).sort((a, b) => a.line - b.line || a.column - b.column);
      if (own.length === 0) return [];
      const rows = own.map((gap) => `<tr><th scope="row">${this.position(gap.file, gap.line, gap.column, 'line')} <span class="gap-${gap.severity}">${esc(gap.severity)}</span></th><td><code>${esc(gap.rule)}</code>: ${inline(gap.message)} <span class="muted">(${gap.guidelines.map((guideline) => esc(shortGuideline(guideline))).join('; ')})</span></td></tr>`);
      return [`<table class="findings">
<caption>${esc(this.name(document.file))}: open findings besides the summary's ten, each with the guidelines it keeps from being met</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Finding</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`];
    }).join('\n');
  }

  private caiqSection(): string {
    // The set's answers are in the summary; here each document's.
    const scopes: { label: string; answers: CaiqReport[] }[] = this.report.documents.map((document) => ({ label: this.name(document.file), answers: document.caiq }));
    const ids = [...new Set(scopes.flatMap((scope) => scope.answers.map((answer) => answer.id)))];
    const basis = [...new Set(scopes.flatMap((scope) => scope.answers.map((answer) => answer.basis)))];
    const rows = ids.flatMap((id) => {
      const answers = scopes.flatMap((scope) => {
        const answer = scope.answers.find((entry) => entry.id === id);
        return answer ? [{ scope: scope.label, answer }] : [];
      });
      return answers.map(({ scope, answer }, index) => {
        const derived = derivedFrom(answer);
        return `<tr>${index === 0 ? `<th scope="row" rowspan="${answers.length}" id="${anchor('caiq', id)}">${esc(id)}</th>` : ''}<td>${esc(scope)}</td><td class="answer">${esc(answer.answer)}</td><td>${derived}</td></tr>`;
      });
    });
    return `<p>The answers are derived from the statuses of the guidelines listed with each answer, by this rule:</p>
${basis.map((text) => `<p class="basis">${inline(text)}</p>`).join('\n')}
<table>
<caption>AI-CAIQ answers per document, and the guidelines each is derived from</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Scope</th><th scope="col">Answer</th><th scope="col">Derived from</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  }

  private actorSection(): string {
    const rows = this.report.documents.map((document) => {
      const actor = document.actor;
      const evidence = actor.evidence.map((item) => `<li>${this.position(document.file, item.line)} ${quote(item.text)}${item.matched ? ` <span class="muted">(${esc(item.matched)})</span>` : ''}</li>`).join('');
      const facts = [
        actor.hostsCustomerData === undefined ? '' : `Holds customer or tenant data: ${actor.hostsCustomerData ? 'yes' : 'no'}.`,
        actor.ai === undefined ? '' : `Builds, trains, serves or integrates AI models: ${actor.ai ? 'yes' : 'no'}.`,
      ].filter(Boolean).join(' ');
      return `<tr><th scope="row">${this.fileLink(document.file)}</th><td>${esc(actorCodes(document))}</td><td><strong>${esc(actor.basis)}</strong>: ${esc(ACTOR_BASIS_MEANING[actor.basis])}${actor.summary ? `<br>${inline(actor.summary)}` : ''}${facts ? `<br>${esc(facts)}` : ''}</td><td>${evidence ? `<ul class="evidence">${evidence}</ul>` : '—'}</td></tr>`;
    });
    return `<p>Which guidelines apply depends on the organisation's role in the Shared Security Responsibility Model: CSP (cloud service provider), MP (model provider), OSP (orchestrated service provider), AP (application provider) or AIC (AI customer). The table says how each document's role was known.</p>
<table>
<caption>SSRM actor of each document and how it was known</caption>
<thead><tr><th scope="col">Document</th><th scope="col">Actor</th><th scope="col">How it was known</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  }

  /** The actor and how it was known, in a sentence: an inferred actor is never shown as a bare "unknown". */
  private actorCell(document: DocumentReport): string {
    const actor = document.actor;
    return `${esc(actorCodes(document))} <span class="muted">(${esc(actor.basis)})</span>${actor.summary && actor.basis !== 'declared' ? `<br><span class="muted">${inline(actor.summary)}</span>` : ''}`;
  }

  /** Controls × documents: every judged control's status per document and for the set, in words and colour. */
  private heatMap(): string {
    const rows = new Map<string, { title?: string; text?: string }>();
    for (const document of this.report.documents) {
      for (const control of document.controls) {
        if (!control.status) continue;
        const known = rows.get(control.control);
        rows.set(control.control, { title: known?.title ?? control.title, text: known?.text ?? (control.text?.source === 'summary' ? 'summary by cek-policy' : control.text ? [control.text.framework, control.text.edition].filter(Boolean).join(' ') : undefined) });
      }
    }
    // Only CEK-01/02 judged (a document that claims just them): the summary already shows both.
    const packs = this.report.documents.some((document) => document.controls.some((control) => control.status && control.basis !== undefined && control.basis !== 'guidelines'));
    if (rows.size === 0 || !packs) return '';
    const set = new Map((this.report.set.controls ?? []).map((control) => [control.control, control.status]));
    const heads = this.report.documents.map((document) => `<th scope="col">${this.fileLink(document.file)}</th>`).join('');
    const body = [...rows].map(([id, row]) => {
      const cells = this.report.documents.map((document) => {
        const status = document.controls.find((control) => control.control === id)?.status;
        return `<td>${status ? badge(status) : '—'}</td>`;
      }).join('');
      const whole = set.get(id);
      return `<tr><th scope="row">${esc(id)}${row.title ? ` · ${esc(row.title)}` : ''}${row.text ? `<br><span class="muted">${esc(row.text)}</span>` : ''}</th>${cells}${this.report.documents.length > 1 ? `<td>${whole ? badge(whole) : '—'}</td>` : ''}</tr>`;
    }).join('\n');
    const met = (statuses: (RequirementStatus | undefined)[]) => statuses.filter((status) => status === 'met').length;
    const summaryLine = this.report.documents.map((document) => `${esc(document.file)}: ${met(document.controls.map((control) => control.status))}/${document.controls.filter((control) => control.status && control.status !== 'not-applicable').length} controls met`).join(' · ');
    return `<section class="domain${this.report.documents.length === 1 ? ' single' : ''}" aria-labelledby="domain">
<h2 id="domain">CEK domain at a glance</h2>
<p>${summaryLine}</p>
<table class="heatmap${this.report.documents.length === 1 ? ' single' : ''}">
<caption>Each judged control per document${this.report.documents.length > 1 ? ' and for the set' : ''}: the status in words, the colour only repeats it</caption>
<thead><tr><th scope="col">Control</th>${heads}${this.report.documents.length > 1 ? '<th scope="col">Set</th>' : ''}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
  }

  /** An algorithm table per document: every mention, the policy's stance, its status under the profile and the date of its next status. */
  private cryptographySection(): string {
    const tables = this.report.documents.map((document) => {
      const cryptography = document.cryptography;
      if (!cryptography || cryptography.mentions.length === 0) return `<h3>${this.fileLink(document.file)}</h3>\n<p>No algorithm, key size or protocol version is named.</p>`;
      const rows = cryptography.mentions.map((mention) => `<tr><th scope="row">${this.position(document.file, mention.line)} ${quote(mention.text)}</th><td>${esc(mention.algorithm)}</td><td>${esc(mention.parameter === null ? '—' : String(mention.parameter))}</td><td>${esc(mention.use)}</td><td>${esc(mention.stance)}</td><td><strong>${esc(mention.status)}</strong></td><td>${esc(mention.until ?? '—')}</td><td>${esc(mention.source)}</td></tr>`);
      return `<h3>${this.fileLink(document.file)}</h3>
<table class="crypto">
<caption>Algorithms named in the policy, judged against the ${esc(cryptography.profile)} profile on ${esc(this.report.today)}</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Algorithm</th><th scope="col">Parameter</th><th scope="col">Use</th><th scope="col">Policy's stance</th><th scope="col">Status</th><th scope="col">Until</th><th scope="col">Source</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
    });
    return `<p>Every algorithm, key size, mode and protocol version the policy names, the policy's stance on it (approved, prohibited, legacy, mentioned) and its status under the profile: acceptable, deprecated (until the date it becomes disallowed), legacy-use, disallowed, not-approved or unknown (the text does not give the size, curve or version). The figures come from the standards named in each row; they are not legal advice.</p>
${tables.join('\n')}`;
  }

  private name(file: string): string {
    return this.options.displayName?.(file) ?? file;
  }

  private fileLink(file: string): string {
    const href = this.options.linkFor?.(file, 1);
    const name = `<span class="file">${esc(this.name(file))}</span>`;
    return href ? `<a href="${esc(href)}">${name}</a>` : name;
  }

  /** `file:line[:column]` (or `line N[:column]` where the file is known), a link when the caller can open it. */
  private position(file: string, line: number, column?: number, form: 'file' | 'line' = 'file'): string {
    const text = `${form === 'line' ? 'line ' : `${this.name(file)}:`}${line}${column ? `:${column}` : ''}`;
    const href = this.options.linkFor?.(file, line, column);
    return href ? `<a class="file" href="${esc(href)}">${esc(text)}</a>` : `<span class="file">${esc(text)}</span>`;
  }
}

/** "CEK-01 auditing guideline 2" → "CEK-01 auditing 2": the guideline's name where space is short. */
function shortGuideline(guideline: string): string {
  return guideline.replace(' guideline ', ' ');
}

/** The guidelines a CAIQ answer is derived from, with their statuses, in a line. */
function derivedFrom(answer: CaiqReport, control?: string): string {
  const name = (guideline: string) => shortGuideline(control && guideline.startsWith(`${control} `) ? guideline.slice(control.length + 1) : guideline);
  return answer.requirements.map((requirement) => `${esc(name(requirement.guideline))}: ${esc(STATUS_MEANING[requirement.status].label.toLowerCase())}`).join('; ');
}

function tallyOf(statuses: RequirementStatus[]): StatusTally {
  const count = (status: RequirementStatus) => statuses.filter((entry) => entry === status).length;
  const tally = { met: count('met'), partial: count('partial'), notMet: count('not-met'), notApplicable: count('not-applicable'), notAssessed: count('not-assessed') };
  return { ...tally, applicable: statuses.length - tally.notApplicable };
}

function countOf(tally: StatusTally, status: RequirementStatus): number {
  return { met: tally.met, partial: tally.partial, 'not-met': tally.notMet, 'not-applicable': tally.notApplicable, 'not-assessed': tally.notAssessed }[status];
}

/** A control's verdict for the set, by the CAIQ's rule: met when all applicable guidelines are, not met when none is even partly. */
function verdictOf(tally: StatusTally): RequirementStatus {
  if (tally.applicable === 0) return 'not-applicable';
  if (tally.notAssessed === tally.applicable) return 'not-assessed';
  if (tally.met === tally.applicable) return 'met';
  if (tally.met === 0 && tally.partial === 0) return 'not-met';
  return 'partial';
}

/** Verbs a finding's message starts its fix with ("Add `owner:` …", "…, required for CSP: add it to …"). */
const FIX_VERBS = new Set(['add', 'assign', 'choose', 'correct', 'declare', 'define', 'describe', 'document', 'fill', 'give', 'keep', 'list', 'make', 'mention', 'move', 'name', 'put', 'record', 'remove', 'rename', 'replace', 'review', 'say', 'schedule', 'set', 'split', 'state', 'use', 'write']);

/**
 * The fix of a finding's message, in a sentence: its first sentence, or clause after a colon, that starts with a
 * fix verb ("No role holds `x`, required for CSP: add it to …" → "Add it to …"); the whole message when none does.
 */
export function fixSentence(message: string): string {
  // Where a sentence or a clause after ": " starts, outside `code` spans (they hold colons and dots of YAML).
  const starts = [0];
  let code = false;
  for (let index = 0; index < message.length - 1; index++) {
    const char = message[index];
    if (char === '`') code = !code;
    else if (!code && (char === '.' || char === ':') && message[index + 1] === ' ') starts.push(index + 2);
  }
  for (const start of starts) {
    const word = message.slice(start, start + 12).split(/[\s,]/)[0].toLowerCase();
    if (FIX_VERBS.has(word)) {
      // To the end of its sentence (outside code), or of the message.
      let end = message.length;
      code = false;
      for (let index = start; index < message.length - 1; index++) {
        if (message[index] === '`') code = !code;
        else if (!code && message[index] === '.' && message[index + 1] === ' ') {
          end = index + 1;
          break;
        }
      }
      const part = message.slice(start, end);
      return part.charAt(0).toUpperCase() + part.slice(1);
    }
  }
  return message;
}

/** Prose of the tool (messages, reasons, guideline text) with its `code` spans rendered: escaped first, then marked up. */
export function inline(text: string): string {
  // A scan, as the pattern /`([^`\n]+)`/g would read it: a run of non-backtick characters on one line between two.
  const escaped = esc(text);
  let out = '';
  let at = 0;
  for (;;) {
    const open = escaped.indexOf('`', at);
    if (open < 0) break;
    const close = escaped.indexOf('`', open + 1);
    if (close < 0) break;
    const inner = escaped.slice(open + 1, close);
    if (inner === '' || inner.includes('\n')) {
      out += escaped.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    out += `${escaped.slice(at, open)}<code>${inner}</code>`;
    at = close + 1;
  }
  return out + escaped.slice(at);
}

/** Quoted policy text: the marks are characters, so they survive copying and printing. */
function quote(text: string): string {
  return `<span class="quote">“${esc(text)}”</span>`;
}

function badge(status: RequirementStatus): string {
  return `<span class="status status-${status}"><span aria-hidden="true">${STATUS_SYMBOL[status]} </span>${esc(STATUS_MEANING[status].label)}</span>`;
}

/** The actor's codes; a role inferred as none of the five (no hosted data, no AI product) says so, not "unknown". */
function actorCodes(document: DocumentReport): string {
  if (document.actor.codes.length) return document.actor.codes.join(', ');
  return document.actor.basis === 'unknown' ? 'unknown' : 'none of the five';
}

function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
