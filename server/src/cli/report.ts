import { renderCsv } from '../engine/report/csv';
import { renderHtml } from '../engine/report/html';
import { renderMarkdown } from '../engine/report/markdown';
import { renderText } from '../engine/report/text';
import type { ComplianceReport } from '../engine/report/types';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'];

export function formatReport(report: ComplianceReport, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'csv') return renderCsv(report);
  if (format === 'html') return renderHtml(report);
  return renderText(report);
}
