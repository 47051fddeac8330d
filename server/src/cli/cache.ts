import { existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { readSource } from '../engine/parse/source';
import { PACKAGE_VERSION } from '../packageInfo';
import type { FileOutcome } from './checkFile';
import { describeError } from './files';

/** `--cache-location`'s default, in the working directory (a folder given there holds a file of this name). */
export const DEFAULT_CACHE_FILE = '.cekpolicycache';
const CACHE_FORMAT = 2;
/** A cache file larger than this is not read (and is rewritten): no cache of real policies comes near it. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

interface CacheEntry {
  /** sha256 of the file's content, its config, catalog, today and the package version (see checkFileJob). */
  key: string;
  outcome: FileOutcome;
}

interface CacheFile {
  tool: 'cek-policy';
  format: typeof CACHE_FORMAT;
  version: string;
  /** By absolute path. */
  entries: Record<string, CacheEntry>;
}

const region = {
  type: 'object',
  required: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength'],
  additionalProperties: false,
  properties: Object.fromEntries(['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength'].map((name) => [name, { type: 'integer', minimum: 0 }])),
};
const text = { type: 'string', maxLength: 1_000_000 };
const finding = {
  type: 'object',
  required: ['rule', 'control', 'guidelines', 'severity', 'message', 'region', 'fingerprint', 'textFingerprint'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' },
    control: { type: 'string', maxLength: 64 },
    guidelines: { type: 'array', items: { type: 'string', maxLength: 200 } },
    severity: { enum: ['error', 'warning', 'info'] },
    message: text,
    region,
    fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}:[0-9]{1,9}$' },
    textFingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$' },
    related: { type: 'array', items: { type: 'object', required: ['region', 'message'], additionalProperties: false, properties: { region, message: text } } },
    fix: {
      type: 'object', required: ['title', 'replacements', 'range', 'text'], additionalProperties: false,
      properties: {
        title: text,
        replacements: { type: 'array', items: { type: 'object', required: ['region', 'text'], additionalProperties: false, properties: { region, text } } },
        range: { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 },
        text,
      },
    },
    suppression: { type: 'object', additionalProperties: false, properties: { justification: text, until: { type: 'string', maxLength: 64 } } },
  },
};
/** The cache is data from the disk: read only when it is, field by field, what this version writes. */
const CACHE_SCHEMA = {
  type: 'object',
  required: ['tool', 'format', 'version', 'entries'],
  additionalProperties: false,
  properties: {
    tool: { const: 'cek-policy' },
    format: { const: CACHE_FORMAT },
    version: { const: PACKAGE_VERSION },
    entries: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['key', 'outcome'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          outcome: { type: 'object', required: ['isPolicy', 'findings'], additionalProperties: false, properties: { isPolicy: { type: 'boolean' }, notPolicyReason: text, findings: { type: 'array', items: finding } } },
        },
      },
    },
  },
};

/**
 * `--cache`: each file's findings, keyed on its content, its config, the catalog and the package version (as
 * ESLint does), so a re-run checks only what changed. Results of --fix are never cached.
 */
export class ResultCache {
  hits = 0;
  private readonly entries: Map<string, CacheEntry>;

  private constructor(readonly file: string, entries: Map<string, CacheEntry>, readonly discarded: boolean) {
    this.entries = entries;
  }

  /**
   * Reads the cache at `location`; a missing, corrupt, foreign or older cache starts empty (and is rewritten by `save`).
   * Through the guarded reader, and never through a symbolic link: a cache committed as a link (to /dev/zero, to a
   * file elsewhere), a FIFO, a device or a file over the limit is not read; `save` then replaces the entry itself.
   */
  static open(location: string, cwd: string): ResultCache {
    let file = resolve(cwd, location);
    // A folder named with a trailing slash is the user's; otherwise a link to a folder is a bad cache, not a folder.
    if (/[\\/]$/.test(location) || isDirectory(file, false)) file = join(file, DEFAULT_CACHE_FILE);
    let parsed: unknown;
    try {
      const source = readSource(file, MAX_CACHE_BYTES, 'caches', { noFollow: true });
      if (source.kind !== 'text') return new ResultCache(file, new Map(), true);
      parsed = JSON.parse(source.text);
    } catch (error) {
      return new ResultCache(file, new Map(), (error as NodeJS.ErrnoException).code !== 'ENOENT');
    }
    if (!validCache(parsed)) return new ResultCache(file, new Map(), true);
    return new ResultCache(file, new Map(Object.entries(parsed.entries)), false);
  }

  keyFor(path: string): string | undefined {
    return this.entries.get(path)?.key;
  }

  /** The stored outcome of a file whose key still matches (the worker said so). */
  hit(path: string): FileOutcome | undefined {
    const outcome = this.entries.get(path)?.outcome;
    if (outcome) this.hits++;
    return outcome;
  }

  store(path: string, key: string, outcome: FileOutcome): void {
    this.entries.set(path, { key, outcome: { isPolicy: outcome.isPolicy, findings: outcome.findings } });
  }

  forget(path: string): void {
    this.entries.delete(path);
  }

  /** Writes the cache (through a temporary file, so a reader never sees half of it); the reason when it cannot. */
  save(): string | undefined {
    const entries: Record<string, CacheEntry> = {};
    // Files checked in other runs stay (pre-commit checks a few at a time); files that are gone go.
    for (const [path, entry] of this.entries) if (existsSync(path)) entries[path] = entry;
    const content: CacheFile = { tool: 'cek-policy', format: CACHE_FORMAT, version: PACKAGE_VERSION, entries };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // O_EXCL: never through a file or link that is already there.
      writeFileSync(temporary, JSON.stringify(content), { flag: 'wx' });
      renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // Nothing was written, or it cannot be removed either: the reason below is what matters.
      }
      return describeError(error);
    }
  }
}

let validate: ReturnType<Ajv['compile']> | undefined;

function validCache(value: unknown): value is CacheFile {
  validate ??= new Ajv({ strict: true, allErrors: false }).compile(CACHE_SCHEMA);
  return validate(value) === true;
}

function isDirectory(path: string, followLinks = true): boolean {
  try {
    return (followLinks ? statSync(path) : lstatSync(path)).isDirectory();
  } catch {
    return false;
  }
}
