/**
 * The algorithm registry, as data: canonical ids, the names people write for them, what they are used for and how
 * strong they are. Strengths follow SP 800-57 Part 1 Rev. 5, section 5.6.1.1, Table 2 (comparable strengths) and
 * Table 3 (hash functions); the names are the ones seen in real policies, configuration and cipher-suite strings.
 */

export type CryptoUse =
  | 'encryption' | 'key-establishment' | 'signature' | 'hash' | 'mac' | 'kdf' | 'password-hashing' | 'rng' | 'protocol' | 'mode'
  | 'unspecified';

export const CRYPTO_USES: readonly CryptoUse[] = ['encryption', 'key-establishment', 'signature', 'hash', 'mac', 'kdf', 'password-hashing', 'rng', 'protocol', 'mode', 'unspecified'];

/** How an algorithm's parameter is written: a key size in bits, a curve, a protocol version, or none. */
export type ParameterKind = 'bits' | 'curve' | 'version' | 'none';

export interface AlgorithmInfo {
  id: string;
  /** What it is, in a few words (hover). */
  name: string;
  /** The use a mention has when the text states none. */
  defaultUse: CryptoUse;
  parameter: ParameterKind;
  /** Names as written; matched word by word, case-insensitively unless listed in `exactCase`. */
  aliases: string[];
  /** Aliases that are common words in another case ("des" is a German article): matched only as written here. */
  exactCase?: string[];
  /** Broken by a large quantum computer (Shor): the NIST IR 8547 transition applies. */
  quantumVulnerable?: boolean;
  /** Key sizes a number after the name may give (anything else is not read as its size). */
  sizes?: { min: number; max: number };
  /** Security strength in bits when it does not depend on a parameter (SP 800-57 Pt 1 Rev. 5 Tables 2 and 3). */
  strength?: number;
  /** The profile-independent successor a fix offers (3DES -> AES-256). */
  successor?: { algorithm: string; parameter?: number | string };
}

const A = (info: AlgorithmInfo): AlgorithmInfo => info;

export const ALGORITHMS: AlgorithmInfo[] = [
  // Block and stream ciphers
  A({ id: 'AES', name: 'AES block cipher (FIPS 197)', defaultUse: 'encryption', parameter: 'bits', aliases: ['AES', 'Rijndael', 'Advanced Encryption Standard'], sizes: { min: 128, max: 256 } }),
  A({ id: '3DES', name: 'Triple DES, three-key TDEA (SP 800-67)', defaultUse: 'encryption', parameter: 'none', aliases: ['3DES', 'Triple DES', 'TripleDES', 'TDEA', 'TDES', '3-key TDEA', 'three-key TDEA', 'DES-EDE3', 'DES-EDE', 'DESede', 'DES3', '3TDEA'], strength: 112, successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: '2TDEA', name: 'Two-key Triple DES', defaultUse: 'encryption', parameter: 'none', aliases: ['2TDEA', '2-key TDEA', 'two-key TDEA', 'two-key Triple DES', '2-key 3DES', 'DES-EDE2'], strength: 80, successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'DES', name: 'DES block cipher (withdrawn FIPS 46-3)', defaultUse: 'encryption', parameter: 'none', aliases: ['DES', 'Data Encryption Standard', 'single DES'], exactCase: ['DES'], strength: 56, successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'RC4', name: 'RC4 stream cipher', defaultUse: 'encryption', parameter: 'none', aliases: ['RC4', 'ARC4', 'ARCFOUR'], successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'RC2', name: 'RC2 block cipher', defaultUse: 'encryption', parameter: 'none', aliases: ['RC2'], successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'Blowfish', name: 'Blowfish block cipher (not a NIST algorithm)', defaultUse: 'encryption', parameter: 'none', aliases: ['Blowfish'], successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'Twofish', name: 'Twofish block cipher (not a NIST algorithm)', defaultUse: 'encryption', parameter: 'bits', aliases: ['Twofish'], sizes: { min: 128, max: 256 }, successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'Camellia', name: 'Camellia block cipher (ISO/IEC 18033-3, not a NIST algorithm)', defaultUse: 'encryption', parameter: 'bits', aliases: ['Camellia'], sizes: { min: 128, max: 256 }, successor: { algorithm: 'AES', parameter: 256 } }),
  A({ id: 'ChaCha20-Poly1305', name: 'ChaCha20-Poly1305 AEAD (RFC 8439, not in a FIPS or SP)', defaultUse: 'encryption', parameter: 'none', aliases: ['ChaCha20-Poly1305', 'ChaCha20Poly1305', 'ChaCha20 Poly1305', 'XChaCha20-Poly1305', 'CHACHA20_POLY1305'], strength: 256 }),
  A({ id: 'ChaCha20', name: 'ChaCha20 stream cipher (RFC 8439, not in a FIPS or SP)', defaultUse: 'encryption', parameter: 'none', aliases: ['ChaCha20', 'ChaCha', 'XChaCha20'], strength: 256 }),
  // Modes of operation
  A({ id: 'GCM', name: 'Galois/Counter Mode (SP 800-38D)', defaultUse: 'mode', parameter: 'none', aliases: ['GCM', 'Galois/Counter Mode', 'Galois Counter Mode'] }),
  A({ id: 'CCM', name: 'Counter with CBC-MAC (SP 800-38C)', defaultUse: 'mode', parameter: 'none', aliases: ['CCM'], exactCase: ['CCM'] }),
  A({ id: 'CTR', name: 'Counter mode (SP 800-38A)', defaultUse: 'mode', parameter: 'none', aliases: ['CTR', 'Counter mode'], exactCase: ['CTR'] }),
  A({ id: 'CBC', name: 'Cipher Block Chaining mode (SP 800-38A)', defaultUse: 'mode', parameter: 'none', aliases: ['CBC', 'Cipher Block Chaining'] }),
  A({ id: 'XTS', name: 'XTS-AES mode for storage (SP 800-38E)', defaultUse: 'mode', parameter: 'none', aliases: ['XTS'], exactCase: ['XTS'] }),
  A({ id: 'CFB', name: 'Cipher Feedback mode (SP 800-38A)', defaultUse: 'mode', parameter: 'none', aliases: ['CFB'], exactCase: ['CFB'] }),
  A({ id: 'OFB', name: 'Output Feedback mode (SP 800-38A)', defaultUse: 'mode', parameter: 'none', aliases: ['OFB'], exactCase: ['OFB'] }),
  A({ id: 'ECB', name: 'Electronic Codebook mode (SP 800-38A)', defaultUse: 'mode', parameter: 'none', aliases: ['ECB', 'Electronic Codebook'], successor: { algorithm: 'GCM' } }),
  A({ id: 'KW', name: 'AES Key Wrap (SP 800-38F)', defaultUse: 'mode', parameter: 'none', aliases: ['KW', 'KWP', 'Key Wrap'], exactCase: ['KW', 'KWP'] }),
  // Hash functions
  A({ id: 'MD4', name: 'MD4 hash (broken)', defaultUse: 'hash', parameter: 'none', aliases: ['MD4'], strength: 0, successor: { algorithm: 'SHA-256' } }),
  A({ id: 'MD5', name: 'MD5 hash (broken)', defaultUse: 'hash', parameter: 'none', aliases: ['MD5', 'MD-5'], strength: 18, successor: { algorithm: 'SHA-256' } }),
  A({ id: 'SHA-1', name: 'SHA-1 hash (FIPS 180-4; collisions found)', defaultUse: 'hash', parameter: 'none', aliases: ['SHA-1', 'SHA1', 'SHA 1', 'SHA-160'], strength: 63, successor: { algorithm: 'SHA-256' } }),
  A({ id: 'SHA-224', name: 'SHA-224 hash (FIPS 180-4)', defaultUse: 'hash', parameter: 'none', aliases: ['SHA-224', 'SHA224', 'SHA2-224', 'SHA-2-224'], strength: 112 }),
  A({ id: 'SHA-256', name: 'SHA-256 hash (FIPS 180-4)', defaultUse: 'hash', parameter: 'none', aliases: ['SHA-256', 'SHA256', 'SHA2-256', 'SHA-2-256', 'SHA-512/256'], strength: 128 }),
  A({ id: 'SHA-384', name: 'SHA-384 hash (FIPS 180-4)', defaultUse: 'hash', parameter: 'none', aliases: ['SHA-384', 'SHA384', 'SHA2-384', 'SHA-2-384'], strength: 192 }),
  A({ id: 'SHA-512', name: 'SHA-512 hash (FIPS 180-4)', defaultUse: 'hash', parameter: 'none', aliases: ['SHA-512', 'SHA512', 'SHA2-512', 'SHA-2-512'], strength: 256 }),
  A({ id: 'SHA-2', name: 'SHA-2 family hash (FIPS 180-4), member not named', defaultUse: 'hash', parameter: 'bits', aliases: ['SHA-2', 'SHA2', 'SHA 2'], sizes: { min: 224, max: 512 }, strength: 112 }),
  A({ id: 'SHA-3', name: 'SHA-3 family hash (FIPS 202)', defaultUse: 'hash', parameter: 'bits', aliases: ['SHA-3', 'SHA3', 'SHA 3', 'SHAKE128', 'SHAKE256', 'Keccak'], sizes: { min: 224, max: 512 }, strength: 112 }),
  // MACs and key derivation
  A({ id: 'HMAC', name: 'Keyed-hash MAC (FIPS 198-1)', defaultUse: 'mac', parameter: 'none', aliases: ['HMAC'] }),
  A({ id: 'CMAC', name: 'Block-cipher MAC (SP 800-38B)', defaultUse: 'mac', parameter: 'none', aliases: ['CMAC'] }),
  A({ id: 'GMAC', name: 'Galois MAC (SP 800-38D)', defaultUse: 'mac', parameter: 'none', aliases: ['GMAC'] }),
  A({ id: 'KMAC', name: 'KECCAK MAC (SP 800-185)', defaultUse: 'mac', parameter: 'none', aliases: ['KMAC', 'KMAC128', 'KMAC256'] }),
  A({ id: 'HKDF', name: 'HMAC-based key derivation (SP 800-56C Rev. 2, RFC 5869)', defaultUse: 'kdf', parameter: 'none', aliases: ['HKDF'] }),
  A({ id: 'PBKDF2', name: 'Password-based key derivation (SP 800-132)', defaultUse: 'kdf', parameter: 'none', aliases: ['PBKDF2', 'PBKDF-2', 'PBKDF'] }),
  A({ id: 'bcrypt', name: 'bcrypt password hash (not a NIST algorithm)', defaultUse: 'password-hashing', parameter: 'none', aliases: ['bcrypt', 'bcryptjs'] }),
  A({ id: 'scrypt', name: 'scrypt password hash (RFC 7914, not a NIST algorithm)', defaultUse: 'password-hashing', parameter: 'none', aliases: ['scrypt'] }),
  A({ id: 'Argon2', name: 'Argon2 password hash (RFC 9106, not a NIST algorithm)', defaultUse: 'password-hashing', parameter: 'none', aliases: ['Argon2', 'Argon2id', 'Argon2i', 'Argon2d'] }),
  A({ id: 'DRBG', name: 'Deterministic random bit generator (SP 800-90A) or another cryptographically secure RNG', defaultUse: 'rng', parameter: 'none', aliases: ['DRBG', 'CTR_DRBG', 'Hash_DRBG', 'HMAC_DRBG', 'CSPRNG', 'CSRNG', 'CRNG', 'CSPRNGs', 'CSRNGs', 'Cryptographically Secure Pseudo-Random Number Generator', 'Cryptographically Secure Pseudo Random Number Generator', 'Cryptographically Secure Random Number Generator', 'cryptographically secure random number generators', 'cryptographically secure pseudo-random number generators', 'secure random number generator', 'hardware random number generator', 'hardware random number generators', 'approved random bit generator', 'random bit generator'] }),
  // Public-key algorithms
  A({ id: 'RSA', name: 'RSA (FIPS 186-5 signatures, SP 800-56B key transport)', defaultUse: 'unspecified', parameter: 'bits', aliases: ['RSA', 'RSA-PSS', 'RSASSA-PSS', 'RSA-OAEP', 'RSAES-OAEP', 'RSASSA-PKCS1-v1_5'], exactCase: ['RSA'], quantumVulnerable: true, sizes: { min: 512, max: 16384 }, successor: { algorithm: 'RSA', parameter: 3072 } }),
  A({ id: 'DSA', name: 'DSA signatures (FIPS 186-5: verification only)', defaultUse: 'signature', parameter: 'bits', aliases: ['DSA', 'Digital Signature Algorithm'], exactCase: ['DSA'], quantumVulnerable: true, sizes: { min: 512, max: 15360 }, successor: { algorithm: 'ECDSA', parameter: 'P-256' } }),
  A({ id: 'DH', name: 'Finite-field Diffie-Hellman (SP 800-56A Rev. 3)', defaultUse: 'key-establishment', parameter: 'bits', aliases: ['DH', 'DHE', 'Diffie-Hellman', 'Diffie Hellman', 'FFDH', 'FFDHE', 'EDH'], exactCase: ['DH', 'DHE', 'EDH'], quantumVulnerable: true, sizes: { min: 512, max: 16384 }, successor: { algorithm: 'DH', parameter: 3072 } }),
  A({ id: 'ECDH', name: 'Elliptic-curve Diffie-Hellman (SP 800-56A Rev. 3)', defaultUse: 'key-establishment', parameter: 'curve', aliases: ['ECDH', 'ECDHE', 'ECDH-ES', 'Elliptic Curve Diffie-Hellman', 'Elliptic-Curve Diffie-Hellman', 'ECMQV'], quantumVulnerable: true, sizes: { min: 160, max: 571 } }),
  A({ id: 'ECDSA', name: 'Elliptic-curve DSA (FIPS 186-5)', defaultUse: 'signature', parameter: 'curve', aliases: ['ECDSA', 'Elliptic Curve Digital Signature Algorithm'], quantumVulnerable: true, sizes: { min: 160, max: 571 } }),
  A({ id: 'ECC', name: 'Elliptic-curve cryptography (no scheme named)', defaultUse: 'unspecified', parameter: 'curve', aliases: ['ECC', 'Elliptic Curve Cryptography', 'Elliptic-Curve Cryptography', 'Elliptic Curve'], exactCase: ['ECC'], quantumVulnerable: true, sizes: { min: 160, max: 571 } }),
  A({ id: 'EdDSA', name: 'Edwards-curve DSA (FIPS 186-5)', defaultUse: 'signature', parameter: 'curve', aliases: ['EdDSA'], quantumVulnerable: true, strength: 128 }),
  A({ id: 'Ed25519', name: 'EdDSA on edwards25519 (FIPS 186-5)', defaultUse: 'signature', parameter: 'none', aliases: ['Ed25519'], quantumVulnerable: true, strength: 128 }),
  A({ id: 'Ed448', name: 'EdDSA on edwards448 (FIPS 186-5)', defaultUse: 'signature', parameter: 'none', aliases: ['Ed448'], quantumVulnerable: true, strength: 224 }),
  A({ id: 'X25519', name: 'Diffie-Hellman on Curve25519 (RFC 7748; not in SP 800-56A)', defaultUse: 'key-establishment', parameter: 'none', aliases: ['X25519', 'Curve25519', 'X448'], quantumVulnerable: true, strength: 128 }),
  A({ id: 'ML-KEM', name: 'Module-lattice KEM (FIPS 203), post-quantum', defaultUse: 'key-establishment', parameter: 'bits', aliases: ['ML-KEM', 'MLKEM', 'Kyber', 'CRYSTALS-Kyber'], sizes: { min: 512, max: 1024 } }),
  A({ id: 'ML-DSA', name: 'Module-lattice DSA (FIPS 204), post-quantum', defaultUse: 'signature', parameter: 'bits', aliases: ['ML-DSA', 'MLDSA', 'Dilithium', 'CRYSTALS-Dilithium'], sizes: { min: 44, max: 87 } }),
  A({ id: 'SLH-DSA', name: 'Stateless hash-based DSA (FIPS 205), post-quantum', defaultUse: 'signature', parameter: 'none', aliases: ['SLH-DSA', 'SPHINCS+', 'SPHINCS'] }),
  A({ id: 'LMS', name: 'Leighton-Micali stateful hash-based signatures (SP 800-208)', defaultUse: 'signature', parameter: 'none', aliases: ['LMS', 'HSS', 'LDWM', 'HSS/LMS'], exactCase: ['LMS', 'HSS'] }),
  A({ id: 'XMSS', name: 'XMSS stateful hash-based signatures (SP 800-208)', defaultUse: 'signature', parameter: 'none', aliases: ['XMSS', 'XMSSMT'] }),
  // Protocols
  A({ id: 'TLS', name: 'Transport Layer Security (SP 800-52 Rev. 2)', defaultUse: 'protocol', parameter: 'version', aliases: ['TLS', 'TLSv', 'Transport Layer Security', 'mTLS'], successor: { algorithm: 'TLS', parameter: '1.2' } }),
  A({ id: 'SSL', name: 'Secure Sockets Layer (all versions prohibited by RFC 6176 and RFC 7568)', defaultUse: 'protocol', parameter: 'version', aliases: ['SSL', 'SSLv', 'Secure Sockets Layer'], successor: { algorithm: 'TLS', parameter: '1.2' } }),
  A({ id: 'SSH', name: 'Secure Shell', defaultUse: 'protocol', parameter: 'version', aliases: ['SSH', 'SSHv', 'Secure Shell'], exactCase: ['SSH', 'SSHv'] }),
  A({ id: 'IPsec', name: 'IPsec (SP 800-77 Rev. 1)', defaultUse: 'protocol', parameter: 'version', aliases: ['IPsec', 'IPSec', 'IKEv2', 'IKE'], exactCase: ['IKE'] }),
];

export const ALGORITHM_BY_ID = new Map(ALGORITHMS.map((info) => [info.id, info]));

export function algorithmInfo(id: string): AlgorithmInfo | undefined {
  return ALGORITHM_BY_ID.get(id);
}

/** Named curves and their field sizes in bits (SP 800-186; SEC 2 and RFC 4492 names for the same curves). */
export interface CurveInfo {
  id: string;
  bits: number;
  aliases: string[];
}

export const CURVES: CurveInfo[] = [
  { id: 'P-192', bits: 192, aliases: ['P-192', 'P192', 'secp192r1', 'prime192v1', 'NIST P-192'] },
  { id: 'P-224', bits: 224, aliases: ['P-224', 'P224', 'secp224r1'] },
  { id: 'P-256', bits: 256, aliases: ['P-256', 'P256', 'secp256r1', 'prime256v1'] },
  { id: 'P-384', bits: 384, aliases: ['P-384', 'P384', 'secp384r1'] },
  { id: 'P-521', bits: 521, aliases: ['P-521', 'P521', 'secp521r1'] },
  { id: 'secp256k1', bits: 256, aliases: ['secp256k1'] },
  { id: 'brainpoolP256r1', bits: 256, aliases: ['brainpoolP256r1'] },
  { id: 'brainpoolP384r1', bits: 384, aliases: ['brainpoolP384r1'] },
  { id: 'brainpoolP512r1', bits: 512, aliases: ['brainpoolP512r1'] },
];

export const CURVE_BY_ID = new Map(CURVES.map((curve) => [curve.id, curve]));

/** Security strength of a finite-field or integer-factorisation key of `bits` (SP 800-57 Pt 1 Rev. 5 Table 2). */
export function ifcStrength(bits: number): number {
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return Math.floor(bits / 16);
}

/** Security strength of an elliptic-curve key of `bits` (half the order size; Table 2's f column). */
export function eccStrength(bits: number): number {
  if (bits >= 512) return 256;
  if (bits >= 384) return 192;
  if (bits >= 256) return 128;
  if (bits >= 224) return 112;
  if (bits >= 160) return 80;
  return Math.floor(bits / 2);
}

/** A mention's parameter: bits, a curve id, a version, or an upper bound the text prohibits ("<2048"). */
export type Parameter = number | string | null;

/** The security strength of an algorithm with a parameter, or undefined when the text does not give enough. */
export function strengthOf(algorithm: string, parameter: Parameter): number | undefined {
  const info = ALGORITHM_BY_ID.get(algorithm);
  if (!info) return undefined;
  if (typeof parameter === 'string' && parameter.startsWith('<')) return undefined;
  switch (algorithm) {
    case 'AES':
    case 'Twofish':
    case 'Camellia':
      return typeof parameter === 'number' ? parameter : undefined;
    case 'RSA':
    case 'DH':
    case 'DSA':
      return typeof parameter === 'number' ? ifcStrength(parameter) : undefined;
    case 'ECDH':
    case 'ECDSA':
    case 'ECC':
    case 'EdDSA': {
      if (typeof parameter === 'number') return eccStrength(parameter);
      if (typeof parameter === 'string') {
        const curve = CURVE_BY_ID.get(parameter);
        if (curve) return eccStrength(curve.bits);
      }
      return info.strength;
    }
    case 'SHA-2':
    case 'SHA-3':
      return typeof parameter === 'number' ? parameter / 2 : info.strength;
    case 'ML-KEM':
      return parameter === 512 ? 128 : parameter === 768 ? 192 : parameter === 1024 ? 256 : undefined;
    case 'ML-DSA':
      return parameter === 44 ? 128 : parameter === 65 ? 192 : parameter === 87 ? 256 : undefined;
    default:
      return info.strength;
  }
}
