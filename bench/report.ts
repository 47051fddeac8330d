/** One table of figures against their anchors and budgets, printed and written to bench/results.json. */
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface Budget {
  /** What the budget bounds: the ratio ours ÷ anchor, or our own figure (in the figure's unit). */
  on: 'ratio' | 'ours';
  max: number;
  /** `<` instead of `≤`. */
  strict?: boolean;
}

export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'MB' | '×';
  ours: number;
  anchor?: number;
  anchorName?: string;
  /** Median of per-round ratios where the runs were paired, else ours ÷ anchor. */
  ratio?: number;
  budget?: Budget;
  /** Shown after the figure, e.g. "p50 0.4". */
  note?: string;
  /** Everything measured for the figure (summaries, per-round ratios, notes), kept in results.json. */
  samples: Record<string, unknown>;
}

export type Verdict = 'pass' | 'FAIL' | '';

export function verdict(figure: Figure): Verdict {
  const { budget } = figure;
  if (!budget) return '';
  const value = budget.on === 'ratio' ? figure.ratio : figure.ours;
  if (value === undefined || Number.isNaN(value)) return 'FAIL';
  return (budget.strict ? value < budget.max : value <= budget.max) ? 'pass' : 'FAIL';
}

export function machine(): Record<string, string | number> {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

export class LoadLog {
  readonly entries: { phase: string; loadavg1: number; loadavg5: number; at: string }[] = [];

  mark(phase: string): void {
    const [one, five] = loadavg();
    this.entries.push({ phase, loadavg1: round(one, 2), loadavg5: round(five, 2), at: new Date().toISOString() });
  }

  /** The highest 1-minute load average seen: above the core count, other work was competing. */
  peak(): number {
    return Math.max(...this.entries.map((entry) => entry.loadavg1));
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function show(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = unit === '×' ? 2 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
}

export function budgetText(budget: Budget | undefined, unit: string): string {
  if (!budget) return '—';
  const bound = budget.on === 'ratio' ? `${budget.max}×` : `${budget.max} ${unit}`;
  return `${budget.on === 'ratio' ? 'ratio' : 'ours'} ${budget.strict ? '<' : '≤'} ${bound}`;
}

export function rows(figures: Figure[]): string[][] {
  return figures.map((figure) => [
    figure.label,
    show(figure.ours, figure.unit) + (figure.note ? ` (${figure.note})` : ''),
    figure.anchor === undefined ? '—' : `${show(figure.anchor, figure.unit)} ${figure.anchorName ?? ''}`.trim(),
    show(figure.ratio, '×'),
    budgetText(figure.budget, figure.unit),
    verdict(figure),
  ]);
}

const HEADER = ['figure', 'ours', 'anchor', 'ratio', 'budget', 'result'];

export function printTable(figures: Figure[]): string {
  const table = [HEADER, ...rows(figures)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(table[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...table.slice(1).map(line)].join('\n');
}

/** The same rows as a Markdown table, for the README. */
export function markdownTable(figures: Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...rows(figures).map((row) => `| ${row.map(escape).join(' | ')} |`)].join('\n');
}
