import { basename } from 'node:path';
import { initConfigForFolder } from '../cli/init';
import { configFilesIn } from '../engine/config/workspace';
import { pathOfUri } from './analysis';

/**
 * `cekPolicy/createConfiguration`: the text of a commented `.cekpolicy.yaml` for a workspace folder — the same
 * text `cek-policy init` writes there (one generator) — and the configuration files already in it, so that the
 * client can ask before replacing one. The server only reads; the client writes the file.
 */
export const CREATE_CONFIGURATION_REQUEST = 'cekPolicy/createConfiguration';

export interface CreateConfigurationParams {
  /** The folder (a `file:` URI) the configuration is for. */
  folderUri: string;
}

export interface CreateConfigurationResult {
  text: string;
  /** Policies found in the folder (listed in the text's comments). */
  policies: number;
  /** Names of the configuration files already in the folder (`.cekpolicy.yaml`, `.yml`, `.json`). */
  existing: string[];
}

/** Undefined for a folder that is not on disk (a virtual workspace). */
export function createConfiguration(params: Partial<CreateConfigurationParams> | undefined): CreateConfigurationResult | undefined {
  const folder = typeof params?.folderUri === 'string' ? pathOfUri(params.folderUri) : undefined;
  if (!folder) return undefined;
  const { text, policies } = initConfigForFolder(folder);
  return { text, policies, existing: configFilesIn(folder).map((file) => basename(file)) };
}
