/**
 * Node flags the VS Code extension (and the benchmark) start the server with. A young generation of 32 MB per
 * semi-space lets the garbage of a check die young instead of being promoted: with V8's default, the old space grew
 * about 1.2 MB per open 1k-line policy for 0.5 MB of live heap; with this, about 0.5 MB (bench/ANALYSIS.md, section
 * 6). Check time is unchanged (within noise); the young generation may take up to ~64 MB more once fully grown.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * The check worker's heap (resourceLimits of the worker thread the server starts): its young generation holds a
 * check's garbage, which dies there when it is large enough (as the server's own flag above does for the server).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48 };
