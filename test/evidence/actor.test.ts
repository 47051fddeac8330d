import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { model } from './helpers';

const filler = 'Keys are generated in the KMS, rotated yearly and destroyed at end of life. '.repeat(20);

function actor(text: string, configured: string[] = []) {
  const { codes, basis, hostsCustomerData, ai } = model(text, configured).actor;
  return { codes, basis, hostsCustomerData, ai };
}

describe('the SSRM actor, declared or inferred', () => {
  it('declared in front matter, or configured, wins', () => {
    assert.deepEqual(actor('---\nkind: crypto-policy\nactor: [MP, AP]\n---\n# P\n'), { codes: ['MP', 'AP'], basis: 'declared', hostsCustomerData: true, ai: true });
    assert.deepEqual(actor('---\nkind: crypto-policy\n---\n# P\n', ['AIC']), { codes: ['AIC'], basis: 'config', hostsCustomerData: false, ai: false });
  });

  it('a SaaS or SOC 2 service organisation holds customer data (no AI: no AICM code)', () => {
    assert.deepEqual(actor(`# P\n\nWe protect customer emissions data with AES-256.\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: true, ai: false });
    assert.deepEqual(actor(`# P\n\nThis policy supports our SOC 2 Type II report.\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: true, ai: false });
  });

  it('an AI product is an application provider; one that trains models is a model provider', () => {
    assert.deepEqual(actor(`# P\n\nThis policy protects data in the LLM Config Manager system.\n\n${filler}`), { codes: ['AP'], basis: 'inferred', hostsCustomerData: true, ai: true });
    assert.deepEqual(actor(`# P\n\nOur AI platform fine-tunes foundation models on licensed training data.\n\n${filler}`), { codes: ['MP'], basis: 'inferred', hostsCustomerData: true, ai: true });
  });

  it('staff using public AI tools does not make an AI provider', () => {
    assert.deepEqual(actor(`# P\n\nStaff must not paste keys into public AI tools.\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: false, ai: false });
  });

  it('a full policy with no customers, tenants or AI: an internal organisation', () => {
    assert.deepEqual(actor(`# P\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: false, ai: false });
  });

  it('a university, a ministry or internal IT: no tenants, even where records of people appear (an AI customer for applicability)', () => {
    assert.deepEqual(actor(`# P\n\nThe University encrypts student data and staff records on end-user devices.\n\n${filler}`), { codes: ['AIC'], basis: 'inferred', hostsCustomerData: false, ai: false });
    // A service offered to customers outweighs it.
    assert.deepEqual(actor(`# P\n\nThe university runs a SaaS platform for our customers.\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: true, ai: false });
  });

  it('customer-managed keys (CMEK) and SaaS the organisation buys are no sign of hosting customers', () => {
    assert.deepEqual(actor(`# P\n\nCustomer-managed KMS keys protect Restricted data.\n\nSaaS applications: verify encryption at rest in the vendor assessment.\n\n${filler}`), { codes: [], basis: 'inferred', hostsCustomerData: false, ai: false });
  });

  it('a short text that never mentions AI is no AI provider, but may or may not host tenants', () => {
    const text = '# Key Management for the Platform\n\nAuthorized staff rotate, encrypt and back up keys monthly. Privileged users access the keys only with two-factor authentication and a passphrase. If both the keys and the passphrase are lost or compromised, new keys are rotated in by authorized staff.\n';
    assert.deepEqual(actor(text), { codes: [], basis: 'inferred', hostsCustomerData: undefined, ai: false });
  });

  it('too little text to judge: unknown', () => {
    assert.deepEqual(actor('# P\n\nKeys are rotated yearly.\n'), { codes: [], basis: 'unknown', hostsCustomerData: undefined, ai: undefined });
  });
});
