import { createHash } from 'node:crypto';
import {
  ACTOR_BASIS_MEANING, REQUIREMENT_STATUSES, STATUS_MEANING,
  type CaiqReport, type ComplianceReport, type DocumentReport, type RequirementReport, type RequirementStatus, type StatusTally,
} from './types';

/** One self-contained HTML file for an auditor: no external assets, no script, prints, reads with a screen reader. */
export interface HtmlOptions {
  /** Link target for a position (a `command:` URI in the editor's webview); positions stay plain text without it. */
  linkFor?: (file: string, line: number, column?: number) => string | undefined;
  /** How a file is shown (e.g. workspace-relative for a URI); the file as given by default. */
  displayName?: (file: string) => string;
}

const STATUS_SYMBOL: Record<RequirementStatus, string> = { met: '✓', partial: '◐', 'not-met': '✗', 'not-applicable': '–', 'not-assessed': '?' };

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
p, ul, dl { margin: .4rem 0; }
.meta, .muted { color: var(--muted); }
code, .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
a { color: #0550ae; }
a:focus-visible { outline: 2px solid #0550ae; outline-offset: 2px; }
nav ol { columns: 2; margin: .4rem 0 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
tbody th { font-weight: 600; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 4px solid var(--rule); color: #32383f; background: var(--band); }
.quote { font-style: normal; }
.status { display: inline-block; white-space: nowrap; padding: 0 .45rem; border-radius: .7rem; border: 1px solid; font-weight: 600; font-size: .85rem; }
.status-met { background: #dafbe1; color: #0a4d1c; border-color: #2f8f46; }
.status-partial { background: #fff1c2; color: #5c3b00; border-color: #b7862b; }
.status-not-met { background: #ffe2e0; color: #82071e; border-color: #cf222e; }
.status-not-applicable { background: #eaeef2; color: #32383f; border-color: #8c959f; }
.status-not-assessed { background: #ddf4ff; color: #0a3069; border-color: #218bff; }
.answer { font-weight: 700; }
.guideline { border-top: 1px solid var(--rule); margin-top: 1.2rem; }
.per-document { margin-left: 1rem; }
.gap-error { color: #82071e; }
.gap-warning { color: #5c3b00; }
ul.evidence li, ul.gaps li { margin: .2rem 0; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  section.control { break-before: page; }
  thead { display: table-header-group; }
  tr, .per-document, blockquote { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .status { background: none !important; }
}`;

export function renderHtml(report: ComplianceReport, options: HtmlOptions = {}): string {
  const render = new HtmlReport(report, options);
  return render.page();
}

class HtmlReport {
  private readonly controls: { id: string; title?: string }[];

  constructor(private readonly report: ComplianceReport, private readonly options: HtmlOptions) {
    const controls = new Map<string, string | undefined>();
    for (const requirement of report.set.requirements) if (!controls.has(requirement.control)) controls.set(requirement.control, undefined);
    // The sections per control are about guidelines (CEK-01/02, and user catalogs' controls with guidelines); the heat map covers every judged control.
    for (const document of report.documents) for (const control of document.controls) if (control.basis === undefined || control.basis === 'guidelines') controls.set(control.control, control.title ?? controls.get(control.control));
    this.controls = [...controls].map(([id, title]) => ({ id, title }));
  }

  page(): string {
    const hash = createHash('sha256').update(STYLE).digest('base64');
    const count = this.report.documents.length;
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
      this.heatMap(),
      this.contents(),
      '<main>',
      this.howToRead(),
      this.summary(),
      ...this.controls.map((control) => this.controlSection(control.id, control.title)),
      this.caiqSection(),
      this.actorSection(),
      this.cryptographySection(),
      '</main>',
      `<footer class="muted"><p>Statuses are decided per guideline from the policy text; the findings are what ${esc(this.report.tool.name)} reports in the editor and in CI. This file needs no script and loads nothing from the network.</p></footer>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
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
    if (rows.size === 0) return '';
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
    return `<section aria-labelledby="domain">
<h2 id="domain">CEK domain at a glance</h2>
<p>${summaryLine}</p>
<table class="heatmap">
<caption>Each judged control per document${this.report.documents.length > 1 ? ' and for the set' : ''}: the status in words, the colour only repeats it</caption>
<thead><tr><th scope="col">Control</th>${heads}${this.report.documents.length > 1 ? '<th scope="col">Set</th>' : ''}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
  }

  private contents(): string {
    const items = [
      ...(this.report.documents.some((document) => document.controls.some((control) => control.status)) ? [['domain', 'CEK domain at a glance']] : []),
      ['how-to-read', 'How to read this report'],
      ['summary', 'Summary per document'],
      ...this.controls.map((control) => [anchor('control', control.id), `${control.id}${control.title ? ` · ${control.title}` : ''}`]),
      ['caiq', 'AI-CAIQ answers'],
      ['actors', 'SSRM actor per document'],
      ['cryptography', 'Cryptography per document'],
    ];
    return `<nav aria-label="Contents"><h2 id="contents">Contents</h2><ol>${items.map(([id, label]) => `<li><a href="#${id}">${esc(label)}</a></li>`).join('')}</ol></nav>`;
  }

  private howToRead(): string {
    const rows = REQUIREMENT_STATUSES.map((status) => `<tr><th scope="row">${badge(status)}</th><td>${esc(STATUS_MEANING[status].meaning)}</td></tr>`).join('\n');
    return `<section aria-labelledby="how-to-read">
<h2 id="how-to-read">How to read this report</h2>
<p>Every implementation, auditing and CCM auditing guideline of the controls is a requirement. For each policy document, and for the documents together as a set, each requirement has one of five statuses. The status is written as a word; the colour only repeats it.</p>
<table>
<caption>Statuses</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p><strong>Evidence</strong> is given as <code>file:line</code> followed by the quoted text of the policy. <strong>Open findings</strong> are the problems the checker reports in the document, as <code>file:line:column</code>, severity, rule id and message; an open error or warning finding that cites a guideline keeps it from being met. Suppressed findings are not listed.</p>
<p><strong>The set</strong> is all documents of the report together. A guideline about the document itself (approval, ownership, review, communication) holds for the set only when it holds in every document; a guideline about content (roles, scope, monitoring, BYOK) holds when some document of the set establishes it.</p>
</section>`;
  }

  private summary(): string {
    const heads = this.controls.flatMap((control) => [`${control.id} auditing guidelines`, `${control.id} all guidelines`]);
    const rows = this.report.documents.map((document) => {
      const cells = this.controls.flatMap((control) => {
        const tally = document.controls.find((entry) => entry.control === control.id);
        return tally ? [tallyCell(tally.auditing), tallyCell(tally.all)] : ['<td>—</td>', '<td>—</td>'];
      });
      return `<tr><th scope="row">${this.fileLink(document.file)}${document.title ? `<br><span class="muted">${esc(document.title)}${document.id ? ` (${esc(document.id)})` : ''}</span>` : ''}</th><td>${esc(actorCodes(document))}</td>${cells.join('')}</tr>`;
    });
    return `<section aria-labelledby="summary">
<h2 id="summary">Summary per document</h2>
${this.report.documents.length === 0 ? '<p>No policy document was found.</p>' : `<table>
<caption>Guidelines met per document (met of applicable; not-applicable guidelines are left out of the count)</caption>
<thead><tr><th scope="col">Document</th><th scope="col">SSRM actor</th>${heads.map((head) => `<th scope="col">${esc(head)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`}
</section>`;
  }

  private controlSection(control: string, title: string | undefined): string {
    const id = anchor('control', control);
    const guidelines = this.report.set.requirements.filter((requirement) => requirement.control === control);
    const documents = this.report.documents;
    const head = `<tr><th scope="col">Guideline</th><th scope="col">Set</th>${documents.map((document) => `<th scope="col">${esc(this.name(document.file))}</th>`).join('')}</tr>`;
    const rows = guidelines.map((guideline) => {
      const key = anchor('g', `${guideline.control}-${guideline.kind}-${guideline.number}`);
      const cells = documents.map((document) => {
        const status = guideline.documents.find((entry) => entry.file === document.file)?.status;
        return `<td>${status ? badge(status) : '—'}</td>`;
      });
      return `<tr><th scope="row"><a href="#${key}">${esc(guideline.guideline)}</a>${guideline.title ? `<br><span class="muted">${esc(guideline.title)}</span>` : ''}</th><td>${badge(guideline.status)}</td>${cells.join('')}</tr>`;
    });
    const details = guidelines.map((guideline) => {
      const key = anchor('g', `${guideline.control}-${guideline.kind}-${guideline.number}`);
      const perDocument = documents.flatMap((document) => {
        const requirement = document.requirements.find((entry) => entry.control === guideline.control && entry.kind === guideline.kind && entry.number === guideline.number);
        return requirement ? [this.requirementDetail(document, requirement)] : [];
      });
      const text = documents.flatMap((document) => document.requirements).find((entry) => entry.guideline === guideline.guideline)?.text;
      return `<article class="guideline" aria-labelledby="${key}">
<h3 id="${key}">${esc(guideline.guideline)}${guideline.title ? ` · ${esc(guideline.title)}` : ''}</h3>
${text ? `<blockquote>${esc(text)}</blockquote>` : ''}
<p>For the set: ${badge(guideline.status)}</p>
${perDocument.join('\n')}
</article>`;
    });
    return `<section class="control" aria-labelledby="${id}">
<h2 id="${id}">${esc(control)}${title ? ` · ${esc(title)}` : ''}</h2>
<table>
<caption>Status of each ${esc(control)} guideline, for the set and per document</caption>
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${details.join('\n')}
</section>`;
  }

  private requirementDetail(document: DocumentReport, requirement: RequirementReport): string {
    const evidence = requirement.evidence.map((item) => `<li>${this.position(item.file ?? document.file, item.line)} ${quote(item.text)}${item.matched ? ` <span class="muted">(${esc(item.matched)})</span>` : ''}</li>`);
    const gaps = (requirement.gaps ?? []).map((gap) => `<li class="gap-${gap.severity}">${this.position(document.file, gap.line, gap.column)} <strong>${esc(gap.severity)}</strong> <code>${esc(gap.rule)}</code>: ${esc(gap.message)}</li>`);
    const rulesOnly = gaps.length === 0 && requirement.findings.length > 0 ? `<p>Blocking rules: ${requirement.findings.map((rule) => `<code>${esc(rule)}</code>`).join(', ')}</p>` : '';
    return `<div class="per-document">
<h4>${esc(this.name(document.file))}: ${badge(requirement.status)}</h4>
${requirement.reason ? `<p>${esc(requirement.reason)}</p>` : ''}
${evidence.length ? `<p>Evidence:</p><ul class="evidence">${evidence.join('')}</ul>` : '<p class="muted">No evidence quoted.</p>'}
${gaps.length ? `<p>Open findings:</p><ul class="gaps">${gaps.join('')}</ul>` : rulesOnly}
</div>`;
  }

  private caiqSection(): string {
    const scopes: { label: string; answers: CaiqReport[] }[] = [
      { label: 'The set', answers: this.report.set.caiq },
      ...this.report.documents.map((document) => ({ label: this.name(document.file), answers: document.caiq })),
    ];
    const ids = [...new Set(scopes.flatMap((scope) => scope.answers.map((answer) => answer.id)))];
    const basis = [...new Set(scopes.flatMap((scope) => scope.answers.map((answer) => answer.basis)))];
    const questions = ids.map((id) => {
      const first = scopes.flatMap((scope) => scope.answers).find((answer) => answer.id === id)!;
      const rows = scopes.flatMap((scope) => {
        const answer = scope.answers.find((entry) => entry.id === id);
        if (!answer) return [];
        const derived = answer.requirements.map((requirement) => `<li>${esc(requirement.guideline)}: ${badge(requirement.status)}</li>`).join('');
        return [`<tr><th scope="row">${esc(scope.label)}</th><td class="answer">${esc(answer.answer)}</td><td><ul>${derived}</ul></td></tr>`];
      });
      return `<h3 id="${anchor('caiq', id)}">${esc(id)}</h3>
<p>${quote(first.question)}</p>
<table>
<caption>Answer to ${esc(id)} for the set and per document, and the guidelines it is derived from</caption>
<thead><tr><th scope="col">Scope</th><th scope="col">Answer</th><th scope="col">Derived from</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
    });
    return `<section aria-labelledby="caiq">
<h2 id="caiq">AI-CAIQ answers</h2>
<p>The answers to the AI Consensus Assessments Initiative Questionnaire questions of these controls are derived from the statuses of the guidelines listed with each answer, by this rule:</p>
${basis.map((text) => `<blockquote>${esc(text)}</blockquote>`).join('\n')}
${questions.join('\n')}
</section>`;
  }

  private actorSection(): string {
    const rows = this.report.documents.map((document) => {
      const actor = document.actor;
      const evidence = actor.evidence.map((item) => `<li>${this.position(document.file, item.line)} ${quote(item.text)}${item.matched ? ` <span class="muted">(${esc(item.matched)})</span>` : ''}</li>`).join('');
      const facts = [
        actor.hostsCustomerData === undefined ? '' : `Holds customer or tenant data: ${actor.hostsCustomerData ? 'yes' : 'no'}.`,
        actor.ai === undefined ? '' : `Builds, trains, serves or integrates AI models: ${actor.ai ? 'yes' : 'no'}.`,
      ].filter(Boolean).join(' ');
      return `<tr><th scope="row">${this.fileLink(document.file)}</th><td>${esc(actorCodes(document))}</td><td><strong>${esc(actor.basis)}</strong>: ${esc(ACTOR_BASIS_MEANING[actor.basis])}${actor.summary ? `<br>${esc(actor.summary)}` : ''}${facts ? `<br>${esc(facts)}` : ''}</td><td>${evidence ? `<ul class="evidence">${evidence}</ul>` : '—'}</td></tr>`;
    });
    return `<section aria-labelledby="actors">
<h2 id="actors">SSRM actor per document</h2>
<p>Which guidelines apply depends on the organisation's role in the Shared Security Responsibility Model: CSP (cloud service provider), MP (model provider), OSP (orchestrated service provider), AP (application provider) or AIC (AI customer). The table says how each document's role was known.</p>
<table>
<caption>SSRM actor of each document and how it was known</caption>
<thead><tr><th scope="col">Document</th><th scope="col">Actor</th><th scope="col">How it was known</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows.join('\n')}
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
<table>
<caption>Algorithms named in the policy, judged against the ${esc(cryptography.profile)} profile on ${esc(this.report.today)}</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Algorithm</th><th scope="col">Parameter</th><th scope="col">Use</th><th scope="col">Policy's stance</th><th scope="col">Status</th><th scope="col">Until</th><th scope="col">Source</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
    });
    return `<section aria-labelledby="cryptography">
<h2 id="cryptography">Cryptography per document</h2>
<p>Every algorithm, key size, mode and protocol version the policy names, the policy's stance on it (approved, prohibited, legacy, mentioned) and its status under the profile: acceptable, deprecated (until the date it becomes disallowed), legacy-use, disallowed, not-approved or unknown (the text does not give the size, curve or version). The figures come from the standards named in each row; they are not legal advice.</p>
${tables.join('\n')}
</section>`;
  }

  private name(file: string): string {
    return this.options.displayName?.(file) ?? file;
  }

  private fileLink(file: string): string {
    const href = this.options.linkFor?.(file, 1);
    const name = `<span class="file">${esc(this.name(file))}</span>`;
    return href ? `<a href="${esc(href)}">${name}</a>` : name;
  }

  /** `file:line[:column]`, a link when the caller can open it. */
  private position(file: string, line: number, column?: number): string {
    const text = `${this.name(file)}:${line}${column ? `:${column}` : ''}`;
    const href = this.options.linkFor?.(file, line, column);
    return href ? `<a class="file" href="${esc(href)}">${esc(text)}</a>` : `<span class="file">${esc(text)}</span>`;
  }
}

/** Quoted policy text: the marks are characters, so they survive copying and printing. */
function quote(text: string): string {
  return `<span class="quote">“${esc(text)}”</span>`;
}

function badge(status: RequirementStatus): string {
  return `<span class="status status-${status}"><span aria-hidden="true">${STATUS_SYMBOL[status]} </span>${esc(STATUS_MEANING[status].label)}</span>`;
}

function tallyCell(tally: StatusTally): string {
  const rest = [
    tally.partial ? `${tally.partial} partial` : '',
    tally.notMet ? `${tally.notMet} not met` : '',
    tally.notAssessed ? `${tally.notAssessed} not assessed` : '',
    tally.notApplicable ? `${tally.notApplicable} not applicable` : '',
  ].filter(Boolean).join(', ');
  return `<td><strong>${tally.met} of ${tally.applicable} met</strong>${rest ? `<br><span class="muted">${rest}</span>` : ''}</td>`;
}

function actorCodes(document: DocumentReport): string {
  return document.actor.codes.length ? document.actor.codes.join(', ') : 'unknown';
}

function anchor(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
