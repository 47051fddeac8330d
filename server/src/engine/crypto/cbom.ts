import Ajv, { type ValidateFunction } from 'ajv';
import type { Span } from '../types';
import { mentionLabel, type AssessedMention, type CryptoAssessment } from './assess';
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

/** A BOM is read whole (JSON), so it is refused past this size: by the CLI and by the editor. */
export const MAX_CBOM_BYTES = 32 * 1024 * 1024;

export interface CbomAsset {
  /** The component's name as written, and its bom-ref. */
  name: string;
  ref?: string;
  algorithm: string;
  parameter: Parameter;
  use: CryptoUse;
  /** Index of the component in `components` (its JSON pointer is /components/N); -1 for a nested component. */
  index: number;
  /** The component's JSON pointer: `/components/3`, `/components/0/components/1`. */
  pointer: string;
  /** Where the component's object is in the BOM's text (offsets, UTF-16 code units). */
  span?: Span;
}

export interface CbomReading {
  /** The BOM's name as given (the CLI argument, the setting). */
  file: string;
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
    return { file: fileName, assets: [], errors: [`${fileName}: not valid JSON (only the JSON form of CycloneDX is read)`], unread: [] };
  }
  const bom = data as { bomFormat?: string; specVersion?: string; components?: Component[] };
  if (bom?.bomFormat !== 'CycloneDX') return { file: fileName, assets: [], errors: [`${fileName}: not a CycloneDX BOM (bomFormat is not "CycloneDX")`], unread: [] };
  if (bom.specVersion !== '1.6') return { file: fileName, assets: [], errors: [`${fileName}: CycloneDX ${String(bom.specVersion)}; cryptographic assets are read from CycloneDX 1.6`], unread: [] };
  const validate = validator();
  if (!validate(data)) {
    return { file: fileName, assets: [], errors: (validate.errors ?? []).slice(0, 5).map((error) => `${fileName}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`), unread: [] };
  }
  const assets: CbomAsset[] = [];
  const unread: string[] = [];
  const spans = componentSpans(text);
  const place = (pointer: string, index: number) => ({ index, pointer, ...(spans.has(pointer) ? { span: spans.get(pointer)! } : {}) });
  (bom.components ?? []).forEach((component, index) => readComponent(component, place(`/components/${index}`, index), assets, unread));
  // Nested components (an asset inside a library) count too.
  (bom.components ?? []).forEach((component, index) => (component.components ?? []).forEach((child, childIndex) => readComponent(child, place(`/components/${index}/components/${childIndex}`, -1), assets, unread)));
  return { file: fileName, assets, errors: [], unread };
}

/**
 * Where each component object of a BOM is in its text, by JSON pointer (`/components/N`, and the components nested in
 * those): one pass over text JSON.parse has accepted, with an explicit stack (no recursion on hostile nesting).
 */
export function componentSpans(text: string): Map<string, Span> {
  interface Frame { array: boolean; pointer: string; name?: string; key?: string; expectKey: boolean; index: number; start: number; component: boolean }
  const spans = new Map<string, Span>();
  const stack: Frame[] = [];
  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.array ? `${top.pointer}/${top.index}` : `${top.pointer}/${(top.key ?? '').replace(/~/g, '~0').replace(/\//g, '~1')}`;
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      let end = at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(at, end + 1)) as string;
        top.expectKey = false;
      }
      at = end;
    } else if (char === '{' || char === '[') {
      const top = stack[stack.length - 1];
      const component = char === '{' && top !== undefined && top.array && top.name === 'components' && (stack.length === 2 || stack[stack.length - 2].component);
      stack.push({ array: char === '[', pointer: childPointer(), ...(top && !top.array ? { name: top.key } : {}), expectKey: char === '{', index: 0, start: at, component });
    } else if (char === '}' || char === ']') {
      const frame = stack.pop();
      if (frame?.component) spans.set(frame.pointer, { start: frame.start, end: at + 1 });
    } else if (char === ',') {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    }
  }
  return spans;
}

function readComponent(component: Component, place: Pick<CbomAsset, 'index' | 'pointer' | 'span'>, assets: CbomAsset[], unread: string[]): void {
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
      assets.push({ name, ...(ref ? { ref } : {}), algorithm: id, parameter: version, use: 'protocol', ...place });
    }
    for (const suite of protocol.cipherSuites ?? []) {
      for (const mention of scanText(suite.name ?? '')) assets.push({ name: suite.name ?? name, ...(ref ? { ref } : {}), algorithm: mention.algorithm, parameter: mention.parameters[0]?.value ?? null, use: mention.use ?? 'unspecified', ...place });
    }
  } else if (properties?.assetType === 'algorithm' || properties?.algorithmProperties) {
    const algorithm = properties?.algorithmProperties ?? {};
    const use = algorithm.cryptoFunctions?.map((fn) => FUNCTION_USE[fn]).find((candidate) => candidate && candidate !== 'unspecified') ?? (algorithm.primitive ? PRIMITIVE_USE[algorithm.primitive] : undefined) ?? 'unspecified';
    const mentions = scanText(name);
    mentions.forEach((mention, position) => {
      let parameter: Parameter = mention.parameters[0]?.value ?? null;
      if (position === 0 && parameter === null && algorithm.parameterSetIdentifier) parameter = parametersIn(algorithm.parameterSetIdentifier, mention.algorithm)[0]?.value ?? null;
      if (position === 0 && parameter === null && algorithm.curve) parameter = parametersIn(algorithm.curve, mention.algorithm)[0]?.value ?? null;
      assets.push({ name, ...(ref ? { ref } : {}), algorithm: mention.algorithm, parameter, use: position === 0 ? mention.use ?? use : mention.use ?? (mention.algorithm.startsWith('SHA') ? 'hash' : 'mode'), ...place });
    });
    if (algorithm.mode && !mentions.some((mention) => mention.algorithm.toLowerCase() === algorithm.mode!.toLowerCase())) {
      for (const mode of scanText(algorithm.mode.toUpperCase())) assets.push({ name, ...(ref ? { ref } : {}), algorithm: mode.algorithm, parameter: null, use: 'mode', ...place });
    }
  }
  if (assets.length === before && properties?.assetType !== 'certificate' && properties?.assetType !== 'related-crypto-material') unread.push(name);
}

export type CbomIssueKind = 'disallowed-in-use' | 'prohibited-in-use' | 'not-approved-in-use' | 'deprecated-in-use' | 'approved-unused';

export interface CbomIssue {
  kind: CbomIssueKind;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The BOM's asset the issue is about (all kinds but `approved-unused`). */
  asset?: CbomAsset;
  judgement?: Judgement;
  /**
   * The policy's mention the issue is about, and which of the compared policies holds it (an index into the
   * assessments): the approval nothing uses, the prohibition or the approval of what is in use.
   */
  mention?: AssessedMention;
  policy?: number;
}

function sameParameter(approved: Parameter, used: Parameter): boolean {
  return approved === null || used === null || String(approved) === String(used);
}

/** The first mention (and its policy) of `assessments` that `accept` takes. */
function firstMention(assessments: CryptoAssessment[], accept: (mention: AssessedMention) => boolean): { mention: AssessedMention; policy: number } | undefined {
  for (const [policy, assessment] of assessments.entries()) {
    const mention = assessment.mentions.find(accept);
    if (mention) return { mention, policy };
  }
  return undefined;
}

/**
 * What the BOM uses that the policies do not approve (or prohibit) or their profile does not allow today, and what
 * the policies approve that nothing in the BOM uses. `assessments`: the checked policies (their approvals count together).
 */
export function compareCbom(reading: CbomReading, assessments: CryptoAssessment[], choice: ProfileChoice, today: string): CbomIssue[] {
  return [...assetIssues(reading, assessments, choice, today), ...assessments.flatMap((assessment, policy) => unusedApprovals(reading, assessment).map((issue) => ({ ...issue, policy })))];
}

/** The BOM's assets that the policies (together) do not approve, prohibit, or whose profile disallows or deprecates them today. */
export function assetIssues(reading: CbomReading, assessments: CryptoAssessment[], choice: ProfileChoice, today: string): CbomIssue[] {
  const issues: CbomIssue[] = [];
  const approves = (asset: CbomAsset) => (mention: AssessedMention) => (mention.stance === 'approved' || mention.stance === 'legacy') && mention.algorithm === asset.algorithm && sameParameter(mention.parameter, asset.parameter);
  const seen = new Set<string>();
  for (const asset of reading.assets) {
    const key = `${asset.name}|${asset.algorithm}|${asset.parameter}|${asset.use}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = `${mentionLabel(asset)} (${asset.name}${asset.ref && asset.ref !== asset.name ? `, bom-ref ${asset.ref}` : ''})`;
    const judgement = judge(choice, asset, today);
    const source = describeSource(choice.profile, judgement.source);
    const approval = firstMention(assessments, approves(asset));
    if (judgement.status === 'disallowed' || judgement.status === 'legacy-use') {
      issues.push({ kind: 'disallowed-in-use', severity: 'error', message: `${label} is in use, and ${choice.profile.id} ${judgement.status === 'disallowed' ? 'disallows it' : 'allows it only for legacy use'} (${source}).`, asset, judgement, ...approval });
      continue;
    }
    const prohibition = firstMention(assessments, (mention) => mention.stance === 'prohibited' && mention.algorithm === asset.algorithm && sameParameter(mention.parameter, asset.parameter));
    if (prohibition) {
      issues.push({ kind: 'prohibited-in-use', severity: 'error', message: `${label} is in use, but the policy prohibits it.`, asset, judgement, ...prohibition });
      continue;
    }
    if (!approval) {
      issues.push({ kind: 'not-approved-in-use', severity: 'warning', message: `${label} is in use, but the policy does not approve it.`, asset, judgement });
      continue;
    }
    if (judgement.status === 'deprecated') {
      issues.push({ kind: 'deprecated-in-use', severity: 'warning', message: `${label} is in use and deprecated under ${choice.profile.id} (${source})${judgement.until ? `; disallowed from ${judgement.until}` : ''}.`, asset, judgement, ...approval });
    }
  }
  return issues;
}

/** What one policy approves that no cryptographic asset of the BOM uses (once per algorithm, at its first approval). */
export function unusedApprovals(reading: CbomReading, assessment: CryptoAssessment): CbomIssue[] {
  const used = new Set(reading.assets.map((asset) => asset.algorithm));
  const reported = new Set<string>();
  const issues: CbomIssue[] = [];
  for (const mention of assessment.mentions.filter((candidate) => candidate.stance === 'approved' && candidate.use !== 'protocol')) {
    if (used.has(mention.algorithm) || reported.has(mention.algorithm) || mention.algorithm === 'DRBG') continue;
    reported.add(mention.algorithm);
    issues.push({ kind: 'approved-unused', severity: 'info', message: `The policy approves ${mention.algorithm}, but no cryptographic asset of the BOM ${reading.file} uses it.`, mention });
  }
  return issues;
}

/**
 * Where in a policy an issue is shown when the policy is the only place to show it (the editor): the mention it is
 * about; else the first mention of the same use, else the `cryptography:` key, else the first mention; else nowhere.
 */
export function policySpanFor(issue: CbomIssue, assessment: CryptoAssessment): Span | undefined {
  if (issue.mention) return issue.mention.span;
  const use = issue.asset?.use;
  const sameUse = assessment.mentions.find((mention) => use !== undefined && use !== 'unspecified' && mention.use === use && mention.stance !== 'prohibited');
  if (sameUse) return sameUse.span;
  if (assessment.facts.section) return assessment.facts.section.keySpan;
  return assessment.mentions[0]?.span;
}

/**
 * The findings of policy against practice, as outputs name them (`cbom-<kind>`): not rules of the registry, since no
 * one document decides them (the BOM is compared with every checked policy together), but described the same way.
 */
export const CBOM_FINDINGS: { id: `cbom-${CbomIssueKind}`; severity: CbomIssue['severity']; description: string }[] = [
  { id: 'cbom-disallowed-in-use', severity: 'error', description: 'A cryptographic asset of the BOM uses an algorithm, key size or protocol version that the policies\' profile disallows today (or allows only for legacy use).' },
  { id: 'cbom-prohibited-in-use', severity: 'error', description: 'A cryptographic asset of the BOM uses what a policy prohibits.' },
  { id: 'cbom-not-approved-in-use', severity: 'warning', description: 'A cryptographic asset of the BOM uses an algorithm, key size or protocol version that no checked policy approves.' },
  { id: 'cbom-deprecated-in-use', severity: 'warning', description: 'A cryptographic asset of the BOM uses an approved algorithm that the profile deprecates, with the date it becomes disallowed.' },
  { id: 'cbom-approved-unused', severity: 'info', description: 'A policy approves an algorithm that no cryptographic asset of the BOM uses.' },
];

/** The control and guidelines CBOM findings speak for: those of the algorithm rules (CEK-04; CEK-01 auditing 1 and 4). */
export const CBOM_CONTROL = 'CEK-04';
