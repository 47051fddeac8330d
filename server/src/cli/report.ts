import { isAbsolute } from 'node:path';
import { renderCsv } from '../engine/report/csv';
import { renderHtml } from '../engine/report/html';
import { renderMarkdown } from '../engine/report/markdown';
import { renderText } from '../engine/report/text';
import type { ComplianceReport } from '../engine/report/types';
import { UsageError } from './files';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'];

/**
 * `--base-url`: links a report's `file:line` to the repository's web view of that line, e.g.
 * `https://github.com/acme/policies/blob/main` → `…/blob/main/policies/kms.md#L12`. Only http(s) addresses;
 * files outside the working directory (`../`, absolute) keep no link.
 */
export function repositoryLinks(baseUrl: string): (file: string, line: number) => string | undefined {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url ${baseUrl}: not an address (e.g. https://github.com/acme/policies/blob/main)`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UsageError(`--base-url ${baseUrl}: only http(s) addresses`);
  // Trailing slashes off, by a scan (a pattern anchored at the end backtracks on a long run of them).
  let end = base.href.length;
  while (end > 0 && base.href[end - 1] === '/') end--;
  const root = base.href.slice(0, end);
  return (file, line) => {
    const segments = file.split(/[\\/]/);
    if (isAbsolute(file) || segments.includes('..') || file.includes(':')) return undefined;
    return `${root}/${segments.filter((segment) => segment !== '.' && segment !== '').map(encodeURIComponent).join('/')}#L${line}`;
  };
}

export function formatReport(report: ComplianceReport, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'csv') return renderCsv(report);
  if (format === 'html') return renderHtml(report);
  return renderText(report);
}
