import { writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { systemToday } from '../clock';
import { builtinCatalog } from '../engine/config/catalog';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG } from '../engine/config/config';
import { initConfigText, type FoundPolicy } from '../engine/config/initConfig';
import { configFilesIn, findConfigFile, loadConfig, matchesPolicyGlobs, type LoadedConfig } from '../engine/config/workspace';
import { checkDocument } from '../engine/engine';
import { documentFromSource, formatOf } from '../engine/parse/document';
import { MAX_POLICY_BYTES } from '../engine/parse/limits';
import { readSource } from '../engine/parse/source';
import type { Io } from './check';
import { describeError, expandTargets } from './files';

/** The policies in a folder (as `check` finds them: .gitignore honoured), each with the actor it is judged as. */
export function findPolicies(folder: string): FoundPolicy[] {
  const catalog = builtinCatalog();
  const found: FoundPolicy[] = [];
  // A configuration being replaced (--force) still says which files are policies (`files:`); its other settings do not
  // colour what is found (the actor shown is the policy's own, declared or inferred).
  let globs: Pick<LoadedConfig, 'config' | 'file'> | undefined;
  try {
    const file = findConfigFile(folder);
    globs = file ? loadConfig(file) : undefined;
  } catch {
    globs = undefined;
  }
  for (const target of expandTargets(['.'], [], { cwd: folder, ignore: true }).targets) {
    let source;
    try {
      source = readSource(target.path, MAX_POLICY_BYTES);
    } catch {
      continue; // unreadable: not listed (check says why when it meets it)
    }
    if (source.kind !== 'text') continue;
    const format = formatOf(target.path) ?? 'yaml';
    const force = globs !== undefined && matchesPolicyGlobs(target.path, globs);
    const result = checkDocument(documentFromSource(source, target.path, format), { today: systemToday(), config: DEFAULT_CONFIG, catalog, format, force, requirements: false, suggestions: false });
    if (!result.isPolicy) continue;
    const actor = result.policy?.actor;
    found.push({
      path: relative(folder, target.path).split(sep).join('/'),
      actors: actor ? [...actor.codes] : [],
      basis: actor?.basis ?? 'unknown',
      by: result.document.hasPolicyMarker ? 'marker' : force ? 'files' : 'content',
    });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The text `init` writes for a folder (the editor's "Create Configuration" command asks the server for the same). */
export function initConfigForFolder(folder: string): { text: string; policies: number } {
  const policies = findPolicies(folder);
  return { text: initConfigText({ policies, controls: builtinCatalog().all().map(({ id, title }) => ({ id, title })) }), policies: policies.length };
}

/** `cek-policy init`: writes `.cekpolicy.yaml` here, refusing to replace a configuration unless --force. */
export function runInit(force: boolean, io: Io): number {
  const existing = configFilesIn(io.cwd);
  if (existing.length > 0 && !force) {
    io.stderr(`cek-policy: ${existing.map((file) => basename(file)).join(', ')} exists already here; --force replaces it`);
    return 2;
  }
  const { text, policies } = initConfigForFolder(io.cwd);
  const file = join(io.cwd, CONFIG_FILE_NAME);
  try {
    writeFileSync(file, text);
  } catch (error) {
    io.stderr(`cek-policy: cannot write ${CONFIG_FILE_NAME}: ${describeError(error)}`);
    return 2;
  }
  const others = existing.filter((path) => basename(path) !== CONFIG_FILE_NAME);
  if (others.length > 0) io.stderr(`cek-policy: warning: ${others.map((path) => basename(path)).join(', ')} is still here: keep one configuration file per folder`);
  io.stderr(`cek-policy: wrote ${CONFIG_FILE_NAME} (${policies} polic${policies === 1 ? 'y' : 'ies'} found, listed in its comments); \`cek-policy check .\` checks with it`);
  return 0;
}
