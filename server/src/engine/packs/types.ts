import type { ConceptSpec, HeadingTopic } from '../evidence/lexicon';

/**
 * A control pack, as data (controls/<ID>/): its catalog entry, its requirement definitions and its evidence
 * concepts. Built-in packs and a user catalog's data-only definitions share these shapes; nothing here is code.
 */
export interface PackConceptSpec extends ConceptSpec {
  /**
   * Groups that the statement's context may satisfy instead of the statement itself: the headings above it, the
   * lead-in line of its list ("Keys are rotated immediately when:") and its table's header row. At least one group
   * is always found in the statement itself.
   */
  context?: number[];
  /** Groups that only the lead-in line of the list or the table header may satisfy (not the headings). */
  lead?: number[];
  /** Terms that, in the lead-in line or the table header, veto the statement ("Digital certificates shall:"). */
  contextNone?: string[];
  /** Terms that, in a heading above the statement, veto it (a risk assessment under "Exceptions" is about exceptions). */
  headingNone?: string[];
}

/** A YAML field that establishes an element: a filled value (text, list or yes), or a list of at least `minItems`. */
export interface PackFieldSpec {
  path: string[];
  minItems?: number;
}

export interface PackElementSpec {
  id: string;
  /** "revocation when a key is compromised" */
  label: string;
  /** What is missing when it is not found, in the author's terms. */
  gap: string;
  /** Concept ids (this pack's, or `CEK-NN:concept` of another pack): a statement establishing any of them. */
  concepts?: string[];
  fields?: PackFieldSpec[];
  /** Distinct terms of the concept's first group needed across the statements (some but fewer: the element is partial). */
  distinct?: number;
  /** Counts towards met, but never makes the requirement partial on its own (a key length without any generation rule). */
  supporting?: boolean;
}

export interface PackRequirementSpec {
  number: number;
  /** Our own summary of what an auditor must find (never CSA's text). */
  text: string;
  elements: PackElementSpec[];
  /** Evidence that, found alone, makes the requirement partial (a pre-activation state named without an approval rule). */
  partial?: { concepts: string[]; label: string }[];
  /** Applicability by the organisation's SSRM role: `hosts-customer-data` is CEK-01 auditing 8's (no customer data: not applicable). */
  applies?: 'hosts-customer-data';
}

/** How the control's finding speaks and where its fix goes. */
export interface PackRuleSpec {
  /** Stable rule id (`key-revocation-missing`). */
  id: string;
  description: string;
  /** The section the missing topic belongs in: its title in the fix, and the headings to place the finding on. */
  section: { title: string; topics: HeadingTopic[] };
  /** The field under `key_management:` that the YAML fix adds. */
  field: string;
  /** A sentence that, under the section, establishes the control (the docs and the tests use it). */
  example: string;
  /** Order among the domain's findings on one section: lower first (what auditors ask first). */
  rank: number;
}

export interface PackControlSpec {
  id: string;
  title: string;
  framework: string;
  edition: string;
  domain: { id: string; title: string };
  /** Our own summary of the control (shown, marked as ours, when the user's catalog lacks CSA's text). */
  summary: string;
  /** Titles in earlier editions, so a user catalog of another edition is recognised and reported. */
  formerTitles?: { framework: string; edition: string; title: string }[];
  rule: PackRuleSpec;
}

export interface ControlPack {
  control: PackControlSpec;
  requirements: PackRequirementSpec[];
  concepts: Record<string, PackConceptSpec>;
  /** Where a user pack came from (absent for built-ins). */
  source?: string;
}
