import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import hostedGitInfo from 'hosted-git-info';
import packageJson from '../../package.json';

export const PACKAGE_NAME: string = packageJson.name;
export const PACKAGE_VERSION: string = packageJson.version;

export interface PackageLinks {
  repository?: string | { url?: string };
  homepage?: string;
}

/** The project's web page: the browsable repository of package.json `repository`, else `homepage`. */
export function projectWebUrl(links: PackageLinks = packageJson as PackageLinks): string | undefined {
  const hosted = hostedRepository(links);
  return hosted ? hosted.browse() : links.homepage?.split('#')[0].replace(/\/$/, '') || undefined;
}

/**
 * Where the rule docs are on the web, from `repository` (or else `homepage`) of package.json, so that a fork
 * or a rename moves every help link at once: `<repository>/blob/HEAD/docs/rules/` (HEAD: the default branch).
 * Without either field there is no web page to link to (never a guessed address): undefined, and the links are
 * the docs shipped with the package (editor) or left out (SARIF carries the doc's full text as `help`).
 */
export function ruleDocsBaseUrl(links: PackageLinks = packageJson as PackageLinks): string | undefined {
  const hosted = hostedRepository(links);
  if (hosted) return hosted.browseFile('docs/rules/');
  const homepage = projectWebUrl(links);
  return homepage ? `${homepage}/docs/rules/` : undefined;
}

function hostedRepository(links: PackageLinks): { browse(): string; browseFile(path: string): string } | undefined {
  const repository = typeof links.repository === 'string' ? links.repository : links.repository?.url;
  // browseFile (a `/blob/` link) is newer than @types/hosted-git-info.
  return (repository ? hostedGitInfo.fromUrl(repository) : undefined) as { browse(): string; browseFile(path: string): string } | undefined;
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
