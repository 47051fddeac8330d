/**
 * Node flags the VS Code extension (and the benchmark) start the server with. A young generation of 32 MB per
 * semi-space lets the garbage of a check die young instead of being promoted: with V8's default, the old space grew
 * about 1.2 MB per open 1k-line policy for 0.5 MB of live heap; with this, about 0.5 MB (bench/ANALYSIS.md, section
 * 6). Check time is unchanged (within noise); the young generation may take up to ~64 MB more once fully grown.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * The check worker's heap (resourceLimits of the worker thread the server starts, whatever flags the server was
 * started with): a young generation of 96 MB, three semi-spaces of 32 MB as the flag above gives the server thread, so
 * a check's garbage dies young. Measured in the worker on 1k-line policies (300 checks, three runs each): median
 * 13.3-14.1 ms against 14.7-21.9 ms with 16 to 48 MB, for 10-15 MB more RSS; what the server grows per open document
 * does not depend on it (the worker keeps nothing of a document).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };
