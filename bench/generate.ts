/**
 * Deterministic benchmark inputs: the same seed gives the same bytes on every machine, so figures from
 * two runs describe the same documents. Policies are shaped like the ones users write (many roles with
 * alternates, shared teams, a few real findings), not like one block repeated.
 */

/** mulberry32: a small, well-mixed 32-bit PRNG; enough for picking words and positions. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

/** Duty groups chosen so that the two roles sharing a team never hold a segregated pair by accident. */
const DUTY_GROUPS = [
  ['key-generation', 'key-rotation'],
  ['key-revocation', 'key-destruction'],
  ['kms-operation', 'encryption-enforcement'],
  ['incident-response'],
  ['policy-oversight'],
  ['operational-support'],
  ['ai-workload-encryption', 'tenant-isolation'],
  ['upstream-coordination', 'downstream-coordination'],
  ['byok-provisioning'],
];
const TITLES = ['Key Custodian', 'Platform Administrator', 'Incident Lead', 'Crypto Architect', 'Policy Owner', 'KMS Operator', 'Tenant Isolation Engineer', 'Model Security Engineer'];
const WORDS = [
  'keys', 'are', 'rotated', 'every', 'ninety', 'days', 'by', 'the', 'KMS', 'team', 'and', 'each', 'rotation', 'is', 'logged',
  'encryption', 'at', 'rest', 'uses', 'AES-256-GCM', 'with', 'envelope', 'data', 'keys', 'per', 'tenant', 'workspace', 'model',
  'weights', 'embeddings', 'prompts', 'training', 'sets', 'HSM', 'backed', 'keyrings', 'custodians', 'approve', 'access',
  'requests', 'revocation', 'follows', 'a', 'suspected', 'compromise', 'within', 'four', 'hours', 'of', 'detection',
];

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let index = 0; index < words; index++) out.push(pick(next, WORDS));
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

/** A complete YAML policy header (a Model Provider), varied by `tag` so that documents differ. */
function yamlHeader(tag: string): string[] {
  return [
    `# Generated benchmark policy ${tag}: many roles with alternates (CEK-01, CEK-02).`,
    'kind: crypto-policy',
    `id: POL-BENCH-${tag}`,
    `title: Key Management Policy ${tag}`,
    'version: "1.3"',
    'actor: MP',
    'controls: [CEK-01, CEK-02]',
    'owner: { name: Lena Okafor, role: Head of Security }',
    'approval: { by: Risk Committee, date: 2026-05-04, evidence: "RC-2026-05 minutes" }',
    'review:',
    '  last: 2026-05-04',
    '  next: 2027-05-04',
    '  interval_months: 12',
    '  triggers: [new KMS, algorithm deprecation, regulatory change]',
    'communication:',
    '  audiences: [security engineering, ml platform, devops, compliance]',
    '  channels: [wiki, onboarding, security bulletin]',
    '  evidence: "LMS acknowledgments"',
    'scope: { kms: true, hsm: true, storage: true, network: true, tenant_key_isolation: true, ai_assets: true }',
    'enforcement:',
    '  baselines: "CIS-based infrastructure baselines with encryption at rest enabled"',
    '  defaults: "AES-256-GCM at rest, TLS 1.3 in transit for every service"',
    '  kms_hsm_config: "Cloud KMS keyrings backed by FIPS 140-3 level 3 HSMs"',
    '  cicd: "Pipeline policy checks block unencrypted buckets and plaintext secrets"',
    'monitoring: { key_usage_audit: true, anomaly_detection: true, control_reviews: quarterly, internal_audit: annual }',
    'training: { program: "Key custody", frequency_months: 12, topics: [secure key generation, incident response] }',
    'byok: { supported: false, hyok: false }   # stated, even when not offered',
    'governance: { body: Risk Committee, review_months: 12 }',
    'coordination: { upstream: [cloud provider KMS], downstream: [application providers] }',
    'segregation:',
    '  - [key-generation, encryption-enforcement]',
    'roles:',
  ];
}

/**
 * A YAML policy of exactly `lines` lines (the last one ends in LF). Roles come in pairs sharing a team;
 * every role names up to three alternates (peers with the same duties) anywhere in the list. A few
 * deliberate findings keep every rule working: an unknown alternate every 50th role, an unknown duty
 * every 113th, a segregation conflict every 97th, an overdue role review every 53rd.
 */
export function yamlPolicy(lines: number, seed = 1, tag = String(seed)): string {
  const next = random(seed);
  const out = yamlHeader(tag);
  const roleLines = 8;
  const roleCount = Math.max(1, Math.floor((lines - out.length) / roleLines));
  for (let index = 0; index < roleCount; index++) {
    const duties = [...DUTY_GROUPS[index % DUTY_GROUPS.length]];
    if (index > 0 && index % 97 === 0) duties.push('operational-support');
    if (index > 0 && index % 113 === 0) duties.push('key-escrow');
    // Alternates do the same job (same duty group), anywhere in the list, as people stand in for peers.
    const alternates = new Set<string>();
    const group = index % DUTY_GROUPS.length;
    const peers = Math.ceil((roleCount - group) / DUTY_GROUPS.length);
    const alternateCount = Math.min(1 + Math.floor(next() * 3), peers - 1);
    while (alternates.size < alternateCount) {
      const other = group + DUTY_GROUPS.length * Math.floor(next() * peers);
      if (other !== index && other < roleCount) alternates.add(`${tag}-role-${other}`);
    }
    // A short policy has no peers: a coordination role (whose team holds no segregated duty) stands in.
    if (alternates.size === 0 && roleCount > 7) alternates.add(`${tag}-role-${index === 7 ? 6 : 7}`);
    if (index > 0 && index % 50 === 0) alternates.add(`${tag}-retired-role-${index}`);
    out.push(
      index % 10 === 0 ? `  # Roles ${index}-${index + 9}: named custodians and their alternates (CEK-02)` : `  # ${pick(next, TITLES)} duties for unit ${index}`,
      `  - id: ${tag}-role-${index}`,
      `    title: ${pick(next, TITLES)} ${index}`,
      `    assignee: Team ${Math.floor(index / 2)}`,
      `    responsibilities: [${duties.join(', ')}]`,
      `    alternates: [${[...alternates].join(', ')}]`,
      `    trained: 2026-0${1 + Math.floor(next() * 9)}-0${1 + Math.floor(next() * 9)}`,
      `    reviewed: ${index > 0 && index % 53 === 0 ? '2024-01-15' : '2026-05-04'}`,
    );
  }
  while (out.length < lines) out.push(`# ${sentence(next, 8)}`);
  return out.slice(0, lines).join('\n') + '\n';
}

const SECTIONS = ['Key Lifecycle', 'Monitoring', 'Training', 'Communication', 'Review', 'Coordination', 'Governance', 'BYOK'];

/**
 * A Markdown policy of exactly `lines` lines with front matter, a roles table of `tableRows` rows, a
 * revision history table, and prose sections (paragraphs, bullet lists, subsections) filling the rest.
 */
export function markdownPolicy(lines: number, tableRows: number, seed = 1): string {
  const next = random(seed);
  const out = [
    '---',
    'kind: crypto-policy',
    `id: POL-MD-${seed}`,
    'title: Encryption and Key Management Policy',
    'version: "2.0"',
    'actor: AP',
    'owner: { name: Samir Haddad, role: CISO }',
    'approval: { by: Security Committee, date: 2026-03-10, evidence: "Policy registry entry PR-114" }',
    'review: { last: 2026-03-10, next: 2027-03-10, interval_months: 12, triggers: [new KMS, regulatory change] }',
    'governance: { body: Security Committee, review_months: 12 }',
    '---',
    '',
    '# Encryption and Key Management Policy',
    '',
    `This policy sets how our AI application protects data and models with encryption and keys (CEK-01).`,
    '',
    '## Scope',
    '',
    'Covers the key management service (KMS) and hardware security modules (HSM), encryption of storage and of',
    'network traffic, tenant key isolation for customer workspaces, and AI assets: models, prompts and embeddings.',
    '',
    '## Roles and Responsibilities',
    '',
    '| Role | Assignee | Responsibilities | Alternates | Trained | Reviewed |',
    '|------|----------|------------------|------------|---------|----------|',
  ];
  const roleName = (row: number) => `${TITLES[row % TITLES.length]} ${row}`;
  for (let row = 0; row < tableRows; row++) {
    const group = row % DUTY_GROUPS.length;
    // The alternate is a peer with the same duties, named as the table names roles.
    const peer = group + DUTY_GROUPS.length * Math.floor(next() * Math.ceil((tableRows - group) / DUTY_GROUPS.length));
    const alternate = peer !== row && peer < tableRows ? roleName(peer) : roleName((row + DUTY_GROUPS.length) % tableRows);
    out.push(`| ${roleName(row)} | Team ${Math.floor(row / 2)} | ${DUTY_GROUPS[group].join(', ')} | ${alternate} | 2026-02-01 | 2026-03-10 |`);
  }
  out.push('', 'Role assignments are reviewed every year by the Security Committee (CEK-02).', '', '## Revision History', '');
  out.push('| Version | Date | Author/Approver | Changes |', '|---|---|---|---|');
  for (let row = 0; row < 12; row++) out.push(`| 1.${row} | 2025-${String(1 + row).padStart(2, '0')}-10 | Security Committee | ${sentence(next, 5)} |`);
  out.push('');
  let section = 0;
  while (out.length < lines) {
    out.push(`## ${SECTIONS[section % SECTIONS.length]}${section >= SECTIONS.length ? ` (part ${Math.floor(section / SECTIONS.length) + 1})` : ''}`, '');
    for (let sub = 0; sub < 4 && out.length < lines; sub++) {
      out.push(`### ${sentence(next, 3).slice(0, -1)}`, '');
      out.push(sentence(next, 12), `${sentence(next, 10)} See **CEK-0${1 + (sub % 2)}** and \`kms.rotate()\`.`, '');
      for (let item = 0; item < 3; item++) out.push(`- ${sentence(next, 7)}`);
      out.push('');
    }
    section++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** A small Markdown policy (about 45 lines) for the CLI figures; `index` varies names, dates and ids. */
export function smallMarkdownPolicy(index: number): string {
  const next = random(1000 + index);
  const month = String(1 + (index % 12)).padStart(2, '0');
  const rows = DUTY_GROUPS.slice(0, 5).map((duties, row) => `| ${TITLES[row]} | Team ${(index + row) % 40} | ${duties.join(', ')} | ${TITLES[(row + 1) % 5]} |`);
  return [
    '---',
    'kind: crypto-policy',
    `id: POL-SMALL-${index}`,
    `title: Key Management Policy ${index}`,
    'actor: AP',
    `owner: { name: Owner ${index}, role: CISO }`,
    `approval: { by: Security Committee, date: 2026-${month}-10, evidence: "PR-${index}" }`,
    `review: { last: 2026-${month}-10, next: 2027-${month}-10, interval_months: 12, triggers: [new KMS] }`,
    '---',
    '',
    `# Key Management Policy ${index}`,
    '',
    '## Scope',
    '',
    'Covers the KMS and HSMs, encryption of storage and network traffic, tenant key isolation and AI assets.',
    '',
    '## Roles and Responsibilities',
    '',
    '| Role | Assignee | Responsibilities | Alternates |',
    '|------|----------|------------------|------------|',
    ...rows,
    '',
    '## Key Lifecycle',
    '',
    sentence(next, 14),
    sentence(next, 12),
    '',
    '## Monitoring',
    '',
    'Key usage is audited automatically and anomalous key access raises alerts.',
    '',
    '## Training',
    '',
    `- ${sentence(next, 8)}`,
    `- ${sentence(next, 8)}`,
    '',
    '## Communication',
    '',
    'The policy is published on the security wiki and acknowledged in the LMS.',
    '',
    '## Review',
    '',
    'Reviewed at least annually, and upon a new KMS or a regulatory change.',
    '',
  ].join('\n');
}
