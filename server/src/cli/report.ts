import type { Catalog } from '../engine/config/catalog';
import { buildComplianceReport } from '../engine/report/compliance';
import { renderCsv } from '../engine/report/csv';
import { renderHtml } from '../engine/report/html';
import { renderMarkdown } from '../engine/report/markdown';
import { renderText } from '../engine/report/text';
import type { ComplianceReport } from '../engine/report/types';
import type { FileResult } from './output';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'];

/** `cek-policy report`: the compliance report of the checked files (schemas/report.schema.json). */
export function buildReport(files: FileResult[], catalogFor: (file: FileResult) => Catalog, today: string, version: string): ComplianceReport {
  return buildComplianceReport(files, { today, version, catalogFor: (input) => catalogFor(input as FileResult) });
}

export function formatReport(report: ComplianceReport, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'csv') return renderCsv(report);
  if (format === 'html') return renderHtml(report);
  return renderText(report);
}
