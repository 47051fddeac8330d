import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkText } from '../../server/src/engine/engine';
import { example, ruleTester } from '../helpers/ruleTester';

const GERMAN = '---\nkind: crypto-policy\n---\n# Kryptokonzept\n\n## Geltungsbereich\n\nDiese Richtlinie gilt für alle Systeme der Organisation, die vertrauliche Daten speichern oder übertragen. Schlüssel werden im HSM erzeugt und jährlich gewechselt.\n\n## Verantwortlichkeiten\n\nDer Informationssicherheitsbeauftragte ist für die Einhaltung dieser Richtlinie verantwortlich. Die Administratoren verwalten die Schlüssel und dokumentieren jeden Wechsel im Schlüsselregister. Die Richtlinie wird jährlich überprüft und von der Geschäftsführung freigegeben. Verstöße werden gemeldet und untersucht, und alle Mitarbeitenden werden regelmäßig geschult.\n';

ruleTester('language-unsupported', {
  valid: [
    { name: 'an English policy', code: example('key-management-policy.md'), fileName: 'p.md' },
    { name: 'a short English note with German product names', code: '---\nkind: crypto-policy\n---\n# Key Policy\n\nKeys for the Schlüsselverwaltung service are rotated yearly.\n', fileName: 'p.md' },
  ],
  invalid: [
    {
      name: 'a German policy: one info finding, not a wall of missing topics',
      code: GERMAN,
      fileName: 'p.md',
      errors: [{ range: [2, 1, 2, 5], text: 'kind', severity: 'info', message: /^The policy does not read as English \(\d+% of the \d+ words of prose read are common English words/ }],
      output: null,
    },
  ],
});

it('a policy in another language: only hygiene findings, and every guideline not assessed with the reason', () => {
  const result = checkText(GERMAN, 'p.md', { today: '2026-12-07' });
  assert.deepEqual(result.findings.map((finding) => finding.rule), ['language-unsupported']);
  assert.ok(result.requirements.length > 0 && result.requirements.every((requirement) => requirement.status === 'not-assessed' && /not written in English/.test(requirement.reason)));
});

it('the language is read from the first 2,000 words of prose: what follows does not change it', () => {
  const germanBody = GERMAN.split('\n').slice(4).join('\n');
  const german = `${GERMAN}${germanBody.repeat(30)}\n## Appendix\n\n${'Keys are rotated by the security team and the policy is reviewed every year. '.repeat(400)}\n`;
  const result = checkText(german, 'p.md', { today: '2026-12-07' });
  assert.deepEqual(result.findings.map((finding) => finding.rule), ['language-unsupported']);
  assert.match(result.findings[0].message, /of the 20\d\d words of prose read/);
  const english = `${example('key-management-policy.md')}\n## Practice\n\n${'Keys are rotated by the security team and the policy is reviewed every year. '.repeat(200)}\n\n## Anhang\n\n${germanBody.repeat(60)}`;
  assert.ok(!checkText(english, 'p.md', { today: '2026-12-07' }).findings.some((finding) => finding.rule === 'language-unsupported'));
});
