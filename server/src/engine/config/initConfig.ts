import { extent } from '../arrays';
import { PRESET_NAMES } from './presets';

/** A policy `init` found, as its configuration comments describe it. */
export interface FoundPolicy {
  /** Relative to the folder of the configuration, `/`-separated. */
  path: string;
  /** The actor codes it is judged as, and on what basis (declared in it, or inferred from its text). */
  actors: string[];
  basis: 'declared' | 'config' | 'inferred' | 'unknown';
  /** Why it is a policy: `kind: crypto-policy`, a `files:` glob of the configuration, or its content. */
  by: 'marker' | 'files' | 'content';
}

export interface InitInput {
  policies: FoundPolicy[];
  /** The controls of the catalog, for the comment that lists them. */
  controls: { id: string; title: string }[];
}

/** The cryptography profiles a policy can choose (`cryptography: { profile: ... }`), for the comment that names them. */
const PROFILES = ['nist', 'cnsa-2.0', 'bsi-tr-02102-1'];
const ACTORS = ['CSP', 'MP', 'OSP', 'AP', 'AIC'];
/** Policies listed by name in the comments; more are counted. */
const MAX_LISTED = 50;

/**
 * The text of a commented `.cekpolicy.yaml` for a folder (`cek-policy init`, and the editor's "Create
 * Configuration" command, both call this): what was found there, the actor they agree on, the controls judged and
 * the settings a team usually changes first, commented so that the file teaches its own options. It parses as a
 * configuration without a problem (a test holds it to that).
 */
export function initConfigText({ policies, controls }: InitInput): string {
  const lines: string[] = [
    '# cek-policy configuration (written by `cek-policy init`; edit freely).',
    '# It applies to this folder and every folder below it. It is data only: nothing in it is ever run.',
    '# Print what applies to a file with: cek-policy check --print-config FILE',
    '',
    `# Built-in presets: ${PRESET_NAMES.join(', ')} (every warning an error); or a file: extends: ./base.cekpolicy.yaml`,
    'extends: recommended',
    '',
  ];
  if (policies.length === 0) {
    lines.push('# No policy found here yet: a policy is a YAML or Markdown file with `kind: crypto-policy` (YAML root or', '# front matter), or one whose title and body are about cryptography, encryption or keys.');
  } else {
    lines.push(`# Policies found here (${policies.length}):`);
    const width = Math.min(60, (extent(policies.slice(0, MAX_LISTED).map((policy) => commentSafe(policy.path).length))?.max ?? -Infinity));
    for (const policy of policies.slice(0, MAX_LISTED)) {
      const actor = policy.actors.length > 0 ? `actor ${policy.actors.join(', ')} (${policy.basis})` : 'actor not declared, not inferable';
      const by = { marker: '', files: '; matched by files:', content: '; recognised by its content' }[policy.by];
      lines.push(`#   ${commentSafe(policy.path).padEnd(width)}  ${actor}${by}`);
    }
    if (policies.length > MAX_LISTED) lines.push(`#   ... and ${policies.length - MAX_LISTED} more`);
  }
  lines.push(
    '',
    '# Files to check as policies whatever they say (globs relative to this file):',
    '# files:',
    '#   - policies/**/*.md',
    '',
    `# Your organisation's SSRM role(s) for policies that do not declare \`actor:\` (${ACTORS.join(', ')}).`,
    '# It decides which duties and guidelines apply.',
  );
  const agreed = agreedActors(policies);
  if (agreed) {
    lines.push(`# ${agreed.reason}; check that it is right.`, `actor: ${agreed.actors.length === 1 ? agreed.actors[0] : `[${agreed.actors.join(', ')}]`}`);
  } else {
    lines.push(`# ${policies.length > 0 ? 'The policies found do not agree on one, so none is set here' : 'Set it when you know it'}:`, '# actor: MP');
  }
  lines.push(
    '',
    '# Controls judged: every control of the catalog, unless a policy lists its own in `controls:`.',
    ...controls.map((control) => `#   ${control.id}  ${commentSafe(control.title)}`),
    '',
    `# Cryptography profile: each policy chooses one in \`cryptography: { profile: ... }\` (${PROFILES.join(', ')}).`,
    '',
    '# Rule severities: off, info, warn (or warning), error; or ESLint\'s 0, 1, 2.',
    '# rules:',
    '#   byok-missing: warn',
    '#   review-due-soon: off',
    '',
    '# Review timing (CEK-01 asks for at least an annual review):',
    '# review:',
    '#   max_interval_months: 12',
    '#   due_soon_days: 30',
  );
  return `${lines.join('\n')}\n`;
}

/** The actor every policy that has one agrees on, with why; undefined when none has one or they differ. */
function agreedActors(policies: FoundPolicy[]): { actors: string[]; reason: string } | undefined {
  const known = policies.filter((policy) => policy.actors.length > 0);
  if (known.length === 0) return undefined;
  const key = (policy: FoundPolicy) => [...policy.actors].sort().join(',');
  if (!known.every((policy) => key(policy) === key(known[0]))) return undefined;
  const bases = [...new Set(known.map((policy) => policy.basis))];
  return { actors: [...known[0].actors].sort(), reason: `${bases.includes('declared') ? 'Declared' : 'Inferred from the text'} in ${known.length} of ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} found` };
}

/** A path or title as it can sit in a YAML comment: one line, no control characters. */
function commentSafe(text: string): string {
  return /^[^\u0000-\u001F\u007F\u2028\u2029]*$/.test(text) ? text : JSON.stringify(text).replace(/[\u2028\u2029]/g, '?');
}
