import { append } from '../arrays';
import Ajv, { type ValidateFunction } from 'ajv';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import profileSchema from '../../../../schemas/crypto-profile.schema.json';
import { isInside, readSource } from '../parse/source';
import { ALGORITHM_BY_ID } from './registry';
import { BUILTIN_PROFILES, type CryptoProfile } from './profiles';

/** A user profile is data (JSON), validated against schemas/crypto-profile.schema.json; nothing in it runs. */

const MAX_PROFILE_BYTES = 1024 * 1024;
let validateProfile: ValidateFunction | undefined;

export function parseProfileFile(fileName: string, text: string): { profile?: CryptoProfile; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { errors: [`${fileName}: not valid JSON`] };
  }
  validateProfile ??= new Ajv({ allErrors: true, strict: false }).compile(profileSchema);
  if (!validateProfile(data)) {
    return { errors: (validateProfile.errors ?? []).slice(0, 5).map((error) => `${fileName}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`) };
  }
  const { $schema: _schema, ...profile } = data as CryptoProfile & { $schema?: string };
  const errors: string[] = [];
  if (BUILTIN_PROFILES.some((builtin) => builtin.id === profile.id)) errors.push(`${fileName}: id "${profile.id}" is a built-in profile; choose another id`);
  const rules = [...profile.rules, ...Object.values(profile.options ?? {}).flatMap((option) => option.rules)];
  for (const rule of rules) {
    for (const algorithm of rule.algorithms) if (algorithm !== '*' && !ALGORITHM_BY_ID.has(algorithm)) errors.push(`${fileName}: unknown algorithm id "${algorithm}"`);
    for (const phase of rule.timeline) {
      for (const part of phase.source.split('; ')) {
        const key = part.split(/[ ,]/)[0];
        if (!profile.sources[key]) errors.push(`${fileName}: source "${key}" is not in \`sources\``);
      }
    }
  }
  return errors.length > 0 ? { errors: [...new Set(errors)].slice(0, 10) } : { profile, errors };
}

/** The configured profile files, read like catalogs: regular files inside the workspace only. */
export function loadProfiles(paths: string[], workspace: string | undefined): { profiles: CryptoProfile[]; errors: string[] } {
  const profiles: CryptoProfile[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    if (!workspace) {
      errors.push(`${path}: profiles are read only inside a workspace (the folder of .cekpolicy.yaml); skipped`);
      continue;
    }
    let text: string;
    try {
      const file = realpathSync(resolve(workspace, path));
      const root = realpathSync(workspace);
      if (!isInside(root, file)) {
        errors.push(`${path}: outside the workspace (${workspace}); profiles must be in the folder of .cekpolicy.yaml or below; skipped`);
        continue;
      }
      const source = readSource(file, MAX_PROFILE_BYTES, 'profiles');
      if (source.kind === 'refused') {
        errors.push(`${path}: ${source.message} Skipped.`);
        continue;
      }
      text = source.text;
    } catch (error) {
      errors.push(`${path}: cannot read profile (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
      continue;
    }
    const parsed = parseProfileFile(path, text);
    append(errors, parsed.errors);
    if (parsed.profile) profiles.push(parsed.profile);
  }
  return { profiles, errors };
}
