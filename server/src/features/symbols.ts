import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { rootEntries, type NodeKind } from './outline';
import { toRange } from './positions';
import type { FeatureView } from './view';

const KIND: Record<NodeKind, SymbolKind> = { map: SymbolKind.Object, seq: SymbolKind.Array, scalar: SymbolKind.Property };

/** Outline: root fields (roles listed one by one) and Markdown sections. */
export function documentSymbols(view: FeatureView): DocumentSymbol[] {
  const { lines } = view;
  // Roles are listed where the document was read as a policy (it parsed): then it has an actor.
  const read = view.actor !== undefined;
  const symbols: DocumentSymbol[] = [];
  for (const entry of view.outline ? rootEntries(view.outline) : []) {
    const end = Math.max(entry.keySpan.end, entry.value.end);
    const symbol: DocumentSymbol = { name: entry.key, kind: KIND[entry.kind], range: toRange(lines, { start: entry.keySpan.start, end }), selectionRange: toRange(lines, entry.keySpan) };
    if (entry.text !== undefined) symbol.detail = entry.text;
    if (entry.key === 'roles' && read) {
      symbol.children = view.roles.filter((role) => role.source === 'yaml').map((role) => ({
        name: role.id?.value ?? role.title?.value ?? 'role',
        detail: role.assignee?.value,
        kind: SymbolKind.Class,
        range: toRange(lines, role.span),
        selectionRange: toRange(lines, role.id?.span ?? role.span),
      }));
    }
    symbols.push(symbol);
  }
  const sections = view.markdown?.sections ?? [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  for (const [index, section] of sections.entries()) {
    const symbol: DocumentSymbol = { name: section.heading || '(untitled)', kind: SymbolKind.String, range: toRange(lines, section.span), selectionRange: toRange(lines, section.headingSpan), children: [] };
    if (read && index === view.rolesSection) {
      symbol.children = view.roles.filter((role) => role.source === 'table').map((role) => ({ name: role.title?.value ?? role.id?.value ?? 'role', detail: role.assignee?.value, kind: SymbolKind.Class, range: toRange(lines, role.span), selectionRange: toRange(lines, role.title?.span ?? role.span) }));
    }
    while (stack.length > 0 && stack[stack.length - 1].depth >= section.depth) stack.pop();
    if (stack.length > 0) stack[stack.length - 1].symbol.children!.push(symbol);
    else symbols.push(symbol);
    stack.push({ depth: section.depth, symbol });
  }
  return symbols;
}
