import { builtinCatalog, type Catalog } from './config/catalog';
import { DEFAULT_CONFIG, type CheckConfig } from './config/config';
import { parsePolicyDocument, type PolicyDocument, type PolicyFormat } from './parse/document';
import { BASELINE_DUTIES, DEFAULT_SEGREGATION, REQUIRED_DUTIES, isActor } from './model/duties';
import { FixBuilder } from './fixes/edits';
import { assessCryptography, type CryptoAssessment } from './crypto/assess';
import { finishFindings } from './fixes/vet';
import { PolicyModel } from './model/model';
import type { Rule, RuleContext } from './rules/rule';
import { rules as allRules, ruleById } from './rules';
import { directiveCovers, readDirectives, type Directive } from './rules/suppressions';
import { assessRequirements, Judgement, notAssessed } from './requirements/assess';
import type { RequirementResult } from './requirements/types';
import { controlResults, type ControlResult } from './requirements/domain';
import { budgetFinding, internalErrorFinding } from './rules/internal-error';
import type { Finding, Fix, RuleFinding } from './types';
import { detectPolicy, type PolicyDetection } from './detect/detectPolicy';
import { applyPolicySet, buildPolicySet, releaseSet, summarizeSet, type PolicySetSummary, type SetLoader } from './sets/policySet';
import { append } from './arrays';

export interface CheckOptions {
  /** ISO date used as today (the edges read the clock, the engine never does). */
  today: string;
  config?: CheckConfig;
  catalog?: Catalog;
  format?: PolicyFormat;
  /** Check even without `kind: crypto-policy` (files named on the CLI, `files:` globs). */
  force?: boolean;
  rules?: Rule[];
  /**
   * Judge every guideline (default true): the report, the code lens and hovers read the statuses; `check` output
   * (findings only) does not, and is spared the work.
   */
  requirements?: boolean;
  /** Build the suggested fixes of findings (default true): quick fixes offer them; `check` output never shows them. */
  suggestions?: boolean;
  /**
   * Resolves the documents a policy refers to (given by the CLI and the editor, which read files; the engine does
   * not): their evidence counts for the policy, and a reference that resolves to nothing is a finding.
   */
  policySet?: SetLoader;
  /** The language server's time budget: no rule starts after `start + ms` on `clock`; the ones left out are named. */
  timeBudget?: { start: number; ms: number; clock?: () => number };
}

export interface CheckResult {
  document: PolicyDocument;
  /** Undefined when the file is not a policy or could not be parsed. */
  policy?: PolicyModel;
  isPolicy: boolean;
  /** Why the file is (or is not) checked as a policy: its marker, --policy / `files:`, or its content. */
  detection: PolicyDetection;
  /** Sorted by position; suppressed findings are kept with `suppression` set. */
  findings: Finding[];
  /** Rules that ran on this document. */
  rulesRun: Rule[];
  /** The status of every guideline of the claimed controls (empty when the file is not a policy, or when not asked for). */
  requirements: RequirementResult[];
  /** The policy set, when references were resolved (`options.policySet`): references, and the documents they reached. */
  set?: PolicySetSummary;
  /** Every judged control (config and document `controls:`) with its status: CEK-01/02 from their guidelines, the packs from theirs. */
  controls: ControlResult[];
  /** Every algorithm mention with the policy's stance and its status under the profile (a policy that parsed). */
  cryptography?: CryptoAssessment;
}

export function checkText(text: string, fileName: string, options: CheckOptions): CheckResult {
  return checkDocument(parsePolicyDocument(text, fileName, options.format), options);
}

export function checkDocument(document: PolicyDocument, options: CheckOptions): CheckResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const detection = detectPolicy(document, Boolean(options.force));
  const isPolicy = detection.isPolicy;
  if (!isPolicy) return { document, isPolicy, detection, findings: [], rulesRun: [], requirements: [], controls: [] };
  const ruleSet = (options.rules ?? allRules).filter((rule) => config.rules[rule.id] !== 'off' && rule.formats.includes(document.format));

  const findings: Finding[] = [];
  if (document.parseErrors.length > 0) {
    const reporting = new Set<Rule>();
    for (const error of document.parseErrors) {
      const rule = ruleById(error.rule ?? 'parse-error');
      reporting.add(rule);
      findings.push(toFinding(rule, config, { span: error.span, message: error.message }));
    }
    finishFindings(document, findings);
    return { document, isPolicy, detection, findings: sortFindings(findings), rulesRun: [...reporting], requirements: notAssessed(options.catalog ?? builtinCatalog(), 'The file could not be read as a policy (see the parse-error findings); fix it to judge this guideline.'), controls: [] };
  }
  try {
    return checkRules(document, options, config, ruleSet, detection);
  } catch (error) {
    const finding = internalErrorFinding(document.anchor, 'the check', error, 'no rule result is shown for this document.');
    return { document, isPolicy, detection, findings: [toFinding(ruleById('internal-error'), config, finding)], rulesRun: [], requirements: notAssessed(options.catalog ?? builtinCatalog(), INCOMPLETE), controls: [] };
  }
}

const INCOMPLETE = 'The check of this document did not complete (see the internal-error finding); fix or report it to judge this guideline.';

function checkRules(document: PolicyDocument, options: CheckOptions, config: CheckConfig, ruleSet: Rule[], detection: PolicyDetection): CheckResult {
  const isPolicy = detection.isPolicy;
  const findings: Finding[] = [];

  const policy = new PolicyModel(document, config.actor);
  const evidenceContext = { doc: document, policy, config, catalog: options.catalog ?? builtinCatalog(), today: options.today };
  const judgement = new Judgement(evidenceContext);
  const context: RuleContext = {
    ...evidenceContext,
    judgement,
    requiredDuties: requiredDuties(policy.actorCodes, config),
    segregation: config.segregation ?? DEFAULT_SEGREGATION,
    edits: new FixBuilder(document),
  };
  // Prose in another language is not read: one finding says so, only the hygiene rules (parse, schema, dates,
  // suppressions) run, and the guidelines are not assessed rather than reported missing one by one.
  const foreign = document.format === 'markdown' && !policy.language.english;
  if (foreign) ruleSet = ruleSet.filter((rule) => rule.summary === false);
  const set = options.policySet && !foreign ? buildPolicySet(evidenceContext, options.policySet) : undefined;
  if (set) context.policySet = set;
  const budget = options.timeBudget;
  const clock = budget?.clock ?? (() => performance.now());
  const skipped: string[] = [];
  const wantSuggestions = options.suggestions !== false;
  for (const rule of ruleSet) {
    // parse-error and internal-error are reported by the engine itself: there is nothing of theirs to skip.
    if (budget && rule.id !== 'parse-error' && rule.id !== 'internal-error' && clock() > budget.start + budget.ms) {
      skipped.push(rule.id);
      continue;
    }
    try {
      for (const result of rule.check(context)) findings.push(toFinding(rule, config, result, wantSuggestions));
    } catch (error) {
      findings.push(toFinding(ruleById('internal-error'), config, internalErrorFinding(document.anchor, `rule \`${rule.id}\``, error, 'its findings are missing; the other rules ran.')));
    }
  }
  if (skipped.length > 0) findings.push(toFinding(ruleById('internal-error'), config, budgetFinding(document.anchor, budget!.ms, skipped)));
  dropReplaced(findings, ruleSet);
  applySuppressions(findings, readDirectives(document), context, ruleSet);
  finishFindings(document, findings);
  let sorted = sortFindings(findings);
  let requirements = options.requirements === false ? [] : foreign
    ? notAssessed(evidenceContext.catalog, 'The policy is not written in English, which cek-policy does not read (see the language-unsupported finding): judge this guideline by hand or check an English translation.')
    : assessRequirements(judgement, sorted, evidenceContext.catalog);
  let summary: PolicySetSummary | undefined;
  if (set) {
    ({ findings: sorted, requirements } = applyPolicySet(judgement, set, sorted, requirements));
    summary = summarizeSet(set, options.requirements !== false);
    releaseSet(set);
  }
  requirements = withSkippedRules(requirements, ruleSet.filter((rule) => skipped.includes(rule.id)));
  const controls = options.requirements === false || foreign ? [] : controlResults(judgement.domain, requirements, sorted);
  // The result outlives the check (the editor keeps it per open document): the index's term tables go now.
  policy.concepts.release();
  const cryptography = options.requirements === false || foreign ? undefined : assessCryptography(document, config, options.today);
  return { document, policy, isPolicy, detection, findings: sorted, rulesRun: ruleSet.filter((rule) => !skipped.includes(rule.id)), requirements, controls, ...(summary ? { set: summary } : {}), ...(cryptography ? { cryptography } : {}) };
}

/** One finding per gap: a rule that `replaces` another and reported drops that rule's findings. */
function dropReplaced(findings: Finding[], ruleSet: Rule[]): void {
  const reported = new Set(findings.map((finding) => finding.rule));
  const replaced = new Set(ruleSet.filter((rule) => rule.replaces && reported.has(rule.id)).flatMap((rule) => rule.replaces!));
  if (replaced.size === 0) return;
  let kept = 0;
  for (const finding of findings) if (!replaced.has(finding.rule)) findings[kept++] = finding;
  findings.length = kept;
}

/** A guideline one of whose rules did not run (time budget) is not assessed: an unreported gap must not read as met. */
function withSkippedRules(requirements: RequirementResult[], skipped: Rule[]): RequirementResult[] {
  if (skipped.length === 0) return requirements;
  return requirements.map((requirement) => {
    const missing = skipped.filter((rule) => rule.guidelines.some((ref) => ref.control === requirement.ref.control && ref.kind === requirement.ref.kind && ref.number === requirement.ref.number));
    if (missing.length === 0 || requirement.status === 'not-applicable') return requirement;
    return { ...requirement, status: 'not-assessed', reason: `Not every check of this guideline ran in time (${missing.map((rule) => rule.id).join(', ')}; see the internal-error finding).` };
  });
}

/** The result for a file whose check failed outright: one internal-error finding, so the run reports it and goes on. */
export function failedCheck(fileName: string, error: unknown, options: CheckOptions): CheckResult {
  const document = parsePolicyDocument('', fileName, options.format);
  const finding = internalErrorFinding({ start: 0, end: 0 }, 'checking this file', error, 'it is not checked; the other files are.');
  return { document, isPolicy: true, detection: { isPolicy: true, basis: 'forced', reason: 'its check failed' }, findings: [toFinding(ruleById('internal-error'), options.config ?? DEFAULT_CONFIG, finding)], rulesRun: [], requirements: notAssessed(options.catalog ?? builtinCatalog(), INCOMPLETE), controls: [] };
}

/** Duty ids that must be assigned: the union over the document's actors, adjusted by config. */
export function requiredDuties(actors: string[], config: CheckConfig): string[] {
  let duties: string[];
  if (config.duties.required) duties = [...config.duties.required];
  else {
    const known = actors.filter(isActor);
    const lists = known.length > 0 ? known.map((actor) => REQUIRED_DUTIES[actor]) : [BASELINE_DUTIES];
    duties = [...new Set(lists.flat())];
  }
  append(duties, config.duties.add.filter((duty) => !duties.includes(duty)));
  return duties.filter((duty) => !config.duties.remove.includes(duty));
}

/** A rule's own severity, under `warnings_as_errors` (the `strict` preset) a warning becomes an error. */
function escalated(severity: Finding['severity'], config: CheckConfig): Finding['severity'] {
  return severity === 'warning' && config.warningsAsErrors ? 'error' : severity;
}

function toFinding(rule: Rule, config: CheckConfig, result: RuleFinding, wantSuggestions = true): Finding {
  const setting = config.rules[rule.id];
  const suggestions = wantSuggestions && result.suggestions ? result.suggestions().filter((fix): fix is Fix => fix !== undefined) : [];
  return {
    rule: rule.id,
    control: result.control ?? rule.control,
    guidelines: result.guidelines ?? rule.guidelines,
    severity: setting && setting !== 'off' ? setting : escalated(result.severity ?? rule.severity, config),
    message: result.message,
    span: result.span,
    ...(result.fix ? { fix: result.fix } : {}),
    ...(suggestions.length ? { suggestions } : {}),
    ...(result.related?.length ? { related: result.related } : {}),
    ...(result.data ? { data: result.data } : {}),
    ...(rule.blocks === false ? { advisory: true as const } : {}),
  };
}

/** Marks findings covered by a live directive, then reports directives an auditor would question. */
function applySuppressions(findings: Finding[], directives: Directive[], context: RuleContext, ruleSet: Rule[]): void {
  if (directives.length === 0) return;
  const lines = context.doc.lines;
  const used = new Set<Directive>();
  const live = directives.filter((directive) => !directive.until || directive.until >= context.today);
  for (const finding of findings) {
    const line = lines.positionAt(finding.span.start).line;
    const directive = live.find((candidate) => directiveCovers(candidate, finding.rule, line));
    if (!directive) continue;
    used.add(directive);
    finding.suppression = { span: directive.span, justification: directive.justification, until: directive.until };
  }
  for (const rule of ruleSet) {
    if (!rule.checkDirectives) continue;
    for (const result of rule.checkDirectives(context, directives, used)) findings.push(toFinding(rule, context.config, result));
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  // Rule ids are ASCII (lower-case letters, digits, hyphens): code-unit order is the collation order, without ICU.
  // On one spot (a section heading), the domain's findings go in the order auditors ask (`data.rank`).
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || rankOf(a) - rankOf(b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

function rankOf(finding: Finding): number {
  return typeof finding.data?.rank === 'number' ? finding.data.rank : 0;
}

/** Findings that count: not suppressed. */
export function activeFindings(result: CheckResult): Finding[] {
  return result.findings.filter((finding) => !finding.suppression);
}
