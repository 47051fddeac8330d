import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfigText } from '../../server/src/engine/config/config';
import { LineIndex } from '../../server/src/engine/parse/text';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/features/settings';

/** Problems as `line:col message` (1-based), where the editor shows them on the config file. */
function problems(text: string): string[] {
  const lines = new LineIndex(text);
  return parseConfigText(text).problems.map((problem) => {
    const start = lines.positionAt(problem.span.start);
    return `${start.line + 1}:${start.character + 1} ${problem.message}`;
  });
}

describe('.cekpolicy.yaml: every value is checked before use', () => {
  it('the values that killed the server are each reported on their own line, and fall back to the default', () => {
    const text = 'files: null\nrules: null\nreview: null\ncatalogs: [42]\ntoday: 20261124\nactor: MP\n';
    assert.deepEqual(problems(text), [
      '1:8 `files` must be a list of strings (it is null); it is ignored and the default is used.',
      '2:8 `rules` must be a mapping whose values are one of error, warning, warn, info, off, 2, 1, 0 (it is null); it is ignored and the default is used.',
      '3:9 `review` must be a mapping of max_interval_months, due_soon_days (it is null); it is ignored and the default is used.',
      '4:12 `catalogs[0]` must be a string (it is a number); it is left out.',
      '5:8 `today` must be a string (it is a number); it is ignored and the default is used.',
    ]);
    assert.deepEqual(parseConfigText(text).config, { actor: ['MP'], catalogs: [] }, 'the good value still counts');
  });

  it('one message per bad value, on the value; unknown keys on the key', () => {
    const text = 'actor: [CSP, XX]\nfoo: 1\nreview: { max_interval_months: 13, due_soon_days: 3 }\nrules:\n  owner-missing: sometimes\n  byok-missing: off\nsegregation: [[a], [b, c]]\ntoday: 2026-02-30\n';
    assert.deepEqual(problems(text), [
      '1:14 `actor[1]` must be one of CSP, MP, OSP, AP, AIC, not "XX"; it is left out.',
      '2:1 Unknown key `foo` (known: extends, warnings_as_errors, today, actor, files, catalogs, controls, rules, review, roles, duties, segregation, max_per_rule, profile, profiles, cbom); it is ignored.',
      '3:32 `review.max_interval_months` must be a whole number from 1 to 12; it is ignored and the default is used.',
      '5:18 `rules.owner-missing` must be one of error, warning, warn, info, off, 2, 1, 0, not "sometimes"; it is ignored and the default is used.',
      '7:15 `segregation[0]` must be a pair of strings; it is left out.',
      '8:8 `today` must be a real date as YYYY-MM-DD; it is ignored and the real date is used.',
    ]);
    const { config } = parseConfigText(text);
    assert.deepEqual(config.actor, ['CSP']);
    assert.deepEqual(config.review, { maxIntervalMonths: 12, dueSoonDays: 3 });
    assert.deepEqual(config.rules, { 'byok-missing': 'off' });
    assert.deepEqual(config.segregation, [['b', 'c']]);
    assert.equal(config.today, undefined);
  });

  it('a wrong choice is quoted only when it is a short plain word', () => {
    assert.deepEqual(problems('actor: XP\n'), ['1:8 `actor` must be one of CSP, MP, OSP, AP, AIC, not "XP" (did you mean "MP"?); it is ignored and the default is used.']);
    for (const hostile of ['"\\e[31mCSP"', '"<b>CSP</b>"', `${'C'.repeat(41)}`, '"C\\u202eSP"']) {
      assert.deepEqual(problems(`actor: ${hostile}\n`), ['1:8 `actor` must be one of CSP, MP, OSP, AP, AIC; it is ignored and the default is used.'], hostile);
    }
  });

  it('a config that is not a mapping, has a BOM, CR line ends or __proto__ keys', () => {
    assert.deepEqual(problems('- a\n- b\n'), ['1:1 The configuration must be a mapping of settings (today, actor, files, rules, ...); it is ignored.']);
    assert.deepEqual(parseConfigText('\ufeffactor: MP\rtoday: 2026-11-24\r').config, { actor: ['MP'], today: '2026-11-24' });
    const proto = parseConfigText('rules:\n  __proto__: off\n  owner-missing: off\n');
    assert.deepEqual(Object.keys(proto.config.rules!), ['__proto__', 'owner-missing']);
    assert.equal(({} as Record<string, unknown>).off, undefined, 'no prototype was polluted');
  });

  it('never throws and keeps every problem inside the file (fast-check, fixed seed)', () => {
    const keys = fc.constantFrom('today', 'actor', 'files', 'catalogs', 'rules', 'review', 'roles', 'duties', 'segregation', 'max_interval_months', '__proto__', 'x');
    const scalar = fc.oneof(fc.constantFrom('null', '~', '42', '-1', '1.5', 'true', '"text"', 'error', 'off', 'CSP', '2026-11-24', '[]', '{}', '[42]', '[[a]]', '{a: 1}', '&a x', '*a', ''), fc.string({ maxLength: 6 }));
    const entry = fc.tuple(keys, scalar, fc.boolean()).map(([key, value, nested]) => (nested ? `${key}:\n  ${key}: ${value}\n` : `${key}: ${value}\n`));
    fc.assert(fc.property(fc.array(entry, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), (entries, eol) => {
      const text = entries.join('').replace(/\n/g, eol);
      const result = parseConfigText(text);
      return result.problems.every((problem) => problem.span.start >= 0 && problem.span.end <= text.length && problem.span.start <= problem.span.end);
    }), { numRuns: 500, seed: 9 });
  });
});

describe('editor settings: checked against the extension\'s declared schema', () => {
  it('values of the wrong type are named and replaced by the default', () => {
    const { settings, problems: found } = readSettings({ files: null, rules: null, review: null, catalogs: [42, 'ok.json'], today: 20261124, enable: 'yes', actor: 'XX' });
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, catalogs: ['ok.json'], actor: undefined, today: undefined, review: { maxIntervalMonths: undefined } });
    assert.deepEqual(found, [
      '`cekPolicy.files` must be a list of strings (it is null); it is ignored and the default is used.',
      '`cekPolicy.rules` must be a mapping whose values are one of error, warning, warn, info, off, 2, 1, 0 (it is null); it is ignored and the default is used.',
      '`cekPolicy.review` must be a mapping of maxIntervalMonths (it is null); it is ignored and the default is used.',
      '`cekPolicy.catalogs[0]` must be a string (it is a number); it is left out.',
      '`cekPolicy.today` must be a date as YYYY-MM-DD (or empty) (it is a number); it is ignored and the default is used.',
      '`cekPolicy.enable` must be true or false (it is a string); it is ignored and the default is used.',
      '`cekPolicy.actor` must be one of "" (empty), CSP, MP, OSP, AP, AIC, not "XX"; it is ignored and the default is used.',
    ]);
  });

  it('not an object at all; absent (null) is simply the defaults', () => {
    assert.deepEqual(readSettings(null), { settings: DEFAULT_SETTINGS, problems: [] });
    for (const raw of [42, 'x', [1]]) {
      assert.deepEqual(readSettings(raw), { settings: { ...DEFAULT_SETTINGS, actor: undefined, today: undefined, review: { maxIntervalMonths: undefined } }, problems: ['The `cekPolicy` settings must be an object; the defaults are used.'] });
    }
  });

  it('a rule id that names no rule is reported with the nearest id and left out', () => {
    // As a client sends it: JSON, where `__proto__` is a key like any other.
    const { settings, problems: found } = readSettings(JSON.parse('{"rules": {"byok-mising": "off", "owner-missing": "warning", "__proto__": "off", "not-a-rule-at-all": "info"}}'));
    assert.deepEqual(settings.rules, { 'owner-missing': 'warning' });
    assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    assert.deepEqual(found, [
      'Unknown rule "byok-mising" in `cekPolicy.rules` (did you mean "byok-missing"?); it is ignored.',
      'Unknown rule "__proto__" in `cekPolicy.rules`; it is ignored.',
      'Unknown rule "not-a-rule-at-all" in `cekPolicy.rules`; it is ignored.',
    ]);
  });

  it('good settings pass untouched', () => {
    const good = { enable: false, files: ['a/*.md'], actor: 'CSP', rules: { 'owner-missing': 'off' }, review: { maxIntervalMonths: 6 }, catalogs: ['c.json'], today: '2026-11-24' };
    assert.deepEqual(readSettings(good), { settings: good, problems: [] });
  });

  it('any value at all is read without throwing (fast-check, fixed seed)', () => {
    fc.assert(fc.property(fc.anything(), (raw) => {
      const { settings } = readSettings(raw);
      return typeof settings.enable === 'boolean' && Array.isArray(settings.files) && Array.isArray(settings.catalogs) && typeof settings.rules === 'object';
    }), { numRuns: 1_000, seed: 9 });
  });
});
