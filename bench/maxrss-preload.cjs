// Fallback where /usr/bin/time is missing: preloaded into a measured CLI run (node --require this), it
// writes the process's peak resident set size in kB (getrusage ru_maxrss, threads included) to the file
// named by CEK_BENCH_RSS_FILE when the process exits.
'use strict';
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.CEK_BENCH_RSS_FILE) writeFileSync(process.env.CEK_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
