import type { CryptoUse } from './registry';

/**
 * Profiles as data: which algorithms, sizes, modes and versions a standard accepts for which use, and from when.
 * Every phase of a timeline names its source section; `verified: false` marks a figure taken from a secondary
 * account of the source because the primary text could not be read while this was written. Dates are the first
 * day a status holds ("disallowed after 2023" is `from: 2024-01-01`). A user profile file has the same shape
 * (schemas/crypto-profile.schema.json).
 */

export type CryptoStatus = 'acceptable' | 'deprecated' | 'legacy-use' | 'disallowed' | 'not-approved' | 'unknown';

export interface ProfileSource {
  title: string;
  /** Publication date (YYYY-MM or YYYY-MM-DD). */
  date: string;
  url?: string;
}

export interface ProfilePhase {
  status: CryptoStatus;
  /** First day this status holds; absent: since before any date that matters. */
  from?: string;
  /** Key of `sources` and the section: "sp800-131a-r2 §2". */
  source: string;
  /** False when the figure could not be checked against the primary text. */
  verified?: boolean;
  note?: string;
}

export interface ProfileRule {
  algorithms: string[];
  /** Uses the rule covers; absent: every use. */
  uses?: CryptoUse[];
  /** Security strength in bits (inclusive bounds); a rule with a bound needs a known strength. */
  strength?: { min?: number; max?: number };
  /** The rule covers only mentions whose strength (or version) the text does not give. */
  unknownParameter?: boolean;
  /** Protocol versions the rule covers. */
  versions?: string[];
  /** Parameters the rule covers exactly (ML-KEM-1024 as 1024, curves as "P-384"). */
  parameters?: (number | string)[];
  timeline: ProfilePhase[];
}

export interface CryptoProfile {
  id: string;
  title: string;
  description: string;
  sources: Record<string, ProfileSource>;
  /** First matching rule wins: specific rules before general ones. */
  rules: ProfileRule[];
  /** Named options whose rules are tried before the profile's own (`rev3`). */
  options?: Record<string, { description: string; rules: ProfileRule[] }>;
  /** What a fix offers instead of an algorithm the profile does not accept. */
  successors?: Record<string, { algorithm: string; parameter?: number | string }>;
}

const NIST_SOURCES: Record<string, ProfileSource> = {
  'sp800-131a-r2': { title: 'NIST SP 800-131A Rev. 2, Transitioning the Use of Cryptographic Algorithms and Key Lengths', date: '2019-03', url: 'https://doi.org/10.6028/NIST.SP.800-131Ar2' },
  'sp800-131a-r3-ipd': { title: 'NIST SP 800-131A Rev. 3 (initial public draft), Transitioning the Use of Cryptographic Algorithms and Key Lengths', date: '2024-10', url: 'https://doi.org/10.6028/NIST.SP.800-131Ar3.ipd' },
  'sp800-57-p1-r5': { title: 'NIST SP 800-57 Part 1 Rev. 5, Recommendation for Key Management', date: '2020-05', url: 'https://doi.org/10.6028/NIST.SP.800-57pt1r5' },
  'sp800-52-r2': { title: 'NIST SP 800-52 Rev. 2, Guidelines for TLS Implementations', date: '2019-08', url: 'https://doi.org/10.6028/NIST.SP.800-52r2' },
  'fips186-5': { title: 'FIPS 186-5, Digital Signature Standard', date: '2023-02-03', url: 'https://doi.org/10.6028/NIST.FIPS.186-5' },
  'fips203': { title: 'FIPS 203, Module-Lattice-Based Key-Encapsulation Mechanism Standard', date: '2024-08-13', url: 'https://doi.org/10.6028/NIST.FIPS.203' },
  'fips204': { title: 'FIPS 204, Module-Lattice-Based Digital Signature Standard', date: '2024-08-13', url: 'https://doi.org/10.6028/NIST.FIPS.204' },
  'fips205': { title: 'FIPS 205, Stateless Hash-Based Digital Signature Standard', date: '2024-08-13', url: 'https://doi.org/10.6028/NIST.FIPS.205' },
  'sp800-208': { title: 'NIST SP 800-208, Recommendation for Stateful Hash-Based Signature Schemes', date: '2020-10', url: 'https://doi.org/10.6028/NIST.SP.800-208' },
  'ir8547-ipd': { title: 'NIST IR 8547 (initial public draft), Transition to Post-Quantum Cryptography Standards', date: '2024-11-12', url: 'https://doi.org/10.6028/NIST.IR.8547.ipd' },
  'nist-sha1-2022': { title: 'NIST news, "NIST Transitioning Away from SHA-1 for All Applications"', date: '2022-12-15', url: 'https://csrc.nist.gov/news/2022/nist-transitioning-away-from-sha-1-for-all-apps' },
  'nist-tdea-2023': { title: 'NIST news, "NIST to Withdraw Special Publication 800-67 Revision 2" (TDEA)', date: '2023-06-29', url: 'https://csrc.nist.gov/news/2023/nist-to-withdraw-sp-800-67-rev-2' },
  'sp800-140c': { title: 'NIST SP 800-140C Rev. 2, CMVP Approved Security Functions', date: '2024-07', url: 'https://doi.org/10.6028/NIST.SP.800-140Cr2', },
  'rfc7465': { title: 'RFC 7465, Prohibiting RC4 Cipher Suites', date: '2015-02' },
  'rfc8996': { title: 'RFC 8996, Deprecating TLS 1.0 and TLS 1.1', date: '2021-03' },
  'rfc7568': { title: 'RFC 7568, Deprecating Secure Sockets Layer Version 3.0', date: '2015-06' },
  'rfc4253': { title: 'RFC 4253, The Secure Shell (SSH) Transport Layer Protocol', date: '2006-01' },
};

const QUANTUM_VULNERABLE = ['RSA', 'DH', 'DSA', 'ECDH', 'ECDSA', 'ECC', 'EdDSA', 'Ed25519', 'Ed448'];
const NOT_NIST = ['Blowfish', 'Twofish', 'Camellia', 'ChaCha20', 'ChaCha20-Poly1305', 'bcrypt', 'scrypt', 'Argon2', 'X25519'];
const APPROVED_SYMMETRIC = ['GCM', 'CCM', 'CTR', 'CBC', 'XTS', 'CFB', 'OFB', 'KW', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA-2', 'SHA-3', 'HMAC', 'CMAC', 'GMAC', 'KMAC', 'HKDF', 'PBKDF2', 'DRBG'];

const ok = (source: string, extra: Partial<ProfilePhase> = {}): ProfilePhase => ({ status: 'acceptable', source, ...extra });

/** NIST IR 8547 ipd §4: 112-bit quantum-vulnerable schemes deprecated after 2030, every strength disallowed after 2035. */
const IR8547_112: ProfilePhase[] = [
  ok('sp800-131a-r2 §4–§7'),
  { status: 'deprecated', from: '2031-01-01', source: 'ir8547-ipd §4.1 Tables 2–4' },
  { status: 'disallowed', from: '2036-01-01', source: 'ir8547-ipd §4.1 Tables 2–4' },
];
const IR8547_128: ProfilePhase[] = [
  ok('sp800-131a-r2 §4–§7'),
  { status: 'disallowed', from: '2036-01-01', source: 'ir8547-ipd §4.1 Tables 2–4' },
];

export const NIST_PROFILE: CryptoProfile = {
  id: 'nist',
  title: 'NIST (SP 800-131A Rev. 2, SP 800-57 Pt 1 Rev. 5, SP 800-52 Rev. 2, FIPS 186-5, FIPS 203–205, IR 8547 ipd)',
  description: '112-bit minimum security strength; TLS 1.2 and 1.3 only; quantum-vulnerable public-key schemes deprecated after 2030 at 112 bits and disallowed after 2035.',
  sources: NIST_SOURCES,
  rules: [
    // Broken or retired primitives.
    { algorithms: ['DES'], timeline: [{ status: 'disallowed', source: 'sp800-131a-r2 §2 (FIPS 46-3 withdrawn 2005)' }] },
    { algorithms: ['2TDEA'], uses: ['encryption', 'unspecified', 'mac'], timeline: [{ status: 'disallowed', source: 'sp800-131a-r2 §2 Table 1' }] },
    { algorithms: ['3DES', '2TDEA'], uses: ['hash', 'signature', 'kdf', 'key-establishment', 'password-hashing', 'rng', 'protocol', 'mode'], timeline: [{ status: 'legacy-use', source: 'sp800-131a-r2 §2 Table 1', note: 'decryption of data already protected only' }] },
    {
      algorithms: ['3DES'], uses: ['encryption', 'unspecified', 'mac'], timeline: [
        { status: 'deprecated', source: 'sp800-131a-r2 §2 Table 1' },
        { status: 'disallowed', from: '2024-01-01', source: 'sp800-131a-r2 §2 Table 1; nist-tdea-2023' },
      ],
    },
    { algorithms: ['RC4', 'RC2', 'MD4', 'MD5'], timeline: [{ status: 'disallowed', source: 'sp800-131a-r2 §1.2 (not an approved algorithm); rfc7465 (RC4 in TLS)' }] },
    // SHA-1 by use (SP 800-131A Rev. 2 §9 Table 8).
    { algorithms: ['SHA-1'], uses: ['signature'], timeline: [{ status: 'disallowed', source: 'sp800-131a-r2 §9 Table 8', note: 'digital signature generation; verification is legacy use' }] },
    { algorithms: ['SHA-1'], uses: ['mac', 'kdf', 'rng'], timeline: [ok('sp800-131a-r2 §9 Table 8'), { status: 'disallowed', from: '2031-01-01', source: 'nist-sha1-2022; sp800-131a-r3-ipd §9', note: 'NIST plans to withdraw SHA-1 by 2030-12-31' }] },
    {
      algorithms: ['SHA-1'], timeline: [
        { status: 'deprecated', source: 'nist-sha1-2022; sp800-131a-r3-ipd §9', note: 'no stated use: NIST withdraws SHA-1 by 2030-12-31' },
        { status: 'disallowed', from: '2031-01-01', source: 'nist-sha1-2022; sp800-131a-r3-ipd §9' },
      ],
    },
    // ECB: allowed by SP 800-38A and Rev. 2, proposed for disallowance for encryption by the Rev. 3 draft.
    { algorithms: ['ECB'], timeline: [{ status: 'deprecated', source: 'sp800-131a-r3-ipd §3', note: 'the Rev. 3 draft disallows ECB for encryption; no date set' }] },
    // Quantum-vulnerable public key by strength (SP 800-57 Pt 1 Rev. 5 Table 2; SP 800-131A Rev. 2 Tables 2–4; IR 8547 ipd).
    { algorithms: QUANTUM_VULNERABLE, strength: { max: 111 }, timeline: [{ status: 'disallowed', source: 'sp800-131a-r2 §4–§7 (less than 112 bits of security strength)' }] },
    // DSA: FIPS 186-5 keeps it for verification only.
    { algorithms: ['DSA'], uses: ['signature', 'unspecified'], timeline: [{ status: 'not-approved', source: 'fips186-5 §1 (DSA retained for verification only)' }] },
    { algorithms: QUANTUM_VULNERABLE, strength: { min: 112, max: 127 }, timeline: IR8547_112 },
    { algorithms: QUANTUM_VULNERABLE, strength: { min: 128 }, timeline: IR8547_128 },
    { algorithms: QUANTUM_VULNERABLE, unknownParameter: true, timeline: [{ status: 'unknown', source: 'sp800-57-p1-r5 §5.6.1.1 Table 2', note: 'the strength depends on the key size or curve, which the text does not give' }, { status: 'disallowed', from: '2036-01-01', source: 'ir8547-ipd §4.1' }] },
    // Post-quantum schemes.
    { algorithms: ['ML-KEM'], timeline: [ok('fips203 §8')] },
    { algorithms: ['ML-DSA'], timeline: [ok('fips204 §4')] },
    { algorithms: ['SLH-DSA'], timeline: [ok('fips205 §11')] },
    { algorithms: ['LMS', 'XMSS'], timeline: [ok('sp800-208 §1')] },
    // Symmetric primitives.
    { algorithms: ['AES'], timeline: [ok('sp800-131a-r2 §2 Table 1')] },
    { algorithms: APPROVED_SYMMETRIC, timeline: [ok('sp800-131a-r2 §§2, 8–10; sp800-57-p1-r5 §5.6.1.2 Table 3')] },
    { algorithms: NOT_NIST, timeline: [{ status: 'not-approved', source: 'sp800-140c (not listed)', verified: false }] },
    // Protocols.
    { algorithms: ['TLS'], versions: ['1.2', '1.3'], timeline: [ok('sp800-52-r2 §3.1')] },
    { algorithms: ['TLS'], versions: ['1.0', '1.1'], timeline: [{ status: 'disallowed', source: 'sp800-52-r2 §3.1; rfc8996' }] },
    { algorithms: ['SSL'], timeline: [{ status: 'disallowed', source: 'sp800-52-r2 §3.1; rfc7568' }] },
    { algorithms: ['SSH'], versions: ['2'], timeline: [ok('rfc4253 §1', { verified: false, note: 'NIST has no SSH profile; SSH-2 with approved algorithms' })] },
    { algorithms: ['SSH'], versions: ['1'], timeline: [{ status: 'disallowed', source: 'rfc4253 §5 (SSH-1 superseded)', verified: false }] },
    { algorithms: ['IPsec'], timeline: [ok('sp800-131a-r2 §1.2', { verified: false, note: 'SP 800-77 Rev. 1 guides IPsec; IKEv2 with approved algorithms' })] },
  ],
  options: {
    rev3: {
      description: 'SP 800-131A Rev. 3 initial public draft: ECB disallowed for encryption; 112-bit strength disallowed after 2030 (128-bit minimum).',
      rules: [
        { algorithms: ['ECB'], timeline: [{ status: 'disallowed', source: 'sp800-131a-r3-ipd §3', verified: false }] },
        {
          algorithms: ['3DES', 'SHA-224', 'SHA-2', 'SHA-3', ...QUANTUM_VULNERABLE], strength: { min: 112, max: 127 }, timeline: [
            ok('sp800-131a-r3-ipd §1'),
            { status: 'deprecated', from: '2026-01-01', source: 'sp800-131a-r3-ipd §1', verified: false },
            { status: 'disallowed', from: '2031-01-01', source: 'sp800-131a-r3-ipd §1 (128-bit minimum after 2030)' },
          ],
        },
      ],
    },
  },
  successors: {
    '3DES': { algorithm: 'AES', parameter: 256 },
    '2TDEA': { algorithm: 'AES', parameter: 256 },
    DES: { algorithm: 'AES', parameter: 256 },
    RC4: { algorithm: 'AES', parameter: 256 },
    RC2: { algorithm: 'AES', parameter: 256 },
    Blowfish: { algorithm: 'AES', parameter: 256 },
    MD5: { algorithm: 'SHA-256' },
    MD4: { algorithm: 'SHA-256' },
    'SHA-1': { algorithm: 'SHA-256' },
    TLS: { algorithm: 'TLS', parameter: '1.2' },
    SSL: { algorithm: 'TLS', parameter: '1.2' },
    ECB: { algorithm: 'GCM' },
    RSA: { algorithm: 'RSA', parameter: 3072 },
    DH: { algorithm: 'DH', parameter: 3072 },
    ECDSA: { algorithm: 'ECDSA', parameter: 'P-256' },
    ECDH: { algorithm: 'ECDH', parameter: 'P-256' },
    ECC: { algorithm: 'ECC', parameter: 'P-256' },
    DSA: { algorithm: 'ECDSA', parameter: 'P-256' },
  },
};

const CNSA_SOURCES: Record<string, ProfileSource> = {
  'cnsa2-advisory': { title: 'NSA Cybersecurity Advisory, Announcing the Commercial National Security Algorithm Suite 2.0', date: '2022-09-07', url: 'https://media.defense.gov/2022/Sep/07/2003071834/-1/-1/0/CSA_CNSA_2.0_ALGORITHMS_.PDF' },
  'cnsa2-faq': { title: 'NSA, The Commercial National Security Algorithm Suite 2.0 and Quantum Computing FAQ, v2.1', date: '2024-12' },
  'cnssp15': { title: 'CNSSP 15, Use of Public Standards for Secure Information Sharing', date: '2016-10' },
  fips203: NIST_SOURCES.fips203,
  fips204: NIST_SOURCES.fips204,
  'sp800-208': NIST_SOURCES['sp800-208'],
};

export const CNSA_PROFILE: CryptoProfile = {
  id: 'cnsa-2.0',
  title: 'NSA CNSA 2.0 (national security systems)',
  description: 'AES-256, SHA-384/512, ML-KEM-1024, ML-DSA-87, LMS/XMSS for firmware and software signing; CNSA 1.0 public-key algorithms phased out by 2030–2033 by system type.',
  sources: CNSA_SOURCES,
  rules: [
    { algorithms: ['AES'], parameters: [256], timeline: [ok('cnsa2-advisory, algorithm table')] },
    { algorithms: ['AES'], timeline: [{ status: 'not-approved', source: 'cnsa2-advisory, algorithm table (AES-256 only)' }] },
    { algorithms: ['SHA-384', 'SHA-512'], timeline: [ok('cnsa2-advisory, algorithm table')] },
    { algorithms: ['ML-KEM'], parameters: [1024], timeline: [ok('cnsa2-faq; fips203')] },
    { algorithms: ['ML-DSA'], parameters: [87], timeline: [ok('cnsa2-faq; fips204')] },
    { algorithms: ['ML-KEM', 'ML-DSA'], timeline: [{ status: 'not-approved', source: 'cnsa2-faq (highest parameter set only)' }] },
    { algorithms: ['LMS', 'XMSS'], uses: ['signature', 'unspecified'], timeline: [ok('cnsa2-advisory (software and firmware signing, SP 800-208)')] },
    { algorithms: ['GCM', 'CTR', 'KW', 'CBC', 'HMAC', 'HKDF', 'DRBG'], timeline: [ok('cnssp15; cnsa2-faq', { verified: false, note: 'modes and constructions over approved primitives' })] },
    { algorithms: ['TLS'], versions: ['1.3'], timeline: [ok('cnsa2-faq', { verified: false })] },
    { algorithms: ['TLS'], versions: ['1.2'], timeline: [{ status: 'deprecated', source: 'cnsa2-faq', verified: false }, { status: 'disallowed', from: '2034-01-01', source: 'cnsa2-advisory (exclusive use by 2033)', verified: false }] },
    // CNSA 1.0 public key during the transition.
    {
      algorithms: ['RSA', 'DH'], strength: { min: 128 }, timeline: [
        { status: 'deprecated', source: 'cnsa2-advisory, transition timeline', verified: false, note: 'CNSA 1.0; traditional networking and signing must move first (2030), everything else by 2033' },
        { status: 'disallowed', from: '2034-01-01', source: 'cnsa2-advisory (exclusively CNSA 2.0 by 2033)', verified: false },
      ],
    },
    {
      algorithms: ['ECDH', 'ECDSA', 'ECC'], parameters: ['P-384'], timeline: [
        { status: 'deprecated', source: 'cnsa2-advisory, transition timeline', verified: false },
        { status: 'disallowed', from: '2034-01-01', source: 'cnsa2-advisory (exclusively CNSA 2.0 by 2033)', verified: false },
      ],
    },
    { algorithms: ['ECDH', 'ECDSA', 'ECC'], strength: { min: 192 }, timeline: [{ status: 'deprecated', source: 'cnsa2-advisory', verified: false }, { status: 'disallowed', from: '2034-01-01', source: 'cnsa2-advisory', verified: false }] },
    { algorithms: QUANTUM_VULNERABLE, unknownParameter: true, timeline: [{ status: 'unknown', source: 'cnsa2-advisory' }, { status: 'disallowed', from: '2034-01-01', source: 'cnsa2-advisory', verified: false }] },
    { algorithms: ['DES', '3DES', '2TDEA', 'RC4', 'RC2', 'MD4', 'MD5', 'SHA-1', 'SSL'], timeline: [{ status: 'disallowed', source: 'cnssp15 (not a CNSA algorithm)' }] },
    { algorithms: ['TLS'], versions: ['1.0', '1.1'], timeline: [{ status: 'disallowed', source: 'cnssp15', verified: false }] },
  ],
  successors: { AES: { algorithm: 'AES', parameter: 256 }, 'SHA-256': { algorithm: 'SHA-384' }, 'SHA-1': { algorithm: 'SHA-384' }, MD5: { algorithm: 'SHA-384' }, '3DES': { algorithm: 'AES', parameter: 256 }, TLS: { algorithm: 'TLS', parameter: '1.3' }, SSL: { algorithm: 'TLS', parameter: '1.3' }, RSA: { algorithm: 'ML-KEM', parameter: 1024 }, ECDH: { algorithm: 'ML-KEM', parameter: 1024 }, ECDSA: { algorithm: 'ML-DSA', parameter: 87 } },
};
// Anything CNSA 2.0 does not list is not approved for national security systems.
CNSA_PROFILE.rules.push({ algorithms: ['*'], timeline: [{ status: 'not-approved', source: 'cnsa2-advisory (not in the suite)' }] });

const BSI_SOURCES: Record<string, ProfileSource> = {
  'tr-02102-1': { title: 'BSI TR-02102-1, Cryptographic Mechanisms: Recommendations and Key Lengths (version 2024-01)', date: '2024-02', url: 'https://www.bsi.bund.de/EN/Themen/Unternehmen-und-Organisationen/Standards-und-Zertifizierung/Technische-Richtlinien/TR-nach-Thema-sortiert/tr02102/tr02102_node.html' },
  'tr-02102-2': { title: 'BSI TR-02102-2, Use of Transport Layer Security (TLS)', date: '2024-02' },
  'tr-02102-4': { title: 'BSI TR-02102-4, Use of Secure Shell (SSH)', date: '2024-02' },
};

export const BSI_PROFILE: CryptoProfile = {
  id: 'bsi-tr-02102-1',
  title: 'BSI TR-02102-1 (120-bit security level)',
  description: 'RSA and finite-field DH of at least 3000 bits from 2024 (2000 bits until the end of 2023), ECC of at least 250 bits, AES-128 and up, SHA-256 and up.',
  sources: BSI_SOURCES,
  rules: [
    {
      algorithms: ['RSA', 'DH', 'DSA'], strength: { min: 112, max: 127 }, timeline: [
        ok('tr-02102-1 §3.6 Table 3.5 (transitional: 2000 bits until end of 2023)'),
        { status: 'disallowed', from: '2024-01-01', source: 'tr-02102-1 §3.6 Table 3.5 (at least 3000 bits from 2024)' },
      ],
    },
    { algorithms: ['RSA', 'DH', 'DSA'], strength: { min: 128 }, timeline: [ok('tr-02102-1 §3.6, §3.5 Table 3.4')] },
    { algorithms: ['ECDH', 'ECDSA', 'ECC', 'EdDSA', 'Ed25519', 'Ed448'], strength: { min: 125 }, timeline: [ok('tr-02102-1 §3.4 (order of at least 250 bits)')] },
    { algorithms: ['RSA', 'DH', 'DSA', 'ECDH', 'ECDSA', 'ECC'], strength: { max: 124 }, timeline: [{ status: 'disallowed', source: 'tr-02102-1 §3.4, §3.6 (below the 120-bit level)' }] },
    { algorithms: ['RSA', 'DH', 'DSA', 'ECDH', 'ECDSA', 'ECC', 'EdDSA'], unknownParameter: true, timeline: [{ status: 'unknown', source: 'tr-02102-1 §3' }] },
    { algorithms: ['AES'], timeline: [ok('tr-02102-1 §2.1')] },
    { algorithms: ['GCM', 'CCM', 'CTR', 'CBC'], timeline: [ok('tr-02102-1 §2.1.1 Table 2.2')] },
    { algorithms: ['SHA-256', 'SHA-384', 'SHA-512', 'SHA-3', 'SHA-2'], timeline: [ok('tr-02102-1 §4 Table 4.1')] },
    { algorithms: ['SHA-224'], timeline: [{ status: 'disallowed', source: 'tr-02102-1 §4 (112-bit hashes withdrawn in version 2016-01)' }] },
    { algorithms: ['HMAC', 'CMAC', 'GMAC', 'HKDF', 'KMAC', 'DRBG'], timeline: [ok('tr-02102-1 §5.3, §8', { verified: false })] },
    { algorithms: ['Argon2'], timeline: [ok('tr-02102-1 §B.1.3 (Argon2id for password hashing, since version 2020-01)')] },
    { algorithms: ['PBKDF2', 'bcrypt', 'scrypt'], timeline: [{ status: 'not-approved', source: 'tr-02102-1 §B.1.3 (recommends Argon2id)', verified: false }] },
    { algorithms: ['ML-KEM', 'ML-DSA', 'SLH-DSA', 'LMS', 'XMSS'], timeline: [ok('tr-02102-1 §3.7, §5.2 (post-quantum, in hybrid use for key establishment)', { verified: false })] },
    { algorithms: ['TLS'], versions: ['1.2', '1.3'], timeline: [ok('tr-02102-2 §3.2')] },
    { algorithms: ['TLS'], versions: ['1.0', '1.1'], timeline: [{ status: 'disallowed', source: 'tr-02102-2 §3.2' }] },
    { algorithms: ['SSH'], versions: ['2'], timeline: [ok('tr-02102-4 §3')] },
    { algorithms: ['DES', '3DES', '2TDEA', 'RC4', 'RC2', 'MD4', 'MD5', 'SSL', 'ECB'], timeline: [{ status: 'disallowed', source: 'tr-02102-1 §2, §4 (not recommended)' }] },
    { algorithms: ['SHA-1'], uses: ['mac', 'kdf'], timeline: [{ status: 'legacy-use', source: 'tr-02102-1 §4', verified: false }] },
    { algorithms: ['SHA-1'], timeline: [{ status: 'disallowed', source: 'tr-02102-1 §4 (SHA-1 not suitable since version 2018-01)' }] },
    { algorithms: ['ChaCha20', 'ChaCha20-Poly1305', 'Blowfish', 'Twofish', 'Camellia', 'X25519'], timeline: [{ status: 'not-approved', source: 'tr-02102-1 §2 (not listed)', verified: false }] },
  ],
  successors: { RSA: { algorithm: 'RSA', parameter: 3072 }, DH: { algorithm: 'DH', parameter: 3072 }, '3DES': { algorithm: 'AES', parameter: 256 }, 'SHA-1': { algorithm: 'SHA-256' }, MD5: { algorithm: 'SHA-256' }, 'SHA-224': { algorithm: 'SHA-256' }, TLS: { algorithm: 'TLS', parameter: '1.2' }, SSL: { algorithm: 'TLS', parameter: '1.2' } },
};

export const BUILTIN_PROFILES: CryptoProfile[] = [NIST_PROFILE, CNSA_PROFILE, BSI_PROFILE];

export function builtinProfile(id: string): CryptoProfile | undefined {
  return BUILTIN_PROFILES.find((profile) => profile.id === id.trim().toLowerCase());
}
