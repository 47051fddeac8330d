/**
 * CEK_POLICY_DEBUG, a comma-separated list of topics, each adding lines to a log: `cache` and `jobs` (the CLI's cache
 * and threads, on standard error, what its tests read), `v8` (the CLI's V8 flags), `checks` (the language server's
 * pause before each check and the time it took, in its log).
 */
export type DebugTopic = 'cache' | 'jobs' | 'v8' | 'checks';

export function debugs(env: Record<string, string | undefined>, topic: DebugTopic): boolean {
  return (env.CEK_POLICY_DEBUG ?? '').split(',').map((entry) => entry.trim()).includes(topic);
}
