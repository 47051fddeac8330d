/**
 * dist/server.js: the language server, or, in the worker thread the server starts, its check worker. One bundle
 * serves both (as dist/cli.js does for the CLI's workers), so the package and the extension carry nothing more.
 */
import { isCheckWorker, runCheckWorker } from './checkWorker';
import { answerInfoFlags } from './serverArgs';

if (isCheckWorker()) runCheckWorker();
else if (answerInfoFlags(process.argv.slice(2), (text) => process.stdout.write(text))) process.exit(0);
// Loaded only in the server thread: it opens the connection as it loads.
else require('./languageServer');
