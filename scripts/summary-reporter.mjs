// node:test reporter that ends the run with the plain line "N passed, N failed" (tests, not suites), then one line
// per skipped suite or test saying what it needs, so that a skip is never silent.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const skips = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.skip) skips.set(`${event.data.name}: ${event.data.skip === true ? 'skipped' : event.data.skip}`, true);
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
  for (const line of skips.keys()) yield `skipped ${line}\n`;
}
