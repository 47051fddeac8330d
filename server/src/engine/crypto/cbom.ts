import Ajv, { type ValidateFunction } from 'ajv';
import { mentionLabel, type CryptoAssessment } from './assess';
import { describeSource } from './describe';
import { judge, type Judgement, type ProfileChoice } from './judge';
import type { CryptoUse, Parameter } from './registry';
import { parametersIn, scanText } from './scanner';

/**
 * Policy against practice: the cryptographic assets of a CycloneDX 1.6 BOM (components of type
 * `cryptographic-asset`), validated against the CycloneDX 1.6 JSON schema shipped in @cyclonedx/cyclonedx-library
 * (bundled, so validation needs no network and no file of the package at run time), compared with what the policies
 * approve and what their profile allows.
 */

export interface CbomAsset {
  /** The component's name as written, and its bom-ref. */
  name: string;
  ref?: string;
  algorithm: string;
  parameter: Parameter;
  use: CryptoUse;
  /** Index of the component in `components` (its JSON pointer is /components/N). */
  index: number;
}

export interface CbomReading {
  assets: CbomAsset[];
  errors: string[];
  /** Names of cryptographic assets no algorithm could be read from. */
  unread: string[];
}

let validateBom: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validateBom) {
    // Formats (iri-reference, idn-email ...) are not checked: shapes, types and enums are.
    // Loaded on first use: the CLI bundle carries the schema, but only `check --cbom` parses it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const bomSchema = require('../../../../vendor/cyclonedx/bom-1.6.schema.json') as object;
    const spdxSchema = require('../../../../vendor/cyclonedx/spdx.schema.json') as object;
    const jsfSchema = require('../../../../vendor/cyclonedx/jsf-0.82.schema.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    // The BOM schema refers to its parts by the package's file names.
    ajv.addSchema({ ...spdxSchema, $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
    ajv.addSchema({ ...jsfSchema, $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json' });
    validateBom = ajv.compile(bomSchema);
  }
  return validateBom;
}

const FUNCTION_USE: Record<string, CryptoUse> = {
  encrypt: 'encryption', decrypt: 'encryption', sign: 'signature', verify: 'signature', digest: 'hash', tag: 'mac',
  keyderive: 'kdf', encapsulate: 'key-establishment', decapsulate: 'key-establishment', keygen: 'unspecified', wrap: 'encryption', unwrap: 'encryption',
};
const PRIMITIVE_USE: Record<string, CryptoUse> = {
  ae: 'encryption', 'block-cipher': 'encryption', 'stream-cipher': 'encryption', pke: 'encryption', hash: 'hash', mac: 'mac', signature: 'signature',
  kem: 'key-establishment', 'key-agree': 'key-establishment', kdf: 'kdf', drbg: 'rng', xof: 'hash',
};

interface Component {
  type?: string;
  name?: string;
  'bom-ref'?: string;
  cryptoProperties?: {
    assetType?: string;
    algorithmProperties?: { primitive?: string; parameterSetIdentifier?: string; curve?: string; mode?: string; cryptoFunctions?: string[] };
    protocolProperties?: { type?: string; version?: string; cipherSuites?: { name?: string }[] };
  };
  components?: Component[];
}

/** Reads and validates a BOM; never throws. */
export function readCbom(fileName: string, text: string): CbomReading {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { assets: [], errors: [`${fileName}: not valid JSON (only the JSON form of CycloneDX is read)`], unread: [] };
  }
  const bom = data as { bomFormat?: string; specVersion?: string; components?: Component[] };
  if (bom?.bomFormat !== 'CycloneDX') return { assets: [], errors: [`${fileName}: not a CycloneDX BOM (bomFormat is not "CycloneDX")`], unread: [] };
  if (bom.specVersion !== '1.6') return { assets: [], errors: [`${fileName}: CycloneDX ${String(bom.specVersion)}; cryptographic assets are read from CycloneDX 1.6`], unread: [] };
  const validate = validator();
  if (!validate(data)) {
    return { assets: [], errors: (validate.errors ?? []).slice(0, 5).map((error) => `${fileName}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`), unread: [] };
  }
  const assets: CbomAsset[] = [];
  const unread: string[] = [];
  const stack: Component[] = [...(bom.components ?? [])];
  (bom.components ?? []).forEach((component, index) => readComponent(component, index, assets, unread));
  // Nested components (an asset inside a library) count too.
  for (const component of stack) for (const child of component.components ?? []) readComponent(child, -1, assets, unread);
  return { assets, errors: [], unread };
}

function readComponent(component: Component, index: number, assets: CbomAsset[], unread: string[]): void {
  if (component.type !== 'cryptographic-asset') return;
  const name = component.name ?? '';
  const properties = component.cryptoProperties;
  const before = assets.length;
  const ref = component['bom-ref'];
  if (properties?.assetType === 'protocol' && properties.protocolProperties) {
    const protocol = properties.protocolProperties;
    const id = protocol.type?.toLowerCase() === 'tls' ? 'TLS' : protocol.type?.toLowerCase() === 'ssh' ? 'SSH' : protocol.type?.toLowerCase() === 'ipsec' ? 'IPsec' : undefined;
    if (id) {
      const version = protocol.version ? parametersIn(protocol.version, id)[0]?.value ?? null : null;
      assets.push({ name, ...(ref ? { ref } : {}), algorithm: id, parameter: version, use: 'protocol', index });
    }
    for (const suite of protocol.cipherSuites ?? []) {
      for (const mention of scanText(suite.name ?? '')) assets.push({ name: suite.name ?? name, ...(ref ? { ref } : {}), algorithm: mention.algorithm, parameter: mention.parameters[0]?.value ?? null, use: mention.use ?? 'unspecified', index });
    }
  } else if (properties?.assetType === 'algorithm' || properties?.algorithmProperties) {
    const algorithm = properties?.algorithmProperties ?? {};
    const use = algorithm.cryptoFunctions?.map((fn) => FUNCTION_USE[fn]).find((candidate) => candidate && candidate !== 'unspecified') ?? (algorithm.primitive ? PRIMITIVE_USE[algorithm.primitive] : undefined) ?? 'unspecified';
    const mentions = scanText(name);
    mentions.forEach((mention, position) => {
      let parameter: Parameter = mention.parameters[0]?.value ?? null;
      if (position === 0 && parameter === null && algorithm.parameterSetIdentifier) parameter = parametersIn(algorithm.parameterSetIdentifier, mention.algorithm)[0]?.value ?? null;
      if (position === 0 && parameter === null && algorithm.curve) parameter = parametersIn(algorithm.curve, mention.algorithm)[0]?.value ?? null;
      assets.push({ name, ...(ref ? { ref } : {}), algorithm: mention.algorithm, parameter, use: position === 0 ? mention.use ?? use : mention.use ?? (mention.algorithm.startsWith('SHA') ? 'hash' : 'mode'), index });
    });
    if (algorithm.mode && !mentions.some((mention) => mention.algorithm.toLowerCase() === algorithm.mode!.toLowerCase())) {
      for (const mode of scanText(algorithm.mode.toUpperCase())) assets.push({ name, ...(ref ? { ref } : {}), algorithm: mode.algorithm, parameter: null, use: 'mode', index });
    }
  }
  if (assets.length === before && properties?.assetType !== 'certificate' && properties?.assetType !== 'related-crypto-material') unread.push(name);
}

export type CbomIssueKind = 'disallowed-in-use' | 'prohibited-in-use' | 'not-approved-in-use' | 'deprecated-in-use' | 'approved-unused';

export interface CbomIssue {
  kind: CbomIssueKind;
  severity: 'error' | 'warning' | 'info';
  message: string;
  asset?: CbomAsset;
  judgement?: Judgement;
}

function sameParameter(approved: Parameter, used: Parameter): boolean {
  return approved === null || used === null || String(approved) === String(used);
}

/**
 * What the BOM uses that the policies do not approve (or prohibit) or their profile does not allow today, and what
 * the policies approve that nothing in the BOM uses. `assessments`: the checked policies (their approvals count together).
 */
export function compareCbom(reading: CbomReading, assessments: CryptoAssessment[], choice: ProfileChoice, today: string): CbomIssue[] {
  const issues: CbomIssue[] = [];
  const mentions = assessments.flatMap((assessment) => assessment.mentions);
  const approved = mentions.filter((mention) => mention.stance === 'approved' || mention.stance === 'legacy');
  const prohibited = mentions.filter((mention) => mention.stance === 'prohibited');
  const seen = new Set<string>();
  for (const asset of reading.assets) {
    const key = `${asset.name}|${asset.algorithm}|${asset.parameter}|${asset.use}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = `${mentionLabel(asset)} (${asset.name}${asset.ref && asset.ref !== asset.name ? `, bom-ref ${asset.ref}` : ''})`;
    const judgement = judge(choice, asset, today);
    const source = describeSource(choice.profile, judgement.source);
    if (judgement.status === 'disallowed' || judgement.status === 'legacy-use') {
      issues.push({ kind: 'disallowed-in-use', severity: 'error', message: `${label} is in use, and ${choice.profile.id} ${judgement.status === 'disallowed' ? 'disallows it' : 'allows it only for legacy use'} (${source}).`, asset, judgement });
      continue;
    }
    if (prohibited.some((mention) => mention.algorithm === asset.algorithm && sameParameter(mention.parameter, asset.parameter))) {
      issues.push({ kind: 'prohibited-in-use', severity: 'error', message: `${label} is in use, but the policy prohibits it.`, asset, judgement });
      continue;
    }
    if (!approved.some((mention) => mention.algorithm === asset.algorithm && sameParameter(mention.parameter, asset.parameter))) {
      issues.push({ kind: 'not-approved-in-use', severity: 'warning', message: `${label} is in use, but the policy does not approve it.`, asset, judgement });
      continue;
    }
    if (judgement.status === 'deprecated') {
      issues.push({ kind: 'deprecated-in-use', severity: 'warning', message: `${label} is in use and deprecated under ${choice.profile.id} (${source})${judgement.until ? `; disallowed from ${judgement.until}` : ''}.`, asset, judgement });
    }
  }
  const used = new Set(reading.assets.map((asset) => asset.algorithm));
  const reported = new Set<string>();
  for (const mention of mentions.filter((candidate) => candidate.stance === 'approved' && candidate.use !== 'protocol')) {
    if (used.has(mention.algorithm) || reported.has(mention.algorithm) || mention.algorithm === 'DRBG') continue;
    reported.add(mention.algorithm);
    issues.push({ kind: 'approved-unused', severity: 'info', message: `The policy approves ${mention.algorithm}, but no cryptographic asset of the BOM uses it.` });
  }
  return issues;
}
