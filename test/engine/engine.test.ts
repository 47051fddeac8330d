import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeConfig } from '../../server/src/engine/config/config';
import { checkText } from '../../server/src/engine/engine';
import { fixAll } from '../../server/src/engine/fixes/fixes';
import { ruleById } from '../../server/src/engine/rules';
import { TODAY, edit, withoutOwner, example } from '../helpers/ruleTester';

const yamlPolicy = example('key-management-policy.yaml');
const markdownPolicy = example('key-management-policy.md');
/** The YAML example with no owner: neither the `owner` field nor a Policy Owner role that would designate one. */
const noOwner = withoutOwner(yamlPolicy);

function check(text: string, fileName = 'policy.yaml', config = {}, today = TODAY) {
  return checkText(text, fileName, { today, config: mergeConfig(config) });
}

function open(text: string, fileName = 'policy.yaml', config = {}, today = TODAY) {
  return check(text, fileName, config, today).findings.filter((finding) => !finding.suppression);
}

describe('engine', () => {
  it('the compliant YAML example has no error or warning', () => {
    const findings = open(yamlPolicy).filter((finding) => finding.severity !== 'info');
    assert.deepEqual(findings.map((finding) => `${finding.rule}: ${finding.message}`), []);
  });

  it('the compliant Markdown example has no error or warning', () => {
    const findings = open(markdownPolicy, 'policy.md').filter((finding) => finding.severity !== 'info');
    assert.deepEqual(findings.map((finding) => `${finding.rule}: ${finding.message}`), []);
  });

  it('stays silent on YAML and Markdown that are not policies', () => {
    const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
    assert.equal(check(compose, 'docker-compose.yml').isPolicy, false);
    assert.deepEqual(check(compose, 'docker-compose.yml').findings, []);
    assert.deepEqual(check('# README\n\nHello\n', 'README.md').findings, []);
    const broken = 'services: [\n';
    assert.deepEqual(check(broken, 'broken.yml').findings, [], 'a broken non-policy file is not ours to report');
  });

  it('checks a file without the marker when forced (CLI argument, files glob)', () => {
    const result = checkText('title: Crypto standard\n', 'standard.yaml', { today: TODAY, force: true });
    assert.equal(result.isPolicy, true);
    assert.ok(result.findings.some((finding) => finding.rule === 'owner-missing'));
  });

  it('a rule can be switched off or re-graded in config', () => {
    const text = noOwner;
    assert.ok(open(text).some((finding) => finding.rule === 'owner-missing' && finding.severity === 'error'));
    assert.ok(!open(text, 'policy.yaml', { rules: { 'owner-missing': 'off' } }).some((finding) => finding.rule === 'owner-missing'));
    assert.ok(open(text, 'policy.yaml', { rules: { 'owner-missing': 'warning' } }).some((finding) => finding.rule === 'owner-missing' && finding.severity === 'warning'));
  });

  it('today is injected: the same document is overdue later', () => {
    assert.ok(!open(yamlPolicy).some((finding) => finding.rule === 'review-overdue'));
    assert.ok(open(yamlPolicy, 'policy.yaml', {}, '2027-06-01').some((finding) => finding.rule === 'review-overdue'));
    assert.ok(open(yamlPolicy, 'policy.yaml', { today: '2027-06-01' }, '2027-06-01').some((finding) => finding.rule === 'review-overdue'));
  });

  it('findings are sorted by position and carry control and guidelines', () => {
    const text = edit(edit(yamlPolicy, 'owner: { name: Lena Okafor, role: Head of Security }\n', ''), 'next: 2027-05-04', 'next: 2026-01-04');
    const findings = open(text);
    const starts = findings.map((finding) => finding.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
    for (const finding of findings) {
      assert.match(finding.control, /^CEK-0[12]$/);
      assert.ok(finding.guidelines.length > 0);
    }
  });
});

describe('inline suppressions', () => {
  const withoutOwner = noOwner;

  it('disable-next-line with a reason suppresses and keeps the finding for the audit trail', () => {
    const text = edit(withoutOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- owner named in the ISMS register (until 2027-01-31)\nkind: crypto-policy\n');
    const result = check(text);
    const owner = result.findings.find((finding) => finding.rule === 'owner-missing');
    assert.ok(owner?.suppression, 'kept, marked suppressed');
    assert.equal(owner.suppression.justification, 'owner named in the ISMS register');
    assert.equal(owner.suppression.until, '2027-01-31');
    assert.ok(!result.findings.some((finding) => finding.rule.startsWith('suppression-') && !finding.suppression));
  });

  it('a suppression without a reason still suppresses but is reported', () => {
    const text = edit(withoutOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing\nkind: crypto-policy\n');
    const findings = open(text);
    assert.ok(!findings.some((finding) => finding.rule === 'owner-missing'));
    const unjustified = findings.filter((finding) => finding.rule === 'suppression-unjustified');
    assert.equal(unjustified.length, 1);
    assert.equal(text.slice(unjustified[0].span.start, unjustified[0].span.end), '# cek-policy-disable-next-line owner-missing');
  });

  it('an expired suppression stops suppressing and says so', () => {
    const text = edit(withoutOwner, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- interim (until 2026-10-01)\nkind: crypto-policy\n');
    const rules = open(text).map((finding) => finding.rule);
    assert.ok(rules.includes('owner-missing'));
    assert.ok(rules.includes('suppression-expired'));
  });

  it('an unused suppression is reported with a safe fix that removes its line', () => {
    const text = edit(yamlPolicy, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- not needed\nkind: crypto-policy\n');
    const unused = open(text).filter((finding) => finding.rule === 'suppression-unused');
    assert.equal(unused.length, 1);
    const fixed = fixAll(text, (current) => check(current).findings).text;
    assert.equal(fixed, yamlPolicy);
  });

  it('disable-line, file-wide disable/enable and the Markdown comment form', () => {
    const trailing = edit(yamlPolicy, 'next: 2027-05-04', 'next: 2026-01-04 # cek-policy-disable-line review-overdue -- review booked for 2026-12-01');
    assert.ok(!open(trailing).some((finding) => finding.rule === 'review-overdue'));
    const fileWide = edit(withoutOwner, 'kind: crypto-policy\n', 'kind: crypto-policy\n# cek-policy-disable owner-missing -- owner is set per business unit\n');
    // The owner finding sits on the `kind` key, above the file-wide directive: not covered.
    assert.ok(open(fileWide).some((finding) => finding.rule === 'owner-missing'));
    const atTop = `# cek-policy-disable owner-missing -- owner is set per business unit\n${withoutOwner}`;
    assert.ok(!open(atTop).some((finding) => finding.rule === 'owner-missing'));
    const markdown = edit(edit(markdownPolicy, 'owner: { name: Samir Haddad, role: CISO }\n', ''), '| Policy Owner | CISO Office |', '| Policy Steward | CISO Office |');
    assert.ok(open(markdown, 'policy.md').some((finding) => finding.rule === 'owner-missing'));
    const suppressedMarkdown = edit(markdown, 'kind: crypto-policy\n', '# cek-policy-disable-next-line owner-missing -- owner in ISMS register\nkind: crypto-policy\n');
    assert.ok(!open(suppressedMarkdown, 'policy.md').some((finding) => finding.rule === 'owner-missing'));
  });
});

describe('fix-all', () => {
  it('reaches a fixed point and keeps comments and unrelated lines', () => {
    let text = edit(yamlPolicy, 'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }', 'approval: { by: Risk Committee, date: 2026/05/04, evidence: "RC-2026-05 minutes" }');
    text = edit(text, '  next: 2027-05-04\n', '');
    const result = fixAll(text, (current) => check(current).findings);
    assert.ok(result.passes >= 1);
    assert.equal(result.text, yamlPolicy, 'date normalised and next review restored, nothing else touched');
    assert.ok(!check(result.text).findings.some((finding) => finding.fix));
  });
});

describe('what a caller asks for', () => {
  const gaps = example('gaps/cloud-provider-gaps.yaml');
  const strip = (findings: ReturnType<typeof check>['findings']) => findings.map(({ suggestions: _unused, ...rest }) => rest);

  it('without requirements or suggestions: the same findings and safe fixes, no statuses, no suggestion built', () => {
    const full = checkText(gaps, 'policy.yaml', { today: TODAY });
    assert.ok(full.requirements.length > 0 && full.findings.some((finding) => finding.suggestions?.length), 'the gaps example has statuses and suggestions');
    const lean = checkText(gaps, 'policy.yaml', { today: TODAY, requirements: false, suggestions: false });
    assert.deepEqual(lean.requirements, []);
    assert.ok(lean.findings.every((finding) => finding.suggestions === undefined));
    assert.deepEqual(strip(lean.findings), strip(full.findings));
  });

  it('a suggestion is built only when asked for', () => {
    let built = 0;
    const offering = { ...ruleById('owner-missing'), id: 'offering', check: () => [{ span: { start: 0, end: 4 }, message: 'test', suggestions: () => [{ title: 'x', edits: [{ start: 0, end: 0, newText: (built++, '') }] }] }] };
    checkText(yamlPolicy, 'policy.yaml', { today: TODAY, rules: [offering], suggestions: false });
    assert.equal(built, 0);
    checkText(yamlPolicy, 'policy.yaml', { today: TODAY, rules: [offering] });
    assert.equal(built, 1);
  });
});
