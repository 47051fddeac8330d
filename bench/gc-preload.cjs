// Preloaded into each language server the benchmark starts (node --expose-gc --require this): on SIGUSR2
// it runs a full garbage collection and writes the process's memory usage to stderr, so "memory per open
// document" counts what the server keeps, not garbage it has not collected yet. Nothing else changes.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  process.stderr.write(`cek-bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
