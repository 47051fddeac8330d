import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import reportSchema from '../../schemas/report.schema.json';
import { checkText } from '../../server/src/engine/engine';
import { buildComplianceReport } from '../../server/src/engine/report/compliance';
import type { ComplianceReport } from '../../server/src/engine/report/types';
import { ROOT, TODAY } from '../helpers/ruleTester';

/** Every example policy of the project: the compliant ones and the gap ones. */
export const EXAMPLES = ['examples/key-management-policy.yaml', 'examples/key-management-policy.md', 'examples/gaps/cloud-provider-gaps.yaml', 'examples/gaps/application-policy-gaps.md'];

/** The compliance report of files relative to the repository root, or of texts given by name. */
export function reportOf(files: (string | { name: string; text: string })[], today = TODAY): ComplianceReport {
  return buildComplianceReport(files.map((file) => {
    const name = typeof file === 'string' ? file : file.name;
    const text = typeof file === 'string' ? readFileSync(join(ROOT, file), 'utf8') : file.text;
    return { path: name, result: checkText(text, name, { today }) };
  }), { today, version: '0.0.0-test' });
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Ajv errors of a report against schemas/report.schema.json (empty when it validates). */
export function schemaErrors(report: unknown): string[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(reportSchema);
  return validator(report) ? [] : (validator.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
