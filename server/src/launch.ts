/**
 * Node flags the VS Code extension (and the benchmark) start the server with. A young generation of 32 MB per
 * semi-space let the garbage of a check die young instead of being promoted when checks ran on the server thread
 * (growth per open 1k-line policy 1.2 -> 0.5 MB; bench/ANALYSIS.md, section 10). Checks now run in the worker, whose
 * young generation the server sets itself (below), and the server thread grows the same per open policy with or
 * without the flag (0.16-0.17 MB, section 11); the flag is kept: it costs nothing measurable, and editors set up with it need no change.
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
