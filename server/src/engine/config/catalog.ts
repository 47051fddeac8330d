import Ajv from 'ajv';
import cek01 from '../../../../controls/CEK-01.json';
import cek02 from '../../../../controls/CEK-02.json';
import controlSchema from '../../../../schemas/control.schema.json';
import { builtinPacks } from '../packs/registry';
import { MAX_LISTED_CATALOG_ENTRIES } from '../parse/limits';
import { append, prepend } from '../arrays';
import type { ControlPack, PackConceptSpec, PackRequirementSpec } from '../packs/types';

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
  /** The framework and edition the text comes from ("CSA AICM", "1.1.0"). */
  framework?: string;
  edition?: string;
  /** True for a built-in pack's entry: `specification` is cek-policy's own summary, not CSA's text. */
  summaryOnly?: boolean;
  /**
   * Requirements cek-policy judges (`kind: 'requirement'` guidelines): a pack's own summaries, or a user catalog's
   * data-only definitions (with `elements`, and the `concepts` they name).
   */
  requirements?: (Guideline & Partial<Omit<PackRequirementSpec, 'number' | 'text'>>)[];
  concepts?: Record<string, PackConceptSpec>;
}

export type GuidelineKind = 'implementation' | 'auditing' | 'ccm' | 'requirement';

export interface GuidelineRef {
  control: string;
  kind: GuidelineKind;
  number: number;
}

const KIND_FIELD: Record<GuidelineKind, 'implementationGuidelines' | 'auditingGuidelines' | 'ccmAuditingGuidelines' | 'requirements'> = {
  implementation: 'implementationGuidelines',
  auditing: 'auditingGuidelines',
  ccm: 'ccmAuditingGuidelines',
  requirement: 'requirements',
};

const CONTROL_ID = /^([A-Za-z]{2,5})-(\d{1,3})(?:\.(\d+))?$/;

/** The controls a check knows: built-ins plus user catalogs, looked up case-insensitively. */
export class Catalog {
  private readonly byId = new Map<string, Control>();

  constructor(controls: Control[]) {
    for (const control of controls) {
      const previous = this.byId.get(control.id.toUpperCase());
      if (previous?.source && control.source && previous.edition !== control.edition) {
        this.conflicts.push(`${control.source}: ${control.id} is edition ${control.edition ?? '(none)'} but ${previous.source} gave edition ${previous.edition ?? '(none)'}; the later catalog (${control.source}) is used.`);
      }
      this.byId.set(control.id.toUpperCase(), control);
    }
  }

  get(id: string): Control | undefined {
    return this.byId.get(id.trim().toUpperCase());
  }

  all(): Control[] {
    return [...this.byId.values()];
  }

  guideline(ref: GuidelineRef): Guideline | undefined {
    const control = this.get(ref.control);
    // A user catalog's text for a pack's id carries CSA's guidelines but not our requirement summaries.
    const list = control?.[KIND_FIELD[ref.kind]] ?? (ref.kind === 'requirement' ? builtinCatalogControl(ref.control)?.requirements : undefined);
    return list?.find((guideline) => guideline.number === ref.number);
  }

  private userPacks?: ControlPack[];

  /** User controls with data-only requirement definitions, as packs the domain judges (never code). */
  packs(): ControlPack[] {
    this.userPacks ??= this.all().filter((control) => control.source && control.requirements?.some((requirement) => requirement.elements?.length)).map((control) => ({
      control: {
        id: control.id, title: control.title, framework: control.framework ?? 'user catalog', edition: control.edition ?? '', domain: control.domain, summary: control.specification,
        rule: { id: 'control-requirement-missing', description: '', section: { title: control.title, topics: ['policy'] }, field: control.id.toLowerCase().replace(/[^a-z0-9]+/g, '_'), example: '', rank: 50 },
      },
      requirements: control.requirements!.filter((requirement) => requirement.elements?.length).map((requirement) => ({ ...requirement, elements: requirement.elements! })),
      concepts: control.concepts ?? {},
      source: control.source,
    }));
    return this.userPacks;
  }

  /**
   * User controls whose edition differs from the built-in pack of the same id (CCM 4.0 "Data Encryption" for an
   * AICM 1.1.0 pack), and ids two user catalogs give in different editions: reported, never merged in silence.
   */
  editionNotes(): string[] {
    const notes: string[] = [];
    for (const control of this.all().filter((candidate) => candidate.source)) {
      const pack = builtinCatalogControl(control.id);
      if (pack && control.edition && (control.edition !== pack.edition || (control.framework && control.framework !== pack.framework))) {
        notes.push(`${control.source}: ${control.id} is ${control.framework ?? ''} ${control.edition} ("${control.title}"); cek-policy judges ${control.id} by its ${pack.framework} ${pack.edition} pack ("${pack.title}"). Hovers and reports show your text with its edition.`.replace(/ {2,}/g, ' '));
      }
    }
    for (const note of this.conflicts) notes.push(note);
    return notes;
  }

  private readonly conflicts: string[] = [];

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

  /** CAIQ questions (from CSA's AICM-CAIQ) added to their controls; a question for an unknown control is returned. */
  withCaiq(questions: { control: string; id: string; question: string }[]): { catalog: Catalog; unknown: string[] } {
    const changed = new Map<string, Control>();
    const unknown: string[] = [];
    for (const question of questions) {
      const control = changed.get(question.control) ?? this.get(question.control);
      if (!control) {
        unknown.push(question.id);
        continue;
      }
      const caiq = [...control.caiq.filter((entry) => entry.id !== question.id), { id: question.id, question: question.question }].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      changed.set(question.control, { ...control, caiq });
    }
    return { catalog: changed.size > 0 ? this.with([...changed.values()]) : this, unknown };
  }

  with(extra: Control[]): Catalog {
    const next = new Catalog([...this.all(), ...extra]);
    prepend(next.conflicts, this.conflicts);
    return next;
  }
}

export function formatGuidelineRef(ref: GuidelineRef): string {
  if (ref.kind === 'requirement') return `${ref.control} requirement ${ref.number}`;
  const kind = ref.kind === 'ccm' ? 'CCM auditing' : ref.kind;
  return `${ref.control} ${kind} guideline ${ref.number}`;
}

let builtin: Catalog | undefined;

export function builtinCatalog(): Catalog {
  builtin ??= new Catalog([...[cek01 as Control, cek02 as Control].map(({ ...control }) => {
    delete (control as { $schema?: string }).$schema;
    return { ...control, framework: 'CSA AICM', edition: '1.1.0' };
  }), ...builtinPacks().map(packControl)]);
  return builtin;
}

/** A built-in pack's catalog entry: ids, title, edition and our own summary; CSA's text comes from the user's catalog. */
function packControl(pack: ControlPack): Control {
  const summary = pack.control.summary;
  return {
    ...emptyControl(pack.control.id, pack.control.title, pack.control.domain, summary),
    framework: pack.control.framework, edition: pack.control.edition, summaryOnly: true,
    requirements: pack.requirements.map((requirement) => ({ number: requirement.number, text: requirement.text })),
  };
}

function builtinCatalogControl(id: string): Control | undefined {
  return builtinCatalog().get(id);
}

/**
 * A control pack folder (controls/<ID>/: control.json, requirements.json, concepts.json) as a catalog entry with
 * data-only requirement definitions: validated like any catalog, never executed. Never throws.
 */
export function parsePackFolder(name: string, files: { control: string; requirements: string; concepts?: string }): { controls: Control[]; errors: string[] } {
  try {
    const control = JSON.parse(files.control) as Json;
    const requirements = asArray(asObject(JSON.parse(files.requirements)).requirements);
    const concepts = files.concepts ? asObject(asObject(JSON.parse(files.concepts)).concepts) : {};
    const entry = {
      ...emptyControl(asText(control.id).toUpperCase(), asText(control.title), asObject(control.domain) as Control['domain'], asText(control.summary) || asText(control.title)),
      ...(asText(control.framework) ? { framework: asText(control.framework) } : {}),
      ...(asText(control.edition) ? { edition: asText(control.edition) } : {}),
      requirements, concepts,
    };
    return parseCatalogFile(name, JSON.stringify(entry));
  } catch {
    return { controls: [], errors: [`${name}: a control pack folder whose files are not valid JSON`] };
  }
}

let validateControl: ReturnType<Ajv['compile']> | undefined;

/** Reads a user catalog file (data only, never code): our format (one control, a list, or `{controls: [...]}`),
 * an OSCAL catalog (`{catalog: ...}`), or STIX 2.1 objects (a bundle or a list). Never throws. */
export function parseCatalogFile(fileName: string, text: string): { controls: Control[]; errors: string[]; caiq?: { control: string; id: string; question: string }[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message quotes the file; a catalog path may name any file, so only the fact is reported.
    return { controls: [], errors: [`${fileName}: not valid JSON`] };
  }
  let list: unknown[];
  pendingCaiq = [];
  try {
    list = isOscal(data) ? fromOscal(data) : isStix(data) ? fromStix(data) : Array.isArray(data) ? data
      : data && typeof data === 'object' && Array.isArray((data as { controls?: unknown }).controls) ? (data as { controls: unknown[] }).controls : [data];
  } catch (error) {
    return { controls: [], errors: [`${fileName}: ${(error as Error).message}`] };
  }
  validateControl ??= new Ajv({ allErrors: true, strict: false }).compile(controlSchema);
  const controls: Control[] = [];
  const errors: string[] = [];
  const validate = validateControl!;
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
  const caiq = pendingCaiq;
  pendingCaiq = [];
  if (list.length === 0 && caiq.length === 0) errors.push(`${fileName}: no controls found`);
  return { controls, errors, ...(caiq.length > 0 ? { caiq } : {}) };
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
/** CAIQ questions read by the last fromStix call, for parseCatalogFile to return. */
let pendingCaiq: { control: string; id: string; question: string }[] = [];

function fromStix(data: unknown): Control[] {
  const objects = Array.isArray(data) ? data : asObject(data).type === 'bundle' ? asArray(asObject(data).objects) : [data];
  const controls: Control[] = [];
  for (const [index, object] of objects.map(asObject).entries()) {
    if (object.type === 'bundle' || object.type === 'identity' || object.type === 'marking-definition' || object.type === 'relationship' || object.type === 'extension-definition') continue;
    const reference = asArray(object.external_references).map(asObject).find((ref) => /^[A-Za-z]{2,5}-\d{1,3}$/.test(asText(ref.external_id)));
    // CSA's x-control objects name the control in `control_identifier`; older exports in an external reference.
    const id = (asText(object.control_identifier) || asText(reference?.external_id) || asText(object.x_control_id)).toUpperCase();
    if (!id) throw new Error(`STIX object ${index + 1} has no control id (control_identifier or external_references)`);
    // A CAIQ question (framework aicm-caiq, id CEK-13.1) belongs to its control: kept aside, merged by the loader.
    const caiq = /^([A-Z]{2,5}-\d{1,3})\.(\d+)$/.exec(id);
    if (caiq) {
      const question = asText(object.specification) || asText(object.description);
      if (question) pendingCaiq.push({ control: caiq[1], id, question });
      continue;
    }
    const domain = asText(object.domain) || asText(object.x_csa_domain) || asText(object.x_domain);
    const control = emptyControl(id, asText(object.name), { id: id.split('-')[0], title: domain || id.split('-')[0] }, asText(object.specification) || asText(object.description));
    const framework = asText(object.framework);
    if (framework) control.framework = `${asText(object.framework_namespace) === 'cloudsecurityalliance.org' ? 'CSA ' : ''}${framework.toUpperCase()}`;
    if (asText(object.framework_version)) control.edition = asText(object.framework_version);
    const auditing = asObject(object.auditing_guidelines);
    // One numbered list per SSRM role; the cloud service provider's is the fullest (the auditor's reading uses it).
    const list = asText(auditing.cloud_service_provider) || Object.values(auditing).map(asText).find(Boolean) || '';
    control.auditingGuidelines = numberedItems(list);
    controls.push(control);
  }
  return controls;
}

/** "1. text\n\n2. text" -> guidelines 1 and 2 (the text after the last item's blank line stays with it). */
function numberedItems(text: string): Guideline[] {
  const items: Guideline[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(\d{1,2})\.\s+(\S.*)$/.exec(line);
    if (match) items.push({ number: Number(match[1]), text: match[2].trim() });
    else if (items.length > 0 && line.trim()) items[items.length - 1].text += ` ${line.trim()}`;
  }
  return items.filter((item, index, all) => all.findIndex((other) => other.number === item.number) === index);
}

/** The SSRM layer an actor works at: CSP -> PI, MP -> Model, OSP -> Orchestrated, AP and AIC -> Application. */
export function layerForActor(actor: string): OwnershipLayer | undefined {
  return ({ CSP: 'PI', MP: 'Model', OSP: 'Orchestrated', AP: 'Application', AIC: 'Application' } as Record<string, OwnershipLayer>)[actor.toUpperCase()];
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
