import { BUILTIN_PACK_DATA } from './builtinPacks.generated';
import { compiledLexicon } from '../evidence/concepts';
import { DomainLexicon } from './match';
import type { ControlPack, PackConceptSpec } from './types';

/** The CEK domain in order: CEK-01 and CEK-02 (judged by their guidelines) and the packs CEK-03..CEK-21. */
export const DOMAIN_CONTROL_IDS = Array.from({ length: 21 }, (_, index) => `CEK-${String(index + 1).padStart(2, '0')}`);

let builtin: ControlPack[] | undefined;

/** The built-in control packs (controls/packs.json), in domain order. */
export function builtinPacks(): ControlPack[] {
  builtin ??= (BUILTIN_PACK_DATA as ControlPack[]).map((pack) => ({ ...pack, control: stripSchema(pack.control) }));
  return builtin;
}

function stripSchema<T extends object>(value: T): T {
  const { $schema: _schema, ...rest } = value as T & { $schema?: string };
  return rest as T;
}

export function builtinPack(id: string): ControlPack | undefined {
  return builtinPacks().find((pack) => pack.control.id === id.toUpperCase());
}

/** Every concept of a set of packs, keyed `CEK-NN:name` (references between packs use the same key). */
function conceptsOf(packs: ControlPack[]): Map<string, PackConceptSpec> {
  const concepts = new Map<string, PackConceptSpec>();
  for (const pack of packs) for (const [name, spec] of Object.entries(pack.concepts)) concepts.set(`${pack.control.id}:${name}`, spec);
  return concepts;
}

/** A concept reference of an element, resolved against its pack: `rotationInterval` or `CEK-04:algorithmWithSize`. */
export function conceptKey(pack: ControlPack, reference: string): string {
  return reference.includes(':') ? reference : `${pack.control.id}:${reference}`;
}

let builtinLexicon: DomainLexicon | undefined;
const userLexicons = new WeakMap<ControlPack[], DomainLexicon>();

/** The compiled concepts of the built-in packs plus any user packs (a user set is compiled once per list). */
export function lexiconFor(userPacks: ControlPack[]): DomainLexicon {
  // The built-in packs share the evidence stage's matcher (it registers their terms when it is compiled).
  if (userPacks.length === 0) return (builtinLexicon ??= new DomainLexicon(conceptsOf(builtinPacks()), { matcher: compiledLexicon().matcher }));
  let lexicon = userLexicons.get(userPacks);
  if (!lexicon) userLexicons.set(userPacks, (lexicon = new DomainLexicon(conceptsOf([...builtinPacks(), ...userPacks]))));
  return lexicon;
}
