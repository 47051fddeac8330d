import { realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { documentTitles } from '../engine/detect/detectPolicy';
import { readMetadata } from '../engine/evidence/metadata';
import { tokenize } from '../engine/evidence/match';
import { findConfigFile } from '../engine/config/workspace';
import { parsePolicyDocument } from '../engine/parse/document';
import { MAX_POLICY_BYTES } from '../engine/parse/limits';
import { isInside, readSource } from '../engine/parse/source';
import { entryOf } from '../engine/parse/yamlModel';
import { containsRun } from '../engine/sets/references';
import type { LoadedDocument, SetLoader } from '../engine/sets/policySet';
import { expandTargets, findRepositoryRoot } from './files';

/** At most this many files of a project are indexed by id and title (a monorepo's thousands of READMEs are not read). */
export const MAX_INDEX_FILES = 2000;
/** Ids and titles are read from the head of each file. */
const INDEX_HEAD_CHARS = 16 * 1024;
/** And the index stops reading once this much has been read. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;
const ARTICLES = new Set(['the', 'our', 'its', 'their', 'this', 'a', 'an']);
const ID_LABELS = new Set(['id', 'number', 'no', 'ref', 'reference', 'title', 'name', 'identifier']);
const ID_KEYS = ['id', 'document_id', 'doc_id', 'policy_id', 'policy_number', 'reference'];

/** A file of the project as the index keeps it: its head, lower-cased for the look-ups; its ids and titles, read once it is a candidate. */
interface IndexEntry {
  path: string;
  head: string;
  lower: string;
  read?: { ids: string[]; titles: string[][] };
}

/**
 * The project a file belongs to, for resolving its references: the folder holding `.cekpolicy.yaml`, else the git
 * root, else `fallback` (the folder checked, the workspace folder), else the file's own folder.
 */
export function projectRootOf(file: string, fallback?: string): string {
  const config = findConfigFile(dirname(file));
  if (config) return dirname(config);
  const repository = findRepositoryRoot(dirname(file));
  if (repository) return repository;
  return fallback && isInside(fallback, file) ? fallback : dirname(file);
}


/**
 * The documents of one project, as a policy set reads them: a link is read where it points (inside the project
 * only); an id or a title is looked up in an index of the project's YAML and Markdown files (built on first need,
 * .gitignore and .cekpolicyignore honoured, bounded). Every read goes through `readSource`: regular files within the
 * size limit, strict UTF-8, never a FIFO or a device.
 */
export class ProjectDocuments implements SetLoader {
  private index?: IndexEntry[];
  /** Files read to index the project, and files parsed to confirm an id or a title (tests measure the look-up's cost). */
  indexed = 0;
  parsed = 0;

  constructor(readonly root: string, private readonly display: (path: string) => string) {}

  resolve(reference: { kind: 'link' | 'id' | 'title'; target: string }, from: string): LoadedDocument | undefined {
    if (reference.kind === 'link') {
      const path = reference.target.startsWith('/') ? join(this.root, reference.target) : resolve(dirname(from), reference.target);
      return isInside(this.root, path) && path !== from ? this.read(path) : undefined;
    }
    const path = reference.kind === 'id' ? this.byId(reference.target, from) : this.byTitle(reference.target, from);
    return path ? this.read(path) : undefined;
  }

  private resolvedRoot?: string;

  private realRoot(): string {
    if (this.resolvedRoot === undefined) {
      try {
        this.resolvedRoot = realpathSync(this.root);
      } catch {
        this.resolvedRoot = this.root;
      }
    }
    return this.resolvedRoot;
  }

  /** Forgets the index (the editor calls it when files of the workspace change). */
  invalidate(): void {
    this.index = undefined;
  }

  private read(path: string): LoadedDocument | undefined {
    try {
      // A symbolic link inside the project that leads out of it is not a document of the project.
      if (!isInside(this.realRoot(), realpathSync(path))) return undefined;
      const source = readSource(path, MAX_POLICY_BYTES);
      return source.kind === 'text' ? { fileName: path, name: this.display(path), text: source.text } : undefined;
    } catch {
      return undefined;
    }
  }

  private byId(id: string, from: string): string | undefined {
    const wanted = id.toUpperCase();
    // After a label that names it ("Document ID", `id:`, "Policy No."), or opening a title line.
    const candidates = this.candidates(wanted.toLowerCase(), from, (prefix) => {
      const words = stripMarks(prefix).split(' ').filter(Boolean).slice(-3);
      return words.length === 0 || words.some((word) => ID_LABELS.has(word));
    });
    return nearest(candidates.filter((entry) => this.readEntry(entry).ids.includes(wanted)), from);
  }

  private byTitle(title: string, from: string): string | undefined {
    const words = tokenize(title).map((token) => token.word);
    while (words.length > 0 && ARTICLES.has(words[0])) words.shift();
    if (words.length < 2) return undefined;
    // On a title line: a heading, a bold line, `title:` or `name:`.
    const candidates = this.candidates(words[0], from, (prefix) => {
      const line = prefix.trimStart();
      return ['#', '**', '__', 'title', 'name', '"title', "'title"].some((start) => line.startsWith(start)) || stripMarks(line) === '';
    })
      .filter((entry) => this.readEntry(entry).titles.some((each) => containsRun(each, words)));
    const exact = candidates.filter((entry) => this.readEntry(entry).titles.some((each) => each.length === words.length));
    return nearest(exact.length > 0 ? exact : candidates, from);
  }

  /**
   * Files whose head has `needle` (lower case) on a line that could declare it (`declares` reads the line up to it).
   * Only these are parsed: a policy that cites "PR-114" in a sentence costs a text search of each head, not a parse
   * of every file of the project.
   */
  private candidates(needle: string, from: string, declares: (label: string) => boolean): IndexEntry[] {
    return this.entries().filter((entry) => {
      if (entry.path === from) return false;
      for (let at = entry.lower.indexOf(needle); at >= 0; at = entry.lower.indexOf(needle, at + 1)) {
        const lineStart = Math.max(entry.lower.lastIndexOf('\n', at), entry.lower.lastIndexOf('\r', at)) + 1;
        if (declares(entry.lower.slice(Math.max(lineStart, at - 200), at))) return true;
      }
      return false;
    });
  }

  /** The ids and titles a file declares (front matter, metadata, title), parsed from its head on first need. */
  private readEntry(entry: IndexEntry): { ids: string[]; titles: string[][] } {
    if (entry.read) return entry.read;
    const document = parsePolicyDocument(entry.head, entry.path);
    const ids = new Set<string>();
    for (const key of ID_KEYS) {
      const value = entryOf(document.root, key)?.value;
      if (value?.kind === 'scalar' && value.value !== null) ids.add(String(value.value).trim().toUpperCase());
    }
    const meta = readMetadata(document.text, document.root, document.markdown).id?.value;
    if (meta) ids.add(meta.trim().toUpperCase());
    const titles = documentTitles(document);
    // "KM-PROC-4 Key Management Procedure", "POL-011: Encryption Policy": an id that opens the title.
    for (const title of titles) {
      const first = title.trim().split(/[\s:]/)[0];
      if (first.includes('-') && first === first.toUpperCase() && /[0-9]/.test(first)) ids.add(first);
    }
    this.parsed++;
    return (entry.read = { ids: [...ids].filter(Boolean), titles: titles.map((title) => tokenize(title).map((token) => token.word)) });
  }

  private entries(): IndexEntry[] {
    if (this.index) return this.index;
    const index: IndexEntry[] = [];
    let files: string[];
    try {
      files = expandTargets([this.root], [], { cwd: this.root, ignore: true }).targets.map((target) => target.path).slice(0, MAX_INDEX_FILES);
    } catch {
      files = [];
    }
    let bytes = 0;
    for (const path of files) {
      if (bytes > MAX_INDEX_BYTES) break;
      let head: string;
      try {
        const source = readSource(path, MAX_POLICY_BYTES);
        if (source.kind !== 'text') continue;
        head = source.text.slice(0, INDEX_HEAD_CHARS);
      } catch {
        continue;
      }
      bytes += head.length;
      this.indexed++;
      index.push({ path, head, lower: head.toLowerCase() });
    }
    return (this.index = index);
  }
}

/** A line's text before a value, without Markdown marks and punctuation: "| document id |" -> "document id". */
function stripMarks(text: string): string {
  let label = '';
  for (const character of text) label += /[a-z0-9 ]/.test(character) ? character : ' ';
  return label.replace(/ +/g, ' ').trim();
}

/** Of several documents with the same id or title, the one nearest the referring file (fewest folders between them), then the first by path. */
function nearest(entries: IndexEntry[], from: string): string | undefined {
  let best: { path: string; distance: number } | undefined;
  for (const entry of entries) {
    const distance = relative(dirname(from), entry.path).split(sep).length;
    if (!best || distance < best.distance) best = { path: entry.path, distance };
  }
  return best?.path;
}

/** One loader per project root, shared by the files of a run (the CLI) or of a worker's life (the editor). */
export class ProjectLoaders {
  private readonly loaders = new Map<string, ProjectDocuments>();

  /**
   * `fallbackRoot`: the folder checked, for a file outside any project (the CLI's working directory). `fixedRoot`: a
   * root that wins when it holds the file (the editor's workspace folder: references stay inside what is open).
   */
  constructor(private readonly display: (path: string) => string, private readonly fallbackRoot?: (file: string) => string | undefined, private readonly fixedRoot?: (file: string) => string | undefined) {}

  /** The project root per folder: a look-up walks up to the file system root, and the files of a folder share it. */
  private readonly roots = new Map<string, string>();

  forFile(file: string): ProjectDocuments {
    let root = this.roots.get(dirname(file));
    if (root === undefined) {
      const fixed = this.fixedRoot?.(file);
      root = fixed !== undefined && isInside(fixed, file) ? fixed : projectRootOf(file, this.fallbackRoot?.(file));
      this.roots.set(dirname(file), root);
    }
    let loader = this.loaders.get(root);
    if (!loader) this.loaders.set(root, (loader = new ProjectDocuments(root, this.display)));
    return loader;
  }

  /** Files changed: every index is built again when next needed. */
  invalidate(): void {
    for (const loader of this.loaders.values()) loader.invalidate();
    // A `.cekpolicy.yaml` or a `.git` may have come or gone.
    this.roots.clear();
  }
}
