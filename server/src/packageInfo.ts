import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import hostedGitInfo from 'hosted-git-info';
import packageJson from '../../package.json';

export const PACKAGE_NAME: string = packageJson.name;
export const PACKAGE_VERSION: string = packageJson.version;

interface PackageLinks {
  repository?: string | { url?: string };
  homepage?: string;
}

/**
 * Where the rule docs are on the web, from `repository` (or else `homepage`) of package.json, so that a fork
 * or a rename moves every help link at once: `<repository>/blob/HEAD/docs/rules/` (HEAD: the default branch).
 */
export function ruleDocsBaseUrl(links: PackageLinks = packageJson): string {
  const repository = typeof links.repository === 'string' ? links.repository : links.repository?.url;
  // browseFile (a `/blob/` link) is newer than @types/hosted-git-info.
  const hosted = (repository ? hostedGitInfo.fromUrl(repository) : undefined) as { browseFile(path: string): string } | undefined;
  if (hosted) return hosted.browseFile('docs/rules/');
  const homepage = links.homepage?.replace(/#.*$/, '').replace(/\/$/, '');
  return homepage ? `${homepage}/docs/rules/` : 'docs/rules/';
}

let packageRoot: string | null | undefined;

/** The installed package (or repository) the running code came from: the folder with package.json and docs/rules. */
function findPackageRoot(): string | null {
  if (packageRoot !== undefined) return packageRoot;
  packageRoot = null;
  for (let directory = __dirname; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'docs', 'rules'))) {
      packageRoot = directory;
      break;
    }
    if (dirname(directory) === directory) break;
  }
  return packageRoot;
}

/** `file:` URI of the rule's doc shipped with the package (works offline), when it is there. */
export function bundledRuleDocUri(ruleId: string): string | undefined {
  if (!bundledDocs.has(ruleId)) {
    const root = findPackageRoot();
    const file = root ? join(root, 'docs', 'rules', `${ruleId}.md`) : undefined;
    bundledDocs.set(ruleId, file && existsSync(file) ? pathToFileURL(file).href : undefined);
  }
  return bundledDocs.get(ruleId);
}

const bundledDocs = new Map<string, string | undefined>();
