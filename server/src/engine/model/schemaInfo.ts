import policySchema from '../../../../schemas/crypto-policy.schema.json';
import type { PEntry, PNode } from '../parse/yamlModel';

export interface SchemaNode {
  markdownDescription?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: string[];
  type?: string | string[];
}

const root = policySchema as unknown as SchemaNode;

/** The object-shaped schema of a node that may be written in several forms (anyOf). */
function objectForm(node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node) return undefined;
  if (node.properties) return node;
  return node.anyOf?.find((variant) => variant.properties);
}

/** Schema of the value at a key path (array indexes skipped), e.g. ['review', 'next'] or ['roles', 'trained']. */
export function schemaAt(path: string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const key of path) {
    let current: SchemaNode | undefined = objectForm(node) ?? node;
    if (current?.items) current = objectForm(current.items) ?? current.items;
    node = current?.properties?.[key];
    if (!node) return undefined;
  }
  return node;
}

/** Keys allowed in the object at a path (for completion). */
export function propertiesAt(path: string[]): Record<string, SchemaNode> {
  let node: SchemaNode | undefined = path.length === 0 ? root : schemaAt(path);
  if (node?.items) node = node.items;
  return objectForm(node)?.properties ?? {};
}

export interface EntryAtOffset {
  path: string[];
  entry: PEntry;
}

/** The innermost map entry whose key or value contains the offset, with its key path. */
export function entryAt(node: PNode | undefined, offset: number, path: string[] = []): EntryAtOffset | undefined {
  if (!node) return undefined;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      if (offset >= item.span.start && offset <= item.span.end) return entryAt(item, offset, path);
    }
    return undefined;
  }
  if (node.kind !== 'map') return undefined;
  for (const entry of node.entries) {
    const end = Math.max(entry.keySpan.end, entry.value.span.end);
    if (offset < entry.keySpan.start || offset > end) continue;
    const inner = entry.value.kind !== 'scalar' ? entryAt(entry.value, offset, [...path, entry.key]) : undefined;
    return inner ?? { path: [...path, entry.key], entry };
  }
  return undefined;
}

/** True when the schema accepts a list at this path (so a one-item flow list there is a list, not a `[placeholder]`). */
export function acceptsList(path: string[]): boolean {
  const node = schemaAt(path);
  if (!node) return true;
  const types = [node, ...(node.anyOf ?? [])].flatMap((variant) => (Array.isArray(variant.type) ? variant.type : variant.type ? [variant.type] : []));
  return types.includes('array') || types.length === 0;
}
