import Ajv from 'ajv';
import cek01 from '../../../../controls/CEK-01.json';
import cek02 from '../../../../controls/CEK-02.json';
import controlSchema from '../../../../schemas/control.schema.json';
import { MAX_LISTED_CATALOG_ENTRIES } from '../parse/limits';
import { append } from '../arrays';

export type OwnershipLayer = 'PI' | 'Model' | 'Orchestrated' | 'Application';

export interface Guideline {
  number: number;
  title?: string;
  actors?: string;
  text: string;
}

export interface Control {
  id: string;
  title: string;
  domain: { id: string; title: string };
  category?: string;
  specification: string;
  threatCoverage: string[];
  architecturalRelevance: string[];
  lifecycle: { phase: string; items: string[] }[];
  ownership: { layer: OwnershipLayer; owner: string; actors: string[]; description: string }[];
  implementationGuidelines: Guideline[];
  auditingGuidelines: Guideline[];
  ccmAuditingGuidelines: Guideline[];
  standardsMappings: { standard: string; gap?: string; references: string[]; note?: string; addendum: string }[];
  caiq: { id: string; question: string }[];
  /** Where a user catalog came from (absent for built-ins). */
  source?: string;
}

export type GuidelineKind = 'implementation' | 'auditing' | 'ccm';

export interface GuidelineRef {
  control: string;
  kind: GuidelineKind;
  number: number;
}

const KIND_FIELD: Record<GuidelineKind, 'implementationGuidelines' | 'auditingGuidelines' | 'ccmAuditingGuidelines'> = {
  implementation: 'implementationGuidelines',
  auditing: 'auditingGuidelines',
  ccm: 'ccmAuditingGuidelines',
};

const CONTROL_ID = /^([A-Za-z]{2,5})-(\d{1,3})(?:\.(\d+))?$/;

/** The controls a check knows: built-ins plus user catalogs, looked up case-insensitively. */
export class Catalog {
  private readonly byId = new Map<string, Control>();

  constructor(controls: Control[]) {
    for (const control of controls) this.byId.set(control.id.toUpperCase(), control);
  }

  get(id: string): Control | undefined {
    return this.byId.get(id.trim().toUpperCase());
  }

  all(): Control[] {
    return [...this.byId.values()];
  }

  guideline(ref: GuidelineRef): Guideline | undefined {
    return this.get(ref.control)?.[KIND_FIELD[ref.kind]].find((guideline) => guideline.number === ref.number);
  }

  caiq(id: string): { control: Control; question: string; id: string } | undefined {
    const match = CONTROL_ID.exec(id.trim());
    if (!match || match[3] === undefined) return undefined;
    const control = this.get(`${match[1]}-${match[2]}`);
    const entry = control?.caiq.find((question) => question.id.toUpperCase() === id.trim().toUpperCase());
    return control && entry ? { control, question: entry.question, id: entry.id } : undefined;
  }

  /** "CEK-01", "cek-01" or the CAIQ id "CEK-01.2" as written in a document. */
  resolve(text: string): { control: Control; caiqId?: string } | undefined {
    const match = CONTROL_ID.exec(text.trim());
    if (!match) return undefined;
    if (match[3] !== undefined) {
      const caiq = this.caiq(text);
      return caiq ? { control: caiq.control, caiqId: caiq.id } : undefined;
    }
    const control = this.get(text);
    return control ? { control } : undefined;
  }

  /** The one id a near miss means: "CEK-1" / "CEK01" / "CEK 01" -> "CEK-01"; undefined when unclear. */
  suggest(text: string): string | undefined {
    const match = /^\s*([A-Za-z]{2,5})[\s_-]?0*(\d{1,2})(?:\.(\d+))?\s*$/.exec(text);
    if (!match) return undefined;
    const id = `${match[1].toUpperCase()}-${match[2].padStart(2, '0')}`;
    const candidate = match[3] !== undefined ? `${id}.${match[3]}` : id;
    if (!this.resolve(candidate) || candidate === text.trim()) return undefined;
    return candidate;
  }

  with(extra: Control[]): Catalog {
    return new Catalog([...this.all(), ...extra]);
  }
}

export function formatGuidelineRef(ref: GuidelineRef): string {
  const kind = ref.kind === 'ccm' ? 'CCM auditing' : ref.kind;
  return `${ref.control} ${kind} guideline ${ref.number}`;
}

let builtin: Catalog | undefined;

export function builtinCatalog(): Catalog {
  builtin ??= new Catalog([cek01 as Control, cek02 as Control].map(({ ...control }) => {
    delete (control as { $schema?: string }).$schema;
    return control;
  }));
  return builtin;
}

let validateControl: ReturnType<Ajv['compile']> | undefined;

/** Reads a user catalog file (data only, never code): our format (one control, a list, or `{controls: [...]}`),
 * an OSCAL catalog (`{catalog: ...}`), or STIX 2.1 objects (a bundle or a list). Never throws. */
export function parseCatalogFile(fileName: string, text: string): { controls: Control[]; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message quotes the file; a catalog path may name any file, so only the fact is reported.
    return { controls: [], errors: [`${fileName}: not valid JSON`] };
  }
  let list: unknown[];
  try {
    list = isOscal(data) ? fromOscal(data) : isStix(data) ? fromStix(data) : Array.isArray(data) ? data
      : data && typeof data === 'object' && Array.isArray((data as { controls?: unknown }).controls) ? (data as { controls: unknown[] }).controls : [data];
  } catch (error) {
    return { controls: [], errors: [`${fileName}: ${(error as Error).message}`] };
  }
  validateControl ??= new Ajv({ allErrors: true, strict: false }).compile(controlSchema);
  const validate = validateControl;
  const controls: Control[] = [];
  const errors: string[] = [];
  // Entry by entry: the problems of the first few invalid entries are listed, the rest counted in one line.
  let invalid = 0;
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    let valid: boolean;
    try {
      valid = validate(item) as boolean;
    } catch {
      valid = false; // nested too deeply for the validator: invalid like any other entry
    }
    if (valid) {
      const { $schema: _schema, ...control } = item as Control & { $schema?: string };
      controls.push({ ...control, source: fileName });
      continue;
    }
    if (++invalid > MAX_LISTED_CATALOG_ENTRIES) continue;
    const where = list.length > 1 ? `/${index}` : '';
    const problems = validate.errors ?? [];
    if (problems.length === 0) errors.push(`${fileName}: ${where} is not a control (nested too deeply)`.replace(':  ', ': '));
    for (const error of problems.slice(0, 5)) {
      errors.push(`${fileName}: ${where}${schemaPath(error.instancePath)} ${error.message ?? 'is invalid'}`.replace(':  ', ': '));
    }
  }
  if (invalid > MAX_LISTED_CATALOG_ENTRIES) {
    errors.push(`${fileName}: and ${(invalid - MAX_LISTED_CATALOG_ENTRIES).toLocaleString('en')} more invalid entries (${invalid.toLocaleString('en')} of ${list.length.toLocaleString('en')} entries are invalid and skipped; ${controls.length.toLocaleString('en')} controls loaded)`);
  }
  if (list.length === 0) errors.push(`${fileName}: no controls found`);
  return { controls, errors };
}

let knownNames: Set<string> | undefined;

/** An error's data path with only indexes and the schema's own property names: keys from the file are not repeated. */
function schemaPath(pointer: string): string {
  if (!knownNames) {
    knownNames = new Set();
    const stack: unknown[] = [controlSchema];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node || typeof node !== 'object') continue;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties && typeof properties === 'object') for (const name of Object.keys(properties)) knownNames.add(name);
      append(stack, Object.values(node));
    }
  }
  return pointer.split('/').map((step) => (step === '' || /^\d+$/.test(step) || knownNames!.has(step) ? step : '…')).join('/');
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function emptyControl(id: string, title: string, domain: { id: string; title: string }, specification: string): Control {
  return {
    id, title, domain, specification, threatCoverage: [], architecturalRelevance: [], lifecycle: [], ownership: [],
    implementationGuidelines: [], auditingGuidelines: [], ccmAuditingGuidelines: [], standardsMappings: [], caiq: [],
  };
}

function isOscal(data: unknown): data is { catalog: Json } {
  return Boolean(data && typeof data === 'object' && 'catalog' in data && typeof (data as Json).catalog === 'object');
}

/** OSCAL catalog (e.g. NIST SP 800-53): top-level controls of each group; the statement becomes the specification. */
function fromOscal(data: { catalog: Json }): Control[] {
  const catalog = data.catalog;
  const controls: Control[] = [];
  const prose = (parts: unknown[], name: string): string => asArray(parts)
    .map(asObject)
    .filter((part) => part.name === name)
    .map((part) => [asText(part.prose), ...asArray(part.parts).map(asObject).map((sub) => asText(sub.prose))].filter(Boolean).join(' '))
    .join(' ');
  const withParameters = (text: string) => replaceParameters(text);
  const add = (control: Json, group: { id: string; title: string }) => {
    const id = asText(control.id).toUpperCase();
    const statement = withParameters(prose(asArray(control.parts), 'statement'));
    const guidance = withParameters(prose(asArray(control.parts), 'guidance'));
    const converted = emptyControl(id, asText(control.title), group, statement || asText(control.title));
    if (guidance) converted.implementationGuidelines = [{ number: 1, title: 'Guidance', text: guidance }];
    controls.push(converted);
  };
  const catalogTitle = asText(asObject(catalog.metadata).title) || 'OSCAL catalog';
  for (const group of asArray(catalog.groups).map(asObject)) {
    const domain = { id: asText(group.id).toUpperCase() || 'OSCAL', title: asText(group.title) || catalogTitle };
    for (const control of asArray(group.controls).map(asObject)) add(control, domain);
  }
  for (const control of asArray(catalog.controls).map(asObject)) add(control, { id: 'OSCAL', title: catalogTitle });
  return controls;
}

/**
 * OSCAL parameter insertions `{{ insert: param, ac-1_prm_1 }}` as `[ac-1_prm_1]`; other text as it is. A scan (the
 * catalog is untrusted): the same as `/\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}/g`, which is quadratic on `{{`.
 */
export function replaceParameters(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', open + 1)) {
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    // Inside: no `}`; it must read `insert:`, `param,` and one name, with white space around.
    const inner = /^\s*insert:\s*param,\s*([^}\s]+)\s*$/.exec(text.slice(open + 2, close));
    if (!inner || text[close + 1] !== '}') continue;
    out += `${text.slice(from, open)}[${inner[1]}]`;
    from = close + 2;
    open = close + 1;
  }
  return out + text.slice(from);
}

function isStix(data: unknown): boolean {
  const objects = Array.isArray(data) ? data : [data];
  return objects.some((item) => {
    const object = asObject(item);
    return object.type === 'bundle' || (typeof object.type === 'string' && object.spec_version === '2.1');
  });
}

/**
 * STIX 2.1 control objects (CSA publishes AICM controls one object per control): the control id comes from an
 * external reference, the name is the title, the description the specification.
 */
function fromStix(data: unknown): Control[] {
  const objects = Array.isArray(data) ? data : asObject(data).type === 'bundle' ? asArray(asObject(data).objects) : [data];
  const controls: Control[] = [];
  for (const [index, object] of objects.map(asObject).entries()) {
    if (object.type === 'bundle' || object.type === 'identity' || object.type === 'marking-definition' || object.type === 'relationship') continue;
    const reference = asArray(object.external_references).map(asObject).find((ref) => /^[A-Za-z]{2,5}-\d{1,3}$/.test(asText(ref.external_id)));
    const id = (asText(reference?.external_id) || asText(object.x_control_id)).toUpperCase();
    if (!id) throw new Error(`STIX object ${index + 1} has no control id in external_references`);
    const domain = asText(object.x_csa_domain) || asText(object.x_domain);
    controls.push(emptyControl(id, asText(object.name), { id: id.split('-')[0], title: domain || id.split('-')[0] }, asText(object.description)));
  }
  return controls;
}

/** The SSRM layer an actor works at: CSP -> PI, MP -> Model, OSP -> Orchestrated, AP and AIC -> Application. */
export function layerForActor(actor: string): OwnershipLayer | undefined {
  return ({ CSP: 'PI', MP: 'Model', OSP: 'Orchestrated', AP: 'Application', AIC: 'Application' } as Record<string, OwnershipLayer>)[actor.toUpperCase()];
}
