/**
 * Array helpers that take any number of items: `target.push(...items)` passes every item as an argument, and a
 * few hundred thousand of them (comments, table rows, catalog entries from an untrusted file) overflow the stack.
 */

/** Appends the items to the target, one by one; returns the target. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** Puts the items before the target's first, in their order; returns the target. */
export function prepend<T>(target: T[], items: readonly T[]): T[] {
  const rest = target.splice(0, target.length);
  append(target, items);
  return append(target, rest);
}

/** The smallest and the largest of the values (a loop, not `Math.min(...values)`); undefined for none. */
export function extent(values: Iterable<number>): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : undefined;
}

/** Appends lines and lists of lines, in order (`out.push(head, ...list, '')` without spreading the list). */
export function pushLines(out: string[], ...parts: (string | readonly string[])[]): string[] {
  for (const part of parts) {
    if (typeof part === 'string') out.push(part);
    else append(out, part);
  }
  return out;
}
