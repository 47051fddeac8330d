import { identityPlaceholders } from '../evidence/identityPlaceholders';
import { readsAsEnglish } from '../evidence/language';
import type { PolicyDocument } from '../parse/document';
import { isActor, type Actor } from './duties';
import { ConceptIndex, type ConceptEvidence } from '../evidence/concepts';
import { inferActor, type ActorInference } from '../evidence/actor';
import type { ConceptId, HeadingTopic } from '../evidence/lexicon';
import { readMetadata, type Metadata } from '../evidence/metadata';
import { readRoles } from '../evidence/roles';
import { statementsOf } from '../evidence/statements';
import type { RoleModel, TextValue } from '../evidence/types';
import type { MarkdownSection } from '../parse/markdown';
import { isPlaceholderText } from '../parse/placeholder';
import type { Span } from '../types';
import { entryOf, type PEntry, type PMap, type PNode, type PScalar } from '../parse/yamlModel';
import { MAX_NESTING_DEPTH } from '../parse/limits';
import { append } from '../arrays';

export type { RoleModel, TextValue } from '../evidence/types';
export type { MetaValue } from '../evidence/metadata';
export type { MetaKey } from '../evidence/lexicon';
export { textList } from '../evidence/roles';

/**
 * The policy as requirements and rules see it: the structured fields (YAML root or front matter) and the
 * evidence read from the body - statements and the concepts they establish, roles in any layout,
 * metadata wherever it is kept, and the organisation's SSRM role. Built once per check; rules never parse.
 */
export class PolicyModel {
  readonly root?: PMap;
  readonly concepts: ConceptIndex;
  readonly roles: RoleModel[];
  /** Where roles are declared: the `roles` key or the roles section heading; undefined when nowhere. */
  readonly rolesSpan?: Span;
  /** The roles section of the body, when there is one. */
  readonly rolesSection?: number;
  readonly meta: Metadata;
  readonly actor: ActorInference;

  constructor(readonly doc: PolicyDocument, configActors: string[] = []) {
    this.root = doc.root;
    this.concepts = new ConceptIndex(statementsOf(doc.markdown), doc.markdown?.sections ?? []);
    const roles = readRoles(doc.text, this.root, doc.markdown, this.concepts.statements, this.concepts);
    this.roles = roles.roles;
    this.rolesSpan = roles.span;
    this.rolesSection = roles.section;
    this.meta = readMetadata(doc.text, this.root, doc.markdown);
    this.actor = inferActor(this.root, configActors, this.concepts, this.roles);
  }

  get format() {
    return this.doc.format;
  }

  private identityReading?: ReturnType<typeof identityPlaceholders>;

  /** Placeholders in the body that stand for the organisation (`[Company Name]`), read once. */
  get identityPlaceholders(): ReturnType<typeof identityPlaceholders> {
    return (this.identityReading ??= identityPlaceholders(this.concepts.statements));
  }

  private languageReading?: ReturnType<typeof readsAsEnglish>;

  /** Whether the body reads as English (the only language whose prose is read), judged once. */
  get language(): ReturnType<typeof readsAsEnglish> {
    return (this.languageReading ??= readsAsEnglish(this.concepts.statements));
  }

  /** The actor codes the document is judged as (declared, configured or inferred). */
  get actorCodes(): Actor[] {
    return this.actor.codes.filter(isActor);
  }

  /** The `actor` values as written in the document. */
  get actors(): TextValue[] {
    return this.actor.declared;
  }

  entry(key: string): PEntry | undefined {
    return entryOf(this.root, key);
  }

  field(key: string): PNode | undefined {
    return this.entry(key)?.value;
  }

  at(...path: (string | number)[]): PNode | undefined {
    let node: PNode | undefined = this.root;
    for (const step of path) {
      if (!node) return undefined;
      if (typeof step === 'number') node = node.kind === 'seq' ? node.items[step] : undefined;
      else node = node.kind === 'map' ? entryOf(node, step)?.value : undefined;
    }
    return node;
  }

  private entries?: Map<PNode, PEntry>;

  /**
   * The map entry whose value is `node`, for evidence that quotes `key: value`: found by descending through the
   * values whose span holds the node's (each level's entries are in source order), so nothing is built or kept for
   * the usual question; an index of every value is built only if that descent fails (shared alias targets).
   */
  entryOfValue(node: PNode): PEntry | undefined {
    const within = (outer: PNode) => outer !== node && outer.span.start <= node.span.start && node.span.end <= outer.span.end;
    let current: PNode | undefined = this.root;
    for (let depth = 0; current && depth <= MAX_NESTING_DEPTH; depth++) {
      let next: PNode | undefined;
      if (current.kind === 'map') {
        for (const entry of current.entries) {
          if (entry.value === node) return entry;
          if (!next && within(entry.value)) next = entry.value;
        }
      } else if (current.kind === 'seq') {
        next = current.items.find(within);
      }
      if (!next || next === current) break;
      current = next;
    }
    return this.indexedEntries().get(node);
  }

  private indexedEntries(): Map<PNode, PEntry> {
    if (!this.entries) {
      this.entries = new Map();
      const stack: PNode[] = this.root ? [this.root] : [];
      const seen = new Set<PNode>();
      while (stack.length > 0) {
        const current = stack.pop()!;
        if (seen.has(current)) continue;
        seen.add(current);
        if (current.kind === 'map') {
          for (const entry of current.entries) {
            if (!this.entries.has(entry.value)) this.entries.set(entry.value, entry);
            stack.push(entry.value);
          }
        } else if (current.kind === 'seq') {
          append(stack, current.items);
        }
      }
    }
    return this.entries;
  }

  /** The entry at a key path (its key span and value), for evidence that quotes `key: value`. */
  entryAt(...path: string[]): PEntry | undefined {
    const parent = path.length > 1 ? this.at(...path.slice(0, -1)) : this.root;
    return entryOf(parent, path[path.length - 1]);
  }

  /** Statements of the body that establish a concept: all of them, or the first `limit`. */
  evidence(concept: ConceptId, limit?: number): ConceptEvidence[] {
    return this.concepts.hits(concept, limit);
  }

  /** The first body section whose heading is about the topic (by its words). */
  section(topic: HeadingTopic): MarkdownSection | undefined {
    const index = this.concepts.sectionsAbout(topic)[0];
    return index === undefined ? undefined : this.doc.markdown?.sections[index];
  }

  /** A section about the topic that says something beyond placeholders. */
  filledSection(topic: HeadingTopic): MarkdownSection | undefined {
    const sections = this.doc.markdown?.sections ?? [];
    return this.concepts.sectionsAbout(topic).map((index) => sections[index]).find((section) => section.hasContent);
  }
}

/** A value counts as stated when it is not empty and not a template placeholder. */
export function isFilled(node: PNode | undefined): boolean {
  if (!node) return false;
  if (node.kind === 'scalar') return typeof node.value === 'boolean' || typeof node.value === 'number' || (typeof node.value === 'string' && !isPlaceholderText(node.value));
  if (node.kind === 'seq') return node.items.some(isFilled);
  return node.entries.some((entry) => isFilled(entry.value));
}

export function scalarText(node: PNode | undefined): string | undefined {
  if (!node || node.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

export function asScalar(node: PNode | undefined): PScalar | undefined {
  return node && node.kind === 'scalar' ? node : undefined;
}
