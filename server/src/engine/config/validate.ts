import Ajv, { type ValidateFunction } from 'ajv';
import { didYouMean } from './nearest';

/** The JSON Schema subset our settings and `.cekpolicy.yaml` schemas use. */
export interface ValueSchema {
  type?: string | string[];
  enum?: unknown[];
  oneOf?: ValueSchema[];
  items?: ValueSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, ValueSchema>;
  additionalProperties?: boolean | ValueSchema;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  default?: unknown;
}

/** One bad value: where (a path of keys and indexes), and a message that names it and says what it must be. */
export interface ValueProblem {
  path: (string | number)[];
  /** The key itself is the problem (an unknown key), not its value. */
  atKey?: boolean;
  message: string;
}

/** Made on first use: a run without settings or `.cekpolicy.yaml` to check never pays for it. */
let ajv: Ajv | undefined;
const compiled = new WeakMap<ValueSchema, ValidateFunction>();

function validator(schema: ValueSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = (ajv ??= new Ajv({ allErrors: false, strict: false })).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Checks a value against its schema and keeps what is valid: a mapping keeps its good entries, a list its good
 * items; anything else bad is dropped whole (undefined), so the caller's default applies. Every drop is one
 * problem naming the value by its path. Never throws; messages quote a value only when it is a short plain word.
 */
export function validateValue(schema: ValueSchema, value: unknown, path: (string | number)[], name: (path: (string | number)[]) => string, problems: ValueProblem[]): unknown {
  if (validator(schema)(value)) return value;
  const alternative = schema.oneOf?.find((option) => kindMatches(option, value));
  if (alternative) return validateValue(alternative, value, path, name, problems);
  if (isPlainObject(value) && typeOf(schema) === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const sub = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key]
        : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      if (!sub) {
        if (schema.additionalProperties === false) {
          const known = Object.keys(schema.properties ?? {});
          problems.push({ path: [...path, key], atKey: true, message: `Unknown key ${name([...path, key])}${didYouMean(key, known) || (known.length ? ` (known: ${known.join(', ')})` : '')}; it is ignored.` });
        } else {
          Object.defineProperty(kept, key, { value: item, enumerable: true, writable: true, configurable: true });
        }
        continue;
      }
      const checked = validateValue(sub, item, [...path, key], name, problems);
      if (checked !== undefined) Object.defineProperty(kept, key, { value: checked, enumerable: true, writable: true, configurable: true });
    }
    return kept;
  }
  if (Array.isArray(value as unknown) && typeOf(schema) === 'array' && schema.items) {
    const kept = (value as unknown[]).map((item, index) => validateValue(schema.items!, item, [...path, index], name, problems)).filter((item) => item !== undefined);
    return validator(schema)(kept) ? kept : drop();
  }
  return drop();

  function drop(): undefined {
    const found = kindOf(value);
    const expected = schema.enum ? schema.enum.map(kindOf) : [typeOf(schema) === 'integer' ? 'number' : typeOf(schema)];
    const says = expected.includes(found) ? (schema.enum ? notThis(value, schema.enum) : '') : ` (it is ${describe(value)})`;
    const fallback = typeof path[path.length - 1] === 'number' ? 'it is left out' : 'it is ignored and the default is used';
    problems.push({ path, message: `${name(path)} must be ${expectation(schema)}${says}; ${fallback}.` });
    return undefined;
  }
}

/**
 * `, not "XP" (did you mean "MP"?)` for a short plain word that is not one of the choices; nothing for any other
 * value, so no message quotes what could be markup, a control character or a wall of text.
 */
function notThis(value: unknown, choices: unknown[]): string {
  if (typeof value !== 'string' || !/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u.test(value)) return '';
  return `, not "${value}"${didYouMean(value, choices.filter((choice): choice is string => typeof choice === 'string' && choice !== ''))}`;
}

function typeOf(schema: ValueSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : schema.type;
}

function kindMatches(schema: ValueSchema, value: unknown): boolean {
  const type = typeOf(schema);
  if (Array.isArray(value)) return type === 'array';
  if (isPlainObject(value)) return type === 'object';
  return type !== 'array' && type !== 'object';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value must be, in words, from its schema: "a whole number from 1 to 12", "a list of strings". */
export function expectation(schema: ValueSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((option) => (option === '' ? '"" (empty)' : String(option))).join(', ')}`;
  if (schema.oneOf) return schema.oneOf.map(expectation).join(', or ');
  switch (typeOf(schema)) {
    case 'string':
      return schema.pattern ? 'a date as YYYY-MM-DD (or empty)' : 'a string';
    case 'integer':
    case 'number': {
      const noun = typeOf(schema) === 'integer' ? 'a whole number' : 'a number';
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `${noun} from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `${noun} of at least ${schema.minimum}`;
      return noun;
    }
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = schema.items ? plural(schema.items) : 'values';
      if (schema.minItems === 2 && schema.maxItems === 2) return `a pair of ${items}`;
      return `a list of ${items}${schema.minItems ? ` (at least ${schema.minItems})` : ''}`;
    }
    case 'object':
      if (typeof schema.additionalProperties === 'object') return `a mapping whose values are ${expectation(schema.additionalProperties)}`;
      return `a mapping of ${Object.keys(schema.properties ?? {}).join(', ')}`;
    default:
      return 'a valid value';
  }
}

function plural(schema: ValueSchema): string {
  if (schema.enum) return `values from ${schema.enum.join(', ')}`;
  if (typeOf(schema) === 'array' && schema.minItems === 2 && schema.maxItems === 2) return `pairs of ${schema.items ? plural(schema.items) : 'values'}`;
  return { string: 'strings', integer: 'whole numbers', number: 'numbers', boolean: 'booleans', object: 'mappings', array: 'lists' }[typeOf(schema) ?? ''] ?? 'values';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The kind of a value, never the value itself (it may come from any file). */
export function describe(value: unknown): string {
  return ({ null: 'null', array: 'a list', object: 'a mapping', string: 'a string', number: 'a number', boolean: 'true or false', undefined: 'missing' } as Record<string, string>)[kindOf(value)] ?? `a ${typeof value}`;
}
