/**
 * `npm run fuzz`: the property tests of test/fuzz/properties.ts, 100,000 cases in all (documents, `.cekpolicy.yaml`
 * texts and editor settings), on every core, with a seed per run (given with --seed to replay). Prints the count.
 */
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { checkConfigProperties, checkDocumentProperties, checkSettingsProperties, fuzzConfig, fuzzDocument, fuzzSettings } from './properties';

const TOTAL = Number(process.argv.find((arg) => arg.startsWith('--cases='))?.slice('--cases='.length) ?? 100_000);
const SEED = Number(process.argv.find((arg) => arg.startsWith('--seed='))?.slice('--seed='.length) ?? Date.now() % 2_147_483_647);
/** Documents are most of the run; config texts and settings are cheap and get a tenth each. */
const SHARES = { documents: 0.8, config: 0.1, settings: 0.1 };

interface Job { seed: number; documents: number; config: number; settings: number }
interface Outcome { cases: number; fixes: number; failures: string[] }

function runJob(job: Job): Outcome {
  const failures: string[] = [];
  let fixes = 0;
  const report = <T>(name: string, details: fc.RunDetails<T>) => {
    if (details.failed) failures.push(`${name}: ${fc.defaultReportMessage(details) ?? 'failed'}`);
    return details.numRuns;
  };
  let cases = 0;
  cases += report('documents', fc.check(fc.property(fuzzDocument, (document) => {
    fixes += checkDocumentProperties(document);
  }), { numRuns: job.documents, seed: job.seed }));
  cases += report('config', fc.check(fc.property(fuzzConfig, (text) => checkConfigProperties(text)), { numRuns: job.config, seed: job.seed }));
  cases += report('settings', fc.check(fc.property(fuzzSettings, (raw) => checkSettingsProperties(raw)), { numRuns: job.settings, seed: job.seed }));
  return { cases, fixes, failures };
}

if (isMainThread) {
  const workers = Math.max(1, Math.min(availableParallelism(), 8));
  const started = Date.now();
  const share = (part: number, index: number) => Math.floor(TOTAL * part / workers) + (index === 0 ? Math.round(TOTAL * part) - Math.floor(TOTAL * part / workers) * workers : 0);
  console.log(`fuzz: ${TOTAL.toLocaleString('en')} cases on ${workers} workers, seed ${SEED}`);
  const runs = Array.from({ length: workers }, (_, index) => new Promise<Outcome>((resolve, reject) => {
    const job: Job = { seed: SEED + index, documents: share(SHARES.documents, index), config: share(SHARES.config, index), settings: share(SHARES.settings, index) };
    const worker = new Worker(__filename, { workerData: job, argv: process.argv.slice(2) });
    worker.once('message', resolve);
    worker.once('error', reject);
  }));
  void Promise.all(runs).then((outcomes) => {
    const cases = outcomes.reduce((sum, outcome) => sum + outcome.cases, 0);
    const fixes = outcomes.reduce((sum, outcome) => sum + outcome.fixes, 0);
    const failures = outcomes.flatMap((outcome) => outcome.failures);
    for (const failure of failures) console.error(failure);
    console.log(`fuzz: ${cases.toLocaleString('en')} cases (${fixes.toLocaleString('en')} fixes and suggestions applied), ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exitCode = failures.length > 0 ? 1 : 0;
  });
} else {
  parentPort!.postMessage(runJob(workerData as Job));
}
