import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/engine/engine';

/** One finding per gap: the cryptography rules stand for the control packs' topic findings of CEK-10 and CEK-12. */
const POLICY = '---\nkind: crypto-policy\n---\n# Cryptography Standard\n\n## Approved algorithms\n\n- AES-256-GCM for data at rest\n- RSA-3072 for signatures\n- TLS 1.3 for data in transit\n';

describe('a rule that replaces another', () => {
  it('cryptoperiod-missing and key-generation-unspecified report the gaps; the packs\' CEK-10 and CEK-12 topic findings do not repeat them', () => {
    const rules = checkText(POLICY, 'p.md', { today: '2026-12-07' }).findings.map((finding) => finding.rule);
    assert.ok(rules.includes('cryptoperiod-missing') && rules.includes('key-generation-unspecified'), rules.join(', '));
    assert.ok(!rules.includes('key-rotation-missing') && !rules.includes('key-generation-missing'), rules.join(', '));
  });

  it('where the cryptography rule does not report, the pack\'s topic finding stays', () => {
    const prose = '---\nkind: crypto-policy\n---\n# Key Management Policy\n\n## Key Management\n\nKeys are stored in the KMS.\n';
    const rules = checkText(prose, 'p.md', { today: '2026-12-07' }).findings.map((finding) => finding.rule);
    assert.ok(!rules.includes('cryptoperiod-missing') && rules.includes('key-rotation-missing'), rules.join(', '));
  });
});
