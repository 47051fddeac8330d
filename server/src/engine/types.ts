import type { GuidelineRef } from './config/catalog';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A half-open range of document offsets (UTF-16 code units, as JS strings index). */
export interface Span {
  start: number;
  end: number;
}

/** One text replacement, in document offsets. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix is data: the edits that, applied, remove the finding. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

export interface Suppression {
  /** Where the directive comment is. */
  span: Span;
  justification?: string;
  until?: string;
}

export interface Finding {
  rule: string;
  control: string;
  guidelines: GuidelineRef[];
  severity: Severity;
  message: string;
  span: Span;
  /** Safe fix: applied by fix-all and `--fix`. */
  fix?: Fix;
  /** Fixes that need a human choice: offered as quick fixes only. */
  suggestions?: Fix[];
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
  /** Cites its guidelines as context only: it does not keep them from being met (Rule.blocks). */
  advisory?: true;
  /** Set when an inline directive suppresses this finding (kept for SARIF's audit trail). */
  suppression?: Suppression;
}

/** What a rule's check returns; the runner adds the rule's id, control, guidelines and severity. */
export interface RuleFinding {
  span: Span;
  message: string;
  fix?: Fix;
  /**
   * Built only when the caller wants them (the editor's quick fixes; `check` output never shows them). A builder
   * may fail to place an edit (e.g. an odd layout); such suggestions are dropped.
   */
  suggestions?: () => (Fix | undefined)[];
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
  /** Overrides for findings that speak for another control or guideline than the rule's default. */
  control?: string;
  guidelines?: GuidelineRef[];
  severity?: Severity;
}
