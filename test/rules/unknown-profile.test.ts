import { ruleTester } from '../helpers/ruleTester';
import { rangeIn } from '../crypto/fixtures';

const policy = (profile: string) => ['kind: crypto-policy', 'id: POL-CR-01', 'cryptography:', `  profile: ${profile}   # chosen by the CISO`, '  algorithms: [AES-256-GCM]', ''].join('\n');

ruleTester('unknown-profile', {
  valid: [
    { name: 'nist', code: policy('nist') },
    { name: 'a built-in with options', code: policy('{ id: nist, rev3: true, fips: true }') },
    { name: 'bsi', code: policy('bsi-tr-02102-1') },
  ],
  invalid: [
    {
      name: 'a misspelt profile',
      code: policy('cnsa2.0'),
      errors: [{ range: rangeIn(policy('cnsa2.0'), 'cnsa2.0'), severity: 'warning', message: 'Unknown cryptography profile `cnsa2.0` (did you mean `cnsa-2.0`?); the algorithms are judged against `nist`. Use `nist`, `cnsa-2.0`, `bsi-tr-02102-1`.' }],
      suggestions: [policy('cnsa-2.0')],
    },
  ],
});
